#include "server/api/controllers/controllers.h"
#include "server/api/responses.h"

namespace callvault::server::api::controllers {

ApiResponse getCompany(RequestContext& ctx) {
    ctx.requirePermission(Permission::ViewCompany);
    ctx.allowQuery({});
    return jsonResponse(200, nlohmann::json(ctx.company()));
}

}  // namespace callvault::server::api::controllers
