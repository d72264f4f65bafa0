#pragma once

#include "server/store/sqlite_db.h"
#include "server/store/store.h"

#include <mutex>
#include <string_view>

namespace callvault::server::store {

/// The Store on one SQLite connection guarded by a mutex. One connection is enough for now: SQLite
/// serialises writers anyway, the reads are short indexed lookups, and no hot path (SIP, RTP, recording)
/// waits on the store. Every public method locks, so calls from any thread are safe.
///
/// Beyond the interface: the audit entries written outside any company (companyId empty) are read with
/// companyId 0 in AuditQuery and auditEntry(); setNumberPin() with an empty hash clears the PIN;
/// appendAudit() stamps the current time when `at` is 0.
class SqliteStore final : public Store {
public:
    /// Takes an open database whose schema is already up to date (see migrate()).
    explicit SqliteStore(Database db);

    Company createCompany(const Company& company) override;
    std::optional<Company> company(std::int64_t id) override;
    std::vector<Company> companies() override;

    User createUser(const User& user, const std::string& passwordHash) override;
    std::optional<User> user(std::int64_t companyId, std::int64_t userId) override;
    std::optional<User> userById(std::int64_t userId) override;
    std::optional<UserCredentials> credentialsByLogin(const std::string& login) override;
    std::vector<User> users(std::int64_t companyId) override;
    std::optional<User> updateUser(std::int64_t companyId, std::int64_t userId,
                                   const UserUpdate& update) override;
    void setPassword(std::int64_t userId, const std::string& passwordHash, bool mustChange) override;
    int recordFailedLogin(std::int64_t userId, std::int64_t lockedUntil) override;
    void recordSuccessfulLogin(std::int64_t userId) override;

    void createSession(const Session& session) override;
    std::optional<Session> session(const std::string& tokenHash) override;
    void touchSession(const std::string& tokenHash, std::int64_t lastSeenAt) override;
    void deleteSession(const std::string& tokenHash) override;
    void deleteUserSessions(std::int64_t userId) override;
    void deleteSessionsIdleSince(std::int64_t lastSeenBefore) override;

    Group createGroup(const Group& group) override;
    std::optional<Group> group(std::int64_t companyId, std::int64_t groupId) override;
    std::vector<Group> groups(std::int64_t companyId) override;
    std::optional<Group> renameGroup(std::int64_t companyId, std::int64_t groupId,
                                     const std::string& name) override;
    bool deleteGroup(std::int64_t companyId, std::int64_t groupId) override;

    Label createLabel(const Label& label) override;
    std::optional<Label> label(std::int64_t companyId, std::int64_t labelId) override;
    std::vector<Label> labels(std::int64_t companyId) override;
    std::optional<Label> updateLabel(const Label& label) override;
    bool deleteLabel(std::int64_t companyId, std::int64_t labelId) override;

    UserNumber createNumber(const UserNumber& number) override;
    std::optional<UserNumber> number(std::int64_t companyId, const std::string& number,
                                     const std::string& today) override;
    std::vector<UserNumber> numbers(std::int64_t companyId, const std::string& today) override;
    bool setNumberPin(std::int64_t companyId, const std::string& number, const std::string& pinHash) override;
    bool setNumberActivated(std::int64_t companyId, const std::string& number, bool activated) override;

    bool insertRecording(const Recording& recording) override;
    RecordingPage searchRecordings(const RecordingQuery& query) override;
    std::optional<RecordingRow> recording(std::optional<std::int64_t> companyId, const std::string& callId) override;
    std::vector<RecordingRow> recordingsByCallIds(std::int64_t companyId,
                                                  const std::vector<std::string>& callIds) override;
    bool updateRecordingMarks(std::int64_t companyId, const std::string& callId,
                              const RecordingMarksUpdate& update) override;
    bool markRecordingListened(std::int64_t companyId, const std::string& callId) override;
    bool markRecordingDownloaded(std::int64_t companyId, const std::string& callId) override;
    bool setRecordingLocked(std::int64_t companyId, const std::string& callId, bool locked) override;
    std::int64_t reassignRecordings(std::int64_t companyId, std::int64_t fromMs, std::int64_t toMs,
                                    const std::vector<std::string>& userNumbers, std::int64_t groupId) override;
    std::vector<Recording> purgeRecordingsBefore(std::int64_t companyId, std::int64_t beforeMs, int limit) override;
    std::vector<Bookmark> bookmarks(std::int64_t companyId, const std::string& callId) override;
    Bookmark createBookmark(const Bookmark& bookmark) override;
    bool deleteBookmark(std::int64_t companyId, const std::string& callId, std::int64_t bookmarkId) override;

    std::vector<Greeting> greetings(std::int64_t companyId) override;
    std::optional<Greeting> greeting(std::int64_t companyId, const GreetingOwner& owner,
                                     GreetingDirection direction) override;
    bool putGreeting(const Greeting& greeting) override;
    bool deleteGreeting(std::int64_t companyId, const GreetingOwner& owner, GreetingDirection direction) override;
    std::vector<GreetingSettings> greetingSettings(std::int64_t companyId) override;
    GreetingSettings greetingSettingsOf(std::int64_t companyId, const GreetingOwner& owner) override;
    void setGreetingSettings(const GreetingSettings& settings) override;

    std::vector<PlaybackTerm> terms(std::int64_t companyId) override;
    std::optional<PlaybackTerm> term(std::int64_t companyId, std::int64_t termId) override;
    PlaybackTerm createTerm(const PlaybackTerm& term) override;
    std::optional<PlaybackTerm> updateTerm(const PlaybackTerm& term) override;
    bool deleteTerm(std::int64_t companyId, std::int64_t termId) override;

    std::vector<TrashedFile> trashedFiles(int limit) override;
    void forgetTrashedFiles(const std::vector<std::int64_t>& ids) override;
    std::vector<std::string> mediaFilesInUse() override;
    std::int64_t insertRecordings(const std::vector<Recording>& recordings) override;

    AuditEntry appendAudit(const AuditEntry& entry) override;
    AuditPage audit(const AuditQuery& query) override;
    std::optional<AuditEntry> auditEntry(std::int64_t companyId, std::int64_t id) override;

private:
    // Helpers below expect m_mutex to be held.
    std::optional<Company> findCompany(std::int64_t id);
    /// The user with this id in this company, or in any company (or none) when companyId is empty.
    std::optional<User> findUser(std::optional<std::int64_t> companyId, std::int64_t userId);
    std::vector<std::int64_t> supervisedGroups(std::int64_t userId);
    void checkUserInCompany(std::int64_t companyId, std::int64_t userId);
    void checkGroupInCompany(std::optional<std::int64_t> companyId, std::int64_t groupId);
    void replaceSupervisedGroups(std::int64_t companyId, std::int64_t userId,
                                 const std::vector<std::int64_t>& ids);
    std::optional<Group> findGroup(std::int64_t companyId, std::int64_t groupId);
    std::optional<Label> findLabel(std::int64_t companyId, std::int64_t labelId);
    std::optional<UserNumber> findNumber(std::int64_t companyId, const std::string& number,
                                         const std::string& today);

    std::optional<RecordingRow> findRecording(std::optional<std::int64_t> companyId, const std::string& callId);
    bool setRecordingFlag(std::int64_t companyId, const std::string& callId, std::string_view assignment);

    /// The owner's (number id, group id) for the greeting tables; ConflictError if not of the company.
    std::pair<std::optional<std::int64_t>, std::optional<std::int64_t>> greetingOwnerKey(
        std::int64_t companyId, const GreetingOwner& owner);
    std::optional<PlaybackTerm> findTerm(std::int64_t companyId, std::int64_t termId);

    std::mutex m_mutex;
    Database m_db;
};

}  // namespace callvault::server::store
