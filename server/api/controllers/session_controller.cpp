#include "server/api/auth_service.h"
#include "server/api/controllers/controllers.h"
#include "server/api/json_body.h"
#include "server/api/responses.h"
#include "server/app/config.h"

namespace callvault::server::api::controllers {
namespace {

constexpr std::size_t kMaxMachineIdLength = 256;

}  // namespace

ApiResponse login(RequestContext& ctx) {
    ctx.allowQuery({});
    const JsonBody body = JsonBody::parse(ctx.request(), {"login", "password", "machine_id", "otp"});
    const std::string loginName = body.requiredString("login");
    const std::string password = body.requiredString("password");
    // Reserved for computer binding (§21) and two-factor codes (§20): checked for type, not used yet.
    if (const auto machineId = body.optionalString("machine_id"); machineId && machineId->size() > kMaxMachineIdLength) {
        throw ApiError(ErrorCode::ValidationFailed, "machine_id: must be at most 256 bytes");
    }
    body.optionalString("otp");

    LoginResult result = api::login(ctx.api(), loginName, password, ctx.address(), ctx.nowMs());
    return jsonResponse(200, nlohmann::json{{"token", result.token},
                                            {"expires_in", ctx.api().config.sessionIdleSeconds},
                                            {"must_change_password", result.user.mustChangePassword},
                                            {"user", result.user}});
}

ApiResponse logout(RequestContext& ctx) {
    ctx.allowQuery({});
    api::logout(ctx);
    return noContent();
}

}  // namespace callvault::server::api::controllers
