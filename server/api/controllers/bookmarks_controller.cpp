#include "server/api/controllers/controllers.h"
#include "server/api/controllers/recording_access.h"
#include "server/api/json_body.h"
#include "server/api/responses.h"

namespace callvault::server::api::controllers {
namespace {

std::int64_t requiredMs(const JsonBody& body, std::string_view field) {
    const nlohmann::json& j = body.json();
    const auto it = j.find(std::string(field));
    if (it == j.end() || !it->is_number_integer()) {
        throw ApiError(ErrorCode::ValidationFailed,
                       std::string(field) + ": required, a whole number of milliseconds");
    }
    return it->get<std::int64_t>();
}

}  // namespace

ApiResponse listBookmarks(RequestContext& ctx) {
    ctx.allowQuery({});
    const store::RecordingRow row = requireRecording(ctx, Permission::ListenRecording);
    return jsonResponse(
        200,
        nlohmann::json{{"bookmarks", ctx.store().bookmarks(row.recording.companyId, row.recording.callId)}});
}

ApiResponse createBookmark(RequestContext& ctx) {
    ctx.requirePermission(Permission::EditRecordingMarks);
    ctx.allowQuery({});
    const JsonBody body = JsonBody::parse(ctx.request(), {"start_ms", "end_ms", "text"});
    Bookmark bookmark;
    bookmark.startMs = requiredMs(body, "start_ms");
    bookmark.endMs = requiredMs(body, "end_ms");
    bookmark.text = body.optionalString("text").value_or("");
    requireValid("text", checkRemark(bookmark.text));
    const store::RecordingRow row = requireRecording(ctx, Permission::EditRecordingMarks);
    if (bookmark.startMs < 0 || bookmark.startMs >= bookmark.endMs) {
        throw ApiError(ErrorCode::ValidationFailed, "start_ms must be at least 0 and before end_ms");
    }
    if (bookmark.endMs > row.recording.durationMs) {
        throw ApiError(ErrorCode::ValidationFailed, "end_ms: the recording lasts only " +
                                                        std::to_string(row.recording.durationMs) + " ms");
    }
    bookmark.companyId = row.recording.companyId;
    bookmark.callId = row.recording.callId;
    bookmark.createdBy = ctx.user().id;
    const Bookmark created = ctx.store().createBookmark(bookmark);
    auditRecording(ctx, row.recording, "bookmark.create",
                   {{"bookmark_id", created.id},
                    {"start_ms", created.startMs},
                    {"end_ms", created.endMs},
                    {"text", created.text}});
    return jsonResponse(201, nlohmann::json(created));
}

ApiResponse deleteBookmark(RequestContext& ctx) {
    ctx.requirePermission(Permission::EditRecordingMarks);
    ctx.allowQuery({});
    const store::RecordingRow row = requireRecording(ctx, Permission::EditRecordingMarks);
    if (!ctx.store().deleteBookmark(row.recording.companyId, row.recording.callId, ctx.route().rowId)) {
        throw ApiError(ErrorCode::NotFound, "no such bookmark");
    }
    auditRecording(ctx, row.recording, "bookmark.delete", {{"bookmark_id", ctx.route().rowId}});
    return noContent();
}

}  // namespace callvault::server::api::controllers
