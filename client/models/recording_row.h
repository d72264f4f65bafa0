#pragma once

#include "common/types/recording.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace callvault::client {

/// One recording as the client shows it: common's Recording read from the API's snake_case JSON.
struct RecordingRow {
    Recording recording;
    QDateTime start;  ///< UTC

    QString callId() const { return QString::fromStdString(recording.callId); }
    /// Fields the server leaves out keep their defaults; nullopt when call_id or start_time is missing.
    static std::optional<RecordingRow> fromJson(const QJsonObject& object);
};

/// "hh:mm:ss" (§2 duration column).
QString formatDuration(qint64 ms);
/// "mm:ss" (bookmark time ranges, player clock); hours are added past 59:59.
QString formatClock(qint64 ms);

}  // namespace callvault::client
