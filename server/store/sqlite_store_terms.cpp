#include "server/store/sqlite_store.h"

#include "server/store/sqlite_store_util.h"

namespace callvault::server::store {

namespace {

constexpr std::string_view kTermSelect =
    "SELECT id, company_id, group_id, number, file_name, file_size, sha256, duration_ms, remark, "
    "modified_by, "
    "modified_at FROM terms ";

constexpr ConflictMessages kTermConflicts = {
    .unique = "the group already has a term with this number",
    .reference = "the group does not exist in this company",
    .check = "the term's file or size is invalid",
};

PlaybackTerm termFromRow(const Statement& row) {
    PlaybackTerm term;
    term.id = row.int64(0);
    term.companyId = row.int64(1);
    term.groupId = row.int64(2);
    term.number = row.text(3);
    term.file.fileName = row.text(4);
    term.file.size = static_cast<std::uint64_t>(row.int64(5));
    term.file.sha256Hex = row.text(6);
    term.file.durationMs = row.int64(7);
    term.remark = row.text(8);
    term.modifiedBy = row.optionalInt64(9);
    term.modifiedAt = row.int64(10);
    return term;
}

}  // namespace

std::optional<PlaybackTerm> SqliteStore::findTerm(std::int64_t companyId, std::int64_t termId) {
    Statement select = m_db.prepare(std::string(kTermSelect) + "WHERE company_id = ? AND id = ?");
    select.bindInt64(1, companyId).bindInt64(2, termId);
    if (!select.step()) {
        return std::nullopt;
    }
    return termFromRow(select);
}

std::vector<PlaybackTerm> SqliteStore::terms(std::int64_t companyId) {
    const std::lock_guard lock(m_mutex);
    Statement select = m_db.prepare(std::string(kTermSelect) +
                                    "WHERE company_id = ? ORDER BY group_id, length(number), number, id");
    select.bindInt64(1, companyId);
    std::vector<PlaybackTerm> result;
    while (select.step()) {
        result.push_back(termFromRow(select));
    }
    return result;
}

std::optional<PlaybackTerm> SqliteStore::term(std::int64_t companyId, std::int64_t termId) {
    const std::lock_guard lock(m_mutex);
    return findTerm(companyId, termId);
}

PlaybackTerm SqliteStore::createTerm(const PlaybackTerm& term) {
    const std::lock_guard lock(m_mutex);
    checkGroupInCompany(term.companyId, term.groupId);
    std::int64_t id = 0;
    try {
        Statement insert = m_db.prepare(
            "INSERT INTO terms (company_id, group_id, number, file_name, file_size, sha256, duration_ms, "
            "remark, "
            "modified_by, modified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        insert.bindInt64(1, term.companyId)
            .bindInt64(2, term.groupId)
            .bindText(3, term.number)
            .bindText(4, term.file.fileName)
            .bindInt64(5, static_cast<std::int64_t>(term.file.size))
            .bindText(6, term.file.sha256Hex)
            .bindInt64(7, term.file.durationMs)
            .bindText(8, term.remark)
            .bindOptionalInt64(9, term.modifiedBy)
            .bindInt64(10, term.modifiedAt)
            .run();
        id = m_db.lastInsertRowId();
    } catch (const SqliteError& error) {
        rethrowAsConflict(error, kTermConflicts);
    }
    std::optional<PlaybackTerm> created = findTerm(term.companyId, id);
    if (!created) {
        throw StoreError("the new term cannot be read back");
    }
    return *created;
}

std::optional<PlaybackTerm> SqliteStore::updateTerm(const PlaybackTerm& term) {
    const std::lock_guard lock(m_mutex);
    if (!findTerm(term.companyId, term.id)) {
        return std::nullopt;
    }
    checkGroupInCompany(term.companyId, term.groupId);
    try {
        Statement update = m_db.prepare(
            "UPDATE terms SET group_id = ?, number = ?, file_name = ?, file_size = ?, sha256 = ?, "
            "duration_ms = ?, "
            "remark = ?, modified_by = ?, modified_at = ? WHERE company_id = ? AND id = ?");
        update.bindInt64(1, term.groupId)
            .bindText(2, term.number)
            .bindText(3, term.file.fileName)
            .bindInt64(4, static_cast<std::int64_t>(term.file.size))
            .bindText(5, term.file.sha256Hex)
            .bindInt64(6, term.file.durationMs)
            .bindText(7, term.remark)
            .bindOptionalInt64(8, term.modifiedBy)
            .bindInt64(9, term.modifiedAt)
            .bindInt64(10, term.companyId)
            .bindInt64(11, term.id)
            .run();
    } catch (const SqliteError& error) {
        rethrowAsConflict(error, kTermConflicts);
    }
    return findTerm(term.companyId, term.id);
}

bool SqliteStore::deleteTerm(std::int64_t companyId, std::int64_t termId) {
    const std::lock_guard lock(m_mutex);
    Statement remove = m_db.prepare("DELETE FROM terms WHERE company_id = ? AND id = ?");
    remove.bindInt64(1, companyId).bindInt64(2, termId).run();
    return m_db.changes() > 0;
}

}  // namespace callvault::server::store
