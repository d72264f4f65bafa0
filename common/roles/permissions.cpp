#include "common/roles/permissions.h"

#include <array>
#include <cstddef>

namespace callvault {
namespace {

constexpr Scope N = Scope::None;
constexpr Scope O = Scope::Own;
constexpr Scope S = Scope::Supervised;
constexpr Scope C = Scope::Company;
constexpr Scope U = Scope::Unlocked;

// The manual's role tables in one place (§ numbers in permissions.h). Columns:
//                                               Admin Manager Supervisor Agent Provider
constexpr std::array kTable{
    Grant{Permission::ViewCompany,                  C, C, C, C, N},
    Grant{Permission::ViewOwnAccount,               O, O, O, O, O},
    Grant{Permission::ChangeOwnPassword,            O, O, O, O, O},
    Grant{Permission::ViewUsers,                    C, C, S, N, N},
    Grant{Permission::EditUsers,                    C, N, N, N, N},
    Grant{Permission::ResetUserPassword,            C, N, N, N, N},
    Grant{Permission::ViewGroups,                   C, C, S, N, N},
    Grant{Permission::EditGroups,                   C, N, N, N, N},
    Grant{Permission::ViewLabels,                   C, C, C, C, N},
    Grant{Permission::EditLabels,                   C, N, N, N, N},
    Grant{Permission::ViewNumbers,                  C, C, S, O, N},
    Grant{Permission::SetNumberPin,                 C, C, S, O, N},
    Grant{Permission::ViewAudit,                    C, N, N, N, N},
    Grant{Permission::SearchRecordings,             C, C, S, O, U},
    Grant{Permission::ListenRecording,              C, C, S, O, U},
    Grant{Permission::EditRecordingMarks,           C, C, S, O, N},
    Grant{Permission::DownloadRecording,            C, C, S, N, U},
    Grant{Permission::ExportCdr,                    C, N, N, N, N},
    Grant{Permission::LockRecording,                C, N, N, N, N},
    Grant{Permission::VerifyRecording,              C, N, N, N, N},
    Grant{Permission::ReassignRecordings,           C, N, N, N, N},
    Grant{Permission::ManageUserGreetings,          C, C, S, O, N},
    Grant{Permission::ManageGroupGreetings,         C, C, S, N, N},
    Grant{Permission::ViewTerms,                    C, C, S, O, N},
    Grant{Permission::EditTerms,                    C, C, N, N, N},
    Grant{Permission::ViewTwoFactor,                C, C, S, N, N},
    Grant{Permission::EditTwoFactor,                C, N, N, N, N},
    Grant{Permission::ViewBinding,                  C, C, S, N, N},
    Grant{Permission::EditBinding,                  C, N, N, N, N},
};

constexpr bool tableFollowsEnumOrder() {
    for (std::size_t i = 0; i < kTable.size(); ++i) {
        if (static_cast<std::size_t>(kTable[i].permission) != i) {
            return false;
        }
    }
    return true;
}
static_assert(tableFollowsEnumOrder(), "one row per Permission, in enum order");
static_assert(static_cast<std::size_t>(Permission::EditBinding) + 1 == kTable.size(), "a Permission has no row");

constexpr std::array<std::string_view, kTable.size()> kPermissionNames{
    "view_company", "view_own_account", "change_own_password", "view_users", "edit_users",
    "reset_user_password", "view_groups", "edit_groups", "view_labels", "edit_labels",
    "view_numbers", "set_number_pin", "view_audit", "search_recordings", "listen_recording",
    "edit_recording_marks", "download_recording", "export_cdr", "lock_recording", "verify_recording",
    "reassign_recordings", "manage_user_greetings", "manage_group_greetings", "view_terms", "edit_terms",
    "view_two_factor", "edit_two_factor", "view_binding", "edit_binding",
};

}  // namespace

std::span<const Grant> permissionTable() { return kTable; }

Scope scopeOf(Role role, Permission permission) {
    const auto index = static_cast<std::size_t>(permission);
    if (index >= kTable.size()) {
        return Scope::None;
    }
    const Grant& grant = kTable[index];
    switch (role) {
    case Role::Admin: return grant.admin;
    case Role::Manager: return grant.manager;
    case Role::Supervisor: return grant.supervisor;
    case Role::Agent: return grant.agent;
    case Role::Provider: return grant.provider;
    }
    return Scope::None;
}

std::string_view toString(Permission permission) {
    const auto index = static_cast<std::size_t>(permission);
    return index < kPermissionNames.size() ? kPermissionNames[index] : "unknown";
}

std::string_view toString(Scope scope) {
    switch (scope) {
    case Scope::None: return "none";
    case Scope::Own: return "own";
    case Scope::Supervised: return "supervised";
    case Scope::Company: return "company";
    case Scope::Unlocked: return "unlocked";
    }
    return "none";
}

}  // namespace callvault
