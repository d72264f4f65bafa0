#include "server/api/controllers/controllers.h"
#include "server/api/responses.h"
#include "server/util/metrics.h"

#ifndef CALLVAULT_VERSION
#define CALLVAULT_VERSION "unknown"
#endif

namespace callvault::server::api::controllers {

ApiResponse health(RequestContext& ctx) {
    ctx.allowQuery({});
    return jsonResponse(200, nlohmann::json{{"status", "ok"}, {"version", CALLVAULT_VERSION}});
}

ApiResponse metrics(RequestContext& ctx) {
    ctx.allowQuery({});
    ApiResponse response;
    response.contentType = "text/plain; version=0.0.4";
    response.body = ctx.api().metrics.render();
    return response;
}

}  // namespace callvault::server::api::controllers
