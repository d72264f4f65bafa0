#include "common/roles/permissions.h"

#include <gtest/gtest.h>

#include <array>
#include <cstddef>
#include <set>
#include <string>

namespace callvault {
namespace {

constexpr std::array kAllRoles{Role::Admin, Role::Manager, Role::Supervisor, Role::Agent, Role::Provider};

constexpr Scope N = Scope::None;
constexpr Scope O = Scope::Own;
constexpr Scope S = Scope::Supervised;
constexpr Scope C = Scope::Company;
constexpr Scope U = Scope::Unlocked;

struct Expected {
    Permission permission;
    std::array<Scope, 5> scopes;  // Admin, Manager, Supervisor, Agent, Provider
    const char* section;
};

// The manual's role tables (/work/shared/spec/manual-en.md), written out again independently of the library
// so that an accidental edit of one cell in permissions.cpp fails here.
constexpr std::array kManual{
    Expected{Permission::ViewCompany, {C, C, C, C, N}, "§23 all roles RO"},
    Expected{Permission::ViewOwnAccount, {O, O, O, O, O}, "§25"},
    Expected{Permission::ChangeOwnPassword, {O, O, O, O, O}, "§26"},
    Expected{Permission::ViewUsers, {C, C, S, N, N}, "§12 Admin edit, Manager/Supervisor RO, Agent ✘"},
    Expected{Permission::EditUsers, {C, N, N, N, N}, "§12 only Admin edits"},
    Expected{Permission::ResetUserPassword, {C, N, N, N, N}, "§12 only Admin resets"},
    Expected{Permission::ViewGroups, {C, C, S, N, N}, "§17 Agent ✘"},
    Expected{Permission::EditGroups, {C, N, N, N, N}, "§17 add/edit/delete Admin"},
    Expected{Permission::ViewLabels, {C, C, C, C, N}, "§16 everyone RO"},
    Expected{Permission::EditLabels, {C, N, N, N, N}, "§16 add/edit/delete Admin"},
    Expected{Permission::ViewNumbers, {C, C, S, O, N}, "§18 all roles RO, scoped"},
    Expected{Permission::SetNumberPin, {C, C, S, O, N}, "§22 all/all/supervised/own"},
    Expected{Permission::ViewAudit, {C, N, N, N, N}, "§13 Admin read-only"},
    Expected{Permission::SearchRecordings, {C, C, S, O, U}, "§2 all roles, scoped"},
    Expected{Permission::ListenRecording, {C, C, S, O, U}, "§7 all roles within scope"},
    Expected{Permission::EditRecordingMarks, {C, C, S, O, N}, "§8 §9 all roles"},
    Expected{Permission::DownloadRecording, {C, C, S, N, U}, "§4 Agent ✘"},
    Expected{Permission::ExportCdr, {C, N, N, N, N}, "§5 Admin only"},
    Expected{Permission::LockRecording, {C, N, N, N, N}, "§6 Admin only"},
    Expected{Permission::VerifyRecording, {C, N, N, N, N}, "§14 Admin only"},
    Expected{Permission::ReassignRecordings, {C, N, N, N, N}, "§15 Admin only"},
    Expected{Permission::ManageUserGreetings, {C, C, S, O, N}, "§10 all/all/supervised/own"},
    Expected{Permission::ManageGroupGreetings, {C, C, S, N, N}, "§11 Agent ✘"},
    Expected{Permission::ViewTerms, {C, C, S, O, N}, "§19 Supervisor/Agent RO"},
    Expected{Permission::EditTerms, {C, C, N, N, N}, "§19 Admin and Manager edit"},
    Expected{Permission::ViewTwoFactor, {C, C, S, N, N}, "§20 Manager/Supervisor RO, Agent ✘"},
    Expected{Permission::EditTwoFactor, {C, N, N, N, N}, "§20 Admin edits"},
    Expected{Permission::ViewBinding, {C, C, S, N, N}, "§21 Manager/Supervisor RO, Agent ✘"},
    Expected{Permission::EditBinding, {C, N, N, N, N}, "§21 Admin edits"},
};

TEST(Permissions, MatrixMatchesTheManualRowByRow) {
    ASSERT_EQ(permissionTable().size(), kManual.size());
    for (const Expected& row : kManual) {
        for (std::size_t r = 0; r < kAllRoles.size(); ++r) {
            EXPECT_EQ(scopeOf(kAllRoles[r], row.permission), row.scopes[r])
                << toString(row.permission) << " for " << toString(kAllRoles[r]) << " (" << row.section
                << ")";
        }
    }
}

TEST(Permissions, TableRowsAreInEnumOrderAndAgreeWithScopeOf) {
    const auto table = permissionTable();
    for (std::size_t i = 0; i < table.size(); ++i) {
        const Grant& grant = table[i];
        EXPECT_EQ(static_cast<std::size_t>(grant.permission), i);
        EXPECT_EQ(scopeOf(Role::Admin, grant.permission), grant.admin);
        EXPECT_EQ(scopeOf(Role::Manager, grant.permission), grant.manager);
        EXPECT_EQ(scopeOf(Role::Supervisor, grant.permission), grant.supervisor);
        EXPECT_EQ(scopeOf(Role::Agent, grant.permission), grant.agent);
        EXPECT_EQ(scopeOf(Role::Provider, grant.permission), grant.provider);
    }
}

TEST(Permissions, OnlyAdminMayExportCdr) {
    EXPECT_TRUE(isAllowed(Role::Admin, Permission::ExportCdr));
    EXPECT_FALSE(isAllowed(Role::Manager, Permission::ExportCdr));
    EXPECT_FALSE(isAllowed(Role::Supervisor, Permission::ExportCdr));
    EXPECT_FALSE(isAllowed(Role::Agent, Permission::ExportCdr));
    EXPECT_FALSE(isAllowed(Role::Provider, Permission::ExportCdr));
}

TEST(Permissions, AdminOnlyActions) {
    for (Permission p : {Permission::EditUsers, Permission::ResetUserPassword, Permission::EditGroups,
                         Permission::EditLabels, Permission::ViewAudit, Permission::LockRecording,
                         Permission::VerifyRecording, Permission::ReassignRecordings,
                         Permission::EditTwoFactor, Permission::EditBinding}) {
        for (Role role : kAllRoles) {
            EXPECT_EQ(isAllowed(role, p), role == Role::Admin) << toString(p) << " " << toString(role);
        }
    }
}

TEST(Permissions, AgentMayNotDownloadButMayListen) {
    EXPECT_FALSE(isAllowed(Role::Agent, Permission::DownloadRecording));
    EXPECT_EQ(scopeOf(Role::Agent, Permission::ListenRecording), Scope::Own);
    EXPECT_EQ(scopeOf(Role::Supervisor, Permission::DownloadRecording), Scope::Supervised);
}

TEST(Permissions, ProviderReachesRecordingsOnlyAsUnlocked) {
    for (const Grant& grant : permissionTable()) {
        const Scope provider = grant.provider;
        EXPECT_TRUE(provider == Scope::None || provider == Scope::Unlocked || provider == Scope::Own)
            << toString(grant.permission);
        if (provider == Scope::Own) {
            // Only the Provider's own account is "own"; it has no user numbers or recordings.
            EXPECT_TRUE(grant.permission == Permission::ViewOwnAccount ||
                        grant.permission == Permission::ChangeOwnPassword)
                << toString(grant.permission);
        }
    }
    EXPECT_EQ(scopeOf(Role::Provider, Permission::ListenRecording), Scope::Unlocked);
    EXPECT_EQ(scopeOf(Role::Provider, Permission::DownloadRecording), Scope::Unlocked);
    EXPECT_EQ(scopeOf(Role::Provider, Permission::SearchRecordings), Scope::Unlocked);
    EXPECT_FALSE(isAllowed(Role::Provider, Permission::LockRecording));
    EXPECT_FALSE(isAllowed(Role::Provider, Permission::EditRecordingMarks));
}

TEST(Permissions, NoCompanyRoleHasUnlockedScope) {
    for (const Grant& grant : permissionTable()) {
        for (Scope scope : {grant.admin, grant.manager, grant.supervisor, grant.agent}) {
            EXPECT_NE(scope, Scope::Unlocked) << toString(grant.permission);
        }
    }
}

TEST(Permissions, HigherRolesNeverHaveLessThanLowerOnes) {
    // Admin > Manager > Supervisor > Agent (§27): a lower role allowed means every higher one is allowed.
    for (const Grant& grant : permissionTable()) {
        const std::array<Scope, 4> chain{grant.admin, grant.manager, grant.supervisor, grant.agent};
        for (std::size_t i = 1; i < chain.size(); ++i) {
            if (chain[i] != Scope::None) {
                EXPECT_NE(chain[i - 1], Scope::None) << toString(grant.permission);
            }
        }
        EXPECT_NE(grant.admin, Scope::None) << toString(grant.permission);
    }
}

TEST(Permissions, EveryPermissionHasAUniqueName) {
    std::set<std::string> names;
    for (const Grant& grant : permissionTable()) {
        const std::string_view name = toString(grant.permission);
        EXPECT_FALSE(name.empty());
        EXPECT_NE(name, "unknown");
        for (char c : name) {
            EXPECT_TRUE((c >= 'a' && c <= 'z') || c == '_') << name;
        }
        EXPECT_TRUE(names.insert(std::string(name)).second) << "duplicate " << name;
    }
    EXPECT_EQ(toString(Permission::ExportCdr), "export_cdr");
    EXPECT_EQ(toString(Permission::EditBinding), "edit_binding");
    EXPECT_EQ(toString(static_cast<Permission>(1000)), "unknown");
}

TEST(Permissions, OutOfRangePermissionIsNeverAllowed) {
    for (Role role : kAllRoles) {
        EXPECT_EQ(scopeOf(role, static_cast<Permission>(1000)), Scope::None);
    }
}

TEST(Permissions, ScopeNames) {
    EXPECT_EQ(toString(Scope::None), "none");
    EXPECT_EQ(toString(Scope::Own), "own");
    EXPECT_EQ(toString(Scope::Supervised), "supervised");
    EXPECT_EQ(toString(Scope::Company), "company");
    EXPECT_EQ(toString(Scope::Unlocked), "unlocked");
}

TEST(Roles, WireNamesRoundTrip) {
    std::set<std::string> names;
    for (Role role : kAllRoles) {
        const std::string_view name = toString(role);
        EXPECT_TRUE(names.insert(std::string(name)).second);
        const auto back = roleFromString(name);
        ASSERT_TRUE(back.has_value()) << name;
        EXPECT_EQ(*back, role);
    }
    EXPECT_EQ(toString(Role::Admin), "admin");
    EXPECT_EQ(toString(Role::Manager), "manager");
    EXPECT_EQ(toString(Role::Supervisor), "supervisor");
    EXPECT_EQ(toString(Role::Agent), "agent");
    EXPECT_EQ(toString(Role::Provider), "provider");
}

TEST(Roles, UnknownNamesAreRejected) {
    EXPECT_FALSE(roleFromString("").has_value());
    EXPECT_FALSE(roleFromString("Admin").has_value());
    EXPECT_FALSE(roleFromString("admin ").has_value());
    EXPECT_FALSE(roleFromString("root").has_value());
}

TEST(Roles, OnlyProviderIsOutsideTheCompany) {
    EXPECT_TRUE(isCompanyRole(Role::Admin));
    EXPECT_TRUE(isCompanyRole(Role::Manager));
    EXPECT_TRUE(isCompanyRole(Role::Supervisor));
    EXPECT_TRUE(isCompanyRole(Role::Agent));
    EXPECT_FALSE(isCompanyRole(Role::Provider));
}

}  // namespace
}  // namespace callvault
