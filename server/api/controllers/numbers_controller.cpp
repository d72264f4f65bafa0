#include "common/time/time_zone.h"
#include "server/api/audit_writer.h"
#include "server/api/controllers/controllers.h"
#include "server/api/json_body.h"
#include "server/api/responses.h"
#include "server/util/log.h"
#include "server/util/password_hash.h"

namespace callvault::server::api::controllers {
namespace {

/// Today in the company's time zone: a number's status (§18) turns on the company's calendar, not UTC's.
std::string companyToday(const RequestContext& ctx) {
    const Company& company = ctx.company();
    if (const std::optional<TimeZone> zone = TimeZone::load(company.timeZone)) {
        return zone->localDate(ctx.nowSeconds());
    }
    log::warning("company " + std::to_string(company.id) + " has an unknown time zone '" + company.timeZone +
                 "'; using UTC");
    return utcDate(ctx.nowSeconds());
}

UserNumber visibleNumber(const RequestContext& ctx, Scope scope) {
    std::optional<UserNumber> number = ctx.store().number(ctx.companyId(), ctx.route().number, companyToday(ctx));
    if (!number || !ctx.canSeeNumber(*number, scope)) {
        throw ApiError(ErrorCode::NotFound, "no such user number");
    }
    return std::move(*number);
}

}  // namespace

ApiResponse listNumbers(RequestContext& ctx) {
    const Scope scope = ctx.requirePermission(Permission::ViewNumbers);
    ctx.allowQuery({});
    nlohmann::json list = nlohmann::json::array();
    for (const UserNumber& number : ctx.store().numbers(ctx.companyId(), companyToday(ctx))) {
        if (ctx.canSeeNumber(number, scope)) {
            list.push_back(number);
        }
    }
    return jsonResponse(200, nlohmann::json{{"numbers", std::move(list)}});
}

ApiResponse getNumber(RequestContext& ctx) {
    const Scope scope = ctx.requirePermission(Permission::ViewNumbers);
    ctx.allowQuery({});
    return jsonResponse(200, nlohmann::json(visibleNumber(ctx, scope)));
}

ApiResponse setNumberPin(RequestContext& ctx) {
    const Scope scope = ctx.requirePermission(Permission::SetNumberPin);
    ctx.allowQuery({});
    const JsonBody body = JsonBody::parse(ctx.request(), {"pin"});
    const std::string pin = body.requiredString("pin");
    requireValid("pin", checkPin(pin));
    const UserNumber number = visibleNumber(ctx, scope);
    if (!ctx.store().setNumberPin(ctx.companyId(), number.number, hashPassword(pin))) {
        throw ApiError(ErrorCode::NotFound, "no such user number");
    }
    writeAudit(ctx, "number.set_pin", "number:" + number.number);
    return noContent();
}

}  // namespace callvault::server::api::controllers
