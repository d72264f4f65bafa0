#include "server/store/sqlite_db.h"

#include <sqlite3.h>

#include <limits>

namespace callvault::server::store {

namespace {

std::string describe(sqlite3* db, int rc, std::string_view what) {
    std::string message(what);
    message += ": ";
    message += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    return message;
}

// SQLITE_TRANSIENT is an old-style cast in a macro; this is the same value without the warning.
const sqlite3_destructor_type kTransient =
    reinterpret_cast<sqlite3_destructor_type>(static_cast<intptr_t>(-1));

}  // namespace

SqliteError::SqliteError(int code, const std::string& message) : StoreError(message), m_code(code) {}

bool SqliteError::isConstraint() const noexcept {
    return (m_code & 0xff) == SQLITE_CONSTRAINT;
}

// ---- Statement

void Statement::Finalizer::operator()(sqlite3_stmt* statement) const noexcept {
    sqlite3_finalize(statement);
}

Statement::Statement(sqlite3* db, std::string_view sql) : m_db(db) {
    if (sql.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
        throw StoreError("SQL statement too long");
    sqlite3_stmt* raw = nullptr;
    const int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &raw, nullptr);
    m_statement.reset(raw);
    if (rc != SQLITE_OK)
        throw SqliteError(sqlite3_extended_errcode(db), describe(db, rc, "prepare failed"));
    if (!m_statement)
        throw StoreError("empty SQL statement");
}

void Statement::check(int rc, std::string_view what) const {
    if (rc != SQLITE_OK)
        throw SqliteError(sqlite3_extended_errcode(m_db), describe(m_db, rc, what));
}

Statement& Statement::bindInt64(int index, std::int64_t value) {
    check(sqlite3_bind_int64(m_statement.get(), index, value), "bind failed");
    return *this;
}

Statement& Statement::bindBool(int index, bool value) {
    return bindInt64(index, value ? 1 : 0);
}

Statement& Statement::bindText(int index, std::string_view value) {
    check(sqlite3_bind_text64(m_statement.get(), index, value.data(), value.size(), kTransient, SQLITE_UTF8),
          "bind failed");
    return *this;
}

Statement& Statement::bindNull(int index) {
    check(sqlite3_bind_null(m_statement.get(), index), "bind failed");
    return *this;
}

Statement& Statement::bindOptionalInt64(int index, const std::optional<std::int64_t>& value) {
    return value ? bindInt64(index, *value) : bindNull(index);
}

Statement& Statement::bindOptionalText(int index, const std::optional<std::string>& value) {
    return value ? bindText(index, *value) : bindNull(index);
}

bool Statement::step() {
    if (m_done)
        return false;
    const int rc = sqlite3_step(m_statement.get());
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE) {
        m_done = true;
        return false;
    }
    // With sqlite3_prepare_v2 the step result is already the extended code.
    throw SqliteError(rc, describe(m_db, rc, "statement failed"));
}

void Statement::run() {
    while (step()) {
    }
}

void Statement::reset() {
    sqlite3_reset(m_statement.get());
    sqlite3_clear_bindings(m_statement.get());
    m_done = false;
}

bool Statement::isNull(int column) const {
    return sqlite3_column_type(m_statement.get(), column) == SQLITE_NULL;
}

std::int64_t Statement::int64(int column) const {
    return sqlite3_column_int64(m_statement.get(), column);
}

bool Statement::boolean(int column) const {
    return int64(column) != 0;
}

std::string Statement::text(int column) const {
    const unsigned char* data = sqlite3_column_text(m_statement.get(), column);
    if (data == nullptr)
        return {};
    const int size = sqlite3_column_bytes(m_statement.get(), column);
    return std::string(reinterpret_cast<const char*>(data), static_cast<std::size_t>(size));
}

std::optional<std::int64_t> Statement::optionalInt64(int column) const {
    if (isNull(column))
        return std::nullopt;
    return int64(column);
}

// ---- Database

void Database::Closer::operator()(sqlite3* db) const noexcept {
    sqlite3_close_v2(db);
}

Database Database::open(const std::string& path) {
    sqlite3* raw = nullptr;
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    Database db(raw);  // owns the handle even when opening failed
    if (rc != SQLITE_OK)
        throw SqliteError(rc, describe(raw, rc, "cannot open database '" + path + "'"));
    sqlite3_extended_result_codes(raw, 1);

    // journal_mode returns the mode in force; anything but "wal" means WAL is unavailable (e.g. in memory).
    Statement journal = db.prepare("PRAGMA journal_mode=WAL");
    if (!journal.step() || journal.text(0) != "wal")
        throw StoreError("cannot switch database '" + path + "' to WAL mode");
    db.exec("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;");
    return db;
}

void Database::exec(const std::string& sql) {
    char* error = nullptr;
    const int rc = sqlite3_exec(m_db.get(), sql.c_str(), nullptr, nullptr, &error);
    const std::unique_ptr<char, decltype(&sqlite3_free)> errorOwner(error, &sqlite3_free);
    if (rc != SQLITE_OK) {
        throw SqliteError(
            sqlite3_extended_errcode(m_db.get()),
            std::string("SQL script failed: ") + (error != nullptr ? error : sqlite3_errstr(rc)));
    }
}

Statement Database::prepare(std::string_view sql) const {
    return Statement(m_db.get(), sql);
}

std::int64_t Database::lastInsertRowId() const noexcept {
    return sqlite3_last_insert_rowid(m_db.get());
}

int Database::changes() const noexcept {
    return sqlite3_changes(m_db.get());
}

// ---- Transaction

Transaction::Transaction(Database& db) : m_db(db) {
    m_db.exec("BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
    if (!m_done) {
        // Cannot throw from a destructor; a failed rollback leaves SQLite to roll back on close.
        sqlite3_exec(m_db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    }
}

void Transaction::commit() {
    m_db.exec("COMMIT");
    m_done = true;
}

}  // namespace callvault::server::store
