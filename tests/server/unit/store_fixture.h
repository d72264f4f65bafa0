#pragma once

#include "server/store/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <system_error>

namespace callvault::server::store::testing {

/// A fresh folder under the system temp dir, removed with everything in it on destruction.
class TempDir {
public:
    TempDir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "callvault-store-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr)
            throw std::runtime_error("mkdtemp failed");
        m_path = pattern;
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(m_path, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

/// A second, independent connection for looking at (or tampering with) the file behind the store's back.
class RawDb {
public:
    explicit RawDb(const std::filesystem::path& file) {
        sqlite3* raw = nullptr;
        const int rc = sqlite3_open_v2(file.c_str(), &raw, SQLITE_OPEN_READWRITE, nullptr);
        m_db.reset(raw);
        if (rc != SQLITE_OK)
            throw std::runtime_error("cannot open " + file.string());
    }

    /// Runs SQL; returns the SQLite result code and keeps the error message.
    int exec(const std::string& sql) {
        char* error = nullptr;
        const int rc = sqlite3_exec(m_db.get(), sql.c_str(), nullptr, nullptr, &error);
        m_lastError = error != nullptr ? error : "";
        sqlite3_free(error);
        return rc;
    }

    /// The first column of the first row as text, or nullopt when there is no row.
    std::optional<std::string> text(const std::string& sql) {
        sqlite3_stmt* raw = nullptr;
        if (sqlite3_prepare_v2(m_db.get(), sql.c_str(), -1, &raw, nullptr) != SQLITE_OK)
            throw std::runtime_error(std::string("prepare failed: ") + sqlite3_errmsg(m_db.get()));
        const std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> statement(raw, &sqlite3_finalize);
        if (sqlite3_step(statement.get()) != SQLITE_ROW)
            return std::nullopt;
        const unsigned char* value = sqlite3_column_text(statement.get(), 0);
        return value == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(value));
    }

    std::int64_t integer(const std::string& sql) {
        const std::optional<std::string> value = text(sql);
        if (!value)
            throw std::runtime_error("no row for: " + sql);
        return std::stoll(*value);
    }

    const std::string& lastError() const { return m_lastError; }

private:
    struct Closer {
        void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
    };
    std::unique_ptr<sqlite3, Closer> m_db;
    std::string m_lastError;
};

inline bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

/// The message of the ConflictError that `write` throws, or "no ConflictError".
inline std::string conflictMessage(const std::function<void()>& write) {
    try {
        write();
    } catch (const ConflictError& error) {
        return error.what();
    }
    return "no ConflictError";
}

/// Builders for the aggregates (designated initializers would have to name every field under -Wextra).
inline UserUpdate nameUpdate(const std::string& name) {
    UserUpdate update;
    update.name = name;
    return update;
}

inline UserUpdate groupUpdate(std::optional<std::int64_t> groupId) {
    UserUpdate update;
    update.groupId = groupId;
    return update;
}

inline UserUpdate supervisedUpdate(const std::vector<std::int64_t>& groupIds) {
    UserUpdate update;
    update.supervisedGroupIds = groupIds;
    return update;
}

inline Label makeLabel(std::int64_t companyId, const std::string& name,
                       std::optional<std::int64_t> modifiedBy = std::nullopt,
                       const std::string& remark = "") {
    Label label;
    label.companyId = companyId;
    label.name = name;
    label.modifiedBy = modifiedBy;
    label.remark = remark;
    return label;
}

/// A store on a real database file in its own temp folder, and builders for the usual rows.
class StoreFixture : public ::testing::Test {
protected:
    StoreFixture() : m_file(m_dir.path() / "callvault.db"), m_store(openSqliteStore(m_file.string())) {}

    Store& store() { return *m_store; }

    Company addCompany(const std::string& name, const std::string& zone = "UTC") {
        Company company;
        company.name = name;
        company.retentionDays = 90;
        company.timeZone = zone;
        return m_store->createCompany(company);
    }

    Group addGroup(std::int64_t companyId, const std::string& name) {
        Group group;
        group.companyId = companyId;
        group.name = name;
        return m_store->createGroup(group);
    }

    User addUser(std::optional<std::int64_t> companyId, const std::string& login, Role role = Role::Agent,
                 std::optional<std::int64_t> groupId = std::nullopt) {
        User user;
        user.companyId = companyId;
        user.login = login;
        user.name = "Name of " + login;
        user.email = login + "@example.org";
        user.role = role;
        user.groupId = groupId;
        return m_store->createUser(user, "$argon2id$hash-of-" + login);
    }

    TempDir m_dir;
    std::filesystem::path m_file;
    std::unique_ptr<Store> m_store;
};

}  // namespace callvault::server::store::testing
