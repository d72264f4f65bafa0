#include "client/models/recording_row.h"

namespace callvault::client {
namespace {

std::optional<std::int64_t> optionalId(const QJsonObject& object, const char* key) {
    const QJsonValue value = object.value(QLatin1String(key));
    if (value.isDouble()) {
        return value.toInteger();
    }
    return std::nullopt;
}

std::string text(const QJsonObject& object, const char* key) {
    return object.value(QLatin1String(key)).toString().toStdString();
}

}  // namespace

std::optional<RecordingRow> RecordingRow::fromJson(const QJsonObject& object) {
    RecordingRow row;
    Recording& r = row.recording;
    r.callId = text(object, "call_id");
    row.start =
        QDateTime::fromString(object.value(QStringLiteral("start_time")).toString(), Qt::ISODateWithMs);
    if (r.callId.empty() || !row.start.isValid()) {
        return std::nullopt;
    }
    row.start = row.start.toUTC();
    r.startUtcMs = row.start.toMSecsSinceEpoch();
    r.companyId = object.value(QStringLiteral("company_id")).toInteger();
    r.durationMs = object.value(QStringLiteral("duration_ms")).toInteger();
    r.userNumber = text(object, "user_number");
    r.userId = optionalId(object, "user_id");
    r.groupId = optionalId(object, "group_id");
    r.otherNumber = text(object, "other_number");
    r.callType = callTypeFromString(text(object, "call_type")).value_or(CallType::Inbound);
    r.filePath = text(object, "file_path");
    r.fileSize = static_cast<std::uint64_t>(object.value(QStringLiteral("file_size")).toInteger());
    r.sha256Hex = text(object, "sha256");
    r.signatureHex = text(object, "signature");
    r.recovered = object.value(QStringLiteral("recovered")).toBool();
    r.locked = object.value(QStringLiteral("locked")).toBool(true);
    r.listened = object.value(QStringLiteral("listened")).toBool();
    r.downloaded = object.value(QStringLiteral("downloaded")).toBool();
    r.note = text(object, "note");
    r.labelId = optionalId(object, "label_id");
    return row;
}

QString formatDuration(qint64 ms) {
    const qint64 seconds = std::max<qint64>(0, ms) / 1000;
    return QStringLiteral("%1:%2:%3")
        .arg(seconds / 3600, 2, 10, QLatin1Char('0'))
        .arg(seconds / 60 % 60, 2, 10, QLatin1Char('0'))
        .arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

QString formatClock(qint64 ms) {
    const qint64 seconds = std::max<qint64>(0, ms) / 1000;
    if (seconds >= 3600) {
        return formatDuration(ms);
    }
    return QStringLiteral("%1:%2")
        .arg(seconds / 60, 2, 10, QLatin1Char('0'))
        .arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

}  // namespace callvault::client
