#pragma once

#include "common/roles/role.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace callvault {

/// A login account (§12). The password hash never leaves the server and is not part of this type.
struct User {
    std::int64_t id = 0;
    std::optional<std::int64_t> companyId;  ///< empty only for Provider accounts
    std::string login;                      ///< unique across the service
    std::string name;
    std::string email;
    Role role = Role::Agent;
    std::optional<std::int64_t> groupId;          ///< the group the user belongs to
    std::vector<std::int64_t> supervisedGroupIds;  ///< Supervisor: the groups he manages
    std::string recordingStartDate;  ///< "YYYY-MM-DD"; calls before it are not recorded; empty = from now
    bool notify = false;             ///< e-mail notification setting
    bool enabled = true;             ///< login permission
    bool mustChangePassword = false;
    std::int64_t lockedUntil = 0;    ///< Unix seconds; 0 when not locked out
    std::int64_t createdAt = 0;
    std::int64_t updatedAt = 0;

    bool operator==(const User&) const = default;
};

void to_json(nlohmann::json& j, const User& v);
void from_json(const nlohmann::json& j, User& v);

}  // namespace callvault
