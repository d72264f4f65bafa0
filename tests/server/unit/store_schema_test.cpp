#include "server/store/migrations.h"
#include "server/store/sqlite_db.h"
#include "tests/server/unit/store_fixture.h"

#include <fstream>

namespace callvault::server::store::testing {
namespace {

class StoreSchema : public StoreFixture {};

TEST_F(StoreSchema, NewDatabaseIsInWalModeAtTheLatestVersion) {
    RawDb raw(m_file);
    EXPECT_EQ(raw.text("PRAGMA journal_mode"), "wal");
    EXPECT_GE(latestSchemaVersion(), 2);
    EXPECT_EQ(raw.integer("PRAGMA user_version"), latestSchemaVersion());
}

TEST_F(StoreSchema, ConnectionPragmasAreSet) {
    Database db = Database::open(m_file.string());
    auto value = [&db](const char* pragma) {
        Statement statement = db.prepare(pragma);
        EXPECT_TRUE(statement.step());
        return statement.int64(0);
    };
    EXPECT_EQ(value("PRAGMA foreign_keys"), 1);
    EXPECT_EQ(value("PRAGMA busy_timeout"), 5000);
    EXPECT_EQ(value("PRAGMA synchronous"), 1);  // NORMAL
}

TEST_F(StoreSchema, DataSurvivesReopening) {
    const Company company = addCompany("Acme");
    const User user = addUser(company.id, "alice");
    m_store.reset();
    m_store = openSqliteStore(m_file.string());
    EXPECT_EQ(store().company(company.id), company);
    EXPECT_EQ(store().user(company.id, user.id), user);
}

TEST_F(StoreSchema, AuditEntriesCannotBeChangedOrDeleted) {
    AuditEntry entry;
    entry.operatorLogin = "alice";
    entry.operation = "login";
    entry.at = 1000;
    const AuditEntry appended = store().appendAudit(entry);

    RawDb raw(m_file);
    EXPECT_NE(raw.exec("UPDATE audit SET operation = 'forged' WHERE id = " + std::to_string(appended.id)),
              SQLITE_OK);
    EXPECT_NE(raw.lastError().find("audit entries are immutable"), std::string::npos) << raw.lastError();
    EXPECT_NE(raw.exec("DELETE FROM audit"), SQLITE_OK);
    EXPECT_NE(raw.lastError().find("audit entries are immutable"), std::string::npos) << raw.lastError();
    EXPECT_EQ(store().auditEntry(0, appended.id), appended);
}

TEST_F(StoreSchema, RefusesADatabaseFromANewerBuild) {
    m_store.reset();
    const int newer = latestSchemaVersion() + 1;
    RawDb(m_file).exec("PRAGMA user_version = " + std::to_string(newer));
    EXPECT_THROW(openSqliteStore(m_file.string()), StoreError);
    EXPECT_EQ(RawDb(m_file).integer("PRAGMA user_version"), newer);  // left untouched
}

TEST_F(StoreSchema, RefusesAFileThatIsNotADatabase) {
    const std::filesystem::path bogus = m_dir.path() / "bogus.db";
    std::ofstream(bogus) << "this is not an SQLite database, just some text long enough to have a header";
    EXPECT_THROW(openSqliteStore(bogus.string()), StoreError);
    EXPECT_THROW(openSqliteStore((m_dir.path() / "missing" / "folder.db").string()), StoreError);
}

TEST_F(StoreSchema, MigrateRejectsAnUnknownTargetVersion) {
    Database db = Database::open((m_dir.path() / "other.db").string());
    EXPECT_THROW(migrate(db, latestSchemaVersion() + 1), StoreError);
    EXPECT_THROW(migrate(db, -1), StoreError);
    EXPECT_EQ(schemaVersion(db), 0);
}

TEST(StoreUpgrade, Version1DatabaseIsUpgradedWithItsData) {
    TempDir dir;
    const std::filesystem::path file = dir.path() / "old.db";
    {
        Database db = Database::open(file.string());
        migrate(db, 1);
        ASSERT_EQ(schemaVersion(db), 1);
        db.exec(
            "INSERT INTO companies (id, name, retention_days, time_zone, created_at) "
            "VALUES (7, 'Old Co', 30, 'Asia/Hong_Kong', 100);"
            "INSERT INTO groups (id, company_id, name, created_at) VALUES (3, 7, 'Sales', 100);"
            "INSERT INTO users (id, company_id, login, name, email, role, group_id, password_hash, "
            "created_at, "
            "updated_at) VALUES (5, 7, 'olduser', 'Old User', '', 'agent', 3, 'hash', 100, 100);");
        RawDb raw(file);
        EXPECT_FALSE(raw.text("SELECT name FROM sqlite_master WHERE name = 'audit'"));
    }

    const std::unique_ptr<Store> store = openSqliteStore(file.string());
    EXPECT_EQ(RawDb(file).integer("PRAGMA user_version"), latestSchemaVersion());
    const std::optional<Company> company = store->company(7);
    ASSERT_TRUE(company);
    EXPECT_EQ(company->name, "Old Co");
    EXPECT_EQ(company->timeZone, "Asia/Hong_Kong");
    const std::optional<User> user = store->user(7, 5);
    ASSERT_TRUE(user);
    EXPECT_EQ(user->login, "olduser");
    EXPECT_EQ(user->groupId, 3);
    const std::optional<UserCredentials> credentials = store->credentialsByLogin("OLDUSER");
    ASSERT_TRUE(credentials);
    EXPECT_EQ(credentials->passwordHash, "hash");

    // The table of migration 2 works.
    AuditEntry entry;
    entry.companyId = 7;
    entry.operation = "user.update";
    const AuditEntry appended = store->appendAudit(entry);
    EXPECT_EQ(store->auditEntry(7, appended.id), appended);
}

TEST(StoreUpgrade, AFailedMigrationLeavesThePreviousVersion) {
    TempDir dir;
    const std::filesystem::path file = dir.path() / "broken.db";
    Database db = Database::open(file.string());
    migrate(db, 1);
    // A stray table named like an index of migration 2 makes it fail after its CREATE TABLE audit.
    db.exec("CREATE TABLE audit_company_at (x INTEGER)");
    EXPECT_THROW(migrate(db), StoreError);
    EXPECT_EQ(schemaVersion(db), 1);
    RawDb raw(file);
    EXPECT_FALSE(raw.text("SELECT name FROM sqlite_master WHERE name = 'audit'"));
    EXPECT_FALSE(raw.text("SELECT name FROM sqlite_master WHERE name = 'audit_no_update'"));
}

TEST(StoreDatabase, TransactionRollsBackUnlessCommitted) {
    TempDir dir;
    Database db = Database::open((dir.path() / "tx.db").string());
    db.exec("CREATE TABLE t (v INTEGER)");
    {
        Transaction transaction(db);
        db.prepare("INSERT INTO t (v) VALUES (1)").run();
    }
    {
        Transaction transaction(db);
        Statement insert = db.prepare("INSERT INTO t (v) VALUES (?)");
        insert.bindInt64(1, 2).run();
        transaction.commit();
    }
    Statement select = db.prepare("SELECT group_concat(v) FROM t");
    ASSERT_TRUE(select.step());
    EXPECT_EQ(select.text(0), "2");
}

TEST(StoreDatabase, StatementBindsValuesAndReportsErrors) {
    TempDir dir;
    Database db = Database::open((dir.path() / "stmt.db").string());
    db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT, n INTEGER UNIQUE)");
    Statement insert = db.prepare("INSERT INTO t (s, n) VALUES (?, ?)");
    insert.bindText(1, std::string_view("it's; DROP TABLE t; --\0x", 24))
        .bindOptionalInt64(2, std::nullopt)
        .run();
    EXPECT_FALSE(insert.step());  // done stays done until reset: the row is not inserted twice
    insert.reset();
    insert.bindText(1, "b").bindInt64(2, 5).run();
    insert.reset();
    insert.bindText(1, "c").bindInt64(2, 5);
    try {
        insert.run();
        FAIL() << "a duplicate was accepted";
    } catch (const SqliteError& error) {
        EXPECT_TRUE(error.isConstraint());
        EXPECT_EQ(error.code(), SQLITE_CONSTRAINT_UNIQUE);
    }
    Statement select = db.prepare("SELECT s, n FROM t ORDER BY id");
    ASSERT_TRUE(select.step());
    EXPECT_EQ(select.text(0), std::string("it's; DROP TABLE t; --\0x", 24));
    EXPECT_TRUE(select.isNull(1));
    EXPECT_EQ(select.optionalInt64(1), std::nullopt);
    ASSERT_TRUE(select.step());
    EXPECT_EQ(select.optionalInt64(1), 5);
    EXPECT_FALSE(select.step());
    EXPECT_THROW(db.prepare("SELECT nope FROM nowhere"), StoreError);
}

}  // namespace
}  // namespace callvault::server::store::testing
