#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace callvault {

/// One line of the operation report (§13). Written once, never changed or deleted.
struct AuditEntry {
    std::int64_t id = 0;
    std::optional<std::int64_t> companyId;   ///< empty for Provider actions outside a company
    std::int64_t at = 0;                     ///< Unix milliseconds, UTC
    std::optional<std::int64_t> operatorId;  ///< empty when no user is known (failed login of an unknown name)
    std::string operatorLogin;               ///< the login name as given
    std::string operation;                   ///< stable name, e.g. "login", "login_failed", "user.update"
    std::string target;                      ///< what it acted on, e.g. "user:12"
    std::string address;                     ///< client IP address
    nlohmann::json details = nlohmann::json::object();  ///< operation specific: changed fields, reason…

    bool operator==(const AuditEntry&) const = default;
};

void to_json(nlohmann::json& j, const AuditEntry& v);
void from_json(const nlohmann::json& j, AuditEntry& v);

}  // namespace callvault
