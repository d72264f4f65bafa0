#include "server/api/auth_service.h"
#include "server/api/controllers/controllers.h"
#include "server/api/json_body.h"
#include "server/api/responses.h"

namespace callvault::server::api::controllers {

ApiResponse getMe(RequestContext& ctx) {
    ctx.requirePermission(Permission::ViewOwnAccount);
    ctx.allowQuery({});
    nlohmann::json permissions = nlohmann::json::object();
    for (const Grant& grant : permissionTable()) {
        permissions[std::string(toString(grant.permission))] = toString(ctx.scopeFor(grant.permission));
    }
    const Caller& caller = ctx.caller();
    return jsonResponse(200, nlohmann::json{{"user", caller.user},
                                            {"company", caller.company ? nlohmann::json(*caller.company)
                                                                       : nlohmann::json(nullptr)},
                                            {"permissions", std::move(permissions)}});
}

ApiResponse changeOwnPassword(RequestContext& ctx) {
    ctx.requirePermission(Permission::ChangeOwnPassword);
    ctx.allowQuery({});
    const JsonBody body = JsonBody::parse(ctx.request(), {"current_password", "new_password"});
    const std::string current = body.requiredString("current_password");
    const std::string next = body.requiredString("new_password");
    changePassword(ctx, current, next);
    return noContent();
}

}  // namespace callvault::server::api::controllers
