#pragma once

namespace callvault::server::store {

/// Migration 4: greetings (§10, §11) and playback terms (§19), whose MP3s live under <data>/greetings/ and
/// <data>/terms/, and the queue of files to delete (file_trash). A row that names a file is deleted (or
/// points to a new file) in the same transaction that queues the old file, so a crash never leaves a row
/// without its file; the queue is drained after the commit and again by every retention run, so an orphan is
/// removed next time. Paths in file_trash are relative to the data folder.
///
/// It also adds the search index (company, group, user number, start) measured by bench/search_bench.cpp: a
/// month of one group filtered by user number otherwise counts through recordings_company_group with a table
/// lookup per row (~370 ms p50 on 1M rows, against ~1 ms with it).
inline constexpr const char* kMediaFilesMigration = R"sql(
CREATE UNIQUE INDEX user_numbers_company_id ON user_numbers(company_id, id);
CREATE INDEX recordings_company_group_number ON recordings(company_id, group_id, user_number, start_ms);

CREATE TABLE greetings (
    id          INTEGER PRIMARY KEY,
    company_id  INTEGER NOT NULL REFERENCES companies(id),
    number_id   INTEGER,
    group_id    INTEGER,
    direction   TEXT    NOT NULL CHECK (direction IN ('inbound', 'outbound')),
    file_name   TEXT    NOT NULL UNIQUE,
    file_size   INTEGER NOT NULL CHECK (file_size > 0),
    sha256      TEXT    NOT NULL,
    duration_ms INTEGER NOT NULL CHECK (duration_ms >= 0),
    uploaded_by INTEGER,
    uploaded_at INTEGER NOT NULL,
    CHECK ((number_id IS NULL) <> (group_id IS NULL)),
    UNIQUE (company_id, number_id, direction),
    UNIQUE (company_id, group_id, direction),
    FOREIGN KEY (company_id, number_id) REFERENCES user_numbers(company_id, id),
    FOREIGN KEY (company_id, group_id) REFERENCES groups(company_id, id)
);

CREATE TABLE greeting_settings (
    id         INTEGER PRIMARY KEY,
    company_id INTEGER NOT NULL REFERENCES companies(id),
    number_id  INTEGER,
    group_id   INTEGER,
    barge_in   INTEGER NOT NULL DEFAULT 0,
    CHECK ((number_id IS NULL) <> (group_id IS NULL)),
    UNIQUE (company_id, number_id),
    UNIQUE (company_id, group_id),
    FOREIGN KEY (company_id, number_id) REFERENCES user_numbers(company_id, id),
    FOREIGN KEY (company_id, group_id) REFERENCES groups(company_id, id)
);

CREATE TABLE terms (
    id          INTEGER PRIMARY KEY,
    company_id  INTEGER NOT NULL REFERENCES companies(id),
    group_id    INTEGER NOT NULL,
    number      TEXT    NOT NULL,
    file_name   TEXT    NOT NULL UNIQUE,
    file_size   INTEGER NOT NULL CHECK (file_size > 0),
    sha256      TEXT    NOT NULL,
    duration_ms INTEGER NOT NULL CHECK (duration_ms >= 0),
    remark      TEXT    NOT NULL DEFAULT '',
    modified_by INTEGER,
    modified_at INTEGER NOT NULL,
    UNIQUE (company_id, group_id, number),
    FOREIGN KEY (company_id, group_id) REFERENCES groups(company_id, id)
);

CREATE TABLE file_trash (
    id        INTEGER PRIMARY KEY,
    path      TEXT    NOT NULL,
    queued_at INTEGER NOT NULL
);

CREATE TRIGGER greetings_delete_queues_file AFTER DELETE ON greetings
BEGIN
    INSERT INTO file_trash (path, queued_at) VALUES ('greetings/' || OLD.file_name, unixepoch());
END;
CREATE TRIGGER greetings_replace_queues_file AFTER UPDATE OF file_name ON greetings
    WHEN OLD.file_name <> NEW.file_name
BEGIN
    INSERT INTO file_trash (path, queued_at) VALUES ('greetings/' || OLD.file_name, unixepoch());
END;
CREATE TRIGGER terms_delete_queues_file AFTER DELETE ON terms
BEGIN
    INSERT INTO file_trash (path, queued_at) VALUES ('terms/' || OLD.file_name, unixepoch());
END;
CREATE TRIGGER terms_replace_queues_file AFTER UPDATE OF file_name ON terms
    WHEN OLD.file_name <> NEW.file_name
BEGIN
    INSERT INTO file_trash (path, queued_at) VALUES ('terms/' || OLD.file_name, unixepoch());
END;
CREATE TRIGGER recordings_delete_queues_files AFTER DELETE ON recordings
BEGIN
    INSERT INTO file_trash (path, queued_at) VALUES ('recordings' || OLD.file_path, unixepoch());
    INSERT INTO file_trash (path, queued_at)
        SELECT 'recordings' || substr(OLD.file_path, 1, length(OLD.file_path) - 4) || '.peaks', unixepoch()
        WHERE OLD.file_path LIKE '%.mp3';
END;

-- A deleted group takes its greetings, settings and terms with it (their files are queued above).
CREATE TRIGGER groups_delete_drops_media BEFORE DELETE ON groups
BEGIN
    DELETE FROM greetings WHERE company_id = OLD.company_id AND group_id = OLD.id;
    DELETE FROM greeting_settings WHERE company_id = OLD.company_id AND group_id = OLD.id;
    DELETE FROM terms WHERE company_id = OLD.company_id AND group_id = OLD.id;
END;
)sql";

}  // namespace callvault::server::store
