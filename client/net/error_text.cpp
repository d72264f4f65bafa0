#include "client/net/error_text.h"

#include "common/validation/validation.h"

namespace callvault::client {

QString ErrorText::forLogin(const ApiResult& result) {
    if (result.failure == ApiFailure::None) {
        if (result.status == 401) {
            return tr("The login name or the password is wrong.");
        }
        if (result.status == 429) {
            return tr("Too many failed attempts: this account is locked for 15 minutes. Try again later.");
        }
        if (result.status == 403 && result.errorCode == QStringLiteral("account_disabled")) {
            return tr("This account is disabled. Ask your administrator to enable it.");
        }
    }
    return forRequest(result);
}

QString ErrorText::forRequest(const ApiResult& result) {
    switch (result.failure) {
        case ApiFailure::Network:
            return tr(
                "The server cannot be reached. Check the server address and your network, then try again.");
        case ApiFailure::UnknownCertificate:
            return tr("The server's certificate is not trusted.");
        case ApiFailure::CertificateChanged:
            return tr(
                "The server's certificate has changed since you last connected. The connection was refused "
                "because someone may be impersonating the server. Ask your administrator.");
        case ApiFailure::Canceled:
            return tr("The operation was canceled.");
        case ApiFailure::None:
            break;
    }
    switch (result.status) {
        case 400:
            return tr("The server did not accept the request: %1").arg(result.errorMessage);
        case 401:
            return tr("Your session has ended. Please log in again.");
        case 403:
            if (result.errorCode == QStringLiteral("password_change_required")) {
                return tr("You must change your password first.");
            }
            return tr("Your role may not do this.");
        case 404:
            return tr("The item was not found. It may have been deleted, or it is outside what you may see.");
        case 409:
            return tr("This conflicts with the current data: %1").arg(result.errorMessage);
        case 429:
            return tr("Too many failed attempts: this account is locked for 15 minutes. Try again later.");
        case 503:
            return tr("The server could not complete the request right now. Try again later.");
        default:
            return tr("The server reported an error (HTTP %1).").arg(result.status);
    }
}

QString ErrorText::forPassword(const QString& password) {
    if (checkPassword(password.toStdString())) {
        return tr(
            "The password must have at least 8 characters (at most 128), with both letters and digits.");
    }
    return {};
}

}  // namespace callvault::client
