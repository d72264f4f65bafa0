#pragma once

#include "common/roles/role.h"

#include <span>
#include <string_view>

namespace callvault {

/// Every action a user may be allowed. Append only: the numbers never change meaning.
enum class Permission {
    ViewCompany,          // §23
    ViewOwnAccount,       // §25
    ChangeOwnPassword,    // §26
    ViewUsers,            // §12
    EditUsers,            // §12 (create, edit, enable/disable)
    ResetUserPassword,    // §12
    ViewGroups,           // §17
    EditGroups,           // §17
    ViewLabels,           // §16
    EditLabels,           // §16
    ViewNumbers,          // §18
    SetNumberPin,         // §22
    ViewAudit,            // §13
    SearchRecordings,     // §2, §3
    ListenRecording,      // §7
    EditRecordingMarks,   // §8, §9 (note, label, bookmarks)
    DownloadRecording,    // §4
    ExportCdr,            // §5
    LockRecording,        // §6
    VerifyRecording,      // §14
    ReassignRecordings,   // §15
    ManageUserGreetings,  // §10
    ManageGroupGreetings, // §11
    ViewTerms,            // §19
    EditTerms,            // §19
    ViewTwoFactor,        // §20
    EditTwoFactor,        // §20
    ViewBinding,          // §21
    EditBinding,          // §21
};

/// How far a granted permission reaches. None means the role may not use it at all (HTTP 403);
/// a row outside the scope is answered as absent (HTTP 404).
enum class Scope {
    None,        ///< not allowed
    Own,         ///< the user's own account / own user numbers
    Supervised,  ///< the groups the Supervisor manages (and his own rows)
    Company,     ///< the whole company of the user
    Unlocked,    ///< Provider: recordings a company's Admin has unlocked
};

/// One row of the manual's role tables: the scope each role has for one permission.
struct Grant {
    Permission permission;
    Scope admin;
    Scope manager;
    Scope supervisor;
    Scope agent;
    Scope provider;
};

/// The whole matrix, one row per Permission in enum order. Append only.
std::span<const Grant> permissionTable();

Scope scopeOf(Role role, Permission permission);
inline bool isAllowed(Role role, Permission permission) { return scopeOf(role, permission) != Scope::None; }

std::string_view toString(Permission permission);
std::string_view toString(Scope scope);

}  // namespace callvault
