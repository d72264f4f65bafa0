#include "server/record/recording_finalizer.h"

#include "common/formats/call_id.h"
#include "common/formats/recording_path.h"
#include "server/record/file_io.h"
#include "server/record/peaks.h"
#include "server/record/recording_error.h"

#include <nlohmann/json.hpp>

#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace callvault::server::record {
namespace {

bool pathExists(const std::filesystem::path& path) {
    std::error_code ec;
    return std::filesystem::exists(path, ec);
}

void removeFile(const std::filesystem::path& path) {
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
        throw RecordingError("cannot remove " + path.string() + ": " + std::strerror(errno));
    }
}

void requireHash(const std::filesystem::path& path, const std::string& sha256Hex) {
    if (toHex(sha256OfFile(path)) != sha256Hex) {
        throw RecordingError(path.string() + " does not match the SHA-256 recorded when it was finished");
    }
}

}  // namespace

FinishedRecording finalizeSpoolEntry(const std::filesystem::path& dataDir, const RecordingMetadata& metadata,
                                     const SigningKey& key, std::int64_t durationMs, bool recovered) {
    const SpoolPaths spool = spoolPaths(dataDir, metadata.callId);
    const auto digest = sha256OfFile(spool.mp3);

    FinishedRecording finished;
    finished.metadata = metadata;
    finished.filePath = recordingPath(metadata.callId, metadata.startUtcMs / 1000);
    finished.durationMs = durationMs;
    finished.sha256Hex = toHex(digest);
    finished.signatureHex = signRecording(key, metadata.callId, digest);
    std::error_code ec;
    finished.fileSize = std::filesystem::file_size(spool.mp3, ec);
    if (ec) {
        throw RecordingError("cannot read the size of " + spool.mp3.string() + ": " + ec.message());
    }
    finished.recovered = recovered;

    // The commit point: from here on, start-up completes this recording instead of recovering it.
    writeFileAtomically(spool.done, nlohmann::json(finished).dump(2) + "\n");
    removeFile(spool.sidecar);
    syncDirectory(spoolDirectory(dataDir));
    return completeCommittedEntry(dataDir, std::move(finished), false);
}

FinishedRecording completeCommittedEntry(const std::filesystem::path& dataDir, FinishedRecording committed,
                                         bool verify) {
    const SpoolPaths spool = spoolPaths(dataDir, committed.metadata.callId);
    committed.mp3Path = finishedMp3Path(dataDir, committed.filePath);
    committed.peaksPath = finishedPeaksPath(dataDir, committed.filePath);
    const std::filesystem::path folder = committed.mp3Path.parent_path();
    makeDirectories(folder);

    if (pathExists(spool.mp3)) {
        if (pathExists(committed.mp3Path)) {
            // Interrupted between copy and unlink (a move across file systems): keep the finished copy.
            requireHash(committed.mp3Path, committed.sha256Hex);
            removeFile(spool.mp3);
        } else {
            if (verify) {
                requireHash(spool.mp3, committed.sha256Hex);
            }
            moveNoReplace(spool.mp3, committed.mp3Path);
        }
    } else if (!pathExists(committed.mp3Path)) {
        throw RecordingError("the MP3 of committed recording " + committed.metadata.callId + " is missing");
    } else if (verify) {
        requireHash(committed.mp3Path, committed.sha256Hex);
    }

    if (pathExists(spool.peaks)) {
        if (pathExists(committed.peaksPath)) {
            removeFile(spool.peaks);
        } else {
            moveNoReplace(spool.peaks, committed.peaksPath);
        }
    } else if (!pathExists(committed.peaksPath)) {
        writePeaksFile(committed.peaksPath, peaksFromMp3(readWholeFile(committed.mp3Path)));
    }
    syncDirectory(folder);
    syncDirectory(spoolDirectory(dataDir));
    return committed;
}

void releaseSpoolEntry(const std::filesystem::path& dataDir, std::string_view callId) {
    if (!isValidCallId(callId)) {
        throw std::invalid_argument("not a call ID: " + std::string(callId));
    }
    removeFile(spoolPaths(dataDir, callId).done);
    syncDirectory(spoolDirectory(dataDir));
}

}  // namespace callvault::server::record
