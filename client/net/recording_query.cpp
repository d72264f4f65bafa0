#include "client/net/recording_query.h"

#include <QDateTime>
#include <QTimeZone>
#include <QUrl>

#include <algorithm>

namespace callvault::client {

RangeProblem checkRange(const QDate& from, const QDate& to) {
    if (!from.isValid() || !to.isValid()) {
        return RangeProblem::Empty;
    }
    if (from > to) {
        return RangeProblem::Reversed;
    }
    // "At most one month per search": whole days from `from` up to the day before the same date next month
    // (at most 31 days, the server's limit).
    if (to >= from.addMonths(1)) {
        return RangeProblem::TooLong;
    }
    return RangeProblem::None;
}

QUrlQuery recordingQuery(const RecordingFilter& filter, const QString& sort, const QString& order,
                         qint64 offset, int limit) {
    QUrlQuery query;
    auto add = [&query](const char* name, const QString& value) {
        if (!value.isEmpty()) {
            query.addQueryItem(QLatin1String(name), value);
        }
    };
    const QDateTime from = QDateTime(filter.from, QTime(0, 0)).toUTC();
    QDateTime to = QDateTime(filter.to.addDays(1), QTime(0, 0)).toUTC();
    // A daylight-saving change inside the range must not push it past the server's 31 days.
    to = std::min(to, from.addDays(31));
    add("from", from.toString(Qt::ISODate));
    add("to", to.toString(Qt::ISODate));
    if (filter.groupId) {
        add("group", QString::number(*filter.groupId));
    }
    add("user_number", filter.userNumber.trimmed());
    add("other_number", filter.otherNumber.trimmed());
    add("call_type", filter.callType);
    if (filter.labelId) {
        add("label", QString::number(*filter.labelId));
    }
    add("note", filter.note.trimmed());
    add("call_id", filter.callId.trimmed());
    add("sort", sort);
    add("order", order);
    add("offset", QString::number(offset));
    add("limit", QString::number(limit));
    return query;
}

QString recordingPath(const QString& callId, const QString& sub) {
    QString path =
        QStringLiteral("/api/v1/recordings/") + QString::fromLatin1(QUrl::toPercentEncoding(callId));
    if (!sub.isEmpty()) {
        path += QLatin1Char('/') + sub;
    }
    return path;
}

}  // namespace callvault::client
