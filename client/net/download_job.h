#pragma once

#include <QDir>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <memory>

class QNetworkReply;
class QSaveFile;

namespace callvault::client {

class ApiClient;
struct ApiResult;

/// Downloads recordings one after another into a folder as <call-id>.mp3 (§4). Each file is written through
/// QSaveFile, so a canceled or failed file never leaves a partial .mp3 behind.
class DownloadJob : public QObject {
    Q_OBJECT

public:
    DownloadJob(ApiClient* api, QStringList callIds, const QDir& folder, QObject* parent = nullptr);
    ~DownloadJob() override;

    void start();
    void cancel();
    int done() const { return m_done; }
    int count() const { return static_cast<int>(m_callIds.size()); }
    QStringList written() const { return m_written; }

signals:
    /// Bytes of the current file (`index` from 0) and of how many.
    void progressed(int index, int count, qint64 received, qint64 total);
    /// All files written (`error` empty), or stopped by an error or a cancel.
    void finished(bool ok, const QString& error);

private:
    void next();
    void handleFinished(const ApiResult& result);

    ApiClient* m_api;
    QStringList m_callIds;
    QDir m_folder;
    int m_done = 0;
    QStringList m_written;
    std::unique_ptr<QSaveFile> m_file;
    QPointer<QNetworkReply> m_reply;
    bool m_canceled = false;
};

}  // namespace callvault::client
