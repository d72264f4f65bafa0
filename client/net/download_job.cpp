#include "client/net/download_job.h"

#include "client/net/api_client.h"
#include "client/net/error_text.h"
#include "client/net/recording_query.h"

#include <QNetworkReply>
#include <QSaveFile>

namespace callvault::client {

DownloadJob::DownloadJob(ApiClient* api, QStringList callIds, const QDir& folder, QObject* parent)
    : QObject(parent), m_api(api), m_callIds(std::move(callIds)), m_folder(folder) {}

DownloadJob::~DownloadJob() {
    if (QNetworkReply* reply = m_reply.data()) {
        reply->abort();
    }
}

void DownloadJob::start() {
    next();
}

void DownloadJob::cancel() {
    m_canceled = true;
    if (QNetworkReply* reply = m_reply.data()) {
        reply->abort();
    }
}

void DownloadJob::next() {
    if (m_canceled) {
        return;
    }
    if (m_done >= m_callIds.size()) {
        emit finished(true, {});
        return;
    }
    const QString callId = m_callIds.at(m_done);
    m_file = std::make_unique<QSaveFile>(m_folder.filePath(callId + QStringLiteral(".mp3")));
    if (!m_file->open(QIODevice::WriteOnly)) {
        emit finished(false, tr("Cannot write %1: %2").arg(m_file->fileName(), m_file->errorString()));
        return;
    }
    const int index = m_done;
    const int total = count();
    m_reply = m_api->download(
        recordingPath(callId, QStringLiteral("download")), m_file.get(), this,
        [this, index, total](qint64 received, qint64 size) { emit progressed(index, total, received, size); },
        [this](const ApiResult& result) { handleFinished(result); });
}

void DownloadJob::handleFinished(const ApiResult& result) {
    m_reply = nullptr;
    if (m_canceled || !result.ok()) {
        m_file->cancelWriting();
        m_file.reset();
        emit finished(false, m_canceled ? tr("The download was canceled.") : ErrorText::forRequest(result));
        return;
    }
    if (!m_file->commit()) {
        emit finished(false, tr("Cannot write %1: %2").arg(m_file->fileName(), m_file->errorString()));
        return;
    }
    m_written << m_file->fileName();
    m_file.reset();
    ++m_done;
    next();
}

}  // namespace callvault::client
