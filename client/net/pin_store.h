#pragma once

#include <QSslCertificate>
#include <QString>

namespace callvault::client {

/// The certificate pins the user accepted, one per "host:port", kept in QSettings (group "pins").
class PinStore {
public:
    /// The pinned SHA-256 fingerprint ("AB:CD:…") of `hostPort`, empty when none.
    static QString pinFor(const QString& hostPort);
    static void setPin(const QString& hostPort, const QString& fingerprint);
    static void removePin(const QString& hostPort);
    /// SHA-256 of the certificate's DER as the server prints it: upper-case hex pairs joined by ':'.
    static QString fingerprintOf(const QSslCertificate& certificate);
};

}  // namespace callvault::client
