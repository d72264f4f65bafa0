#include "server/api/controllers/recording_access.h"

#include "common/time/time_zone.h"
#include "server/api/audit_writer.h"

#include <algorithm>

namespace callvault::server::api::controllers {
namespace {

constexpr std::int64_t kHourMs = 60LL * 60 * 1000;
constexpr std::int64_t kMaxRangeMs = 31 * 24 * kHourMs + kHourMs;

bool supervises(const User& caller, std::optional<std::int64_t> groupId) {
    return groupId && std::find(caller.supervisedGroupIds.begin(), caller.supervisedGroupIds.end(),
                                *groupId) != caller.supervisedGroupIds.end();
}

}  // namespace

bool recordingInScope(const User& caller, const Recording& recording, Scope scope) {
    if (scope == Scope::Unlocked) {
        return !recording.locked;
    }
    if (!caller.companyId || *caller.companyId != recording.companyId) {
        return false;
    }
    const bool own = recording.userId && *recording.userId == caller.id;
    switch (scope) {
        case Scope::Company:
            return true;
        case Scope::Supervised:
            return own || supervises(caller, recording.groupId);
        case Scope::Own:
            return own;
        case Scope::None:
        case Scope::Unlocked:
            return false;
    }
    return false;
}

store::RecordingScope recordingScope(const User& caller, Scope scope) {
    store::RecordingScope result;
    switch (scope) {
        case Scope::Company:
            break;
        case Scope::Unlocked:
            result.unlockedOnly = true;
            break;
        case Scope::Supervised:
            result.wholeCompany = false;
            result.userId = caller.id;
            result.groupIds = caller.supervisedGroupIds;
            break;
        case Scope::Own:
            result.wholeCompany = false;
            result.userId = caller.id;
            break;
        case Scope::None:
            result.wholeCompany = false;
            break;
    }
    return result;
}

store::RecordingRow requireRecording(const RequestContext& ctx, Permission permission) {
    const Scope scope = ctx.requirePermission(permission);
    const User& caller = ctx.user();
    std::optional<store::RecordingRow> row =
        ctx.store().recording(scope == Scope::Unlocked ? std::nullopt : caller.companyId, ctx.route().callId);
    if (!row || !recordingInScope(caller, row->recording, scope)) {
        throw ApiError(ErrorCode::NotFound, "no such recording");
    }
    return std::move(*row);
}

nlohmann::json recordingJson(const store::RecordingRow& row) {
    nlohmann::json j = row.recording;
    j["group_name"] = row.groupName;
    j["label_name"] = row.labelName;
    j["status"] = row.recording.downloaded ? "downloaded" : row.recording.listened ? "listened" : "";
    return j;
}

void auditRecording(const RequestContext& ctx, const Recording& recording, std::string operation,
                    nlohmann::json details) {
    const User& user = ctx.user();
    writeAudit(ctx.api(), ctx.nowMs(), ctx.address(),
               AuditEvent{.companyId = recording.companyId,
                          .operatorId = user.id,
                          .operatorLogin = user.login,
                          .operation = std::move(operation),
                          .target = recordingTarget(recording.callId),
                          .details = std::move(details)});
}

std::vector<std::string> requiredStringArray(const JsonBody& body, std::string_view field,
                                             std::size_t maxCount, std::string_view what) {
    const std::string name(field);
    const std::string rule =
        name + ": required, an array of 1 to " + std::to_string(maxCount) + " " + std::string(what);
    if (!body.has(field) || !body.json().at(name).is_array()) {
        throw ApiError(ErrorCode::ValidationFailed, rule);
    }
    const std::vector<nlohmann::json> elements = body.json().at(name).get<std::vector<nlohmann::json>>();
    if (elements.empty() || elements.size() > maxCount) {
        throw ApiError(ErrorCode::ValidationFailed, rule);
    }
    std::vector<std::string> values;
    values.reserve(elements.size());
    for (const nlohmann::json& element : elements) {
        if (!element.is_string()) {
            throw ApiError(ErrorCode::ValidationFailed, rule);
        }
        values.push_back(element.get<std::string>());
    }
    return values;
}

std::string recordingTarget(const std::string& callId) {
    return "recording:" + callId;
}

const std::string* queryParameter(const RequestContext& ctx, std::string_view name) {
    const auto it = ctx.route().query.find(name);
    return it == ctx.route().query.end() ? nullptr : &it->second;
}

std::int64_t requireUtcMs(const std::string& text, std::string_view name, ErrorCode code) {
    const std::optional<std::int64_t> ms = parseUtcMs(text);
    if (!ms) {
        throw ApiError(code,
                       std::string(name) + ": must be an ISO 8601 UTC time such as 2026-11-25T10:56:05Z");
    }
    return *ms;
}

void requireAtMostOneMonth(std::int64_t fromMs, std::int64_t toMs, std::string_view fromName,
                           ErrorCode code) {
    if (toMs <= fromMs) {
        throw ApiError(code, "to: must be later than " + std::string(fromName));
    }
    if (toMs - fromMs > kMaxRangeMs) {
        throw ApiError(
            ErrorCode::DateRangeTooLong,
            "the date range is longer than one month; search at most one month (31 days) at a time");
    }
}

}  // namespace callvault::server::api::controllers
