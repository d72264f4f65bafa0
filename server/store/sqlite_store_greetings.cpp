#include "server/store/sqlite_store.h"

#include "server/store/sqlite_store_util.h"

namespace callvault::server::store {

namespace {

constexpr std::string_view kGreetingSelect =
    "SELECT g.company_id, n.number, g.group_id, g.direction, g.file_name, g.file_size, g.sha256, "
    "g.duration_ms, "
    "g.uploaded_by, g.uploaded_at FROM greetings g LEFT JOIN user_numbers n ON n.id = g.number_id ";

Greeting greetingFromRow(const Statement& row) {
    Greeting greeting;
    greeting.companyId = row.int64(0);
    if (!row.isNull(1)) {
        greeting.owner.number = row.text(1);
    }
    greeting.owner.groupId = row.optionalInt64(2);
    greeting.direction = greetingDirectionFromString(row.text(3)).value_or(GreetingDirection::Inbound);
    greeting.file.fileName = row.text(4);
    greeting.file.size = static_cast<std::uint64_t>(row.int64(5));
    greeting.file.sha256Hex = row.text(6);
    greeting.file.durationMs = row.int64(7);
    greeting.uploadedBy = row.optionalInt64(8);
    greeting.uploadedAt = row.int64(9);
    return greeting;
}

/// "g.number_id = ? AND g.group_id IS NULL" or the reverse, for the owner's key; binds from `index`.
std::string ownerCondition(const std::string& alias, bool byNumber) {
    return byNumber ? alias + "number_id = ? AND " + alias + "group_id IS NULL"
                    : alias + "group_id = ? AND " + alias + "number_id IS NULL";
}

}  // namespace

std::string_view toString(GreetingDirection direction) {
    return direction == GreetingDirection::Inbound ? "inbound" : "outbound";
}

std::optional<GreetingDirection> greetingDirectionFromString(std::string_view name) {
    if (name == "inbound") {
        return GreetingDirection::Inbound;
    }
    if (name == "outbound") {
        return GreetingDirection::Outbound;
    }
    return std::nullopt;
}

std::pair<std::optional<std::int64_t>, std::optional<std::int64_t>> SqliteStore::greetingOwnerKey(
    std::int64_t companyId, const GreetingOwner& owner) {
    if (owner.number.has_value() == owner.groupId.has_value()) {
        throw ConflictError("a greeting belongs to exactly one user number or group");
    }
    if (owner.groupId) {
        checkGroupInCompany(companyId, *owner.groupId);
        return {std::nullopt, owner.groupId};
    }
    Statement select = m_db.prepare("SELECT id FROM user_numbers WHERE company_id = ? AND number = ?");
    select.bindInt64(1, companyId).bindText(2, *owner.number);
    if (!select.step()) {
        throw ConflictError("the user number " + *owner.number + " does not exist in this company");
    }
    return {select.int64(0), std::nullopt};
}

std::vector<Greeting> SqliteStore::greetings(std::int64_t companyId) {
    const std::lock_guard lock(m_mutex);
    Statement select =
        m_db.prepare(std::string(kGreetingSelect) +
                     "WHERE g.company_id = ? ORDER BY g.group_id IS NULL, g.group_id, n.number, "
                     "g.direction");
    select.bindInt64(1, companyId);
    std::vector<Greeting> result;
    while (select.step()) {
        result.push_back(greetingFromRow(select));
    }
    return result;
}

std::optional<Greeting> SqliteStore::greeting(std::int64_t companyId, const GreetingOwner& owner,
                                              GreetingDirection direction) {
    const std::lock_guard lock(m_mutex);
    std::pair<std::optional<std::int64_t>, std::optional<std::int64_t>> key;
    try {
        key = greetingOwnerKey(companyId, owner);
    } catch (const ConflictError&) {
        return std::nullopt;
    }
    const bool byNumber = key.first.has_value();
    Statement select = m_db.prepare(std::string(kGreetingSelect) + "WHERE g.company_id = ? AND " +
                                    ownerCondition("g.", byNumber) + " AND g.direction = ?");
    select.bindInt64(1, companyId)
        .bindInt64(2, byNumber ? *key.first : *key.second)
        .bindText(3, toString(direction));
    if (!select.step()) {
        return std::nullopt;
    }
    return greetingFromRow(select);
}

bool SqliteStore::putGreeting(const Greeting& greeting) {
    const std::lock_guard lock(m_mutex);
    Transaction transaction(m_db);
    const auto [numberId, groupId] = greetingOwnerKey(greeting.companyId, greeting.owner);
    const bool byNumber = numberId.has_value();
    const std::string direction(toString(greeting.direction));
    Statement update = m_db.prepare(
        "UPDATE greetings SET file_name = ?, file_size = ?, sha256 = ?, duration_ms = ?, uploaded_by = ?, "
        "uploaded_at = ? WHERE company_id = ? AND " +
        ownerCondition("", byNumber) + " AND direction = ?");
    update.bindText(1, greeting.file.fileName)
        .bindInt64(2, static_cast<std::int64_t>(greeting.file.size))
        .bindText(3, greeting.file.sha256Hex)
        .bindInt64(4, greeting.file.durationMs)
        .bindOptionalInt64(5, greeting.uploadedBy)
        .bindInt64(6, greeting.uploadedAt)
        .bindInt64(7, greeting.companyId)
        .bindInt64(8, byNumber ? *numberId : *groupId)
        .bindText(9, direction);
    try {
        update.run();
        const bool created = m_db.changes() == 0;
        if (created) {
            Statement insert = m_db.prepare(
                "INSERT INTO greetings (company_id, number_id, group_id, direction, file_name, file_size, "
                "sha256, "
                "duration_ms, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            insert.bindInt64(1, greeting.companyId)
                .bindOptionalInt64(2, numberId)
                .bindOptionalInt64(3, groupId)
                .bindText(4, direction)
                .bindText(5, greeting.file.fileName)
                .bindInt64(6, static_cast<std::int64_t>(greeting.file.size))
                .bindText(7, greeting.file.sha256Hex)
                .bindInt64(8, greeting.file.durationMs)
                .bindOptionalInt64(9, greeting.uploadedBy)
                .bindInt64(10, greeting.uploadedAt)
                .run();
        }
        transaction.commit();
        return created;
    } catch (const SqliteError& error) {
        rethrowAsConflict(error, {.unique = "this greeting file name is already in use",
                                  .reference = "the user number or group does not exist in this company",
                                  .check = "the greeting's file, size or direction is invalid"});
    }
}

bool SqliteStore::deleteGreeting(std::int64_t companyId, const GreetingOwner& owner,
                                 GreetingDirection direction) {
    const std::lock_guard lock(m_mutex);
    std::pair<std::optional<std::int64_t>, std::optional<std::int64_t>> key;
    try {
        key = greetingOwnerKey(companyId, owner);
    } catch (const ConflictError&) {
        return false;
    }
    const bool byNumber = key.first.has_value();
    Statement remove = m_db.prepare("DELETE FROM greetings WHERE company_id = ? AND " +
                                    ownerCondition("", byNumber) + " AND direction = ?");
    remove.bindInt64(1, companyId)
        .bindInt64(2, byNumber ? *key.first : *key.second)
        .bindText(3, toString(direction));
    remove.run();
    return m_db.changes() > 0;
}

std::vector<GreetingSettings> SqliteStore::greetingSettings(std::int64_t companyId) {
    const std::lock_guard lock(m_mutex);
    Statement select = m_db.prepare(
        "SELECT s.company_id, n.number, s.group_id, s.barge_in FROM greeting_settings s "
        "LEFT JOIN user_numbers n ON n.id = s.number_id WHERE s.company_id = ? "
        "ORDER BY s.group_id IS NULL, s.group_id, n.number");
    select.bindInt64(1, companyId);
    std::vector<GreetingSettings> result;
    while (select.step()) {
        GreetingSettings settings;
        settings.companyId = select.int64(0);
        if (!select.isNull(1)) {
            settings.owner.number = select.text(1);
        }
        settings.owner.groupId = select.optionalInt64(2);
        settings.bargeIn = select.boolean(3);
        result.push_back(std::move(settings));
    }
    return result;
}

GreetingSettings SqliteStore::greetingSettingsOf(std::int64_t companyId, const GreetingOwner& owner) {
    const std::lock_guard lock(m_mutex);
    GreetingSettings settings{.companyId = companyId, .owner = owner, .bargeIn = false};
    const auto [numberId, groupId] = greetingOwnerKey(companyId, owner);
    const bool byNumber = numberId.has_value();
    Statement select = m_db.prepare("SELECT barge_in FROM greeting_settings WHERE company_id = ? AND " +
                                    ownerCondition("", byNumber));
    select.bindInt64(1, companyId).bindInt64(2, byNumber ? *numberId : *groupId);
    if (select.step()) {
        settings.bargeIn = select.boolean(0);
    }
    return settings;
}

void SqliteStore::setGreetingSettings(const GreetingSettings& settings) {
    const std::lock_guard lock(m_mutex);
    Transaction transaction(m_db);
    const auto [numberId, groupId] = greetingOwnerKey(settings.companyId, settings.owner);
    const bool byNumber = numberId.has_value();
    Statement update = m_db.prepare("UPDATE greeting_settings SET barge_in = ? WHERE company_id = ? AND " +
                                    ownerCondition("", byNumber));
    update.bindBool(1, settings.bargeIn)
        .bindInt64(2, settings.companyId)
        .bindInt64(3, byNumber ? *numberId : *groupId)
        .run();
    if (m_db.changes() == 0) {
        Statement insert = m_db.prepare(
            "INSERT INTO greeting_settings (company_id, number_id, group_id, barge_in) VALUES (?, ?, ?, ?)");
        insert.bindInt64(1, settings.companyId)
            .bindOptionalInt64(2, numberId)
            .bindOptionalInt64(3, groupId)
            .bindBool(4, settings.bargeIn)
            .run();
    }
    transaction.commit();
}

}  // namespace callvault::server::store
