#include "server/store/sqlite_store.h"

#include "server/store/sqlite_store_recording_rows.h"
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
    Statement insert = m_db.prepare(kRecordingInsert);
    std::int64_t inserted = 0;
    try {
        for (const Recording& recording : recordings) {
            insert.reset();
            bindRecording(insert, recording).run();
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
