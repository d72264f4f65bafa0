#include "tests/server/unit/store_fixture.h"

#include <ctime>

namespace callvault::server::store::testing {
namespace {

class StoreCompanies : public StoreFixture {};
class StoreUsers : public StoreFixture {};
class StoreSessions : public StoreFixture {};

TEST_F(StoreCompanies, CreateReadAndList) {
    const std::int64_t before = std::time(nullptr);
    const Company zeta = addCompany("Zeta Ltd", "Asia/Hong_Kong");
    const Company acme = addCompany("Acme");
    EXPECT_GT(zeta.id, 0);
    EXPECT_NE(zeta.id, acme.id);
    EXPECT_GE(zeta.createdAt, before);
    EXPECT_LE(zeta.createdAt, std::time(nullptr));
    EXPECT_EQ(zeta.retentionDays, 90);

    EXPECT_EQ(store().company(zeta.id), zeta);
    EXPECT_EQ(store().company(zeta.id + acme.id + 100), std::nullopt);
    EXPECT_EQ(store().companies(), (std::vector<Company>{acme, zeta}));
}

TEST_F(StoreCompanies, NegativeRetentionIsRefused) {
    Company company;
    company.name = "Bad";
    company.retentionDays = -1;
    company.timeZone = "UTC";
    EXPECT_THROW(store().createCompany(company), ConflictError);
    EXPECT_TRUE(store().companies().empty());
}

TEST_F(StoreUsers, CreateAndReadBack) {
    const Company company = addCompany("Acme");
    const Group sales = addGroup(company.id, "Sales");
    const Group support = addGroup(company.id, "Support");
    User user;
    user.companyId = company.id;
    user.login = "sam";
    user.name = "Sam Supervisor";
    user.email = "sam@example.org";
    user.role = Role::Supervisor;
    user.groupId = sales.id;
    user.supervisedGroupIds = {support.id, sales.id, support.id};
    user.recordingStartDate = "2026-01-01";
    user.notify = true;
    user.mustChangePassword = true;
    const User created = store().createUser(user, "hash-sam");

    EXPECT_GT(created.id, 0);
    EXPECT_GT(created.createdAt, 0);
    EXPECT_EQ(created.updatedAt, created.createdAt);
    EXPECT_EQ(created.supervisedGroupIds, (std::vector<std::int64_t>{sales.id, support.id}));
    EXPECT_EQ(store().user(company.id, created.id), created);
    EXPECT_EQ(store().userById(created.id), created);

    const std::optional<UserCredentials> credentials = store().credentialsByLogin("SAM");
    ASSERT_TRUE(credentials);
    EXPECT_EQ(credentials->user, created);
    EXPECT_EQ(credentials->passwordHash, "hash-sam");
    EXPECT_EQ(credentials->failedLogins, 0);
    EXPECT_EQ(store().credentialsByLogin("nobody"), std::nullopt);
}

TEST_F(StoreUsers, ListIsOrderedByNameAndHoldsOnlyTheCompany) {
    const Company a = addCompany("A");
    const Company b = addCompany("B");
    const Group group = addGroup(a.id, "G");
    User zed = addUser(a.id, "zed");
    const User amy = addUser(a.id, "amy");
    const User other = addUser(b.id, "other");
    zed = *store().updateUser(a.id, zed.id, supervisedUpdate({group.id}));

    EXPECT_EQ(store().users(a.id), (std::vector<User>{amy, zed}));
    EXPECT_EQ(store().users(b.id), (std::vector<User>{other}));
    EXPECT_EQ(store().user(a.id, other.id), std::nullopt);
    EXPECT_EQ(store().user(b.id, amy.id), std::nullopt);
    EXPECT_EQ(store().updateUser(a.id, other.id, nameUpdate("Hijacked")), std::nullopt);
    EXPECT_EQ(store().user(b.id, other.id), other);
}

TEST_F(StoreUsers, LoginIsUniqueAcrossCompaniesIgnoringCase) {
    const Company a = addCompany("A");
    const Company b = addCompany("B");
    addUser(a.id, "alice");
    EXPECT_PRED2(contains, conflictMessage([&] { addUser(b.id, "ALICE"); }), "login already exists");
    EXPECT_TRUE(store().users(b.id).empty());
}

TEST_F(StoreUsers, OnlyAProviderMayBeOutsideACompany) {
    const User provider = addUser(std::nullopt, "operator", Role::Provider);
    EXPECT_EQ(store().userById(provider.id), provider);
    EXPECT_FALSE(provider.companyId);
    EXPECT_PRED2(contains, conflictMessage([&] { addUser(std::nullopt, "loose", Role::Agent); }),
                 "outside a company");
    EXPECT_EQ(store().credentialsByLogin("loose"), std::nullopt);
}

TEST_F(StoreUsers, GroupsMustExistInTheSameCompany) {
    const Company a = addCompany("A");
    const Company b = addCompany("B");
    const Group groupOfB = addGroup(b.id, "B group");
    EXPECT_PRED2(contains, conflictMessage([&] { addUser(a.id, "u1", Role::Agent, groupOfB.id); }),
                 "does not exist in this company");
    EXPECT_THROW(addUser(a.id, "u2", Role::Agent, groupOfB.id + 1000), ConflictError);
    User supervisor;
    supervisor.companyId = a.id;
    supervisor.login = "u3";
    supervisor.role = Role::Supervisor;
    supervisor.supervisedGroupIds = {groupOfB.id};
    EXPECT_THROW(store().createUser(supervisor, "h"), ConflictError);
    EXPECT_THROW(addUser(a.id + b.id + 1000, "u4"), ConflictError);  // no such company
    EXPECT_TRUE(store().users(a.id).empty());
    EXPECT_EQ(store().credentialsByLogin("u3"), std::nullopt);
}

TEST_F(StoreUsers, UpdateTouchesOnlyTheFieldsGiven) {
    const Company company = addCompany("Acme");
    const Group g1 = addGroup(company.id, "One");
    const Group g2 = addGroup(company.id, "Two");
    const User user = addUser(company.id, "agent", Role::Agent, g1.id);
    RawDb(m_file).exec("UPDATE users SET updated_at = 5 WHERE id = " + std::to_string(user.id));

    const std::optional<User> renamed = store().updateUser(company.id, user.id, nameUpdate("New Name"));
    ASSERT_TRUE(renamed);
    User expected = user;
    expected.name = "New Name";
    expected.updatedAt = renamed->updatedAt;
    EXPECT_EQ(*renamed, expected);
    EXPECT_GE(renamed->updatedAt, user.createdAt);

    UserUpdate all;
    all.email = "new@example.org";
    all.role = Role::Supervisor;
    all.groupId = std::optional<std::int64_t>(g2.id);
    all.supervisedGroupIds = std::vector<std::int64_t>{g2.id, g1.id};
    all.recordingStartDate = "2027-02-03";
    all.notify = true;
    all.enabled = false;
    const User changed = *store().updateUser(company.id, user.id, all);
    EXPECT_EQ(changed.name, "New Name");
    EXPECT_EQ(changed.email, "new@example.org");
    EXPECT_EQ(changed.role, Role::Supervisor);
    EXPECT_EQ(changed.groupId, g2.id);
    EXPECT_EQ(changed.supervisedGroupIds, (std::vector<std::int64_t>{g1.id, g2.id}));
    EXPECT_EQ(changed.recordingStartDate, "2027-02-03");
    EXPECT_TRUE(changed.notify);
    EXPECT_FALSE(changed.enabled);
    EXPECT_EQ(store().user(company.id, user.id), changed);

    // Clearing: the group with an inner nullopt, the supervised set with an empty list.
    UserUpdate clear = groupUpdate(std::nullopt);
    clear.supervisedGroupIds = std::vector<std::int64_t>{};
    const User cleared = *store().updateUser(company.id, user.id, clear);
    EXPECT_EQ(cleared.groupId, std::nullopt);
    EXPECT_TRUE(cleared.supervisedGroupIds.empty());
    EXPECT_EQ(cleared.email, "new@example.org");
}

TEST_F(StoreUsers, UpdateWithAForeignGroupChangesNothing) {
    const Company a = addCompany("A");
    const Company b = addCompany("B");
    const Group mine = addGroup(a.id, "Mine");
    const Group theirs = addGroup(b.id, "Theirs");
    const User user = *store().updateUser(a.id, addUser(a.id, "sup", Role::Supervisor, mine.id).id,
                                          supervisedUpdate({mine.id}));

    UserUpdate foreignGroup = nameUpdate("X");
    foreignGroup.groupId = std::optional<std::int64_t>(theirs.id);
    EXPECT_THROW(store().updateUser(a.id, user.id, foreignGroup), ConflictError);
    UserUpdate foreignSupervised = nameUpdate("X");
    foreignSupervised.supervisedGroupIds = std::vector<std::int64_t>{mine.id, theirs.id};
    EXPECT_THROW(store().updateUser(a.id, user.id, foreignSupervised), ConflictError);
    EXPECT_EQ(store().user(a.id, user.id), user);
    EXPECT_EQ(store().updateUser(a.id, user.id + 1000, nameUpdate("X")), std::nullopt);
}

TEST_F(StoreUsers, FailedLoginsCountLockAndClear) {
    const Company company = addCompany("Acme");
    const User user = addUser(company.id, "bob");
    EXPECT_EQ(store().recordFailedLogin(user.id, 0), 1);
    EXPECT_EQ(store().recordFailedLogin(user.id, 0), 2);
    EXPECT_EQ(store().credentialsByLogin("bob")->user.lockedUntil, 0);
    EXPECT_EQ(store().recordFailedLogin(user.id, 4000000000), 3);
    EXPECT_EQ(store().recordFailedLogin(user.id, 0), 4);  // 0 keeps the lock in force
    UserCredentials credentials = *store().credentialsByLogin("bob");
    EXPECT_EQ(credentials.failedLogins, 4);
    EXPECT_EQ(credentials.user.lockedUntil, 4000000000);

    store().recordSuccessfulLogin(user.id);
    credentials = *store().credentialsByLogin("bob");
    EXPECT_EQ(credentials.failedLogins, 0);
    EXPECT_EQ(credentials.user.lockedUntil, 0);
    EXPECT_EQ(store().recordFailedLogin(user.id + 1000, 5), 0);  // unknown user
}

TEST_F(StoreUsers, SetPasswordReplacesTheHashAndUnlocks) {
    const Company company = addCompany("Acme");
    const User user = addUser(company.id, "carol");
    store().recordFailedLogin(user.id, 4000000000);
    store().setPassword(user.id, "new-hash", true);
    UserCredentials credentials = *store().credentialsByLogin("carol");
    EXPECT_EQ(credentials.passwordHash, "new-hash");
    EXPECT_TRUE(credentials.user.mustChangePassword);
    EXPECT_EQ(credentials.failedLogins, 0);
    EXPECT_EQ(credentials.user.lockedUntil, 0);
    store().setPassword(user.id, "newer-hash", false);
    credentials = *store().credentialsByLogin("carol");
    EXPECT_EQ(credentials.passwordHash, "newer-hash");
    EXPECT_FALSE(credentials.user.mustChangePassword);
}

TEST_F(StoreSessions, Lifecycle) {
    const Company company = addCompany("Acme");
    const User alice = addUser(company.id, "alice");
    const User bob = addUser(company.id, "bob");
    const Session s1{"aa11", alice.id, 100, 100, "10.0.0.1"};
    const Session s2{"bb22", alice.id, 100, 200, "10.0.0.2"};
    const Session s3{"cc33", bob.id, 100, 300, "10.0.0.3"};
    store().createSession(s1);
    store().createSession(s2);
    store().createSession(s3);

    const std::optional<Session> read = store().session("aa11");
    ASSERT_TRUE(read);
    EXPECT_EQ(read->userId, alice.id);
    EXPECT_EQ(read->address, "10.0.0.1");
    EXPECT_EQ(read->createdAt, 100);
    EXPECT_EQ(store().session("zz99"), std::nullopt);

    store().touchSession("aa11", 250);
    EXPECT_EQ(store().session("aa11")->lastSeenAt, 250);

    store().deleteSessionsIdleSince(250);  // strictly before: 250 stays, 200 goes
    EXPECT_TRUE(store().session("aa11"));
    EXPECT_FALSE(store().session("bb22"));
    EXPECT_TRUE(store().session("cc33"));

    store().deleteUserSessions(alice.id);
    EXPECT_FALSE(store().session("aa11"));
    EXPECT_TRUE(store().session("cc33"));
    store().deleteSession("cc33");
    EXPECT_FALSE(store().session("cc33"));
}

TEST_F(StoreSessions, DuplicateTokenAndUnknownUserAreConflicts) {
    const Company company = addCompany("Acme");
    const User alice = addUser(company.id, "alice");
    store().createSession(Session{"aa11", alice.id, 1, 1, ""});
    EXPECT_THROW(store().createSession(Session{"aa11", alice.id, 2, 2, ""}), ConflictError);
    EXPECT_THROW(store().createSession(Session{"dd44", alice.id + 1000, 2, 2, ""}), ConflictError);
    EXPECT_EQ(store().session("aa11")->createdAt, 1);
    EXPECT_FALSE(store().session("dd44"));
}

}  // namespace
}  // namespace callvault::server::store::testing
