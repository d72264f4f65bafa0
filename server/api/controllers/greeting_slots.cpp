#include "server/api/controllers/greeting_slots.h"

#include "common/time/time_zone.h"

namespace callvault::server::api::controllers {

bool isUserGreetingRoute(const RequestContext& ctx) {
    switch (ctx.route().route) {
        case RouteId::GetUserGreeting:
        case RouteId::PutUserGreeting:
        case RouteId::DeleteUserGreeting:
        case RouteId::UpdateUserGreetingSettings:
            return true;
        default:
            return false;
    }
}

Scope requireGreetingPermission(const RequestContext& ctx) {
    return ctx.requirePermission(isUserGreetingRoute(ctx) ? Permission::ManageUserGreetings
                                                          : Permission::ManageGroupGreetings);
}

GreetingSlotOwner resolveGreetingOwner(const RequestContext& ctx, Scope scope) {
    if (isUserGreetingRoute(ctx)) {
        // The date only drives the number's status, which does not matter here.
        const std::optional<UserNumber> number =
            ctx.store().number(ctx.companyId(), ctx.route().number, utcDate(ctx.nowSeconds()));
        if (!number || !ctx.canSeeNumber(*number, scope)) {
            throw ApiError(ErrorCode::NotFound, "no such user number");
        }
        return {store::GreetingOwner::ofNumber(number->number), "number:" + number->number,
                "greeting-" + number->number};
    }
    const std::int64_t groupId = ctx.route().rowId;
    if (!ctx.store().group(ctx.companyId(), groupId) || !ctx.canSeeGroup(groupId, scope)) {
        throw ApiError(ErrorCode::NotFound, "no such group");
    }
    return {store::GreetingOwner::ofGroup(groupId), "group:" + std::to_string(groupId),
            "greeting-group-" + std::to_string(groupId)};
}

store::GreetingDirection routeDirection(const RequestContext& ctx) {
    return ctx.route().direction == "outbound" ? store::GreetingDirection::Outbound
                                               : store::GreetingDirection::Inbound;
}

nlohmann::json greetingJson(const store::Greeting& greeting) {
    return nlohmann::json{
        {"owner", greeting.owner.number ? "user" : "group"},
        {"number", greeting.owner.number ? nlohmann::json(*greeting.owner.number) : nlohmann::json(nullptr)},
        {"group_id",
         greeting.owner.groupId ? nlohmann::json(*greeting.owner.groupId) : nlohmann::json(nullptr)},
        {"direction", store::toString(greeting.direction)},
        {"size", greeting.file.size},
        {"sha256", greeting.file.sha256Hex},
        {"duration_ms", greeting.file.durationMs},
        {"uploaded_by", greeting.uploadedBy ? nlohmann::json(*greeting.uploadedBy) : nlohmann::json(nullptr)},
        {"uploaded_at", formatUtc(greeting.uploadedAt)},
    };
}

}  // namespace callvault::server::api::controllers
