#include "client/net/session.h"

namespace callvault::client {

bool Session::fromLoginAnswer(const QJsonObject& answer, Session& session) {
    const QJsonObject user = answer.value(QStringLiteral("user")).toObject();
    const auto role = roleFromString(user.value(QStringLiteral("role")).toString().toStdString());
    const QString token = answer.value(QStringLiteral("token")).toString();
    if (token.isEmpty() || !role) {
        return false;
    }
    session.token = token;
    session.user = user;
    session.role = *role;
    session.userId = user.value(QStringLiteral("id")).toInteger();
    session.login = user.value(QStringLiteral("login")).toString();
    session.name = user.value(QStringLiteral("name")).toString();
    session.mustChangePassword = answer.value(QStringLiteral("must_change_password")).toBool();
    return true;
}

}  // namespace callvault::client
