#include "tests/server/unit/store_fixture.h"

#include <ctime>

namespace callvault::server::store::testing {
namespace {

class StoreGroups : public StoreFixture {};
class StoreLabels : public StoreFixture {};

TEST_F(StoreGroups, CreateReadListAndRename) {
    const Company company = addCompany("Acme");
    const std::int64_t before = std::time(nullptr);
    const Group support = addGroup(company.id, "Support");
    const Group sales = addGroup(company.id, "Sales");
    EXPECT_GT(support.id, 0);
    EXPECT_EQ(support.companyId, company.id);
    EXPECT_GE(support.createdAt, before);
    EXPECT_EQ(store().group(company.id, support.id), support);
    EXPECT_EQ(store().groups(company.id), (std::vector<Group>{sales, support}));

    const std::optional<Group> renamed = store().renameGroup(company.id, support.id, "After-sales");
    ASSERT_TRUE(renamed);
    EXPECT_EQ(renamed->name, "After-sales");
    EXPECT_EQ(renamed->createdAt, support.createdAt);
    EXPECT_EQ(store().group(company.id, support.id), renamed);
    EXPECT_EQ(store().renameGroup(company.id, support.id + sales.id + 1000, "Ghost"), std::nullopt);
}

TEST_F(StoreGroups, NamesAreUniqueWithinACompanyIgnoringCase) {
    const Company a = addCompany("A");
    const Company b = addCompany("B");
    const Group sales = addGroup(a.id, "Sales");
    const Group other = addGroup(a.id, "Other");
    EXPECT_PRED2(contains, conflictMessage([&] { addGroup(a.id, "SALES"); }),
                 "a group with this name already exists");
    EXPECT_PRED2(contains, conflictMessage([&] { store().renameGroup(a.id, other.id, "sales"); }),
                 "a group with this name already exists");
    EXPECT_EQ(store().group(a.id, other.id), other);
    EXPECT_NO_THROW(addGroup(b.id, "Sales"));  // another company may use the name
    EXPECT_EQ(store().groups(a.id).size(), 2U);
    EXPECT_EQ(store().renameGroup(a.id, sales.id, "Sales"), sales);  // renaming to itself is fine
}

TEST_F(StoreGroups, AnotherCompanysGroupIsAbsent) {
    const Company a = addCompany("A");
    const Company b = addCompany("B");
    const Group theirs = addGroup(b.id, "Theirs");
    EXPECT_EQ(store().group(a.id, theirs.id), std::nullopt);
    EXPECT_TRUE(store().groups(a.id).empty());
    EXPECT_EQ(store().renameGroup(a.id, theirs.id, "Mine now"), std::nullopt);
    EXPECT_FALSE(store().deleteGroup(a.id, theirs.id));
    EXPECT_EQ(store().group(b.id, theirs.id), theirs);
    EXPECT_THROW(addGroup(a.id + b.id + 1000, "Orphan"), ConflictError);  // no such company
}

TEST_F(StoreGroups, DeleteRefusesGroupsInUse) {
    const Company company = addCompany("Acme");
    const Group withMember = addGroup(company.id, "Members");
    const Group supervised = addGroup(company.id, "Supervised");
    const Group empty = addGroup(company.id, "Empty");
    const User member = addUser(company.id, "member", Role::Agent, withMember.id);
    User supervisor;
    supervisor.companyId = company.id;
    supervisor.login = "boss";
    supervisor.role = Role::Supervisor;
    supervisor.supervisedGroupIds = {supervised.id};
    store().createUser(supervisor, "h");

    EXPECT_PRED2(contains, conflictMessage([&] { store().deleteGroup(company.id, withMember.id); }), "users");
    EXPECT_PRED2(contains, conflictMessage([&] { store().deleteGroup(company.id, supervised.id); }),
                 "supervisors");
    EXPECT_TRUE(store().group(company.id, withMember.id));
    EXPECT_TRUE(store().group(company.id, supervised.id));

    EXPECT_TRUE(store().deleteGroup(company.id, empty.id));
    EXPECT_EQ(store().group(company.id, empty.id), std::nullopt);
    EXPECT_FALSE(store().deleteGroup(company.id, empty.id));

    // Once the member moves away the group can go.
    store().updateUser(company.id, member.id, groupUpdate(std::nullopt));
    EXPECT_TRUE(store().deleteGroup(company.id, withMember.id));
}

TEST_F(StoreLabels, CreateReadListUpdateDelete) {
    const Company company = addCompany("Acme");
    const User alice = addUser(company.id, "alice");
    const User bob = addUser(company.id, "bob");
    const std::int64_t before = std::time(nullptr);

    const Label urgent = store().createLabel(makeLabel(company.id, "Urgent", alice.id, "call back"));
    EXPECT_GT(urgent.id, 0);
    EXPECT_EQ(urgent.modifiedByName, alice.name);
    EXPECT_GE(urgent.modifiedAt, before);
    EXPECT_EQ(urgent.remark, "call back");
    const Label anon = store().createLabel(makeLabel(company.id, "Complaint"));
    EXPECT_EQ(anon.modifiedBy, std::nullopt);
    EXPECT_EQ(anon.modifiedByName, "");

    EXPECT_EQ(store().label(company.id, urgent.id), urgent);
    EXPECT_EQ(store().labels(company.id), (std::vector<Label>{anon, urgent}));

    Label change = urgent;
    change.name = "Very urgent";
    change.remark = "";
    change.modifiedBy = bob.id;
    const std::optional<Label> updated = store().updateLabel(change);
    ASSERT_TRUE(updated);
    EXPECT_EQ(updated->name, "Very urgent");
    EXPECT_EQ(updated->remark, "");
    EXPECT_EQ(updated->modifiedByName, bob.name);
    EXPECT_EQ(store().label(company.id, urgent.id), updated);

    EXPECT_TRUE(store().deleteLabel(company.id, urgent.id));
    EXPECT_EQ(store().label(company.id, urgent.id), std::nullopt);
    EXPECT_FALSE(store().deleteLabel(company.id, urgent.id));
    change.id = urgent.id;
    EXPECT_EQ(store().updateLabel(change), std::nullopt);
}

TEST_F(StoreLabels, ConflictsAndIsolation) {
    const Company a = addCompany("A");
    const Company b = addCompany("B");
    const User userOfB = addUser(b.id, "bee");
    const Label mine = store().createLabel(makeLabel(a.id, "Mine"));
    const Label theirs = store().createLabel(makeLabel(b.id, "Mine"));  // same name, other company

    EXPECT_PRED2(contains, conflictMessage([&] { store().createLabel(makeLabel(a.id, "MINE")); }),
                 "a label with this name already exists");
    EXPECT_THROW(store().createLabel(makeLabel(a.id, "X", userOfB.id)), ConflictError);
    Label rename = store().createLabel(makeLabel(a.id, "Other"));
    rename.name = "mine";
    EXPECT_THROW(store().updateLabel(rename), ConflictError);
    Label foreignEditor = mine;
    foreignEditor.modifiedBy = userOfB.id;
    EXPECT_THROW(store().updateLabel(foreignEditor), ConflictError);
    EXPECT_EQ(store().label(a.id, mine.id), mine);

    EXPECT_EQ(store().label(a.id, theirs.id), std::nullopt);
    Label steal = theirs;
    steal.companyId = a.id;
    steal.name = "Stolen";
    EXPECT_EQ(store().updateLabel(steal), std::nullopt);
    EXPECT_FALSE(store().deleteLabel(a.id, theirs.id));
    EXPECT_EQ(store().label(b.id, theirs.id), theirs);
    EXPECT_EQ(store().labels(b.id), (std::vector<Label>{theirs}));
}

}  // namespace
}  // namespace callvault::server::store::testing
