#include "server/store/migrations.h"

#include "server/store/migration_media_files.h"

#include <array>
#include <string>

namespace callvault::server::store {

namespace {

// Append only: a released migration is never edited, a change is a new entry at the end.
// The composite keys UNIQUE (company_id, id) exist so that child rows can reference
// (company_id, x_id): the database itself then refuses a link to a row of another company.
constexpr std::array kMigrations = {
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

    // 3: recordings (§2–§9) with a trigram full-text index on the note (substrings of any language, also
    // Chinese without spaces), and bookmarks. Every search runs inside one company and a start-time range,
    // so each index leads with company_id and ends with start_ms. A recording outlives its user and label;
    // deleting a group or label clears the link (a group keeps its foreign key: it must be of the company).
    R"sql(
CREATE TABLE recordings (
    id           INTEGER PRIMARY KEY,
    call_id      TEXT    NOT NULL UNIQUE,
    company_id   INTEGER NOT NULL REFERENCES companies(id),
    start_ms     INTEGER NOT NULL,
    duration_ms  INTEGER NOT NULL CHECK (duration_ms >= 0),
    user_number  TEXT    NOT NULL,
    user_id      INTEGER,
    group_id     INTEGER,
    other_number TEXT    NOT NULL DEFAULT '',
    call_type    TEXT    NOT NULL CHECK (call_type IN ('inbound', 'outbound')),
    file_path    TEXT    NOT NULL,
    file_size    INTEGER NOT NULL CHECK (file_size >= 0),
    sha256       TEXT    NOT NULL,
    signature    TEXT    NOT NULL,
    recovered    INTEGER NOT NULL DEFAULT 0,
    locked       INTEGER NOT NULL DEFAULT 1,
    listened     INTEGER NOT NULL DEFAULT 0,
    downloaded   INTEGER NOT NULL DEFAULT 0,
    note         TEXT    NOT NULL DEFAULT '',
    label_id     INTEGER,
    UNIQUE (company_id, id),
    FOREIGN KEY (company_id, group_id) REFERENCES groups(company_id, id)
);
CREATE INDEX recordings_company_start ON recordings(company_id, start_ms);
CREATE INDEX recordings_company_group ON recordings(company_id, group_id, start_ms);
CREATE INDEX recordings_company_user ON recordings(company_id, user_id, start_ms);
CREATE INDEX recordings_company_number ON recordings(company_id, user_number, start_ms);
CREATE INDEX recordings_company_other ON recordings(company_id, other_number, start_ms);
CREATE INDEX recordings_company_label ON recordings(company_id, label_id, start_ms);
-- The Provider searches across companies, but only the (few) unlocked recordings.
CREATE INDEX recordings_unlocked ON recordings(start_ms) WHERE locked = 0;

CREATE VIRTUAL TABLE recording_notes USING fts5(
    note, content = 'recordings', content_rowid = 'id', tokenize = 'trigram');
CREATE TRIGGER recordings_notes_insert AFTER INSERT ON recordings WHEN NEW.note <> ''
BEGIN
    INSERT INTO recording_notes (rowid, note) VALUES (NEW.id, NEW.note);
END;
CREATE TRIGGER recordings_notes_delete AFTER DELETE ON recordings WHEN OLD.note <> ''
BEGIN
    INSERT INTO recording_notes (recording_notes, rowid, note) VALUES ('delete', OLD.id, OLD.note);
END;
CREATE TRIGGER recordings_notes_update AFTER UPDATE OF note ON recordings
BEGIN
    INSERT INTO recording_notes (recording_notes, rowid, note)
        SELECT 'delete', OLD.id, OLD.note WHERE OLD.note <> '';
    INSERT INTO recording_notes (rowid, note) SELECT NEW.id, NEW.note WHERE NEW.note <> '';
END;

CREATE TRIGGER groups_delete_unlinks_recordings BEFORE DELETE ON groups
BEGIN
    UPDATE recordings SET group_id = NULL WHERE company_id = OLD.company_id AND group_id = OLD.id;
END;
CREATE TRIGGER labels_delete_unlinks_recordings AFTER DELETE ON labels
BEGIN
    UPDATE recordings SET label_id = NULL WHERE company_id = OLD.company_id AND label_id = OLD.id;
END;

CREATE TABLE bookmarks (
    id           INTEGER PRIMARY KEY,
    company_id   INTEGER NOT NULL REFERENCES companies(id),
    recording_id INTEGER NOT NULL,
    start_ms     INTEGER NOT NULL CHECK (start_ms >= 0),
    end_ms       INTEGER NOT NULL,
    text         TEXT    NOT NULL DEFAULT '',
    created_by   INTEGER,
    created_at   INTEGER NOT NULL,
    CHECK (end_ms > start_ms),
    FOREIGN KEY (company_id, recording_id) REFERENCES recordings(company_id, id) ON DELETE CASCADE
);
CREATE INDEX bookmarks_recording ON bookmarks(company_id, recording_id, start_ms);
)sql",

    // 4: greetings, playback terms and the file deletion queue (migration_media_files.h).
    kMediaFilesMigration,
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
