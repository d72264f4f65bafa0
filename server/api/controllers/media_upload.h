#pragma once

#include "server/api/api_request.h"
#include "server/api/request_context.h"
#include "server/store/media_records.h"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace callvault::server::api::controllers {

/// §10, §11, §19: an uploaded greeting or term holds at most 10 MiB.
inline constexpr std::size_t kMaxAudioUploadBytes = 10 * 1024 * 1024;

/// An upload that passed every check: the bytes are real MP3 audio of this duration.
struct CheckedMp3 {
    std::string_view bytes;
    std::int64_t durationMs = 0;
};

/// The request body as an MP3 upload: Content-Type audio/mpeg (audio/mp3 and application/octet-stream are
/// accepted too; anything else 415), at most kMaxAudioUploadBytes (413), real MP3 audio (400
/// validation_failed "file: …" with the reason). Nothing is stored.
CheckedMp3 requireMp3Upload(const RequestContext& ctx);

/// Saves a checked upload under `folder` (see record::saveMediaFile); a failure is a 500.
store::MediaFile saveUpload(const std::filesystem::path& folder, const CheckedMp3& upload);

/// Removes a saved upload whose row could not be written (best effort; the orphan sweep catches the rest).
void discardUpload(const std::filesystem::path& folder, const store::MediaFile& file) noexcept;

/// 200 audio/mpeg with the file's bytes; `Content-Disposition: inline` or, with `download`, `attachment`,
/// under `downloadName`.
ApiResponse mp3FileResponse(const std::filesystem::path& path, const std::string& downloadName,
                            bool download);

/// The `download` query parameter: absent/"false"/"0" → false, "true"/"1" → true, else 400 bad_request.
bool downloadRequested(const RequestContext& ctx);

/// The data folder of the running server.
std::filesystem::path dataDirectory(const RequestContext& ctx);

}  // namespace callvault::server::api::controllers
