#include "server/api/responses.h"

namespace callvault::server::api {

std::string dumpJson(const nlohmann::json& value) {
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

ApiResponse jsonResponse(int status, const nlohmann::json& body) {
    ApiResponse response;
    response.status = status;
    response.body = dumpJson(body);
    return response;
}

ApiResponse noContent() {
    ApiResponse response;
    response.status = 204;
    response.contentType.clear();
    return response;
}

}  // namespace callvault::server::api
