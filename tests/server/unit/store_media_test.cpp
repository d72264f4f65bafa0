// Greetings, playback terms, the file trash and bulk recording inserts of migration 4, on a real SQLite file.
#include "tests/server/unit/store_fixture.h"

#include <algorithm>

namespace callvault::server::store::testing {
namespace {

MediaFile file(const std::string& name) {
    MediaFile f;
    f.fileName = name;
    f.size = 1234;
    f.sha256Hex = std::string(64, 'a');
    f.durationMs = 2500;
    return f;
}

Greeting makeGreeting(std::int64_t companyId, GreetingOwner owner, GreetingDirection direction,
                      const std::string& fileName) {
    Greeting greeting;
    greeting.companyId = companyId;
    greeting.owner = std::move(owner);
    greeting.direction = direction;
    greeting.file = file(fileName);
    greeting.uploadedAt = 1700000000;
    return greeting;
}

PlaybackTerm makeTerm(std::int64_t companyId, std::int64_t groupId, const std::string& number,
                      const std::string& fileName) {
    PlaybackTerm term;
    term.companyId = companyId;
    term.groupId = groupId;
    term.number = number;
    term.file = file(fileName);
    term.remark = "disclosure";
    term.modifiedAt = 1700000000;
    return term;
}

Recording makeRecording(std::int64_t companyId, const std::string& callId, std::int64_t startMs) {
    Recording recording;
    recording.callId = callId;
    recording.companyId = companyId;
    recording.startUtcMs = startMs;
    recording.durationMs = 1000;
    recording.userNumber = "21110001";
    recording.otherNumber = "92015794";
    recording.filePath = "/2026/11/25/10/" + callId + ".mp3";
    recording.fileSize = 10;
    recording.sha256Hex = std::string(64, 'b');
    recording.signatureHex = std::string(128, 'c');
    recording.note = "客戶查詢 invoice";
    return recording;
}

std::vector<std::string> trashPaths(Store& store) {
    std::vector<std::string> paths;
    for (const TrashedFile& entry : store.trashedFiles(100)) {
        paths.push_back(entry.path);
    }
    return paths;
}

class StoreMediaTest : public StoreFixture {
protected:
    void SetUp() override {
        company = addCompany("Acme");
        other = addCompany("Other");
        group = addGroup(company.id, "Sales");
        otherGroup = addGroup(other.id, "Theirs");
        UserNumber row;
        row.companyId = company.id;
        row.number = "21110001";
        row.effectiveDate = "2026-01-01";
        store().createNumber(row);
        row.companyId = other.id;
        row.number = "21220001";
        store().createNumber(row);
    }
    Company company;
    Company other;
    Group group;
    Group otherGroup;
};

TEST_F(StoreMediaTest, GreetingSlotsAreSetReplacedAndDeletedWithTheirFilesQueued) {
    const auto owner = GreetingOwner::ofNumber("21110001");
    EXPECT_FALSE(store().greeting(company.id, owner, GreetingDirection::Inbound));
    EXPECT_TRUE(store().putGreeting(makeGreeting(company.id, owner, GreetingDirection::Inbound, "a.mp3")));
    EXPECT_TRUE(store().putGreeting(makeGreeting(company.id, owner, GreetingDirection::Outbound, "b.mp3")));
    EXPECT_TRUE(trashPaths(store()).empty());

    const auto inbound = store().greeting(company.id, owner, GreetingDirection::Inbound);
    ASSERT_TRUE(inbound);
    EXPECT_EQ(inbound->file.fileName, "a.mp3");
    EXPECT_EQ(inbound->owner, owner);

    EXPECT_FALSE(store().putGreeting(makeGreeting(company.id, owner, GreetingDirection::Inbound, "c.mp3")));
    EXPECT_EQ(store().greeting(company.id, owner, GreetingDirection::Inbound)->file.fileName, "c.mp3");
    EXPECT_EQ(trashPaths(store()), std::vector<std::string>{"greetings/a.mp3"});

    EXPECT_TRUE(store().deleteGreeting(company.id, owner, GreetingDirection::Outbound));
    EXPECT_FALSE(store().deleteGreeting(company.id, owner, GreetingDirection::Outbound));
    EXPECT_EQ(trashPaths(store()), (std::vector<std::string>{"greetings/a.mp3", "greetings/b.mp3"}));
    EXPECT_EQ(store().greetings(company.id).size(), 1u);
}

TEST_F(StoreMediaTest, GreetingOwnersOfAnotherCompanyAreRefused) {
    EXPECT_TRUE(contains(conflictMessage([&] {
                             store().putGreeting(makeGreeting(company.id, GreetingOwner::ofNumber("21220001"),
                                                              GreetingDirection::Inbound, "x.mp3"));
                         }),
                         "does not exist"));
    EXPECT_TRUE(contains(conflictMessage([&] {
                             store().putGreeting(makeGreeting(company.id,
                                                              GreetingOwner::ofGroup(otherGroup.id),
                                                              GreetingDirection::Inbound, "y.mp3"));
                         }),
                         "does not exist"));
    EXPECT_FALSE(
        store().greeting(company.id, GreetingOwner::ofNumber("21220001"), GreetingDirection::Inbound));
    EXPECT_TRUE(store().greetings(company.id).empty());
    EXPECT_TRUE(store().greetings(other.id).empty());
}

TEST_F(StoreMediaTest, BargeInDefaultsOffAndIsKeptPerOwner) {
    const auto user = GreetingOwner::ofNumber("21110001");
    const auto grp = GreetingOwner::ofGroup(group.id);
    EXPECT_FALSE(store().greetingSettingsOf(company.id, user).bargeIn);
    store().setGreetingSettings(GreetingSettings{company.id, grp, true});
    EXPECT_TRUE(store().greetingSettingsOf(company.id, grp).bargeIn);
    EXPECT_FALSE(store().greetingSettingsOf(company.id, user).bargeIn);
    store().setGreetingSettings(GreetingSettings{company.id, grp, false});
    EXPECT_FALSE(store().greetingSettingsOf(company.id, grp).bargeIn);
    EXPECT_EQ(store().greetingSettings(company.id).size(), 1u);
}

TEST_F(StoreMediaTest, TermNumbersAreUniquePerGroup) {
    const Group second = addGroup(company.id, "Support");
    const PlaybackTerm first = store().createTerm(makeTerm(company.id, group.id, "1", "t1.mp3"));
    EXPECT_GT(first.id, 0);
    EXPECT_EQ(first.remark, "disclosure");
    EXPECT_TRUE(
        contains(conflictMessage([&] { store().createTerm(makeTerm(company.id, group.id, "1", "t2.mp3")); }),
                 "already has a term"));
    EXPECT_NO_THROW(store().createTerm(makeTerm(company.id, second.id, "1", "t3.mp3")));
    EXPECT_TRUE(contains(
        conflictMessage([&] { store().createTerm(makeTerm(company.id, otherGroup.id, "2", "t4.mp3")); }),
        "does not exist"));
    EXPECT_EQ(store().terms(company.id).size(), 2u);
    EXPECT_FALSE(store().term(other.id, first.id));
}

TEST_F(StoreMediaTest, TermFileReplacementAndDeletionQueueTheOldFile) {
    PlaybackTerm term = store().createTerm(makeTerm(company.id, group.id, "7", "old.mp3"));
    term.file = file("new.mp3");
    term.remark = "changed";
    const auto updated = store().updateTerm(term);
    ASSERT_TRUE(updated);
    EXPECT_EQ(updated->file.fileName, "new.mp3");
    EXPECT_EQ(updated->remark, "changed");
    EXPECT_EQ(trashPaths(store()), std::vector<std::string>{"terms/old.mp3"});
    EXPECT_TRUE(store().deleteTerm(company.id, term.id));
    EXPECT_FALSE(store().deleteTerm(company.id, term.id));
    EXPECT_EQ(trashPaths(store()), (std::vector<std::string>{"terms/old.mp3", "terms/new.mp3"}));
}

TEST_F(StoreMediaTest, DeletingAGroupDropsItsGreetingsAndTermsAndQueuesTheirFiles) {
    const Group doomed = addGroup(company.id, "Doomed");
    store().putGreeting(
        makeGreeting(company.id, GreetingOwner::ofGroup(doomed.id), GreetingDirection::Inbound, "g.mp3"));
    store().setGreetingSettings(GreetingSettings{company.id, GreetingOwner::ofGroup(doomed.id), true});
    store().createTerm(makeTerm(company.id, doomed.id, "3", "t.mp3"));
    ASSERT_TRUE(store().deleteGroup(company.id, doomed.id));
    EXPECT_TRUE(store().greetings(company.id).empty());
    EXPECT_TRUE(store().terms(company.id).empty());
    EXPECT_TRUE(store().greetingSettings(company.id).empty());
    auto paths = trashPaths(store());
    std::sort(paths.begin(), paths.end());
    EXPECT_EQ(paths, (std::vector<std::string>{"greetings/g.mp3", "terms/t.mp3"}));
}

TEST_F(StoreMediaTest, TrashEntriesAreForgottenOnceHandled) {
    store().createTerm(makeTerm(company.id, group.id, "1", "a.mp3"));
    store().deleteTerm(company.id, store().terms(company.id).front().id);
    const auto entries = store().trashedFiles(10);
    ASSERT_EQ(entries.size(), 1u);
    store().forgetTrashedFiles({entries.front().id});
    EXPECT_TRUE(store().trashedFiles(10).empty());
}

TEST_F(StoreMediaTest, PurgedRecordingsQueueTheirMp3AndPeaks) {
    ASSERT_EQ(store().insertRecordings({makeRecording(company.id, "2611251000000A000000001", 1000),
                                        makeRecording(company.id, "2611251000000A000000002", 5000)}),
              2);
    const auto purged = store().purgeRecordingsBefore(company.id, 2000, 100);
    ASSERT_EQ(purged.size(), 1u);
    EXPECT_EQ(purged.front().callId, "2611251000000A000000001");
    EXPECT_EQ(trashPaths(store()),
              (std::vector<std::string>{"recordings/2026/11/25/10/2611251000000A000000001.mp3",
                                        "recordings/2026/11/25/10/2611251000000A000000001.peaks"}));
    EXPECT_TRUE(store().recording(company.id, "2611251000000A000000002"));
    EXPECT_FALSE(store().recording(company.id, "2611251000000A000000001"));
}

TEST_F(StoreMediaTest, BulkInsertSkipsExistingCallIdsAndRefusesBadRows) {
    EXPECT_EQ(store().insertRecordings({makeRecording(company.id, "2611251000000A000000003", 1)}), 1);
    EXPECT_EQ(store().insertRecordings({makeRecording(company.id, "2611251000000A000000003", 1),
                                        makeRecording(company.id, "2611251000000A000000004", 2)}),
              1);
    Recording bad = makeRecording(company.id, "2611251000000A000000005", 3);
    bad.groupId = otherGroup.id;
    EXPECT_NE(conflictMessage([&] { store().insertRecordings({bad}); }), "no ConflictError");
    EXPECT_FALSE(store().recording(company.id, "2611251000000A000000005"));
}

TEST_F(StoreMediaTest, MediaFilesInUseNameEveryGreetingAndTerm) {
    store().putGreeting(
        makeGreeting(company.id, GreetingOwner::ofNumber("21110001"), GreetingDirection::Inbound, "g1.mp3"));
    store().createTerm(makeTerm(company.id, group.id, "9", "t9.mp3"));
    auto files = store().mediaFilesInUse();
    std::sort(files.begin(), files.end());
    EXPECT_EQ(files, (std::vector<std::string>{"greetings/g1.mp3", "terms/t9.mp3"}));
}

}  // namespace
}  // namespace callvault::server::store::testing
