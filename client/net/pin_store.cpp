#include "client/net/pin_store.h"

#include <QCryptographicHash>
#include <QSettings>

namespace callvault::client {
namespace {

// QSettings treats '/' and '\' in keys as groups; a host:port never has them, ':' is kept as is.
QString keyOf(const QString& hostPort) {
    return QStringLiteral("pins/") + hostPort.toLower();
}

}  // namespace

QString PinStore::pinFor(const QString& hostPort) {
    return QSettings().value(keyOf(hostPort)).toString();
}

void PinStore::setPin(const QString& hostPort, const QString& fingerprint) {
    QSettings().setValue(keyOf(hostPort), fingerprint);
}

void PinStore::removePin(const QString& hostPort) {
    QSettings().remove(keyOf(hostPort));
}

QString PinStore::fingerprintOf(const QSslCertificate& certificate) {
    return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
}

}  // namespace callvault::client
