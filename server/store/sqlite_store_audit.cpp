#include "server/store/sqlite_store.h"

#include "server/store/sqlite_store_util.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace callvault::server::store {

namespace {

constexpr int kMaxAuditPage = 500;

constexpr std::string_view kAuditColumns =
    "SELECT id, company_id, at, operator_id, operator_login, operation, target, address, details FROM audit ";

// One fixed filter: a NULL parameter switches its condition off, so no SQL is ever assembled from input.
// ?1 company (NULL = entries outside any company), ?2 from, ?3 to, ?4 operator, ?5 exact operation,
// ?6 / ?7 operation prefix range [prefix, prefix with its final '.' replaced by the next character '/').
constexpr std::string_view kAuditFilter =
    "WHERE company_id IS ?1 AND (?2 IS NULL OR at >= ?2) AND (?3 IS NULL OR at < ?3) "
    "AND (?4 IS NULL OR operator_login = ?4) AND (?5 IS NULL OR operation = ?5) "
    "AND (?6 IS NULL OR (operation >= ?6 AND operation < ?7)) ";

std::optional<std::int64_t> companyParameter(std::int64_t companyId) {
    return companyId == 0 ? std::nullopt : std::optional<std::int64_t>(companyId);
}

AuditEntry auditFromRow(const Statement& row) {
    AuditEntry entry;
    entry.id = row.int64(0);
    entry.companyId = row.optionalInt64(1);
    entry.at = row.int64(2);
    entry.operatorId = row.optionalInt64(3);
    entry.operatorLogin = row.text(4);
    entry.operation = row.text(5);
    entry.target = row.text(6);
    entry.address = row.text(7);
    entry.details = nlohmann::json::parse(row.text(8), nullptr, false);
    if (entry.details.is_discarded())
        throw StoreError("audit entry " + std::to_string(entry.id) + " has unreadable details");
    return entry;
}

void bindFilter(Statement& statement, const AuditQuery& query) {
    statement.bindOptionalInt64(1, companyParameter(query.companyId))
        .bindOptionalInt64(2, query.fromMs)
        .bindOptionalInt64(3, query.toMs)
        .bindOptionalText(4, query.operatorLogin);
    if (query.operation && !query.operation->empty() && query.operation->back() == '.') {
        std::string end = *query.operation;
        end.back() = '/';  // the character after '.'
        statement.bindText(6, *query.operation).bindText(7, end);
    } else {
        statement.bindOptionalText(5, query.operation);
    }
}

}  // namespace

AuditEntry SqliteStore::appendAudit(const AuditEntry& entry) {
    const std::lock_guard lock(m_mutex);
    AuditEntry appended = entry;
    if (appended.at == 0)
        appended.at = nowMilliseconds();
    // Replace rather than throw on invalid UTF-8 in a detail: the entry must be written whatever it holds.
    const std::string details = entry.details.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    try {
        Statement insert = m_db.prepare(
            "INSERT INTO audit (company_id, at, operator_id, operator_login, operation, target, address, "
            "details) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        insert.bindOptionalInt64(1, appended.companyId)
            .bindInt64(2, appended.at)
            .bindOptionalInt64(3, appended.operatorId)
            .bindText(4, appended.operatorLogin)
            .bindText(5, appended.operation)
            .bindText(6, appended.target)
            .bindText(7, appended.address)
            .bindText(8, details)
            .run();
    } catch (const SqliteError& error) {
        rethrowAsConflict(error, {.reference = "the audit entry's company does not exist"});
    }
    appended.id = m_db.lastInsertRowId();
    return appended;
}

AuditPage SqliteStore::audit(const AuditQuery& query) {
    const std::lock_guard lock(m_mutex);
    AuditPage page;

    Statement total = m_db.prepare("SELECT COUNT(*) FROM audit " + std::string(kAuditFilter));
    bindFilter(total, query);
    if (total.step())
        page.total = total.int64(0);

    Statement select = m_db.prepare(std::string(kAuditColumns) + std::string(kAuditFilter) +
                                    "ORDER BY at DESC, id DESC LIMIT ?8 OFFSET ?9");
    bindFilter(select, query);
    select.bindInt64(8, std::clamp(query.limit, 1, kMaxAuditPage)).bindInt64(9, std::max(query.offset, 0));
    while (select.step())
        page.entries.push_back(auditFromRow(select));
    return page;
}

std::optional<AuditEntry> SqliteStore::auditEntry(std::int64_t companyId, std::int64_t id) {
    const std::lock_guard lock(m_mutex);
    Statement select = m_db.prepare(std::string(kAuditColumns) + "WHERE company_id IS ? AND id = ?");
    select.bindOptionalInt64(1, companyParameter(companyId)).bindInt64(2, id);
    if (!select.step())
        return std::nullopt;
    return auditFromRow(select);
}

}  // namespace callvault::server::store
