#include "tests/client/test_server.h"

#include "client/net/pin_store.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QSslCertificate>
#include <QThread>
#include <QTimer>

#ifndef CALLVAULTD_PATH
#error "CALLVAULTD_PATH must name the callvaultd binary under test"
#endif

namespace callvault::client::test {

TestServer::TestServer() {
    m_dir.setAutoRemove(qEnvironmentVariableIsEmpty("CALLVAULT_KEEP_TEST_DIRS"));
}

TestServer::~TestServer() {
    stop();
}

QMap<QString, QString> TestServer::admin(const QStringList& args, QString* error) const {
    QProcess process;
    process.start(QStringLiteral(CALLVAULTD_PATH), QStringList{QStringLiteral("admin")} + args +
                                                       QStringList{QStringLiteral("--data-dir"), dataDir()});
    QMap<QString, QString> values;
    if (!process.waitForFinished(120000) || process.exitCode() != 0) {
        if (error != nullptr) {
            *error = QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError());
        }
        return values;
    }
    const QStringList lines = QString::fromUtf8(process.readAllStandardOutput()).split(QLatin1Char('\n'));
    for (const QString& line : lines) {
        const int colon = line.indexOf(QStringLiteral(": "));
        if (colon > 0) {
            values.insert(line.left(colon), line.mid(colon + 2).trimmed());
        }
    }
    return values;
}

bool TestServer::start(quint16 port) {
    stop();
    const QString ready = QDir(dataDir()).filePath(QStringLiteral("ready"));
    QFile::remove(ready);
    m_process = std::make_unique<QProcess>();
    m_process->setStandardOutputFile(QDir(dataDir()).filePath(QStringLiteral("server.log")),
                                     QIODevice::Append);
    m_process->setStandardErrorFile(QDir(dataDir()).filePath(QStringLiteral("server.log")),
                                    QIODevice::Append);
    m_process->start(
        QStringLiteral(CALLVAULTD_PATH),
        {QStringLiteral("--data-dir"), dataDir(), QStringLiteral("--api-address"),
         QStringLiteral("127.0.0.1"), QStringLiteral("--api-port"), QString::number(port),
         QStringLiteral("--ready-file"), ready, QStringLiteral("--sip-port"), QStringLiteral("0")});
    if (!m_process->waitForStarted(10000)) {
        return false;
    }
    QDeadlineTimer deadline(20000);
    while (!deadline.hasExpired()) {
        QFile file(ready);
        if (file.open(QIODevice::ReadOnly)) {
            const QByteArray text = file.readAll();
            if (text.endsWith('\n')) {
                m_port = static_cast<quint16>(text.trimmed().toUInt());
                return m_port != 0;
            }
        }
        if (m_process->state() == QProcess::NotRunning) {
            return false;
        }
        QThread::msleep(20);
    }
    return false;
}

void TestServer::stop() {
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(10000)) {
            m_process->kill();
            m_process->waitForFinished(5000);
        }
    }
    m_process.reset();
}

QString TestServer::fingerprint() const {
    const auto certificates =
        QSslCertificate::fromPath(QDir(dataDir()).filePath(QStringLiteral("tls/server.crt")), QSsl::Pem);
    return certificates.isEmpty() ? QString() : PinStore::fingerprintOf(certificates.first());
}

void TestServer::dropCertificate() {
    QFile::remove(QDir(dataDir()).filePath(QStringLiteral("tls/server.crt")));
    QFile::remove(QDir(dataDir()).filePath(QStringLiteral("tls/server.key")));
}

QString TestServer::logTail() const {
    QFile file(QDir(dataDir()).filePath(QStringLiteral("server.log")));
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    const QByteArray all = file.readAll();
    return QString::fromUtf8(all.right(4000));
}

ApiResult TestServer::call(const QByteArray& verb, const QString& path, const QJsonObject& body,
                           const QString& token, const QUrlQuery& query) {
    m_api.setServer(QStringLiteral("127.0.0.1"), m_port);
    m_api.setToken(token);
    // The test process trusts its own server.
    PinStore::setPin(m_api.hostPort(), fingerprint());
    ApiResult out;
    QEventLoop loop;
    bool done = false;
    auto handler = [&](const ApiResult& result) {
        out = result;
        done = true;
        loop.quit();
    };
    if (verb == "GET") {
        m_api.get(path, query, &loop, handler);
    } else if (verb == "POST") {
        m_api.post(path, body, &loop, handler);
    } else if (verb == "PUT") {
        m_api.put(path, body, &loop, handler);
    } else if (verb == "PATCH") {
        m_api.patch(path, body, &loop, handler);
    } else {
        m_api.deleteResource(path, &loop, handler);
    }
    QTimer::singleShot(30000, &loop, &QEventLoop::quit);
    if (!done) {
        loop.exec();
    }
    return out;
}

QString TestServer::login(const QString& loginName, const QString& password) {
    const ApiResult result =
        call("POST", QStringLiteral("/api/v1/session"),
             {{QStringLiteral("login"), loginName}, {QStringLiteral("password"), password}});
    return result.json().value(QStringLiteral("token")).toString();
}

QString TestServer::activate(const QString& loginName, const QString& oneTimePassword,
                             const QString& newPassword) {
    const QString token = login(loginName, oneTimePassword);
    if (token.isEmpty()) {
        return {};
    }
    const ApiResult changed = call("PUT", QStringLiteral("/api/v1/me/password"),
                                   {{QStringLiteral("current_password"), oneTimePassword},
                                    {QStringLiteral("new_password"), newPassword}},
                                   token);
    return changed.ok() ? token : QString();
}

}  // namespace callvault::client::test
