#pragma once

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>

namespace callvault {

/// A group of users (§17); recordings belong to the group of their user at call time.
struct Group {
    std::int64_t id = 0;
    std::int64_t companyId = 0;
    std::string name;
    std::int64_t createdAt = 0;  ///< Unix seconds, UTC

    bool operator==(const Group&) const = default;
};

void to_json(nlohmann::json& j, const Group& v);
void from_json(const nlohmann::json& j, Group& v);

}  // namespace callvault
