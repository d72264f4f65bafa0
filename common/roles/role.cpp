#include "common/roles/role.h"

#include <array>
#include <utility>

namespace callvault {
namespace {

constexpr std::array<std::pair<Role, std::string_view>, 5> kRoleNames{{
    {Role::Admin, "admin"},
    {Role::Manager, "manager"},
    {Role::Supervisor, "supervisor"},
    {Role::Agent, "agent"},
    {Role::Provider, "provider"},
}};

}  // namespace

std::string_view toString(Role role) {
    for (const auto& [value, name] : kRoleNames) {
        if (value == role) {
            return name;
        }
    }
    return "unknown";
}

std::optional<Role> roleFromString(std::string_view name) {
    for (const auto& [value, text] : kRoleNames) {
        if (text == name) {
            return value;
        }
    }
    return std::nullopt;
}

bool isCompanyRole(Role role) { return role != Role::Provider; }

}  // namespace callvault
