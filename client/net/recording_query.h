#pragma once

#include <QDate>
#include <QString>
#include <QUrlQuery>

#include <optional>

namespace callvault::client {

/// The §2/§3 search: a date range (at most one month) and the advanced filters (empty = any).
struct RecordingFilter {
    QDate from;  ///< first day, local time
    QDate to;    ///< last day (inclusive), local time
    std::optional<qint64> groupId;
    QString userNumber;
    QString otherNumber;
    QString callType;  ///< "", "inbound" or "outbound"
    std::optional<qint64> labelId;
    QString note;
    QString callId;
};

/// Why a date range cannot be searched, or empty when it can: start after end, or more than one month.
enum class RangeProblem { None, Empty, Reversed, TooLong };
RangeProblem checkRange(const QDate& from, const QDate& to);

/// GET /api/v1/recordings query: from/to as UTC instants of local midnights (to exclusive), the filters,
/// sort/order and offset/limit.
QUrlQuery recordingQuery(const RecordingFilter& filter, const QString& sort, const QString& order,
                         qint64 offset, int limit);

/// Paths of the recordings routes (docs/api.md).
QString recordingPath(const QString& callId, const QString& sub = {});

}  // namespace callvault::client
