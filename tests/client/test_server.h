#pragma once

#include "client/net/api_client.h"

#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

namespace callvault::client::test {

/// One callvaultd child on 127.0.0.1 with a private temporary data folder (CALLVAULTD_PATH), like
/// tests/server/api does it; plus blocking helpers to provision it through the admin CLI and the API.
class TestServer {
public:
    TestServer();
    ~TestServer();

    /// `callvaultd admin <args> --data-dir D`; the `key: value` lines; QFAIL-style empty map on failure.
    QMap<QString, QString> admin(const QStringList& args, QString* error = nullptr) const;
    /// Starts the server (port 0 = any free port) and waits for its ready file.
    bool start(quint16 port = 0);
    void stop();
    quint16 port() const { return m_port; }
    QString hostPort() const { return QStringLiteral("127.0.0.1:") + QString::number(m_port); }
    QString dataDir() const { return m_dir.path(); }
    /// The SHA-256 fingerprint of the server's certificate, "AB:CD:…".
    QString fingerprint() const;
    /// Removes the certificate so the next start makes a new one (a "changed certificate").
    void dropCertificate();
    QString logTail() const;

    /// A blocking API call (the event loop runs meanwhile), with `token`.
    ApiResult call(const QByteArray& verb, const QString& path, const QJsonObject& body = {},
                   const QString& token = {}, const QUrlQuery& query = {});
    /// Logs in with the one-time password, changes it to `newPassword`; the token, empty on failure.
    QString activate(const QString& login, const QString& oneTimePassword, const QString& newPassword);
    /// Logs in; the token.
    QString login(const QString& login, const QString& password);

private:
    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
    ApiClient m_api;
};

}  // namespace callvault::client::test
