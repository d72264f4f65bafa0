#include "server/api/controllers/media_upload.h"

#include "server/app/config.h"
#include "server/record/file_io.h"
#include "server/record/media_files.h"
#include "server/record/mp3_validator.h"

#include <algorithm>
#include <cctype>
#include <system_error>

namespace callvault::server::api::controllers {
namespace {

std::string mediaType(const ApiRequest& request) {
    const auto it = request.headers.find("content-type");
    if (it == request.headers.end()) {
        return {};
    }
    std::string type = it->second.substr(0, it->second.find(';'));
    type.erase(std::remove_if(type.begin(), type.end(), [](unsigned char c) { return std::isspace(c) != 0; }),
               type.end());
    std::transform(type.begin(), type.end(), type.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return type;
}

}  // namespace

CheckedMp3 requireMp3Upload(const RequestContext& ctx) {
    const std::string type = mediaType(ctx.request());
    if (type != "audio/mpeg" && type != "audio/mp3" && type != "application/octet-stream") {
        throw ApiError(ErrorCode::UnsupportedMediaType,
                       "the body must be an MP3 file sent as Content-Type: audio/mpeg");
    }
    const std::string& body = ctx.request().body;
    if (body.size() > kMaxAudioUploadBytes) {
        throw ApiError(ErrorCode::PayloadTooLarge,
                       "file: an MP3 upload may hold at most 10 MiB (10485760 bytes)");
    }
    if (body.empty()) {
        throw ApiError(ErrorCode::ValidationFailed, "file: is required (the request body is empty)");
    }
    const record::Mp3Check check = record::checkMp3Audio(body);
    if (!check.ok) {
        throw ApiError(ErrorCode::ValidationFailed, "file: " + check.error);
    }
    return CheckedMp3{body, check.durationMs};
}

store::MediaFile saveUpload(const std::filesystem::path& folder, const CheckedMp3& upload) {
    return record::saveMediaFile(folder, upload.bytes, upload.durationMs);
}

void discardUpload(const std::filesystem::path& folder, const store::MediaFile& file) noexcept {
    std::error_code ec;
    std::filesystem::remove(folder / file.fileName, ec);
}

ApiResponse mp3FileResponse(const std::filesystem::path& path, const std::string& downloadName,
                            bool download) {
    ApiResponse response;
    response.status = 200;
    response.contentType = "audio/mpeg";
    response.body = record::readWholeFile(path);
    response.headers.emplace_back("Content-Disposition", std::string(download ? "attachment" : "inline") +
                                                             "; filename=\"" + downloadName + "\"");
    return response;
}

bool downloadRequested(const RequestContext& ctx) {
    const auto& query = ctx.route().query;
    const auto it = query.find("download");
    if (it == query.end() || it->second == "false" || it->second == "0") {
        return false;
    }
    if (it->second == "true" || it->second == "1") {
        return true;
    }
    throw ApiError(ErrorCode::BadRequest, "download: must be true or false");
}

std::filesystem::path dataDirectory(const RequestContext& ctx) {
    return ctx.api().config.dataDir;
}

}  // namespace callvault::server::api::controllers
