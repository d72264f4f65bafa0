#include "server/store/migrations.h"

#include <array>
#include <string>

namespace callvault::server::store {

namespace {

// Append only: a released migration is never edited, a change is a new entry at the end.
// The composite keys UNIQUE (company_id, id) exist so that child rows can reference
// (company_id, x_id): the database itself then refuses a link to a row of another company.
constexpr std::array<const char*, 2> kMigrations = {
    // 1: tenants, accounts, groups, labels, numbers, sessions.
    R"sql(
CREATE TABLE companies (
    id             INTEGER PRIMARY KEY,
    name           TEXT    NOT NULL,
    retention_days INTEGER NOT NULL CHECK (retention_days >= 0),
    time_zone      TEXT    NOT NULL,
    created_at     INTEGER NOT NULL
);

CREATE TABLE groups (
    id         INTEGER PRIMARY KEY,
    company_id INTEGER NOT NULL REFERENCES companies(id),
    name       TEXT    NOT NULL COLLATE NOCASE,
    created_at INTEGER NOT NULL,
    UNIQUE (company_id, name),
    UNIQUE (company_id, id)
);

CREATE TABLE users (
    id                   INTEGER PRIMARY KEY,
    company_id           INTEGER REFERENCES companies(id),
    login                TEXT    NOT NULL COLLATE NOCASE UNIQUE,
    name                 TEXT    NOT NULL,
    email                TEXT    NOT NULL DEFAULT '',
    role                 TEXT    NOT NULL
                         CHECK (role IN ('admin', 'manager', 'supervisor', 'agent', 'provider')),
    group_id             INTEGER,
    recording_start_date TEXT    NOT NULL DEFAULT '',
    notify               INTEGER NOT NULL DEFAULT 0,
    enabled              INTEGER NOT NULL DEFAULT 1,
    must_change_password INTEGER NOT NULL DEFAULT 0,
    password_hash        TEXT    NOT NULL,
    failed_logins        INTEGER NOT NULL DEFAULT 0,
    locked_until         INTEGER NOT NULL DEFAULT 0,
    created_at           INTEGER NOT NULL,
    updated_at           INTEGER NOT NULL,
    CHECK (company_id IS NOT NULL OR role = 'provider'),
    UNIQUE (company_id, id),
    FOREIGN KEY (company_id, group_id) REFERENCES groups(company_id, id)
);
CREATE INDEX users_company_name ON users(company_id, name);
CREATE INDEX users_company_group ON users(company_id, group_id);

CREATE TABLE supervisor_groups (
    company_id INTEGER NOT NULL REFERENCES companies(id),
    user_id    INTEGER NOT NULL,
    group_id   INTEGER NOT NULL,
    PRIMARY KEY (user_id, group_id),
    FOREIGN KEY (company_id, user_id) REFERENCES users(company_id, id) ON DELETE CASCADE,
    FOREIGN KEY (company_id, group_id) REFERENCES groups(company_id, id)
) WITHOUT ROWID;
CREATE INDEX supervisor_groups_group ON supervisor_groups(company_id, group_id);
CREATE INDEX supervisor_groups_user ON supervisor_groups(company_id, user_id);

CREATE TABLE labels (
    id          INTEGER PRIMARY KEY,
    company_id  INTEGER NOT NULL REFERENCES companies(id),
    name        TEXT    NOT NULL COLLATE NOCASE,
    remark      TEXT    NOT NULL DEFAULT '',
    modified_by INTEGER,
    modified_at INTEGER NOT NULL,
    UNIQUE (company_id, name),
    FOREIGN KEY (company_id, modified_by) REFERENCES users(company_id, id)
);
CREATE INDEX labels_modified_by ON labels(company_id, modified_by);

CREATE TABLE user_numbers (
    id             INTEGER PRIMARY KEY,
    company_id     INTEGER NOT NULL REFERENCES companies(id),
    number         TEXT    NOT NULL UNIQUE,
    inbound        INTEGER NOT NULL DEFAULT 1,
    outbound       INTEGER NOT NULL DEFAULT 1,
    user_id        INTEGER,
    effective_date TEXT    NOT NULL,
    activated      INTEGER NOT NULL DEFAULT 0,
    pin_hash       TEXT,
    FOREIGN KEY (company_id, user_id) REFERENCES users(company_id, id)
);
CREATE INDEX user_numbers_company ON user_numbers(company_id, number);
CREATE INDEX user_numbers_user ON user_numbers(company_id, user_id);

CREATE TABLE sessions (
    token_hash   TEXT    PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    address      TEXT    NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_last_seen ON sessions(last_seen_at);
)sql",

    // 2: the operation report (§13), append only. company_id is NULL for Provider actions outside a
    // company; operator_id has no foreign key because an entry must outlive whatever it names.
    R"sql(
CREATE TABLE audit (
    id             INTEGER PRIMARY KEY,
    company_id     INTEGER REFERENCES companies(id),
    at             INTEGER NOT NULL,
    operator_id    INTEGER,
    operator_login TEXT    NOT NULL COLLATE NOCASE,
    operation      TEXT    NOT NULL,
    target         TEXT    NOT NULL DEFAULT '',
    address        TEXT    NOT NULL DEFAULT '',
    details        TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(details))
);
CREATE INDEX audit_company_at ON audit(company_id, at);
CREATE INDEX audit_company_operation ON audit(company_id, operation, at);
CREATE INDEX audit_company_operator ON audit(company_id, operator_login, at);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'audit entries are immutable');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'audit entries are immutable');
END;
)sql",
};

}  // namespace

int latestSchemaVersion() {
    return static_cast<int>(kMigrations.size());
}

int schemaVersion(Database& db) {
    Statement statement = db.prepare("PRAGMA user_version");
    if (!statement.step())
        throw StoreError("cannot read the schema version");
    return static_cast<int>(statement.int64(0));
}

void migrate(Database& db, int targetVersion) {
    const int latest = latestSchemaVersion();
    if (targetVersion < 0 || targetVersion > latest)
        throw StoreError("unknown schema version " + std::to_string(targetVersion));
    const int current = schemaVersion(db);
    if (current > latest) {
        throw StoreError("the database has schema version " + std::to_string(current) +
                         " but this build knows only up to " + std::to_string(latest) +
                         "; it was written by a newer CallVault");
    }
    for (int version = current + 1; version <= targetVersion; ++version) {
        Transaction transaction(db);
        // Re-read inside the write lock: another process may have migrated in the meantime.
        if (schemaVersion(db) >= version)
            continue;
        db.exec(kMigrations[static_cast<std::size_t>(version - 1)]);
        // PRAGMA takes no bound parameters; the value is our own loop counter, never outside input.
        db.exec("PRAGMA user_version = " + std::to_string(version));
        transaction.commit();
    }
}

void migrate(Database& db) {
    migrate(db, latestSchemaVersion());
}

}  // namespace callvault::server::store
