#pragma once

#include "server/api/api_service.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace callvault::server::api {

class RequestContext;

/// One line for the operation report (§13), before it gets its id and time.
struct AuditEvent {
    std::optional<std::int64_t> companyId;
    std::optional<std::int64_t> operatorId;
    std::string operatorLogin;
    std::string operation;  ///< a name of docs/api.md "Audit operations"
    std::string target;     ///< "user:12", "group:3", "number:+85221122560"…
    nlohmann::json details = nlohmann::json::object();
};

/// Appends `event` at `nowMs` from `address`. Keys that could carry a secret ("password", "token", "pin",
/// "otp", "secret" …) are dropped from the details, so a careless caller cannot leak one into the trail.
/// Store errors propagate (the request then answers 500).
void writeAudit(const ApiContext& api, std::int64_t nowMs, const std::string& address, AuditEvent event);

/// The same for an authenticated request: company, operator, time and address come from `ctx`.
void writeAudit(const RequestContext& ctx, std::string operation, std::string target,
                nlohmann::json details = nlohmann::json::object());

/// `details` without any key that names a secret (recursively).
nlohmann::json withoutSecrets(const nlohmann::json& details);

}  // namespace callvault::server::api
