#include "server/api/controllers/controllers.h"
#include "server/api/controllers/recording_access.h"
#include "server/api/http_range.h"
#include "server/api/responses.h"
#include "server/app/config.h"
#include "server/record/peaks.h"
#include "server/record/recording_metadata.h"
#include "server/util/log.h"

#include <fstream>

namespace callvault::server::api::controllers {
namespace {

/// A response body is a string held in memory while it is written: one answer carries at most this much of a
/// file, so a player's open range ("bytes=0-") of a long call is served in pieces it asks for one by one.
constexpr std::uint64_t kMaxRangeBytes = 4ULL << 20;

struct RecordingFile {
    std::ifstream stream;
    std::uint64_t size = 0;
};

RecordingFile openMp3(const RequestContext& ctx, const Recording& recording) {
    if (recording.filePath.find("..") != std::string::npos) {
        throw ApiError(ErrorCode::InternalError, "the recording's file path is not valid");
    }
    const std::filesystem::path path = record::finishedMp3Path(ctx.api().config.dataDir, recording.filePath);
    RecordingFile file;
    std::error_code ec;
    file.size = std::filesystem::file_size(path, ec);
    if (!ec) {
        file.stream.open(path, std::ios::binary);
    }
    if (ec || !file.stream) {
        log::error("recording " + recording.callId + ": cannot open " + path.string());
        throw ApiError(ErrorCode::NotFound,
                       "the recording's audio file is missing; the operator has been told");
    }
    return file;
}

std::string readBytes(RecordingFile& file, std::uint64_t first, std::uint64_t length) {
    std::string bytes(length, '\0');
    file.stream.seekg(static_cast<std::streamoff>(first));
    file.stream.read(bytes.data(), static_cast<std::streamsize>(length));
    if (static_cast<std::uint64_t>(file.stream.gcount()) != length) {
        throw ApiError(ErrorCode::InternalError, "the recording's audio file could not be read");
    }
    return bytes;
}

ApiResponse audioResponse(RecordingFile& file, const RangeRequest& range) {
    ApiResponse response;
    response.contentType = "audio/mpeg";
    response.headers.emplace_back("Accept-Ranges", "bytes");
    if (range.kind == RangeRequest::Kind::Unsatisfiable) {
        response =
            errorResponse(ErrorCode::RangeNotSatisfiable, "the Range header does not fit the file of " +
                                                              std::to_string(file.size) + " bytes");
        response.headers.emplace_back("Content-Range", "bytes */" + std::to_string(file.size));
        response.headers.emplace_back("Accept-Ranges", "bytes");
        return response;
    }
    if (range.kind == RangeRequest::Kind::Whole) {
        response.body = readBytes(file, 0, file.size);
        return response;
    }
    response.status = 206;
    response.body = readBytes(file, range.range.first, range.range.length());
    response.headers.emplace_back("Content-Range", "bytes " + std::to_string(range.range.first) + "-" +
                                                       std::to_string(range.range.last) + "/" +
                                                       std::to_string(file.size));
    return response;
}

std::optional<std::string_view> header(const RequestContext& ctx, const std::string& name) {
    const auto it = ctx.request().headers.find(name);
    if (it == ctx.request().headers.end()) {
        return std::nullopt;
    }
    return it->second;
}

nlohmann::json peaksJson(const record::Peaks& peaks) {
    nlohmann::json channels = nlohmann::json::array();
    for (std::uint16_t channel = 0; channel < peaks.channels; ++channel) {
        nlohmann::json values = nlohmann::json::array();
        for (std::size_t i = channel; i < peaks.values.size(); i += peaks.channels) {
            values.push_back(peaks.values[i].min);
            values.push_back(peaks.values[i].max);
        }
        channels.push_back(std::move(values));
    }
    return {{"sample_rate", peaks.sampleRate},
            {"samples_per_peak", peaks.samplesPerPeak},
            {"channels", peaks.channels},
            {"count", peaks.count()},
            {"peaks", std::move(channels)}};
}

}  // namespace

ApiResponse recordingAudio(RequestContext& ctx) {
    ctx.allowQuery({});
    const store::RecordingRow row = requireRecording(ctx, Permission::ListenRecording);
    RecordingFile file = openMp3(ctx, row.recording);
    const std::optional<std::string_view> rangeHeader = header(ctx, "range");
    const RangeRequest range = parseRange(rangeHeader, file.size, kMaxRangeBytes);
    ApiResponse response = audioResponse(file, range);
    // A play starts at byte 0; the player's later range requests (seeking, the rest of the file) are the same
    // play and are neither audited nor counted again.
    const bool startsPlay = range.kind == RangeRequest::Kind::Whole ||
                            (range.kind == RangeRequest::Kind::Partial && range.range.first == 0);
    if (startsPlay) {
        ctx.store().markRecordingListened(row.recording.companyId, row.recording.callId);
        auditRecording(ctx, row.recording, "recording.listen",
                       {{"range", rangeHeader ? std::string(rangeHeader->substr(0, 64)) : std::string()}});
    }
    return response;
}

ApiResponse downloadRecording(RequestContext& ctx) {
    ctx.allowQuery({});
    const store::RecordingRow row = requireRecording(ctx, Permission::DownloadRecording);
    RecordingFile file = openMp3(ctx, row.recording);
    ApiResponse response = audioResponse(file, RangeRequest{});
    response.headers.emplace_back("Content-Disposition",
                                  "attachment; filename=\"" + row.recording.callId + ".mp3\"");
    ctx.store().markRecordingDownloaded(row.recording.companyId, row.recording.callId);
    auditRecording(ctx, row.recording, "recording.download", {{"bytes", file.size}});
    return response;
}

ApiResponse recordingPeaks(RequestContext& ctx) {
    ctx.allowQuery({"format"});
    const std::string* format = queryParameter(ctx, "format");
    if (format != nullptr && *format != "json" && *format != "binary") {
        throw ApiError(ErrorCode::BadRequest, "format: must be json or binary");
    }
    const store::RecordingRow row = requireRecording(ctx, Permission::ListenRecording);
    const std::filesystem::path path =
        record::finishedPeaksPath(ctx.api().config.dataDir, row.recording.filePath);
    std::optional<record::Peaks> peaks;
    std::error_code ec;
    if (row.recording.filePath.find("..") == std::string::npos && std::filesystem::exists(path, ec)) {
        try {
            peaks = record::readPeaksFile(path);
        } catch (const std::exception& error) {
            log::warning("recording " + row.recording.callId + ": unreadable peaks file: " + error.what());
        }
    }
    if (!peaks) {
        // No (good) peaks file beside the MP3: compute them from the audio, as the recorder would have.
        RecordingFile file = openMp3(ctx, row.recording);
        peaks = record::peaksFromMp3(readBytes(file, 0, file.size));
    }
    if (format != nullptr && *format == "json") {
        return jsonResponse(200, peaksJson(*peaks));
    }
    ApiResponse response;
    response.contentType = "application/vnd.callvault.peaks";
    response.body = record::encodePeaks(*peaks);
    return response;
}

}  // namespace callvault::server::api::controllers
