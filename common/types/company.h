#pragma once

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>

namespace callvault {

/// A tenant. Every other row of the store belongs to one (§23).
struct Company {
    std::int64_t id = 0;
    std::string name;
    int retentionDays = 0;    ///< recordings older than this are purged
    std::string timeZone;     ///< IANA name, e.g. "Asia/Hong_Kong"; CDR and dates are shown in it
    std::int64_t createdAt = 0;  ///< Unix seconds, UTC

    bool operator==(const Company&) const = default;
};

void to_json(nlohmann::json& j, const Company& v);
void from_json(const nlohmann::json& j, Company& v);

}  // namespace callvault
