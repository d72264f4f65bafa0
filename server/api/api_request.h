#pragma once

#include "common/api/error_codes.h"

#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace callvault::server::api {

/// One HTTP request as the API sees it, with no trace of the transport (so handlers are testable
/// without a socket). Header names are lower case.
struct ApiRequest {
    std::string method;   ///< "GET", "POST", …
    std::string target;   ///< raw request target, e.g. "/api/v1/audit?from=2026-11-01T00:00:00Z"
    std::map<std::string, std::string> headers;
    std::string body;
    std::string remoteAddress;  ///< client IP, for the audit trail
};

struct ApiResponse {
    int status = 200;
    std::string contentType = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;  ///< extra headers
};

/// A request that cannot be served. Thrown inside handlers, turned into the JSON error
/// `{"error":{"code":…,"message":…}}` in one place (ApiService::handle).
class ApiError : public std::runtime_error {
public:
    ApiError(ErrorCode code, std::string message) : std::runtime_error(std::move(message)), m_code(code) {}
    ErrorCode code() const { return m_code; }

private:
    ErrorCode m_code;
};

/// The JSON error body for `code` with an English message.
ApiResponse errorResponse(ErrorCode code, const std::string& message);

}  // namespace callvault::server::api
