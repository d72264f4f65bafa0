#include "tests/server/unit/store_fixture.h"

namespace callvault::server::store::testing {
namespace {

class StoreNumbers : public StoreFixture {
protected:
    UserNumber addNumber(std::int64_t companyId, const std::string& digits,
                         std::optional<std::int64_t> userId, const std::string& effectiveDate,
                         bool activated) {
        UserNumber number;
        number.companyId = companyId;
        number.number = digits;
        number.inbound = true;
        number.outbound = false;
        number.userId = userId;
        number.effectiveDate = effectiveDate;
        number.activated = activated;
        return store().createNumber(number);
    }
};

TEST_F(StoreNumbers, CreateFillsTheUserAndItsGroup) {
    const Company company = addCompany("Acme", "Asia/Hong_Kong");
    const Group group = addGroup(company.id, "Sales");
    const User user = addUser(company.id, "agent", Role::Agent, group.id);
    const UserNumber created = addNumber(company.id, "+85212345678", user.id, "2000-01-01", true);

    EXPECT_GT(created.id, 0);
    EXPECT_EQ(created.companyId, company.id);
    EXPECT_EQ(created.number, "+85212345678");
    EXPECT_TRUE(created.inbound);
    EXPECT_FALSE(created.outbound);
    EXPECT_EQ(created.userId, user.id);
    EXPECT_EQ(created.userName, user.name);
    EXPECT_EQ(created.groupId, group.id);
    EXPECT_FALSE(created.hasPin);
    EXPECT_EQ(created.status, NumberStatus::Normal);  // for today in the company's zone
    EXPECT_EQ(store().number(company.id, "+85212345678", "2026-05-01"), created);

    const UserNumber unassigned = addNumber(company.id, "5550001", std::nullopt, "2000-01-01", false);
    EXPECT_EQ(unassigned.userId, std::nullopt);
    EXPECT_EQ(unassigned.userName, "");
    EXPECT_EQ(unassigned.groupId, std::nullopt);
}

TEST_F(StoreNumbers, StatusIsDerivedFromActivationAndEffectiveDate) {
    const Company company = addCompany("Acme");
    EXPECT_EQ(addNumber(company.id, "1001", std::nullopt, "2999-12-31", true).status,
              NumberStatus::PendingEffective);
    EXPECT_EQ(addNumber(company.id, "1002", std::nullopt, "2000-01-01", false).status,
              NumberStatus::PendingActivation);
    addNumber(company.id, "1003", std::nullopt, "2026-06-15", true);
    addNumber(company.id, "1004", std::nullopt, "2026-06-15", false);

    auto status = [&](const std::string& digits, const std::string& today) {
        return store().number(company.id, digits, today)->status;
    };
    EXPECT_EQ(status("1003", "2026-06-14"), NumberStatus::PendingEffective);
    EXPECT_EQ(status("1003", "2026-06-15"), NumberStatus::Normal);  // effective from that day on
    EXPECT_EQ(status("1003", "2027-01-01"), NumberStatus::Normal);
    EXPECT_EQ(status("1004", "2027-01-01"), NumberStatus::PendingActivation);
    EXPECT_EQ(status("1004", "2026-06-14"), NumberStatus::PendingActivation);

    const std::vector<UserNumber> onTheDay = store().numbers(company.id, "2026-06-15");
    ASSERT_EQ(onTheDay.size(), 4U);
    EXPECT_EQ(onTheDay[2].number, "1003");
    EXPECT_EQ(onTheDay[2].status, NumberStatus::Normal);
}

TEST_F(StoreNumbers, ListIsOrderedAndHoldsOnlyTheCompany) {
    const Company a = addCompany("A");
    const Company b = addCompany("B");
    addNumber(a.id, "300", std::nullopt, "2000-01-01", true);
    addNumber(a.id, "100", std::nullopt, "2000-01-01", true);
    addNumber(b.id, "200", std::nullopt, "2000-01-01", true);
    const std::vector<UserNumber> numbers = store().numbers(a.id, "2026-01-01");
    ASSERT_EQ(numbers.size(), 2U);
    EXPECT_EQ(numbers[0].number, "100");
    EXPECT_EQ(numbers[1].number, "300");
    EXPECT_EQ(store().number(a.id, "200", "2026-01-01"), std::nullopt);
    EXPECT_TRUE(store().number(b.id, "200", "2026-01-01"));
}

TEST_F(StoreNumbers, ConflictsChangeNothing) {
    const Company a = addCompany("A");
    const Company b = addCompany("B");
    const User userOfB = addUser(b.id, "bee");
    addNumber(a.id, "777", std::nullopt, "2000-01-01", true);
    EXPECT_PRED2(contains, conflictMessage([&] { addNumber(b.id, "777", std::nullopt, "2000-01-01", true); }),
                 "already registered");
    EXPECT_PRED2(contains, conflictMessage([&] { addNumber(a.id, "778", userOfB.id, "2000-01-01", true); }),
                 "does not exist in this company");
    EXPECT_THROW(addNumber(a.id + b.id + 1000, "779", std::nullopt, "2000-01-01", true), ConflictError);
    EXPECT_EQ(store().numbers(a.id, "2026-01-01").size(), 1U);
    EXPECT_TRUE(store().numbers(b.id, "2026-01-01").empty());
}

TEST_F(StoreNumbers, PinAndActivationAreSetWithinTheCompanyOnly) {
    const Company a = addCompany("A");
    const Company b = addCompany("B");
    addNumber(a.id, "111", std::nullopt, "2000-01-01", false);
    addNumber(b.id, "222", std::nullopt, "2000-01-01", false);

    EXPECT_TRUE(store().setNumberPin(a.id, "111", "pin-hash"));
    EXPECT_TRUE(store().number(a.id, "111", "2026-01-01")->hasPin);
    EXPECT_EQ(RawDb(m_file).text("SELECT pin_hash FROM user_numbers WHERE number = '111'"), "pin-hash");
    EXPECT_TRUE(store().setNumberPin(a.id, "111", ""));
    EXPECT_FALSE(store().number(a.id, "111", "2026-01-01")->hasPin);

    EXPECT_TRUE(store().setNumberActivated(a.id, "111", true));
    EXPECT_EQ(store().number(a.id, "111", "2026-01-01")->status, NumberStatus::Normal);
    EXPECT_TRUE(store().setNumberActivated(a.id, "111", false));
    EXPECT_EQ(store().number(a.id, "111", "2026-01-01")->status, NumberStatus::PendingActivation);

    EXPECT_FALSE(store().setNumberPin(a.id, "222", "pin-hash"));
    EXPECT_FALSE(store().setNumberActivated(a.id, "222", true));
    EXPECT_FALSE(store().setNumberPin(a.id, "999", "pin-hash"));
    const UserNumber theirs = *store().number(b.id, "222", "2026-01-01");
    EXPECT_FALSE(theirs.hasPin);
    EXPECT_FALSE(theirs.activated);
}

}  // namespace
}  // namespace callvault::server::store::testing
