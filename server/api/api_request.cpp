#include "server/api/api_request.h"

#include "server/api/responses.h"

namespace callvault::server::api {

ApiResponse errorResponse(ErrorCode code, const std::string& message) {
    const ErrorInfo& info = errorInfo(code);
    return jsonResponse(info.httpStatus,
                        nlohmann::json{{"error", {{"code", std::string(info.name)}, {"message", message}}}});
}

}  // namespace callvault::server::api
