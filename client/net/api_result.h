#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace callvault::client {

/// Why a request did not give an HTTP answer the caller can use.
enum class ApiFailure {
    None,                ///< an HTTP answer arrived (check `status`)
    Network,             ///< no connection, refused, reset or timed out
    UnknownCertificate,  ///< the server's certificate is not trusted and not pinned yet (`fingerprint` set)
    CertificateChanged,  ///< the pinned certificate of this host:port differs from the one offered now
    Canceled,            ///< the caller aborted it
};

/// One finished request: the status, body and the API's `{"error": {code, message}}` when there was one.
struct ApiResult {
    ApiFailure failure = ApiFailure::None;
    int status = 0;  ///< HTTP status, 0 without an answer
    QByteArray body;
    QString contentType;
    QString errorCode;      ///< the API's stable code (`invalid_credentials`, …), empty on success
    QString errorMessage;   ///< the API's English sentence or the network error text
    QString fingerprint;    ///< SHA-256 of the server's certificate, "AB:CD:…" (certificate failures)
    bool reported = false;  ///< ApiClient already signalled it (sessionLost / connectionLost)

    bool ok() const { return failure == ApiFailure::None && status >= 200 && status < 300; }
    /// The body as a JSON object (empty when it is not one).
    QJsonObject json() const;
};

}  // namespace callvault::client
