#pragma once

#include <optional>
#include <string_view>

namespace callvault {

/// The roles of the manual (§27), highest first, and the service operator outside every company.
/// The wire names ("admin", "manager", …) are stable: they are stored and sent as JSON.
enum class Role { Admin, Manager, Supervisor, Agent, Provider };

std::string_view toString(Role role);
std::optional<Role> roleFromString(std::string_view name);

/// True for the four roles that belong to a company (every role but Provider).
bool isCompanyRole(Role role);

}  // namespace callvault
