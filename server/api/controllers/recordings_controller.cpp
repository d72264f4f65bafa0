#include "common/formats/call_id.h"
#include "common/types/json_helpers.h"
#include "server/api/controllers/controllers.h"
#include "server/api/controllers/recording_access.h"
#include "server/api/json_body.h"
#include "server/api/responses.h"

#include <algorithm>
#include <array>

namespace callvault::server::api::controllers {
namespace {

constexpr int kDefaultLimit = 50;
constexpr int kMaxLimit = 500;
constexpr std::size_t kMaxNoteSearchBytes = 200;
constexpr std::size_t kMaxNoteChars = 2000;

struct SortName {
    std::string_view name;
    store::RecordingSort sort;
};

constexpr std::array kSorts{
    SortName{"start_time", store::RecordingSort::StartTime},
    SortName{"calling_number", store::RecordingSort::CallingNumber},
    SortName{"called_number", store::RecordingSort::CalledNumber},
    SortName{"user_number", store::RecordingSort::UserNumber},
    SortName{"other_number", store::RecordingSort::OtherNumber},
    SortName{"duration", store::RecordingSort::Duration},
    SortName{"call_type", store::RecordingSort::CallType},
    SortName{"status", store::RecordingSort::Status},
    SortName{"group", store::RecordingSort::Group},
    SortName{"locked", store::RecordingSort::Locked},
    SortName{"label", store::RecordingSort::Label},
    SortName{"call_id", store::RecordingSort::CallId},
};

[[noreturn]] void badQuery(const std::string& message) {
    throw ApiError(ErrorCode::BadRequest, message);
}

int countParameter(const RequestContext& ctx, std::string_view name, int fallback, int maximum) {
    const std::string* text = queryParameter(ctx, name);
    if (text == nullptr) {
        return fallback;
    }
    if (text->empty() || text->size() > 9 ||
        !std::all_of(text->begin(), text->end(), [](char c) { return c >= '0' && c <= '9'; })) {
        badQuery(std::string(name) + ": must be a whole number");
    }
    const int value = std::stoi(*text);
    if (value > maximum) {
        badQuery(std::string(name) + ": must be at most " + std::to_string(maximum));
    }
    return value;
}

std::int64_t idParameter(const RequestContext& ctx, std::string_view name) {
    const std::optional<std::int64_t> id = parsePositiveId(*queryParameter(ctx, name));
    if (!id) {
        badQuery(std::string(name) + ": must be a positive id");
    }
    return *id;
}

std::string numberParameter(const RequestContext& ctx, std::string_view name) {
    const std::string& text = *queryParameter(ctx, name);
    if (const ValidationError error = checkPhoneNumber(text); error && text != "anonymous") {
        badQuery(std::string(name) + ": " + *error);
    }
    return text;
}

store::RecordingQuery parseSearch(const RequestContext& ctx, Scope scope) {
    ctx.allowQuery({"from", "to", "group", "user_number", "other_number", "call_type", "label", "note",
                    "call_id", "sort", "order", "offset", "limit", "company"});
    store::RecordingQuery query;
    const std::string* from = queryParameter(ctx, "from");
    const std::string* to = queryParameter(ctx, "to");
    if (from == nullptr || to == nullptr) {
        badQuery("from and to are required (ISO 8601 UTC times, at most one month apart)");
    }
    query.fromMs = requireUtcMs(*from, "from", ErrorCode::BadRequest);
    query.toMs = requireUtcMs(*to, "to", ErrorCode::BadRequest);
    requireAtMostOneMonth(query.fromMs, query.toMs, "from", ErrorCode::BadRequest);

    if (scope == Scope::Unlocked) {
        if (queryParameter(ctx, "company") != nullptr) {
            query.companyId = idParameter(ctx, "company");
        }
    } else {
        if (queryParameter(ctx, "company") != nullptr) {
            badQuery("company: only the Provider chooses a company");
        }
        query.companyId = ctx.companyId();
    }
    query.scope = recordingScope(ctx.user(), scope);
    if (queryParameter(ctx, "group") != nullptr) {
        query.groupId = idParameter(ctx, "group");
    }
    if (queryParameter(ctx, "label") != nullptr) {
        query.labelId = idParameter(ctx, "label");
    }
    if (queryParameter(ctx, "user_number") != nullptr) {
        query.userNumber = numberParameter(ctx, "user_number");
    }
    if (queryParameter(ctx, "other_number") != nullptr) {
        query.otherNumber = numberParameter(ctx, "other_number");
    }
    if (const std::string* type = queryParameter(ctx, "call_type")) {
        query.callType = callTypeFromString(*type);
        if (!query.callType) {
            badQuery("call_type: must be inbound or outbound");
        }
    }
    if (const std::string* note = queryParameter(ctx, "note")) {
        if (note->size() > kMaxNoteSearchBytes) {
            badQuery("note: at most " + std::to_string(kMaxNoteSearchBytes) + " bytes");
        }
        if (note->find_first_not_of(" \t") != std::string::npos) {
            query.noteText = *note;
        }
    }
    if (const std::string* callId = queryParameter(ctx, "call_id")) {
        if (!isValidCallId(*callId)) {
            badQuery("call_id: not a call ID (23 characters, see the CDR)");
        }
        query.callId = *callId;
    }
    if (const std::string* sort = queryParameter(ctx, "sort")) {
        const auto it =
            std::find_if(kSorts.begin(), kSorts.end(), [&](const SortName& s) { return s.name == *sort; });
        if (it == kSorts.end()) {
            badQuery("sort: unknown column '" + sort->substr(0, 32) + "'");
        }
        query.sort = it->sort;
    }
    if (const std::string* order = queryParameter(ctx, "order")) {
        if (*order != "asc" && *order != "desc") {
            badQuery("order: must be asc or desc");
        }
        query.descending = *order == "desc";
    }
    query.offset = countParameter(ctx, "offset", 0, 1'000'000'000);
    query.limit = countParameter(ctx, "limit", kDefaultLimit, kMaxLimit);
    if (query.limit < 1) {
        badQuery("limit: must be at least 1");
    }
    return query;
}

ValidationError checkNote(const std::string& note) {
    if (!isValidUtf8(note)) {
        return "must be valid UTF-8";
    }
    std::size_t chars = 0;
    for (const char c : note) {
        const auto byte = static_cast<unsigned char>(c);
        chars += (byte & 0xC0) != 0x80 ? 1 : 0;
        if ((byte < 0x20 && c != '\n' && c != '\t' && c != '\r') || byte == 0x7f) {
            return "must not contain control characters";
        }
    }
    if (chars > kMaxNoteChars) {
        return "at most " + std::to_string(kMaxNoteChars) + " characters";
    }
    return std::nullopt;
}

}  // namespace

ApiResponse searchRecordings(RequestContext& ctx) {
    const Scope scope = ctx.requirePermission(Permission::SearchRecordings);
    const store::RecordingQuery query = parseSearch(ctx, scope);
    const store::RecordingPage page = ctx.store().searchRecordings(query);
    nlohmann::json rows = nlohmann::json::array();
    for (const store::RecordingRow& row : page.rows) {
        rows.push_back(recordingJson(row));
    }
    return jsonResponse(200, nlohmann::json{{"recordings", std::move(rows)},
                                            {"total", page.total},
                                            {"offset", query.offset},
                                            {"limit", query.limit}});
}

ApiResponse getRecording(RequestContext& ctx) {
    ctx.allowQuery({});
    return jsonResponse(200, recordingJson(requireRecording(ctx, Permission::ListenRecording)));
}

ApiResponse updateRecording(RequestContext& ctx) {
    ctx.requirePermission(Permission::EditRecordingMarks);
    ctx.allowQuery({});
    const JsonBody body = JsonBody::parse(ctx.request(), {"note", "label_id"});
    store::RecordingMarksUpdate update;
    update.note = body.optionalString("note");
    if (update.note) {
        requireValid("note", checkNote(*update.note));
    }
    if (body.has("label_id")) {
        update.labelId =
            body.isNull("label_id") ? std::optional<std::int64_t>() : body.optionalId("label_id");
    }
    const store::RecordingRow before = requireRecording(ctx, Permission::EditRecordingMarks);
    if (update.labelId && *update.labelId &&
        !ctx.store().label(before.recording.companyId, **update.labelId)) {
        throw ApiError(ErrorCode::ValidationFailed, "label_id: no such label in your company");
    }
    if (!ctx.store().updateRecordingMarks(before.recording.companyId, before.recording.callId, update)) {
        throw ApiError(ErrorCode::NotFound, "no such recording");
    }
    std::optional<store::RecordingRow> after =
        ctx.store().recording(before.recording.companyId, before.recording.callId);
    if (!after) {
        throw ApiError(ErrorCode::NotFound, "no such recording");
    }
    nlohmann::json changes = nlohmann::json::object();
    if (before.recording.note != after->recording.note) {
        changes["note"] = {{"from", before.recording.note}, {"to", after->recording.note}};
    }
    if (before.recording.labelId != after->recording.labelId) {
        changes["label_id"] = {{"from", json_fields::optionalId(before.recording.labelId)},
                               {"to", json_fields::optionalId(after->recording.labelId)}};
    }
    auditRecording(ctx, after->recording, "recording.update", {{"changes", std::move(changes)}});
    return jsonResponse(200, recordingJson(*after));
}

ApiResponse lockRecording(RequestContext& ctx) {
    ctx.requirePermission(Permission::LockRecording);
    ctx.allowQuery({});
    const JsonBody body = JsonBody::parse(ctx.request(), {"locked"});
    const std::optional<bool> locked = body.optionalBool("locked");
    if (!locked) {
        throw ApiError(ErrorCode::ValidationFailed, "locked: required (true or false)");
    }
    const store::RecordingRow row = requireRecording(ctx, Permission::LockRecording);
    ctx.store().setRecordingLocked(row.recording.companyId, row.recording.callId, *locked);
    std::optional<store::RecordingRow> after =
        ctx.store().recording(row.recording.companyId, row.recording.callId);
    if (!after) {
        throw ApiError(ErrorCode::NotFound, "no such recording");
    }
    auditRecording(ctx, after->recording, *locked ? "recording.lock" : "recording.unlock",
                   {{"was_locked", row.recording.locked}});
    return jsonResponse(200, recordingJson(*after));
}

}  // namespace callvault::server::api::controllers
