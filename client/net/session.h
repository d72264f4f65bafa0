#pragma once

#include "common/roles/permissions.h"
#include "common/roles/role.h"

#include <QJsonObject>
#include <QString>

namespace callvault::client {

/// Who is logged in: the answer of POST /api/v1/session. What the UI shows comes from common's matrix.
struct Session {
    QString token;
    qint64 userId = 0;
    QString login;
    QString name;
    Role role = Role::Agent;
    bool mustChangePassword = false;
    QJsonObject user;  ///< the whole User object (§25 shows it)

    /// True when the role may use `permission` at all (the server still checks every request).
    bool may(Permission permission) const { return isAllowed(role, permission); }

    /// From the login answer `{token, must_change_password, user}`; false when it is not one.
    static bool fromLoginAnswer(const QJsonObject& answer, Session& session);
};

}  // namespace callvault::client
