#include "server/record/spool_recovery.h"

#include "common/formats/call_id.h"
#include "server/record/file_io.h"
#include "server/record/mp3_frames.h"
#include "server/record/mp3_writer.h"
#include "server/record/peaks.h"
#include "server/record/recording_error.h"
#include "server/record/recording_finalizer.h"
#include "server/util/log.h"

#include <nlohmann/json.hpp>

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>

namespace callvault::server::record {
namespace {

namespace fs = std::filesystem;

bool pathExists(const fs::path& path) {
    std::error_code ec;
    return fs::exists(path, ec);
}

/// Files of the spool grouped by the part of their name before the first dot (the call ID).
std::map<std::string, std::vector<fs::path>> spoolEntries(const fs::path& spool) {
    std::map<std::string, std::vector<fs::path>> entries;
    std::error_code ec;
    fs::directory_iterator it(spool, ec);
    if (ec) {
        if (ec == std::errc::no_such_file_or_directory) {
            return entries;
        }
        throw RecordingError("cannot read the spool folder " + spool.string() + ": " + ec.message());
    }
    for (const fs::directory_entry& entry : it) {
        if (entry.is_directory(ec)) {
            continue;  // spool/failed/
        }
        const std::string name = entry.path().filename().string();
        entries[name.substr(0, name.find('.'))].push_back(entry.path());
    }
    return entries;
}

fs::path moveAside(const fs::path& dataDir, const fs::path& file) {
    const fs::path failed = spoolDirectory(dataDir) / "failed";
    makeDirectories(failed);
    fs::path target = failed / file.filename();
    for (int n = 1; pathExists(target); ++n) {
        target = failed / (file.filename().string() + "." + std::to_string(n));
    }
    moveNoReplace(file, target);
    return target;
}

FailedSpoolEntry setAside(const fs::path& dataDir, const std::string& name, const std::vector<fs::path>& files,
                          std::string reason) {
    FailedSpoolEntry failed{name, std::move(reason), {}};
    for (const fs::path& file : files) {
        if (!pathExists(file)) {
            continue;
        }
        try {
            failed.movedTo.push_back(moveAside(dataDir, file));
        } catch (const RecordingError& e) {
            failed.reason += "; " + std::string(e.what());
        }
    }
    log::error("recording spool: " + name + " could not be recovered (" + failed.reason + "); kept in " +
               (spoolDirectory(dataDir) / "failed").string());
    return failed;
}

void removeLeftoverTemps(const std::vector<fs::path>& files) {
    for (const fs::path& file : files) {
        if (file.filename().string().ends_with(".tmp-write")) {
            ::unlink(file.c_str());  // an atomic write that never reached its rename: superseded
        }
    }
}

RecordingMetadata readSidecar(const fs::path& path, const std::string& callId) {
    try {
        const auto json = nlohmann::json::parse(readWholeFile(path));
        auto metadata = json.at("metadata").get<RecordingMetadata>();
        if (metadata.callId != callId) {
            throw RecordingError("sidecar " + path.string() + " names call " + metadata.callId);
        }
        return metadata;
    } catch (const nlohmann::json::exception& e) {
        throw RecordingError("sidecar " + path.string() + " is unreadable: " + e.what());
    }
}

FinishedRecording recoverCrashed(const fs::path& dataDir, const std::string& callId, const SigningKey& key) {
    const SpoolPaths spool = spoolPaths(dataDir, callId);
    const RecordingMetadata metadata = readSidecar(spool.sidecar, callId);
    if (!pathExists(spool.mp3)) {
        throw RecordingError("no MP3 was written");
    }
    const Mp3Scan scan = scanMp3Frames(readWholeFile(spool.mp3));
    if (scan.frames == 0 || scan.sampleRate <= 0) {
        throw RecordingError("the MP3 holds no complete frame");
    }
    if (static_cast<std::int64_t>(fs::file_size(spool.mp3)) != scan.endOffset) {
        // The tail of the last flush may be cut inside a frame: keep whole frames only.
        if (::truncate(spool.mp3.c_str(), static_cast<off_t>(scan.endOffset)) != 0) {
            throw RecordingError("cannot truncate " + spool.mp3.string() + ": " + std::strerror(errno));
        }
    }
    {
        UniqueFd fd = openForAppend(spool.mp3);
        syncFd(fd.get(), spool.mp3);
        fd.close(spool.mp3);
    }
    const std::int64_t samples = std::max<std::int64_t>(0, scan.samples - kMp3CodecDelaySamples);
    const std::int64_t durationMs = samples * 1000 / scan.sampleRate;

    ::unlink(spool.peaks.c_str());  // rebuilt from the audio that survived
    writePeaksFile(spool.peaks, peaksFromMp3(readWholeFile(spool.mp3)));
    return finalizeSpoolEntry(dataDir, metadata, key, durationMs, true);
}

FinishedRecording completeCommitted(const fs::path& dataDir, const std::string& callId) {
    const SpoolPaths spool = spoolPaths(dataDir, callId);
    FinishedRecording committed;
    try {
        committed = nlohmann::json::parse(readWholeFile(spool.done)).get<FinishedRecording>();
    } catch (const nlohmann::json::exception& e) {
        throw RecordingError("commit record " + spool.done.string() + " is unreadable: " + e.what());
    }
    if (committed.metadata.callId != callId) {
        throw RecordingError("commit record " + spool.done.string() + " names call " + committed.metadata.callId);
    }
    FinishedRecording finished = completeCommittedEntry(dataDir, std::move(committed), true);
    // The commit record supersedes the sidecar (a crash right after the commit can leave both).
    ::unlink(spool.sidecar.c_str());
    return finished;
}

}  // namespace

SpoolRecovery recoverSpool(const fs::path& dataDir, const SigningKey& key) {
    SpoolRecovery result;
    for (const auto& [name, files] : spoolEntries(spoolDirectory(dataDir))) {
        if (!isValidCallId(name)) {
            for (const fs::path& file : files) {
                result.failed.push_back(setAside(dataDir, file.filename().string(), {file}, "not a spool file"));
            }
            continue;
        }
        const SpoolPaths spool = spoolPaths(dataDir, name);
        const bool committed = pathExists(spool.done);
        if (!committed && !pathExists(spool.sidecar)) {
            result.failed.push_back(setAside(dataDir, name, files, "no sidecar: the recording never started"));
            continue;
        }
        removeLeftoverTemps(files);
        try {
            FinishedRecording finished = committed ? completeCommitted(dataDir, name)
                                                   : recoverCrashed(dataDir, name, key);
            log::info("recording spool: " + name + (committed ? " finished earlier" : " recovered after a crash") +
                      ", " + std::to_string(finished.durationMs) + " ms, " + finished.filePath);
            result.recordings.push_back(std::move(finished));
        } catch (const std::exception& e) {
            result.failed.push_back(setAside(dataDir, name,
                                             {spool.sidecar, spool.mp3, spool.peaks, spool.done}, e.what()));
        }
    }
    return result;
}

}  // namespace callvault::server::record
