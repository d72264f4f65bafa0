#pragma once

#include "common/types/audit_entry.h"
#include "common/types/company.h"
#include "common/types/group.h"
#include "common/types/label.h"
#include "common/types/recording.h"
#include "common/types/user.h"
#include "common/types/user_number.h"
#include "server/store/media_records.h"

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

/// Which recordings a caller reaches (docs/api.md "Scopes"). With `wholeCompany` false, a recording is in
/// scope when its user is `userId` or its group is one of `groupIds` (both may be given: a Supervisor).
/// `unlockedOnly` (Provider) leaves out every locked recording.
struct RecordingScope {
    bool wholeCompany = true;
    std::optional<std::int64_t> userId;
    std::vector<std::int64_t> groupIds;
    bool unlockedOnly = false;
};

/// The sortable columns of the recordings table (§2); ties are broken by start time, then call ID.
enum class RecordingSort {
    StartTime, CallingNumber, CalledNumber, UserNumber, OtherNumber, Duration, CallType, Status, Group, Locked,
    Label, CallId
};

struct RecordingQuery {
    std::optional<std::int64_t> companyId;  ///< empty: every company (the Provider only)
    std::int64_t fromMs = 0;                ///< start time, inclusive, Unix ms
    std::int64_t toMs = 0;                  ///< exclusive
    RecordingScope scope;
    std::optional<std::int64_t> groupId;
    std::optional<std::string> userNumber;   ///< exact
    std::optional<std::string> otherNumber;  ///< exact
    std::optional<CallType> callType;
    std::optional<std::int64_t> labelId;
    /// Full text: every whitespace-separated term must occur in the note (case-insensitive substring, any
    /// script; terms of 3+ characters use the trigram index).
    std::optional<std::string> noteText;
    std::optional<std::string> callId;
    RecordingSort sort = RecordingSort::StartTime;
    bool descending = true;
    int offset = 0;
    int limit = 50;
};

/// A recording with the names the table shows (empty when it has no group / label).
struct RecordingRow {
    Recording recording;
    std::string groupName;
    std::string labelName;
};

struct RecordingPage {
    std::vector<RecordingRow> rows;
    std::int64_t total = 0;  ///< rows matching the query, regardless of offset and limit
};

/// Note and label of a recording (§7, §8); an empty optional leaves the field as it is.
struct RecordingMarksUpdate {
    std::optional<std::string> note;
    std::optional<std::optional<std::int64_t>> labelId;  ///< set, or clear with an inner nullopt
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

    // Recordings (CDR rows). The engine inserts one per finished recording; the insert is idempotent by call ID
    // (spool recovery may report a recording again): returns false, changing nothing, if the call ID exists.
    virtual bool insertRecording(const Recording& recording) = 0;
    /// One page of the recordings matching `query` (sorted) and the total count.
    virtual RecordingPage searchRecordings(const RecordingQuery& query) = 0;
    /// By call ID within a company, or in any company when companyId is empty (the Provider).
    virtual std::optional<RecordingRow> recording(std::optional<std::int64_t> companyId,
                                                  const std::string& callId) = 0;
    /// The recordings of these call IDs in the company, in the order given (absent ones are left out).
    virtual std::vector<RecordingRow> recordingsByCallIds(std::int64_t companyId,
                                                          const std::vector<std::string>& callIds) = 0;
    /// Throws ConflictError when the label is not one of the company's. False if the recording is absent.
    virtual bool updateRecordingMarks(std::int64_t companyId, const std::string& callId,
                                      const RecordingMarksUpdate& update) = 0;
    virtual bool markRecordingListened(std::int64_t companyId, const std::string& callId) = 0;
    virtual bool markRecordingDownloaded(std::int64_t companyId, const std::string& callId) = 0;
    virtual bool setRecordingLocked(std::int64_t companyId, const std::string& callId, bool locked) = 0;
    /// §15: moves the recordings of `userNumbers` started in [fromMs, toMs) to `groupId` (of the company, else
    /// ConflictError); returns how many changed group.
    virtual std::int64_t reassignRecordings(std::int64_t companyId, std::int64_t fromMs, std::int64_t toMs,
                                            const std::vector<std::string>& userNumbers, std::int64_t groupId) = 0;
    /// §23 retention: deletes (with their bookmarks) at most `limit` recordings of the company started before
    /// `beforeMs`, oldest first, and returns them so the caller removes their files and audits them.
    virtual std::vector<Recording> purgeRecordingsBefore(std::int64_t companyId, std::int64_t beforeMs,
                                                         int limit) = 0;

    // Bookmarks (§9) of a recording, by the recording's company and call ID.
    virtual std::vector<Bookmark> bookmarks(std::int64_t companyId, const std::string& callId) = 0;  ///< by start
    /// id and createdAt assigned. Throws ConflictError when the recording is absent or the range is not
    /// 0 <= start < end <= the recording's duration.
    virtual Bookmark createBookmark(const Bookmark& bookmark) = 0;
    virtual bool deleteBookmark(std::int64_t companyId, const std::string& callId, std::int64_t bookmarkId) = 0;

    // Greetings (§10, §11). The owner's number or group must be of the company (else ConflictError).
    virtual std::vector<Greeting> greetings(std::int64_t companyId) = 0;  ///< every set slot
    virtual std::optional<Greeting> greeting(std::int64_t companyId, const GreetingOwner& owner,
                                             GreetingDirection direction) = 0;
    /// Sets or replaces the slot; a replaced file is queued in the file trash in the same transaction.
    /// Returns true when the slot was empty before.
    virtual bool putGreeting(const Greeting& greeting) = 0;
    /// Empties the slot (its file is queued in the trash); false if it was empty.
    virtual bool deleteGreeting(std::int64_t companyId, const GreetingOwner& owner, GreetingDirection direction) = 0;
    virtual std::vector<GreetingSettings> greetingSettings(std::int64_t companyId) = 0;  ///< rows ever set
    /// The owner's settings (defaults when never set).
    virtual GreetingSettings greetingSettingsOf(std::int64_t companyId, const GreetingOwner& owner) = 0;
    virtual void setGreetingSettings(const GreetingSettings& settings) = 0;

    // Optional playback terms (§19). Number unique per group (ConflictError); the group must be of the company.
    virtual std::vector<PlaybackTerm> terms(std::int64_t companyId) = 0;  ///< by group, then number
    virtual std::optional<PlaybackTerm> term(std::int64_t companyId, std::int64_t termId) = 0;
    virtual PlaybackTerm createTerm(const PlaybackTerm& term) = 0;  ///< id assigned
    /// Writes every field of `term` (by companyId + id); a changed file queues the old one. Empty if absent.
    virtual std::optional<PlaybackTerm> updateTerm(const PlaybackTerm& term) = 0;
    virtual bool deleteTerm(std::int64_t companyId, std::int64_t termId) = 0;  ///< its file goes to the trash

    // File trash: files whose rows are gone (deleted recordings, greetings, terms), oldest first.
    virtual std::vector<TrashedFile> trashedFiles(int limit) = 0;
    virtual void forgetTrashedFiles(const std::vector<std::int64_t>& ids) = 0;  ///< once the files are deleted
    /// Every greeting and term file name in use, of every company (to find uploads orphaned by a crash).
    virtual std::vector<std::string> mediaFilesInUse() = 0;

    /// Seeding and benchmarks: inserts the recordings in one transaction, skipping call IDs that exist;
    /// returns how many were inserted.
    virtual std::int64_t insertRecordings(const std::vector<Recording>& recordings) = 0;

    // Audit trail: append and read only.
    virtual AuditEntry appendAudit(const AuditEntry& entry) = 0;  ///< id assigned
    virtual AuditPage audit(const AuditQuery& query) = 0;
    virtual std::optional<AuditEntry> auditEntry(std::int64_t companyId, std::int64_t id) = 0;
};

/// Opens (creating if needed) the SQLite database at `path` in WAL mode and brings its schema up to date.
std::unique_ptr<Store> openSqliteStore(const std::string& path);

}  // namespace callvault::server::store
