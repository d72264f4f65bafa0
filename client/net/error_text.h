#pragma once

#include "client/net/api_result.h"

#include <QCoreApplication>
#include <QString>

namespace callvault::client {

/// Turns a failed request into a plain sentence for the user, in the current language (never a code).
class ErrorText {
    Q_DECLARE_TR_FUNCTIONS(ErrorText)

public:
    /// For the login request: wrong password, locked out, disabled, server down, certificate problems.
    static QString forLogin(const ApiResult& result);
    /// For any other request.
    static QString forRequest(const ApiResult& result);
    /// The password rule broken by `password`, empty when it is acceptable (common/validation).
    static QString forPassword(const QString& password);
};

}  // namespace callvault::client
