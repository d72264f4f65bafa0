#include "tests/server/unit/store_fixture.h"

#include <chrono>

namespace callvault::server::store::testing {
namespace {

class StoreAudit : public StoreFixture {
protected:
    AuditEntry add(std::optional<std::int64_t> companyId, std::int64_t at, const std::string& login,
                   const std::string& operation) {
        AuditEntry entry;
        entry.companyId = companyId;
        entry.at = at;
        entry.operatorLogin = login;
        entry.operation = operation;
        entry.target = "user:1";
        entry.address = "192.0.2.1";
        return store().appendAudit(entry);
    }

    std::vector<std::string> operations(const AuditQuery& query) {
        std::vector<std::string> result;
        for (const AuditEntry& entry : store().audit(query).entries)
            result.push_back(entry.operation);
        return result;
    }
};

using Names = std::vector<std::string>;

TEST_F(StoreAudit, AppendAssignsAnIdAndReadsBackEveryField) {
    const Company company = addCompany("Acme");
    const User user = addUser(company.id, "alice");
    AuditEntry entry;
    entry.companyId = company.id;
    entry.at = 1700000000123;
    entry.operatorId = user.id;
    entry.operatorLogin = "alice";
    entry.operation = "user.update";
    entry.target = "user:42";
    entry.address = "2001:db8::1";
    entry.details = {{"changed", {"name", "email"}}, {"note", "Grüße 你好"}, {"count", 3}};
    const AuditEntry appended = store().appendAudit(entry);
    EXPECT_GT(appended.id, 0);
    AuditEntry expected = entry;
    expected.id = appended.id;
    EXPECT_EQ(appended, expected);
    EXPECT_EQ(store().auditEntry(company.id, appended.id), expected);
    EXPECT_EQ(store().auditEntry(company.id, appended.id + 1), std::nullopt);
}

TEST_F(StoreAudit, UnknownOperatorStampAndBadTextAreAccepted) {
    const auto before = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
    AuditEntry entry;
    entry.operatorLogin = "nobody";
    entry.operation = "login_failed";
    entry.details = {{"login", std::string("bad\xff\xfe")}};  // invalid UTF-8 from a hostile client
    const AuditEntry appended = store().appendAudit(entry);
    EXPECT_GE(appended.at, before);
    const std::optional<AuditEntry> read = store().auditEntry(0, appended.id);
    ASSERT_TRUE(read);
    EXPECT_EQ(read->operatorId, std::nullopt);
    EXPECT_EQ(read->companyId, std::nullopt);
    EXPECT_EQ(read->at, appended.at);
    EXPECT_TRUE(read->details.at("login").is_string());
}

TEST_F(StoreAudit, NewestFirstWithPagingAndTotal) {
    const Company company = addCompany("Acme");
    for (int i = 0; i < 7; ++i)
        add(company.id, 1000 + i * 10, "alice", "op" + std::to_string(i));
    add(company.id, 1060, "alice", "op6-same-time");  // same instant: the later id comes first

    AuditQuery query;
    query.companyId = company.id;
    AuditPage page = store().audit(query);
    EXPECT_EQ(page.total, 8);
    EXPECT_EQ(operations(query), (Names{"op6-same-time", "op6", "op5", "op4", "op3", "op2", "op1", "op0"}));

    query.offset = 2;
    query.limit = 3;
    page = store().audit(query);
    EXPECT_EQ(page.total, 8);  // the count ignores paging
    EXPECT_EQ(operations(query), (Names{"op5", "op4", "op3"}));

    query.offset = 7;
    EXPECT_EQ(operations(query), (Names{"op0"}));
    query.offset = 100;
    EXPECT_TRUE(store().audit(query).entries.empty());
    EXPECT_EQ(store().audit(query).total, 8);

    query.offset = -5;  // clamped to 0
    query.limit = 0;    // clamped to 1
    EXPECT_EQ(operations(query), (Names{"op6-same-time"}));
    query.limit = -3;
    EXPECT_EQ(operations(query).size(), 1U);
}

TEST_F(StoreAudit, LimitIsClampedTo500) {
    const Company company = addCompany("Acme");
    for (int i = 1; i <= 501; ++i)
        add(company.id, i, "alice", "op");
    AuditQuery query;
    query.companyId = company.id;
    query.limit = 100000;
    const AuditPage page = store().audit(query);
    EXPECT_EQ(page.total, 501);
    EXPECT_EQ(page.entries.size(), 500U);
    EXPECT_EQ(page.entries.front().at, 501);
    EXPECT_EQ(page.entries.back().at, 2);
}

TEST_F(StoreAudit, TimeOperatorAndOperationFilters) {
    const Company company = addCompany("Acme");
    add(company.id, 1000, "alice", "login");
    add(company.id, 2000, "bob", "user.create");
    add(company.id, 3000, "alice", "user.update");
    add(company.id, 4000, "alice", "users.export");
    add(company.id, 5000, "bob", "user");
    add(company.id, 6000, "carol", "user.update_pin");

    AuditQuery query;
    query.companyId = company.id;
    query.fromMs = 2000;  // inclusive
    query.toMs = 5000;    // exclusive
    EXPECT_EQ(operations(query), (Names{"users.export", "user.update", "user.create"}));
    EXPECT_EQ(store().audit(query).total, 3);

    query = AuditQuery{};
    query.companyId = company.id;
    query.operatorLogin = "alice";
    EXPECT_EQ(operations(query), (Names{"users.export", "user.update", "login"}));
    query.operatorLogin = "ALICE";  // logins compare without case, as everywhere
    EXPECT_EQ(store().audit(query).total, 3);
    query.operatorLogin = "ali";
    EXPECT_EQ(store().audit(query).total, 0);

    query = AuditQuery{};
    query.companyId = company.id;
    query.operation = "user.update";
    EXPECT_EQ(operations(query), (Names{"user.update"}));
    query.operation = "user.";
    EXPECT_EQ(operations(query), (Names{"user.update_pin", "user.update", "user.create"}));
    query.operation = "user%";  // no pattern syntax leaks through
    EXPECT_TRUE(operations(query).empty());
    query.operation = "user";
    EXPECT_EQ(operations(query), (Names{"user"}));

    query = AuditQuery{};
    query.companyId = company.id;
    query.fromMs = 2500;
    query.operatorLogin = "alice";
    query.operation = "user.";
    EXPECT_EQ(operations(query), (Names{"user.update"}));
    EXPECT_EQ(store().audit(query).total, 1);
}

TEST_F(StoreAudit, CompaniesSeeOnlyTheirOwnEntries) {
    const Company a = addCompany("A");
    const Company b = addCompany("B");
    const AuditEntry ofA = add(a.id, 1, "alice", "login");
    const AuditEntry ofB = add(b.id, 2, "bee", "login");
    const AuditEntry outside = add(std::nullopt, 3, "operator", "company.create");

    AuditQuery query;
    query.companyId = a.id;
    const AuditPage page = store().audit(query);
    ASSERT_EQ(page.entries.size(), 1U);
    EXPECT_EQ(page.entries[0], ofA);
    EXPECT_EQ(page.total, 1);
    EXPECT_EQ(store().auditEntry(a.id, ofB.id), std::nullopt);
    EXPECT_EQ(store().auditEntry(a.id, outside.id), std::nullopt);
    EXPECT_EQ(store().auditEntry(b.id, ofB.id), ofB);

    query.companyId = 0;  // entries outside any company
    EXPECT_EQ(store().audit(query).entries, (std::vector<AuditEntry>{outside}));
    EXPECT_EQ(store().auditEntry(0, outside.id), outside);
    EXPECT_EQ(store().auditEntry(0, ofA.id), std::nullopt);
}

}  // namespace
}  // namespace callvault::server::store::testing
