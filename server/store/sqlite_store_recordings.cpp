#include "server/store/sqlite_store.h"

#include "server/store/sqlite_store_recording_rows.h"
#include "server/store/sqlite_store_util.h"

namespace callvault::server::store {

RecordingRow recordingRowFromStatement(const Statement& row) {
    RecordingRow result;
    Recording& r = result.recording;
    r.callId = row.text(0);
    r.companyId = row.int64(1);
    r.startUtcMs = row.int64(2);
    r.durationMs = row.int64(3);
    r.userNumber = row.text(4);
    r.userId = row.optionalInt64(5);
    r.groupId = row.optionalInt64(6);
    r.otherNumber = row.text(7);
    const std::optional<CallType> type = callTypeFromString(row.text(8));
    if (!type)
        throw StoreError("recording " + r.callId + " has an unknown call type '" + row.text(8) + "'");
    r.callType = *type;
    r.filePath = row.text(9);
    r.fileSize = static_cast<std::uint64_t>(row.int64(10));
    r.sha256Hex = row.text(11);
    r.signatureHex = row.text(12);
    r.recovered = row.boolean(13);
    r.locked = row.boolean(14);
    r.listened = row.boolean(15);
    r.downloaded = row.boolean(16);
    r.note = row.text(17);
    r.labelId = row.optionalInt64(18);
    result.groupName = row.text(19);
    result.labelName = row.text(20);
    return result;
}

Statement& bindRecording(Statement& insert, const Recording& recording) {
    return insert.bindText(1, recording.callId)
        .bindInt64(2, recording.companyId)
        .bindInt64(3, recording.startUtcMs)
        .bindInt64(4, recording.durationMs)
        .bindText(5, recording.userNumber)
        .bindOptionalInt64(6, recording.userId)
        .bindOptionalInt64(7, recording.groupId)
        .bindText(8, recording.otherNumber)
        .bindText(9, toString(recording.callType))
        .bindText(10, recording.filePath)
        .bindInt64(11, static_cast<std::int64_t>(recording.fileSize))
        .bindText(12, recording.sha256Hex)
        .bindText(13, recording.signatureHex)
        .bindBool(14, recording.recovered)
        .bindBool(15, recording.locked)
        .bindBool(16, recording.listened)
        .bindBool(17, recording.downloaded)
        .bindText(18, recording.note)
        .bindOptionalInt64(19, recording.labelId);
}

bool SqliteStore::insertRecording(const Recording& recording) {
    const std::lock_guard lock(m_mutex);
    if (!findCompany(recording.companyId))
        throw ConflictError("company " + std::to_string(recording.companyId) + " does not exist");
    if (recording.groupId)
        checkGroupInCompany(recording.companyId, *recording.groupId);
    if (recording.userId)
        checkUserInCompany(recording.companyId, *recording.userId);
    if (recording.labelId && !findLabel(recording.companyId, *recording.labelId))
        throw ConflictError("label " + std::to_string(*recording.labelId) +
                            " does not exist in this company");
    try {
        // ON CONFLICT names the call ID only: any other broken rule still throws.
        Statement insert = m_db.prepare(kRecordingInsert);
        bindRecording(insert, recording).run();
    } catch (const SqliteError& error) {
        rethrowAsConflict(error, {.reference = "the company or group does not exist",
                                  .check = "the recording's duration, size or call type is invalid"});
    }
    return m_db.changes() > 0;
}

std::optional<RecordingRow> SqliteStore::findRecording(std::optional<std::int64_t> companyId,
                                                       const std::string& callId) {
    Statement select = m_db.prepare(std::string(kRecordingRowSelect) +
                                    "WHERE r.call_id = ?1 AND (?2 IS NULL OR r.company_id = ?2)");
    select.bindText(1, callId).bindOptionalInt64(2, companyId);
    if (!select.step())
        return std::nullopt;
    return recordingRowFromStatement(select);
}

std::optional<RecordingRow> SqliteStore::recording(std::optional<std::int64_t> companyId,
                                                   const std::string& callId) {
    const std::lock_guard lock(m_mutex);
    return findRecording(companyId, callId);
}

std::vector<RecordingRow> SqliteStore::recordingsByCallIds(std::int64_t companyId,
                                                           const std::vector<std::string>& callIds) {
    const std::lock_guard lock(m_mutex);
    std::vector<RecordingRow> rows;
    rows.reserve(callIds.size());
    for (const std::string& callId : callIds) {
        if (std::optional<RecordingRow> row = findRecording(companyId, callId))
            rows.push_back(std::move(*row));
    }
    return rows;
}

bool SqliteStore::updateRecordingMarks(std::int64_t companyId, const std::string& callId,
                                       const RecordingMarksUpdate& update) {
    const std::lock_guard lock(m_mutex);
    if (update.labelId && *update.labelId && !findLabel(companyId, **update.labelId))
        throw ConflictError("label " + std::to_string(**update.labelId) + " does not exist in this company");
    Statement statement = m_db.prepare(
        "UPDATE recordings SET note = COALESCE(?1, note), label_id = CASE WHEN ?2 THEN ?3 ELSE label_id END "
        "WHERE company_id = ?4 AND call_id = ?5");
    statement.bindOptionalText(1, update.note)
        .bindBool(2, update.labelId.has_value())
        .bindOptionalInt64(3, update.labelId ? *update.labelId : std::nullopt)
        .bindInt64(4, companyId)
        .bindText(5, callId)
        .run();
    return m_db.changes() > 0;
}

bool SqliteStore::setRecordingFlag(std::int64_t companyId, const std::string& callId,
                                   std::string_view assignment) {
    // `assignment` is one of our own constant "column = value" texts, never input.
    Statement statement = m_db.prepare("UPDATE recordings SET " + std::string(assignment) +
                                       " WHERE company_id = ? AND call_id = ?");
    statement.bindInt64(1, companyId).bindText(2, callId).run();
    return m_db.changes() > 0;
}

bool SqliteStore::markRecordingListened(std::int64_t companyId, const std::string& callId) {
    const std::lock_guard lock(m_mutex);
    return setRecordingFlag(companyId, callId, "listened = 1");
}

bool SqliteStore::markRecordingDownloaded(std::int64_t companyId, const std::string& callId) {
    const std::lock_guard lock(m_mutex);
    return setRecordingFlag(companyId, callId, "downloaded = 1");
}

bool SqliteStore::setRecordingLocked(std::int64_t companyId, const std::string& callId, bool locked) {
    const std::lock_guard lock(m_mutex);
    return setRecordingFlag(companyId, callId, locked ? "locked = 1" : "locked = 0");
}

std::int64_t SqliteStore::reassignRecordings(std::int64_t companyId, std::int64_t fromMs, std::int64_t toMs,
                                             const std::vector<std::string>& userNumbers,
                                             std::int64_t groupId) {
    const std::lock_guard lock(m_mutex);
    checkGroupInCompany(companyId, groupId);
    if (userNumbers.empty())
        return 0;
    std::string sql =
        "UPDATE recordings SET group_id = ?1 WHERE company_id = ?2 AND start_ms >= ?3 AND start_ms < ?4 "
        "AND group_id IS NOT ?1 AND user_number IN (";
    for (std::size_t i = 0; i < userNumbers.size(); ++i)
        sql += i == 0 ? "?" : ", ?";
    sql += ")";
    Transaction transaction(m_db);
    Statement update = m_db.prepare(sql);
    update.bindInt64(1, groupId).bindInt64(2, companyId).bindInt64(3, fromMs).bindInt64(4, toMs);
    for (std::size_t i = 0; i < userNumbers.size(); ++i)
        update.bindText(static_cast<int>(i) + 5, userNumbers[i]);
    update.run();
    const std::int64_t moved = m_db.changes();
    transaction.commit();
    return moved;
}

std::vector<Recording> SqliteStore::purgeRecordingsBefore(std::int64_t companyId, std::int64_t beforeMs,
                                                          int limit) {
    const std::lock_guard lock(m_mutex);
    Transaction transaction(m_db);
    Statement select =
        m_db.prepare(std::string(kRecordingRowSelect) +
                     "WHERE r.company_id = ? AND r.start_ms < ? ORDER BY r.start_ms, r.id LIMIT ?");
    select.bindInt64(1, companyId).bindInt64(2, beforeMs).bindInt64(3, limit);
    std::vector<Recording> purged;
    while (select.step())
        purged.push_back(recordingRowFromStatement(select).recording);
    Statement remove = m_db.prepare("DELETE FROM recordings WHERE company_id = ? AND call_id = ?");
    for (const Recording& recording : purged) {
        remove.reset();
        remove.bindInt64(1, companyId).bindText(2, recording.callId).run();
    }
    transaction.commit();
    return purged;
}

}  // namespace callvault::server::store
