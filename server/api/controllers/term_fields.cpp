#include "server/api/controllers/term_fields.h"

#include "common/time/time_zone.h"

namespace callvault::server::api::controllers {

bool termGroupVisible(const RequestContext& ctx, std::int64_t groupId, Scope scope) {
    const User& user = ctx.user();
    const bool ownGroup = user.groupId.has_value() && *user.groupId == groupId;
    switch (scope) {
        case Scope::Company:
            return true;
        case Scope::Supervised:
            return ownGroup || ctx.canSeeGroup(groupId, scope);
        case Scope::Own:
            return ownGroup;
        case Scope::None:
        case Scope::Unlocked:
            return false;
    }
    return false;
}

store::PlaybackTerm visibleTerm(const RequestContext& ctx, Scope scope) {
    std::optional<store::PlaybackTerm> term = ctx.store().term(ctx.companyId(), ctx.route().rowId);
    if (!term || !termGroupVisible(ctx, term->groupId, scope)) {
        throw ApiError(ErrorCode::NotFound, "no such term");
    }
    return std::move(*term);
}

void requireTermNumber(const std::string& number) {
    const bool digits =
        !number.empty() && number.size() <= 6 && number.find_first_not_of("0123456789") == std::string::npos;
    if (!digits) {
        throw ApiError(ErrorCode::ValidationFailed, "number: must be 1 to 6 digits");
    }
}

nlohmann::json termJson(const store::PlaybackTerm& term) {
    return nlohmann::json{
        {"id", term.id},
        {"company_id", term.companyId},
        {"group_id", term.groupId},
        {"number", term.number},
        {"remark", term.remark},
        {"size", term.file.size},
        {"sha256", term.file.sha256Hex},
        {"duration_ms", term.file.durationMs},
        {"modified_by", term.modifiedBy ? nlohmann::json(*term.modifiedBy) : nlohmann::json(nullptr)},
        {"modified_at", formatUtc(term.modifiedAt)},
    };
}

std::string termTarget(std::int64_t id) {
    return "term:" + std::to_string(id);
}

}  // namespace callvault::server::api::controllers
