#pragma once

#include "server/store/store.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace callvault::server::store {

/// A failed SQLite call. `code()` is the extended result code (e.g. SQLITE_CONSTRAINT_UNIQUE) so the
/// store can turn rule violations into ConflictError; anything it does not map stays a StoreError.
class SqliteError : public StoreError {
public:
    SqliteError(int code, const std::string& message);
    int code() const noexcept { return m_code; }
    bool isConstraint() const noexcept;  ///< any SQLITE_CONSTRAINT_* code

private:
    int m_code;
};

/// A prepared statement bound to its connection. Parameters are 1-based, columns 0-based (as in SQLite).
/// Values only ever enter SQL through the bind functions.
class Statement {
public:
    Statement(sqlite3* db, std::string_view sql);

    Statement& bindInt64(int index, std::int64_t value);
    Statement& bindBool(int index, bool value);
    Statement& bindText(int index, std::string_view value);  ///< copied by SQLite
    Statement& bindNull(int index);
    Statement& bindOptionalInt64(int index, const std::optional<std::int64_t>& value);  ///< NULL when empty
    Statement& bindOptionalText(int index, const std::optional<std::string>& value);    ///< NULL when empty

    /// Runs one step: true when a row is available, false when done (and on every call after that until
    /// reset(), so a finished statement never silently runs again). Throws SqliteError on failure.
    bool step();
    /// Steps to completion, ignoring any rows (INSERT / UPDATE / DELETE).
    void run();
    /// Makes the statement runnable again; bindings are cleared.
    void reset();

    bool isNull(int column) const;
    std::int64_t int64(int column) const;
    bool boolean(int column) const;
    std::string text(int column) const;  ///< "" for NULL
    std::optional<std::int64_t> optionalInt64(int column) const;

private:
    struct Finalizer {
        void operator()(sqlite3_stmt* statement) const noexcept;
    };
    void check(int rc, std::string_view what) const;

    sqlite3* m_db;
    std::unique_ptr<sqlite3_stmt, Finalizer> m_statement;
    bool m_done = false;
};

/// An open SQLite connection. Not thread safe by itself: the owner serialises access.
class Database {
public:
    /// Opens (creating if needed) the file and sets the connection pragmas: WAL journal, synchronous=NORMAL,
    /// foreign_keys=ON, busy_timeout=5000 ms. Throws StoreError if the file cannot be opened.
    static Database open(const std::string& path);

    sqlite3* handle() const noexcept { return m_db.get(); }
    /// Runs a fixed SQL script (one or more statements, no parameters): schema and pragmas only.
    void exec(const std::string& sql);
    Statement prepare(std::string_view sql) const;
    std::int64_t lastInsertRowId() const noexcept;
    int changes() const noexcept;  ///< rows changed by the last INSERT / UPDATE / DELETE

private:
    struct Closer {
        void operator()(sqlite3* db) const noexcept;
    };
    explicit Database(sqlite3* db) : m_db(db) {}

    std::unique_ptr<sqlite3, Closer> m_db;
};

/// BEGIN IMMEDIATE on construction (takes the write lock up front, so a transaction that started does
/// not fail half way with SQLITE_BUSY); rolls back on destruction unless commit() succeeded.
class Transaction {
public:
    explicit Transaction(Database& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    void commit();

private:
    Database& m_db;
    bool m_done = false;
};

}  // namespace callvault::server::store
