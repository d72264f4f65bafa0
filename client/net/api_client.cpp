#include "client/net/api_client.h"

#include "client/net/pin_store.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QUrl>

namespace callvault::client {
namespace {

// Properties on the reply: what the certificate check decided, read when the reply finishes.
constexpr const char* kFailureProperty = "callvaultFailure";
constexpr const char* kFingerprintProperty = "callvaultFingerprint";

bool isConnectionError(QNetworkReply::NetworkError error) {
    switch (error) {
        case QNetworkReply::ConnectionRefusedError:
        case QNetworkReply::RemoteHostClosedError:
        case QNetworkReply::HostNotFoundError:
        case QNetworkReply::TimeoutError:
        case QNetworkReply::TemporaryNetworkFailureError:
        case QNetworkReply::NetworkSessionFailedError:
        case QNetworkReply::UnknownNetworkError:
        case QNetworkReply::ProxyConnectionRefusedError:
            return true;
        default:
            return false;
    }
}

void fillError(ApiResult& result) {
    const QJsonObject error = result.json().value(QStringLiteral("error")).toObject();
    result.errorCode = error.value(QStringLiteral("code")).toString();
    result.errorMessage = error.value(QStringLiteral("message")).toString();
}

}  // namespace

ApiClient::ApiClient(QObject* parent) : QObject(parent), m_network(new QNetworkAccessManager(this)) {
    m_network->setAutoDeleteReplies(false);
}

void ApiClient::setServer(const QString& host, quint16 port) {
    if (host != m_host || port != m_port) {
        m_token.clear();
        // Drop kept-alive connections to the old server so its certificate is checked afresh.
        m_network->clearConnectionCache();
    }
    m_host = host;
    m_port = port;
}

QString ApiClient::hostPort() const {
    return m_host + QLatin1Char(':') + QString::number(m_port);
}

QNetworkRequest ApiClient::makeRequest(const QString& path, const QUrlQuery& query) const {
    QUrl url;
    url.setScheme(QStringLiteral("https"));
    url.setHost(m_host);
    url.setPort(m_port);
    url.setPath(path);
    if (!query.isEmpty()) {
        url.setQuery(query);
    }
    QNetworkRequest request(url);
    request.setTransferTimeout(m_timeoutMs);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    if (!m_token.isEmpty()) {
        request.setRawHeader("Authorization", "Bearer " + m_token.toLatin1());
    }
    return request;
}

QNetworkReply* ApiClient::get(const QString& path, const QUrlQuery& query, QObject* context,
                              Handler handler) {
    QNetworkReply* reply = m_network->get(makeRequest(path, query));
    watch(reply, context, std::move(handler));
    return reply;
}

QNetworkReply* ApiClient::post(const QString& path, const QJsonObject& body, QObject* context,
                               Handler handler) {
    return send("POST", path, &body, context, std::move(handler));
}

QNetworkReply* ApiClient::put(const QString& path, const QJsonObject& body, QObject* context,
                              Handler handler) {
    return send("PUT", path, &body, context, std::move(handler));
}

QNetworkReply* ApiClient::patch(const QString& path, const QJsonObject& body, QObject* context,
                                Handler handler) {
    return send("PATCH", path, &body, context, std::move(handler));
}

QNetworkReply* ApiClient::deleteResource(const QString& path, QObject* context, Handler handler) {
    return send("DELETE", path, nullptr, context, std::move(handler));
}

QNetworkReply* ApiClient::send(const QByteArray& verb, const QString& path, const QJsonObject* body,
                               QObject* context, Handler handler) {
    QNetworkRequest request = makeRequest(path);
    QByteArray bytes;
    if (body != nullptr) {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
        bytes = QJsonDocument(*body).toJson(QJsonDocument::Compact);
    }
    QNetworkReply* reply = m_network->sendCustomRequest(request, verb, bytes);
    watch(reply, context, std::move(handler));
    return reply;
}

QNetworkReply* ApiClient::download(const QString& path, QIODevice* sink, QObject* context, Progress progress,
                                   Handler handler) {
    QNetworkRequest request = makeRequest(path);
    // Files may be large: no whole-transfer timeout, only the idle one.
    QNetworkReply* reply = m_network->get(request);
    if (progress) {
        connect(reply, &QNetworkReply::downloadProgress, context, std::move(progress));
    }
    watch(reply, context, std::move(handler), sink);
    return reply;
}

void ApiClient::checkCertificate(QNetworkReply* reply) {
    const QSslCertificate peer = reply->sslConfiguration().peerCertificate();
    const QString fingerprint = PinStore::fingerprintOf(peer);
    reply->setProperty(kFingerprintProperty, fingerprint);
    const QString pin = PinStore::pinFor(hostPort());
    if (!pin.isEmpty() && pin != fingerprint) {
        reply->setProperty(kFailureProperty, static_cast<int>(ApiFailure::CertificateChanged));
        reply->abort();
    }
}

void ApiClient::watch(QNetworkReply* reply, QObject* context, Handler handler, QIODevice* sink) {
    connect(reply, &QNetworkReply::sslErrors, this, [this, reply](const QList<QSslError>& errors) {
        const QSslCertificate peer = reply->sslConfiguration().peerCertificate();
        const QString fingerprint = PinStore::fingerprintOf(peer);
        reply->setProperty(kFingerprintProperty, fingerprint);
        const QString pin = PinStore::pinFor(hostPort());
        if (!pin.isEmpty() && pin == fingerprint) {
            // The user accepted exactly this certificate for this host:port; the pin replaces the CA check.
            reply->ignoreSslErrors(errors);
            return;
        }
        reply->setProperty(kFailureProperty,
                           static_cast<int>(pin.isEmpty() ? ApiFailure::UnknownCertificate
                                                          : ApiFailure::CertificateChanged));
        reply->abort();
    });
    // A CA-trusted certificate raises no sslErrors; a pin must still hold.
    connect(reply, &QNetworkReply::encrypted, this, [this, reply] { checkCertificate(reply); });
    if (sink != nullptr) {
        connect(reply, &QNetworkReply::readyRead, context, [reply, sink] {
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (status >= 200 && status < 300) {
                sink->write(reply->readAll());
            }
        });
    }
    const bool withToken = !m_token.isEmpty();
    QPointer<QObject> guard(context);
    connect(reply, &QNetworkReply::finished, this, [this, reply, guard, handler, sink, withToken] {
        reply->deleteLater();
        ApiResult result;
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toString();
        result.fingerprint = reply->property(kFingerprintProperty).toString();
        const QVariant certificateFailure = reply->property(kFailureProperty);
        if (!reply->isOpen()) {
            // Aborted (certificate refused, canceled): nothing to read.
        } else if (sink != nullptr && result.status >= 200 && result.status < 300) {
            sink->write(reply->readAll());
        } else {
            result.body = reply->readAll();
        }
        if (certificateFailure.isValid()) {
            result.failure = static_cast<ApiFailure>(certificateFailure.toInt());
            result.status = 0;
        } else if (reply->error() == QNetworkReply::OperationCanceledError) {
            result.failure = ApiFailure::Canceled;
        } else if (result.status == 0) {
            result.failure = ApiFailure::Network;
            result.errorMessage = reply->errorString();
            if (withToken && isConnectionError(reply->error())) {
                result.reported = true;
                emit connectionLost();
            }
        } else if (!result.ok()) {
            fillError(result);
            if (withToken && result.status == 401) {
                result.reported = true;
                emit sessionLost(result.errorCode);
            }
        }
        if (guard && handler) {
            handler(result);
        }
    });
}

}  // namespace callvault::client
