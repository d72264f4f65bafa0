#pragma once

#include "server/api/api_request.h"

#include <nlohmann/json.hpp>

#include <string>

namespace callvault::server::api {

/// Serialises `value` compactly; invalid UTF-8 (never expected: inputs are validated) is replaced, not thrown.
std::string dumpJson(const nlohmann::json& value);

/// A JSON response with `status`.
ApiResponse jsonResponse(int status, const nlohmann::json& body);

/// 204 No Content, empty body.
ApiResponse noContent();

}  // namespace callvault::server::api
