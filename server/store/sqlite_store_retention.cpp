#include "server/store/sqlite_store.h"

#include "server/store/sqlite_store_util.h"

namespace callvault::server::store {

std::vector<TrashedFile> SqliteStore::trashedFiles(int limit) {
    const std::lock_guard lock(m_mutex);
    Statement select = m_db.prepare("SELECT id, path FROM file_trash ORDER BY id LIMIT ?");
    select.bindInt64(1, limit);
    std::vector<TrashedFile> result;
    while (select.step()) {
        result.push_back(TrashedFile{select.int64(0), select.text(1)});
    }
    return result;
}

void SqliteStore::forgetTrashedFiles(const std::vector<std::int64_t>& ids) {
    const std::lock_guard lock(m_mutex);
    Transaction transaction(m_db);
    Statement remove = m_db.prepare("DELETE FROM file_trash WHERE id = ?");
    for (const std::int64_t id : ids) {
        remove.reset();
        remove.bindInt64(1, id).run();
    }
    transaction.commit();
}

std::vector<std::string> SqliteStore::mediaFilesInUse() {
    const std::lock_guard lock(m_mutex);
    Statement select = m_db.prepare(
        "SELECT 'greetings/' || file_name FROM greetings UNION ALL SELECT 'terms/' || file_name FROM terms");
    std::vector<std::string> result;
    while (select.step()) {
        result.push_back(select.text(0));
    }
    return result;
}

std::int64_t SqliteStore::insertRecordings(const std::vector<Recording>& recordings) {
    const std::lock_guard lock(m_mutex);
    Transaction transaction(m_db);
    Statement insert = m_db.prepare(
        "INSERT INTO recordings (call_id, company_id, start_ms, duration_ms, user_number, user_id, group_id, "
        "other_number, call_type, file_path, file_size, sha256, signature, recovered, locked, listened, "
        "downloaded, note, label_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (call_id) DO NOTHING");
    std::int64_t inserted = 0;
    try {
        for (const Recording& recording : recordings) {
            insert.reset();
            insert.bindText(1, recording.callId)
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
                .bindOptionalInt64(19, recording.labelId)
                .run();
            inserted += m_db.changes();
        }
    } catch (const SqliteError& error) {
        rethrowAsConflict(error, {.reference = "the company, group or label does not exist",
                                  .check = "a recording's duration, size or call type is invalid"});
    }
    transaction.commit();
    return inserted;
}

}  // namespace callvault::server::store
