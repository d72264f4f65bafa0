#include "server/store/sqlite_store.h"

#include "server/store/sqlite_store_util.h"

namespace callvault::server::store {

namespace {

constexpr std::string_view kBookmarkSelect =
    "SELECT b.id, b.company_id, r.call_id, b.start_ms, b.end_ms, b.text, b.created_by, b.created_at "
    "FROM bookmarks b JOIN recordings r ON r.id = b.recording_id ";

Bookmark bookmarkFromRow(const Statement& row) {
    Bookmark bookmark;
    bookmark.id = row.int64(0);
    bookmark.companyId = row.int64(1);
    bookmark.callId = row.text(2);
    bookmark.startMs = row.int64(3);
    bookmark.endMs = row.int64(4);
    bookmark.text = row.text(5);
    bookmark.createdBy = row.optionalInt64(6);
    bookmark.createdAt = row.int64(7);
    return bookmark;
}

}  // namespace

std::vector<Bookmark> SqliteStore::bookmarks(std::int64_t companyId, const std::string& callId) {
    const std::lock_guard lock(m_mutex);
    Statement select =
        m_db.prepare(std::string(kBookmarkSelect) +
                     "WHERE r.company_id = ? AND r.call_id = ? ORDER BY b.start_ms, b.end_ms, b.id");
    select.bindInt64(1, companyId).bindText(2, callId);
    std::vector<Bookmark> result;
    while (select.step())
        result.push_back(bookmarkFromRow(select));
    return result;
}

Bookmark SqliteStore::createBookmark(const Bookmark& bookmark) {
    const std::lock_guard lock(m_mutex);
    Transaction transaction(m_db);
    Statement recording =
        m_db.prepare("SELECT id, duration_ms FROM recordings WHERE company_id = ? AND call_id = ?");
    recording.bindInt64(1, bookmark.companyId).bindText(2, bookmark.callId);
    if (!recording.step())
        throw ConflictError("recording " + bookmark.callId + " does not exist in this company");
    const std::int64_t recordingId = recording.int64(0);
    const std::int64_t durationMs = recording.int64(1);
    if (bookmark.startMs < 0 || bookmark.startMs >= bookmark.endMs || bookmark.endMs > durationMs)
        throw ConflictError("a bookmark must satisfy 0 <= start < end <= the recording's duration (" +
                            std::to_string(durationMs) + " ms)");
    if (bookmark.createdBy)
        checkUserInCompany(bookmark.companyId, *bookmark.createdBy);
    Bookmark created = bookmark;
    created.createdAt = nowSeconds();
    try {
        Statement insert = m_db.prepare(
            "INSERT INTO bookmarks (company_id, recording_id, start_ms, end_ms, text, created_by, "
            "created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)");
        insert.bindInt64(1, created.companyId)
            .bindInt64(2, recordingId)
            .bindInt64(3, created.startMs)
            .bindInt64(4, created.endMs)
            .bindText(5, created.text)
            .bindOptionalInt64(6, created.createdBy)
            .bindInt64(7, created.createdAt)
            .run();
    } catch (const SqliteError& error) {
        rethrowAsConflict(error, {.reference = "the recording does not exist in this company"});
    }
    created.id = m_db.lastInsertRowId();
    transaction.commit();
    return created;
}

bool SqliteStore::deleteBookmark(std::int64_t companyId, const std::string& callId, std::int64_t bookmarkId) {
    const std::lock_guard lock(m_mutex);
    Statement remove = m_db.prepare(
        "DELETE FROM bookmarks WHERE id = ? AND company_id = ? AND recording_id = "
        "(SELECT id FROM recordings WHERE company_id = ? AND call_id = ?)");
    remove.bindInt64(1, bookmarkId).bindInt64(2, companyId).bindInt64(3, companyId).bindText(4, callId).run();
    return m_db.changes() > 0;
}

}  // namespace callvault::server::store
