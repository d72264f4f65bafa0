#include "server/store/sqlite_store.h"

#include "common/time/time_zone.h"
#include "server/store/sqlite_store_util.h"

namespace callvault::server::store {

namespace {

constexpr std::string_view kNumberSelect =
    "SELECT n.id, n.company_id, n.number, n.inbound, n.outbound, n.user_id, COALESCE(u.name, ''), "
    "u.group_id, "
    "n.effective_date, n.activated, n.pin_hash IS NOT NULL "
    "FROM user_numbers n LEFT JOIN users u ON u.id = n.user_id ";

UserNumber numberFromRow(const Statement& row, const std::string& today) {
    UserNumber number;
    number.id = row.int64(0);
    number.companyId = row.int64(1);
    number.number = row.text(2);
    number.inbound = row.boolean(3);
    number.outbound = row.boolean(4);
    number.userId = row.optionalInt64(5);
    number.userName = row.text(6);
    number.groupId = row.optionalInt64(7);
    number.effectiveDate = row.text(8);
    number.activated = row.boolean(9);
    number.hasPin = row.boolean(10);
    number.status = numberStatus(number.activated, number.effectiveDate, today);
    return number;
}

}  // namespace

std::optional<UserNumber> SqliteStore::findNumber(std::int64_t companyId, const std::string& number,
                                                  const std::string& today) {
    Statement statement =
        m_db.prepare(std::string(kNumberSelect) + "WHERE n.company_id = ? AND n.number = ?");
    statement.bindInt64(1, companyId).bindText(2, number);
    if (!statement.step())
        return std::nullopt;
    return numberFromRow(statement, today);
}

UserNumber SqliteStore::createNumber(const UserNumber& number) {
    const std::lock_guard lock(m_mutex);
    const std::optional<Company> company = findCompany(number.companyId);
    if (!company)
        throw ConflictError("company " + std::to_string(number.companyId) + " does not exist");
    if (number.userId)
        checkUserInCompany(number.companyId, *number.userId);
    try {
        Statement insert = m_db.prepare(
            "INSERT INTO user_numbers (company_id, number, inbound, outbound, user_id, effective_date, "
            "activated) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)");
        insert.bindInt64(1, number.companyId)
            .bindText(2, number.number)
            .bindBool(3, number.inbound)
            .bindBool(4, number.outbound)
            .bindOptionalInt64(5, number.userId)
            .bindText(6, number.effectiveDate)
            .bindBool(7, number.activated)
            .run();
    } catch (const SqliteError& error) {
        rethrowAsConflict(error, {.unique = "this number is already registered",
                                  .reference = "the company or user does not exist"});
    }
    // The status of the returned number is for today in the company's own zone (UTC if it is unknown).
    const std::int64_t now = nowSeconds();
    const std::optional<TimeZone> zone = TimeZone::load(company->timeZone);
    const std::string today = zone ? zone->localDate(now) : utcDate(now);
    std::optional<UserNumber> created = findNumber(number.companyId, number.number, today);
    if (!created)
        throw StoreError("the new number cannot be read back");
    return *created;
}

std::optional<UserNumber> SqliteStore::number(std::int64_t companyId, const std::string& number,
                                              const std::string& today) {
    const std::lock_guard lock(m_mutex);
    return findNumber(companyId, number, today);
}

std::vector<UserNumber> SqliteStore::numbers(std::int64_t companyId, const std::string& today) {
    const std::lock_guard lock(m_mutex);
    Statement statement =
        m_db.prepare(std::string(kNumberSelect) + "WHERE n.company_id = ? ORDER BY n.number");
    statement.bindInt64(1, companyId);
    std::vector<UserNumber> result;
    while (statement.step())
        result.push_back(numberFromRow(statement, today));
    return result;
}

bool SqliteStore::setNumberPin(std::int64_t companyId, const std::string& number,
                               const std::string& pinHash) {
    const std::lock_guard lock(m_mutex);
    Statement update =
        m_db.prepare("UPDATE user_numbers SET pin_hash = ? WHERE company_id = ? AND number = ?");
    update.bindOptionalText(1, pinHash.empty() ? std::nullopt : std::optional<std::string>(pinHash))
        .bindInt64(2, companyId)
        .bindText(3, number)
        .run();
    return m_db.changes() > 0;
}

bool SqliteStore::setNumberActivated(std::int64_t companyId, const std::string& number, bool activated) {
    const std::lock_guard lock(m_mutex);
    Statement update =
        m_db.prepare("UPDATE user_numbers SET activated = ? WHERE company_id = ? AND number = ?");
    update.bindBool(1, activated).bindInt64(2, companyId).bindText(3, number).run();
    return m_db.changes() > 0;
}

}  // namespace callvault::server::store
