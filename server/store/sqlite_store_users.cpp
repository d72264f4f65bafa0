#include "server/store/sqlite_store.h"

#include "server/store/sqlite_store_util.h"

#include <algorithm>
#include <map>

namespace callvault::server::store {

namespace {

constexpr std::string_view kUserSelect =
    "SELECT id, company_id, login, name, email, role, group_id, recording_start_date, notify, enabled, "
    "must_change_password, locked_until, created_at, updated_at, password_hash, failed_logins FROM users ";

constexpr ConflictMessages kUserConflicts = {
    .unique = "a user with this login already exists",
    .reference = "the company or group does not exist",
    .check = "only a Provider account may be outside a company",
};

User userFromRow(const Statement& row) {
    User user;
    user.id = row.int64(0);
    user.companyId = row.optionalInt64(1);
    user.login = row.text(2);
    user.name = row.text(3);
    user.email = row.text(4);
    const std::optional<Role> role = roleFromString(row.text(5));
    if (!role)
        throw StoreError("user " + std::to_string(user.id) + " has an unknown role '" + row.text(5) + "'");
    user.role = *role;
    user.groupId = row.optionalInt64(6);
    user.recordingStartDate = row.text(7);
    user.notify = row.boolean(8);
    user.enabled = row.boolean(9);
    user.mustChangePassword = row.boolean(10);
    user.lockedUntil = row.int64(11);
    user.createdAt = row.int64(12);
    user.updatedAt = row.int64(13);
    return user;
}

std::string select(std::string_view rest) {
    return std::string(kUserSelect) + std::string(rest);
}

std::optional<std::int64_t> optionalFlag(const std::optional<bool>& value) {
    if (!value)
        return std::nullopt;
    return *value ? 1 : 0;
}

std::vector<std::int64_t> uniqueSorted(std::vector<std::int64_t> ids) {
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
}

}  // namespace

// ---- helpers (m_mutex held)

std::vector<std::int64_t> SqliteStore::supervisedGroups(std::int64_t userId) {
    Statement statement =
        m_db.prepare("SELECT group_id FROM supervisor_groups WHERE user_id = ? ORDER BY group_id");
    statement.bindInt64(1, userId);
    std::vector<std::int64_t> ids;
    while (statement.step())
        ids.push_back(statement.int64(0));
    return ids;
}

std::optional<User> SqliteStore::findUser(std::optional<std::int64_t> companyId, std::int64_t userId) {
    Statement statement = m_db.prepare(select("WHERE id = ?1 AND (?2 IS NULL OR company_id = ?2)"));
    statement.bindInt64(1, userId).bindOptionalInt64(2, companyId);
    if (!statement.step())
        return std::nullopt;
    User user = userFromRow(statement);
    user.supervisedGroupIds = supervisedGroups(user.id);
    return user;
}

void SqliteStore::checkGroupInCompany(std::optional<std::int64_t> companyId, std::int64_t groupId) {
    // The composite foreign keys would refuse it too; this gives the caller a precise message.
    if (!companyId || !findGroup(*companyId, groupId))
        throw ConflictError("group " + std::to_string(groupId) + " does not exist in this company");
}

void SqliteStore::checkUserInCompany(std::int64_t companyId, std::int64_t userId) {
    Statement statement = m_db.prepare("SELECT 1 FROM users WHERE id = ? AND company_id = ?");
    statement.bindInt64(1, userId).bindInt64(2, companyId);
    if (!statement.step())
        throw ConflictError("user " + std::to_string(userId) + " does not exist in this company");
}

void SqliteStore::replaceSupervisedGroups(std::int64_t companyId, std::int64_t userId,
                                          const std::vector<std::int64_t>& ids) {
    for (const std::int64_t groupId : ids)
        checkGroupInCompany(companyId, groupId);
    Statement remove = m_db.prepare("DELETE FROM supervisor_groups WHERE user_id = ?");
    remove.bindInt64(1, userId).run();
    Statement insert =
        m_db.prepare("INSERT INTO supervisor_groups (company_id, user_id, group_id) VALUES (?, ?, ?)");
    for (const std::int64_t groupId : ids) {
        insert.reset();
        insert.bindInt64(1, companyId).bindInt64(2, userId).bindInt64(3, groupId).run();
    }
}

// ---- Users

User SqliteStore::createUser(const User& user, const std::string& passwordHash) {
    const std::lock_guard lock(m_mutex);
    User created = user;
    created.createdAt = nowSeconds();
    created.updatedAt = created.createdAt;
    created.lockedUntil = 0;
    created.supervisedGroupIds = uniqueSorted(user.supervisedGroupIds);

    Transaction transaction(m_db);
    if (created.companyId && !findCompany(*created.companyId))
        throw ConflictError("company " + std::to_string(*created.companyId) + " does not exist");
    if (created.groupId)
        checkGroupInCompany(created.companyId, *created.groupId);
    if (!created.companyId && !created.supervisedGroupIds.empty())
        throw ConflictError("a user outside a company cannot supervise groups");
    try {
        Statement insert = m_db.prepare(
            "INSERT INTO users (company_id, login, name, email, role, group_id, recording_start_date, "
            "notify, "
            "enabled, must_change_password, password_hash, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        insert.bindOptionalInt64(1, created.companyId)
            .bindText(2, created.login)
            .bindText(3, created.name)
            .bindText(4, created.email)
            .bindText(5, toString(created.role))
            .bindOptionalInt64(6, created.groupId)
            .bindText(7, created.recordingStartDate)
            .bindBool(8, created.notify)
            .bindBool(9, created.enabled)
            .bindBool(10, created.mustChangePassword)
            .bindText(11, passwordHash)
            .bindInt64(12, created.createdAt)
            .bindInt64(13, created.updatedAt)
            .run();
        created.id = m_db.lastInsertRowId();
        if (created.companyId)
            replaceSupervisedGroups(*created.companyId, created.id, created.supervisedGroupIds);
    } catch (const SqliteError& error) {
        rethrowAsConflict(error, kUserConflicts);
    }
    transaction.commit();
    return created;
}

std::optional<User> SqliteStore::user(std::int64_t companyId, std::int64_t userId) {
    const std::lock_guard lock(m_mutex);
    return findUser(companyId, userId);
}

std::optional<User> SqliteStore::userById(std::int64_t userId) {
    const std::lock_guard lock(m_mutex);
    return findUser(std::nullopt, userId);
}

std::optional<UserCredentials> SqliteStore::credentialsByLogin(const std::string& login) {
    const std::lock_guard lock(m_mutex);
    Statement statement = m_db.prepare(select("WHERE login = ?"));  // the column compares NOCASE
    statement.bindText(1, login);
    if (!statement.step())
        return std::nullopt;
    UserCredentials credentials;
    credentials.user = userFromRow(statement);
    credentials.passwordHash = statement.text(14);
    credentials.failedLogins = static_cast<int>(statement.int64(15));
    credentials.user.supervisedGroupIds = supervisedGroups(credentials.user.id);
    return credentials;
}

std::vector<User> SqliteStore::users(std::int64_t companyId) {
    const std::lock_guard lock(m_mutex);
    std::map<std::int64_t, std::vector<std::int64_t>> supervised;
    Statement groups = m_db.prepare(
        "SELECT user_id, group_id FROM supervisor_groups WHERE company_id = ? ORDER BY user_id, group_id");
    groups.bindInt64(1, companyId);
    while (groups.step())
        supervised[groups.int64(0)].push_back(groups.int64(1));

    Statement statement = m_db.prepare(select("WHERE company_id = ? ORDER BY name COLLATE NOCASE, id"));
    statement.bindInt64(1, companyId);
    std::vector<User> result;
    while (statement.step()) {
        User user = userFromRow(statement);
        if (const auto it = supervised.find(user.id); it != supervised.end())
            user.supervisedGroupIds = it->second;
        result.push_back(std::move(user));
    }
    return result;
}

std::optional<User> SqliteStore::updateUser(std::int64_t companyId, std::int64_t userId,
                                            const UserUpdate& update) {
    const std::lock_guard lock(m_mutex);
    Transaction transaction(m_db);
    if (!findUser(companyId, userId))
        return std::nullopt;
    if (update.groupId && *update.groupId)
        checkGroupInCompany(companyId, **update.groupId);
    try {
        // COALESCE keeps the stored value for every parameter left NULL (an empty optional).
        Statement statement = m_db.prepare(
            "UPDATE users SET name = COALESCE(?1, name), email = COALESCE(?2, email), role = COALESCE(?3, "
            "role), "
            "group_id = CASE WHEN ?4 THEN ?5 ELSE group_id END, "
            "recording_start_date = COALESCE(?6, recording_start_date), notify = COALESCE(?7, notify), "
            "enabled = COALESCE(?8, enabled), updated_at = ?9 WHERE id = ?10 AND company_id = ?11");
        statement.bindOptionalText(1, update.name)
            .bindOptionalText(2, update.email)
            .bindOptionalText(3,
                              update.role ? std::optional<std::string>(toString(*update.role)) : std::nullopt)
            .bindBool(4, update.groupId.has_value())
            .bindOptionalInt64(5, update.groupId ? *update.groupId : std::nullopt)
            .bindOptionalText(6, update.recordingStartDate)
            .bindOptionalInt64(7, optionalFlag(update.notify))
            .bindOptionalInt64(8, optionalFlag(update.enabled))
            .bindInt64(9, nowSeconds())
            .bindInt64(10, userId)
            .bindInt64(11, companyId)
            .run();
        if (update.supervisedGroupIds)
            replaceSupervisedGroups(companyId, userId, uniqueSorted(*update.supervisedGroupIds));
    } catch (const SqliteError& error) {
        rethrowAsConflict(error, kUserConflicts);
    }
    std::optional<User> updated = findUser(companyId, userId);
    transaction.commit();
    return updated;
}

void SqliteStore::setPassword(std::int64_t userId, const std::string& passwordHash, bool mustChange) {
    const std::lock_guard lock(m_mutex);
    Statement statement = m_db.prepare(
        "UPDATE users SET password_hash = ?, must_change_password = ?, failed_logins = 0, locked_until = 0, "
        "updated_at = ? WHERE id = ?");
    statement.bindText(1, passwordHash)
        .bindBool(2, mustChange)
        .bindInt64(3, nowSeconds())
        .bindInt64(4, userId)
        .run();
}

int SqliteStore::recordFailedLogin(std::int64_t userId, std::int64_t lockedUntil) {
    const std::lock_guard lock(m_mutex);
    Statement statement = m_db.prepare(
        "UPDATE users SET failed_logins = failed_logins + 1, "
        "locked_until = CASE WHEN ?1 > 0 THEN ?1 ELSE locked_until END WHERE id = ?2 RETURNING "
        "failed_logins");
    statement.bindInt64(1, lockedUntil).bindInt64(2, userId);
    if (!statement.step())
        return 0;  // no such user
    const int count = static_cast<int>(statement.int64(0));
    statement.run();
    return count;
}

void SqliteStore::recordSuccessfulLogin(std::int64_t userId) {
    const std::lock_guard lock(m_mutex);
    Statement statement = m_db.prepare("UPDATE users SET failed_logins = 0, locked_until = 0 WHERE id = ?");
    statement.bindInt64(1, userId).run();
}

}  // namespace callvault::server::store
