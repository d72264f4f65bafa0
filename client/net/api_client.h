#pragma once

#include "client/net/api_result.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QUrlQuery>

#include <functional>

class QIODevice;
class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;

namespace callvault::client {

/// The one HTTPS/JSON connection to callvaultd (docs/api.md). Every call is asynchronous: the handler runs on
/// the GUI thread when the answer is in, and never after `context` is destroyed. Certificates are pinned per
/// host:port (PinStore): an unknown one fails with UnknownCertificate (the caller asks the user and pins it),
/// a changed one with CertificateChanged.
class ApiClient : public QObject {
    Q_OBJECT

public:
    using Handler = std::function<void(const ApiResult&)>;
    using Progress = std::function<void(qint64 received, qint64 total)>;

    explicit ApiClient(QObject* parent = nullptr);

    /// Where requests go; clears the token when the server changes.
    void setServer(const QString& host, quint16 port);
    QString host() const { return m_host; }
    quint16 port() const { return m_port; }
    QString hostPort() const;
    void setToken(const QString& token) { m_token = token; }
    QString token() const { return m_token; }
    /// Per-request transfer timeout (no bytes for this long fails the request).
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

    QNetworkReply* get(const QString& path, const QUrlQuery& query, QObject* context, Handler handler);
    QNetworkReply* post(const QString& path, const QJsonObject& body, QObject* context, Handler handler);
    QNetworkReply* put(const QString& path, const QJsonObject& body, QObject* context, Handler handler);
    QNetworkReply* patch(const QString& path, const QJsonObject& body, QObject* context, Handler handler);
    QNetworkReply* deleteResource(const QString& path, QObject* context, Handler handler);
    /// GET whose body is written to `sink` as it arrives (not kept in the result).
    QNetworkReply* download(const QString& path, QIODevice* sink, QObject* context, Progress progress,
                            Handler handler);

signals:
    /// A request with a token was refused with 401: the session expired or was ended.
    void sessionLost(const QString& errorCode);
    /// A request with a token found no server.
    void connectionLost();

private:
    QNetworkRequest makeRequest(const QString& path, const QUrlQuery& query = {}) const;
    QNetworkReply* send(const QByteArray& verb, const QString& path, const QJsonObject* body,
                        QObject* context, Handler handler);
    void watch(QNetworkReply* reply, QObject* context, Handler handler, QIODevice* sink = nullptr);
    void checkCertificate(QNetworkReply* reply);

    QNetworkAccessManager* m_network;
    QString m_host;
    quint16 m_port = 0;
    QString m_token;
    int m_timeoutMs = 30000;
};

}  // namespace callvault::client
