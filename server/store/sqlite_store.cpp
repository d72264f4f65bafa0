#include "server/store/sqlite_store.h"

#include "server/store/migrations.h"
#include "server/store/sqlite_store_util.h"

namespace callvault::server::store {

namespace {

constexpr std::string_view kCompanyColumns = "id, name, retention_days, time_zone, created_at";

Company companyFromRow(const Statement& row) {
    Company company;
    company.id = row.int64(0);
    company.name = row.text(1);
    company.retentionDays = static_cast<int>(row.int64(2));
    company.timeZone = row.text(3);
    company.createdAt = row.int64(4);
    return company;
}

constexpr std::string_view kSessionColumns = "token_hash, user_id, created_at, last_seen_at, address";

Session sessionFromRow(const Statement& row) {
    Session session;
    session.tokenHash = row.text(0);
    session.userId = row.int64(1);
    session.createdAt = row.int64(2);
    session.lastSeenAt = row.int64(3);
    session.address = row.text(4);
    return session;
}

}  // namespace

std::unique_ptr<Store> openSqliteStore(const std::string& path) {
    Database db = Database::open(path);
    migrate(db);
    return std::make_unique<SqliteStore>(std::move(db));
}

SqliteStore::SqliteStore(Database db) : m_db(std::move(db)) {}

// ---- Companies

Company SqliteStore::createCompany(const Company& company) {
    const std::lock_guard lock(m_mutex);
    Company created = company;
    created.createdAt = nowSeconds();
    try {
        Statement insert = m_db.prepare(
            "INSERT INTO companies (name, retention_days, time_zone, created_at) VALUES (?, ?, ?, ?)");
        insert.bindText(1, created.name)
            .bindInt64(2, created.retentionDays)
            .bindText(3, created.timeZone)
            .bindInt64(4, created.createdAt)
            .run();
    } catch (const SqliteError& error) {
        rethrowAsConflict(error, {.check = "the retention period cannot be negative"});
    }
    created.id = m_db.lastInsertRowId();
    return created;
}

std::optional<Company> SqliteStore::findCompany(std::int64_t id) {
    Statement select =
        m_db.prepare("SELECT " + std::string(kCompanyColumns) + " FROM companies WHERE id = ?");
    select.bindInt64(1, id);
    if (!select.step())
        return std::nullopt;
    return companyFromRow(select);
}

std::optional<Company> SqliteStore::company(std::int64_t id) {
    const std::lock_guard lock(m_mutex);
    return findCompany(id);
}

std::vector<Company> SqliteStore::companies() {
    const std::lock_guard lock(m_mutex);
    Statement select =
        m_db.prepare("SELECT " + std::string(kCompanyColumns) + " FROM companies ORDER BY name, id");
    std::vector<Company> result;
    while (select.step())
        result.push_back(companyFromRow(select));
    return result;
}

// ---- Sessions

void SqliteStore::createSession(const Session& session) {
    const std::lock_guard lock(m_mutex);
    try {
        Statement insert = m_db.prepare(
            "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, address) VALUES (?, ?, ?, "
            "?, ?)");
        insert.bindText(1, session.tokenHash)
            .bindInt64(2, session.userId)
            .bindInt64(3, session.createdAt)
            .bindInt64(4, session.lastSeenAt)
            .bindText(5, session.address)
            .run();
    } catch (const SqliteError& error) {
        rethrowAsConflict(error, {.unique = "a session with this token already exists",
                                  .reference = "the session's user does not exist"});
    }
}

std::optional<Session> SqliteStore::session(const std::string& tokenHash) {
    const std::lock_guard lock(m_mutex);
    Statement select =
        m_db.prepare("SELECT " + std::string(kSessionColumns) + " FROM sessions WHERE token_hash = ?");
    select.bindText(1, tokenHash);
    if (!select.step())
        return std::nullopt;
    return sessionFromRow(select);
}

void SqliteStore::touchSession(const std::string& tokenHash, std::int64_t lastSeenAt) {
    const std::lock_guard lock(m_mutex);
    Statement update = m_db.prepare("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?");
    update.bindInt64(1, lastSeenAt).bindText(2, tokenHash).run();
}

void SqliteStore::deleteSession(const std::string& tokenHash) {
    const std::lock_guard lock(m_mutex);
    Statement remove = m_db.prepare("DELETE FROM sessions WHERE token_hash = ?");
    remove.bindText(1, tokenHash).run();
}

void SqliteStore::deleteUserSessions(std::int64_t userId) {
    const std::lock_guard lock(m_mutex);
    Statement remove = m_db.prepare("DELETE FROM sessions WHERE user_id = ?");
    remove.bindInt64(1, userId).run();
}

void SqliteStore::deleteSessionsIdleSince(std::int64_t lastSeenBefore) {
    const std::lock_guard lock(m_mutex);
    Statement remove = m_db.prepare("DELETE FROM sessions WHERE last_seen_at < ?");
    remove.bindInt64(1, lastSeenBefore).run();
}

}  // namespace callvault::server::store
