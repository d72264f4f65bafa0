#include "server/store/sqlite_store.h"

#include "server/store/sqlite_store_util.h"

namespace callvault::server::store {

namespace {

constexpr std::string_view kGroupSelect = "SELECT id, company_id, name, created_at FROM groups ";

constexpr ConflictMessages kGroupConflicts = {
    .unique = "a group with this name already exists",
    .reference = "the company does not exist",
};

Group groupFromRow(const Statement& row) {
    Group group;
    group.id = row.int64(0);
    group.companyId = row.int64(1);
    group.name = row.text(2);
    group.createdAt = row.int64(3);
    return group;
}

constexpr std::string_view kLabelSelect =
    "SELECT l.id, l.company_id, l.name, l.remark, l.modified_by, COALESCE(u.name, ''), l.modified_at "
    "FROM labels l LEFT JOIN users u ON u.id = l.modified_by ";

constexpr ConflictMessages kLabelConflicts = {
    .unique = "a label with this name already exists",
    .reference = "the company or the modifying user does not exist",
};

Label labelFromRow(const Statement& row) {
    Label label;
    label.id = row.int64(0);
    label.companyId = row.int64(1);
    label.name = row.text(2);
    label.remark = row.text(3);
    label.modifiedBy = row.optionalInt64(4);
    label.modifiedByName = row.text(5);
    label.modifiedAt = row.int64(6);
    return label;
}

std::int64_t count(Database& db, std::string_view sql, std::int64_t companyId, std::int64_t id) {
    Statement statement = db.prepare(sql);
    statement.bindInt64(1, companyId).bindInt64(2, id);
    return statement.step() ? statement.int64(0) : 0;
}

}  // namespace

// ---- Groups

std::optional<Group> SqliteStore::findGroup(std::int64_t companyId, std::int64_t groupId) {
    Statement statement = m_db.prepare(std::string(kGroupSelect) + "WHERE company_id = ? AND id = ?");
    statement.bindInt64(1, companyId).bindInt64(2, groupId);
    if (!statement.step())
        return std::nullopt;
    return groupFromRow(statement);
}

Group SqliteStore::createGroup(const Group& group) {
    const std::lock_guard lock(m_mutex);
    Group created = group;
    created.createdAt = nowSeconds();
    try {
        Statement insert = m_db.prepare("INSERT INTO groups (company_id, name, created_at) VALUES (?, ?, ?)");
        insert.bindInt64(1, created.companyId)
            .bindText(2, created.name)
            .bindInt64(3, created.createdAt)
            .run();
    } catch (const SqliteError& error) {
        rethrowAsConflict(error, kGroupConflicts);
    }
    created.id = m_db.lastInsertRowId();
    return created;
}

std::optional<Group> SqliteStore::group(std::int64_t companyId, std::int64_t groupId) {
    const std::lock_guard lock(m_mutex);
    return findGroup(companyId, groupId);
}

std::vector<Group> SqliteStore::groups(std::int64_t companyId) {
    const std::lock_guard lock(m_mutex);
    Statement statement = m_db.prepare(std::string(kGroupSelect) + "WHERE company_id = ? ORDER BY name, id");
    statement.bindInt64(1, companyId);
    std::vector<Group> result;
    while (statement.step())
        result.push_back(groupFromRow(statement));
    return result;
}

std::optional<Group> SqliteStore::renameGroup(std::int64_t companyId, std::int64_t groupId,
                                              const std::string& name) {
    const std::lock_guard lock(m_mutex);
    try {
        Statement update = m_db.prepare("UPDATE groups SET name = ? WHERE company_id = ? AND id = ?");
        update.bindText(1, name).bindInt64(2, companyId).bindInt64(3, groupId).run();
    } catch (const SqliteError& error) {
        rethrowAsConflict(error, kGroupConflicts);
    }
    return findGroup(companyId, groupId);
}

bool SqliteStore::deleteGroup(std::int64_t companyId, std::int64_t groupId) {
    const std::lock_guard lock(m_mutex);
    Transaction transaction(m_db);
    if (!findGroup(companyId, groupId))
        return false;
    if (count(m_db, "SELECT COUNT(*) FROM users WHERE company_id = ? AND group_id = ?", companyId, groupId) >
        0)
        throw ConflictError("the group still has users; move them to another group first");
    if (count(m_db, "SELECT COUNT(*) FROM supervisor_groups WHERE company_id = ? AND group_id = ?", companyId,
              groupId) > 0)
        throw ConflictError("the group still has supervisors; remove it from their groups first");
    try {
        Statement remove = m_db.prepare("DELETE FROM groups WHERE company_id = ? AND id = ?");
        remove.bindInt64(1, companyId).bindInt64(2, groupId).run();
    } catch (const SqliteError& error) {
        rethrowAsConflict(error, {.reference = "the group is still in use"});
    }
    transaction.commit();
    return true;
}

// ---- Labels

std::optional<Label> SqliteStore::findLabel(std::int64_t companyId, std::int64_t labelId) {
    Statement statement = m_db.prepare(std::string(kLabelSelect) + "WHERE l.company_id = ? AND l.id = ?");
    statement.bindInt64(1, companyId).bindInt64(2, labelId);
    if (!statement.step())
        return std::nullopt;
    return labelFromRow(statement);
}

Label SqliteStore::createLabel(const Label& label) {
    const std::lock_guard lock(m_mutex);
    if (label.modifiedBy)
        checkUserInCompany(label.companyId, *label.modifiedBy);
    std::int64_t id = 0;
    try {
        Statement insert = m_db.prepare(
            "INSERT INTO labels (company_id, name, remark, modified_by, modified_at) VALUES (?, ?, ?, ?, ?)");
        insert.bindInt64(1, label.companyId)
            .bindText(2, label.name)
            .bindText(3, label.remark)
            .bindOptionalInt64(4, label.modifiedBy)
            .bindInt64(5, nowSeconds())
            .run();
        id = m_db.lastInsertRowId();
    } catch (const SqliteError& error) {
        rethrowAsConflict(error, kLabelConflicts);
    }
    std::optional<Label> created = findLabel(label.companyId, id);
    if (!created)
        throw StoreError("the new label cannot be read back");
    return *created;
}

std::optional<Label> SqliteStore::label(std::int64_t companyId, std::int64_t labelId) {
    const std::lock_guard lock(m_mutex);
    return findLabel(companyId, labelId);
}

std::vector<Label> SqliteStore::labels(std::int64_t companyId) {
    const std::lock_guard lock(m_mutex);
    Statement statement =
        m_db.prepare(std::string(kLabelSelect) + "WHERE l.company_id = ? ORDER BY l.name, l.id");
    statement.bindInt64(1, companyId);
    std::vector<Label> result;
    while (statement.step())
        result.push_back(labelFromRow(statement));
    return result;
}

std::optional<Label> SqliteStore::updateLabel(const Label& label) {
    const std::lock_guard lock(m_mutex);
    if (!findLabel(label.companyId, label.id))
        return std::nullopt;
    if (label.modifiedBy)
        checkUserInCompany(label.companyId, *label.modifiedBy);
    try {
        Statement update = m_db.prepare(
            "UPDATE labels SET name = ?, remark = ?, modified_by = ?, modified_at = ? WHERE company_id = ? "
            "AND id = ?");
        update.bindText(1, label.name)
            .bindText(2, label.remark)
            .bindOptionalInt64(3, label.modifiedBy)
            .bindInt64(4, nowSeconds())
            .bindInt64(5, label.companyId)
            .bindInt64(6, label.id)
            .run();
    } catch (const SqliteError& error) {
        rethrowAsConflict(error, kLabelConflicts);
    }
    return findLabel(label.companyId, label.id);
}

bool SqliteStore::deleteLabel(std::int64_t companyId, std::int64_t labelId) {
    const std::lock_guard lock(m_mutex);
    try {
        Statement remove = m_db.prepare("DELETE FROM labels WHERE company_id = ? AND id = ?");
        remove.bindInt64(1, companyId).bindInt64(2, labelId).run();
    } catch (const SqliteError& error) {
        rethrowAsConflict(error, {.reference = "the label is still in use"});
    }
    return m_db.changes() > 0;
}

}  // namespace callvault::server::store
