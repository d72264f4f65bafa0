#include "common/time/time_zone.h"
#include "server/api/audit_writer.h"
#include "server/api/controllers/controllers.h"
#include "server/api/controllers/recording_access.h"
#include "server/api/json_body.h"
#include "server/api/responses.h"

#include <algorithm>

namespace callvault::server::api::controllers {
namespace {

constexpr std::size_t kMaxNumbers = 1000;

std::vector<std::string> requireNumbers(const JsonBody& body) {
    std::vector<std::string> numbers = requiredStringArray(body, "user_numbers", kMaxNumbers, "user numbers");
    for (const std::string& number : numbers) {
        requireValid("user_numbers", checkPhoneNumber(number));
    }
    std::sort(numbers.begin(), numbers.end());
    numbers.erase(std::unique(numbers.begin(), numbers.end()), numbers.end());
    return numbers;
}

}  // namespace

ApiResponse reassignRecordings(RequestContext& ctx) {
    ctx.requirePermission(Permission::ReassignRecordings);
    ctx.allowQuery({});
    const JsonBody body = JsonBody::parse(ctx.request(), {"from", "to", "user_numbers", "group_id"});
    const std::int64_t fromMs =
        requireUtcMs(body.requiredString("from"), "from", ErrorCode::ValidationFailed);
    const std::int64_t toMs = requireUtcMs(body.requiredString("to"), "to", ErrorCode::ValidationFailed);
    requireAtMostOneMonth(fromMs, toMs, "from", ErrorCode::ValidationFailed);
    const std::vector<std::string> numbers = requireNumbers(body);
    const std::optional<std::int64_t> groupId = body.optionalId("group_id");
    if (!groupId) {
        throw ApiError(ErrorCode::ValidationFailed, "group_id: required, the target group");
    }
    const std::int64_t companyId = ctx.companyId();
    if (!ctx.store().group(companyId, *groupId)) {
        throw ApiError(ErrorCode::ValidationFailed, "group_id: no such group in your company");
    }
    const std::int64_t moved = ctx.store().reassignRecordings(companyId, fromMs, toMs, numbers, *groupId);
    writeAudit(ctx, "recording.reassign", "group:" + std::to_string(*groupId),
               {{"from", formatUtcMs(fromMs)},
                {"to", formatUtcMs(toMs)},
                {"user_numbers", numbers},
                {"group_id", *groupId},
                {"moved", moved}});
    return jsonResponse(200, nlohmann::json{{"moved", moved}});
}

}  // namespace callvault::server::api::controllers
