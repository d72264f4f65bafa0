#pragma once

#include "common/types/audit_entry.h"
#include "common/types/company.h"
#include "common/types/group.h"
#include "common/types/label.h"
#include "common/types/user.h"
#include "common/types/user_number.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace callvault::server::store {

/// Thrown when a write breaks a uniqueness or reference rule (maps to HTTP 409).
class ConflictError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Thrown for any other database failure (maps to HTTP 500; the message is logged, not sent).
class StoreError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// A user row with the secrets the server needs and the API never sends.
struct UserCredentials {
    User user;
    std::string passwordHash;  ///< Argon2id string from libsodium
    int failedLogins = 0;      ///< consecutive failures since the last success
};

struct Session {
    std::string tokenHash;      ///< hex SHA-256 of the bearer token; the token itself is never stored
    std::int64_t userId = 0;
    std::int64_t createdAt = 0;  ///< Unix seconds
    std::int64_t lastSeenAt = 0;
    std::string address;
};

/// Fields a PATCH may change; an empty optional leaves the field as it is.
struct UserUpdate {
    std::optional<std::string> name;
    std::optional<std::string> email;
    std::optional<Role> role;
    std::optional<std::optional<std::int64_t>> groupId;  ///< set, or clear with an inner nullopt
    std::optional<std::vector<std::int64_t>> supervisedGroupIds;
    std::optional<std::string> recordingStartDate;
    std::optional<bool> notify;
    std::optional<bool> enabled;
};

struct AuditQuery {
    std::int64_t companyId = 0;
    std::optional<std::int64_t> fromMs;  ///< inclusive, Unix ms
    std::optional<std::int64_t> toMs;    ///< exclusive, Unix ms
    std::optional<std::string> operatorLogin;  ///< exact login name
    std::optional<std::string> operation;      ///< exact operation name, or a prefix ending in '.' ("user.")
    int offset = 0;
    int limit = 50;
};

struct AuditPage {
    std::vector<AuditEntry> entries;  ///< newest first
    std::int64_t total = 0;
};

/// The data layer. Every method is safe to call from any thread (implementations serialise as needed)
/// and either succeeds or throws ConflictError / StoreError with nothing changed.
/// Every company-owned row is read through its company id: a row of another company is "absent".
class Store {
public:
    virtual ~Store() = default;

    // Companies
    virtual Company createCompany(const Company& company) = 0;  ///< id and createdAt are assigned
    virtual std::optional<Company> company(std::int64_t id) = 0;
    virtual std::vector<Company> companies() = 0;

    // Users. login is unique across the service (also across companies).
    virtual User createUser(const User& user, const std::string& passwordHash) = 0;
    virtual std::optional<User> user(std::int64_t companyId, std::int64_t userId) = 0;
    virtual std::optional<User> userById(std::int64_t userId) = 0;  ///< any company, or a Provider
    virtual std::optional<UserCredentials> credentialsByLogin(const std::string& login) = 0;
    virtual std::vector<User> users(std::int64_t companyId) = 0;  ///< ordered by name
    virtual std::optional<User> updateUser(std::int64_t companyId, std::int64_t userId, const UserUpdate& update) = 0;
    virtual void setPassword(std::int64_t userId, const std::string& passwordHash, bool mustChange) = 0;
    /// Records a failed login; returns the new consecutive count. lockedUntil > 0 locks the account.
    virtual int recordFailedLogin(std::int64_t userId, std::int64_t lockedUntil) = 0;
    virtual void recordSuccessfulLogin(std::int64_t userId) = 0;  ///< clears the failure count and lock

    // Sessions
    virtual void createSession(const Session& session) = 0;
    virtual std::optional<Session> session(const std::string& tokenHash) = 0;
    virtual void touchSession(const std::string& tokenHash, std::int64_t lastSeenAt) = 0;
    virtual void deleteSession(const std::string& tokenHash) = 0;
    virtual void deleteUserSessions(std::int64_t userId) = 0;
    virtual void deleteSessionsIdleSince(std::int64_t lastSeenBefore) = 0;

    // Groups. Deleting a group that still has users or supervisors throws ConflictError.
    virtual Group createGroup(const Group& group) = 0;
    virtual std::optional<Group> group(std::int64_t companyId, std::int64_t groupId) = 0;
    virtual std::vector<Group> groups(std::int64_t companyId) = 0;  ///< ordered by name
    virtual std::optional<Group> renameGroup(std::int64_t companyId, std::int64_t groupId, const std::string& name) = 0;
    virtual bool deleteGroup(std::int64_t companyId, std::int64_t groupId) = 0;  ///< false if absent

    // Labels
    virtual Label createLabel(const Label& label) = 0;
    virtual std::optional<Label> label(std::int64_t companyId, std::int64_t labelId) = 0;
    virtual std::vector<Label> labels(std::int64_t companyId) = 0;  ///< ordered by name
    virtual std::optional<Label> updateLabel(const Label& label) = 0;  ///< by companyId + id
    virtual bool deleteLabel(std::int64_t companyId, std::int64_t labelId) = 0;

    // User numbers. `today` ("YYYY-MM-DD" in the company's zone) derives the status of §18.
    virtual UserNumber createNumber(const UserNumber& number) = 0;  ///< number unique across the service
    virtual std::optional<UserNumber> number(std::int64_t companyId, const std::string& number,
                                             const std::string& today) = 0;
    virtual std::vector<UserNumber> numbers(std::int64_t companyId, const std::string& today) = 0;  ///< by number
    virtual bool setNumberPin(std::int64_t companyId, const std::string& number, const std::string& pinHash) = 0;
    virtual bool setNumberActivated(std::int64_t companyId, const std::string& number, bool activated) = 0;

    // Audit trail: append and read only.
    virtual AuditEntry appendAudit(const AuditEntry& entry) = 0;  ///< id assigned
    virtual AuditPage audit(const AuditQuery& query) = 0;
    virtual std::optional<AuditEntry> auditEntry(std::int64_t companyId, std::int64_t id) = 0;
};

/// Opens (creating if needed) the SQLite database at `path` in WAL mode and brings its schema up to date.
std::unique_ptr<Store> openSqliteStore(const std::string& path);

}  // namespace callvault::server::store
