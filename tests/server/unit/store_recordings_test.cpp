#include "tests/server/unit/store_fixture.h"

#include <algorithm>

namespace callvault::server::store::testing {
namespace {

constexpr std::int64_t kDay = 24LL * 3600 * 1000;
constexpr std::int64_t kBase = 1'790'000'000'000;  // 2026-09-21, Unix ms

class StoreRecordingsTest : public StoreFixture {
protected:
    StoreRecordingsTest()
        : m_company(addCompany("Acme")),
          m_other(addCompany("Other")),
          m_g1(addGroup(m_company.id, "G1")),
          m_g2(addGroup(m_company.id, "G2")),
          m_agent(addUser(m_company.id, "agent", Role::Agent, m_g1.id)) {}

    Recording make(const std::string& suffix, std::int64_t startMs, std::optional<std::int64_t> groupId,
                   const std::string& userNumber = "21110001") {
        Recording r;
        r.callId = "2609210000000A" + suffix;  // 14 + 9 characters; the store does not parse it
        r.companyId = m_company.id;
        r.startUtcMs = startMs;
        r.durationMs = 60'000;
        r.userNumber = userNumber;
        r.groupId = groupId;
        r.otherNumber = "92015794";
        r.callType = CallType::Inbound;
        r.filePath = "/2026/09/21/00/" + r.callId + ".mp3";
        r.fileSize = 1234;
        r.sha256Hex = std::string(64, 'a');
        r.signatureHex = std::string(128, 'b');
        return r;
    }

    Recording add(const std::string& suffix, std::int64_t startMs, std::optional<std::int64_t> groupId,
                  const std::string& userNumber = "21110001") {
        Recording r = make(suffix, startMs, groupId, userNumber);
        EXPECT_TRUE(store().insertRecording(r));
        return r;
    }

    RecordingQuery monthQuery() const {
        RecordingQuery query;
        query.companyId = m_company.id;
        query.fromMs = kBase - kDay;
        query.toMs = kBase + 30 * kDay;
        return query;
    }

    std::vector<std::string> callIds(const RecordingPage& page) const {
        std::vector<std::string> ids;
        for (const RecordingRow& row : page.rows)
            ids.push_back(row.recording.callId.substr(14));
        return ids;
    }

    Company m_company;
    Company m_other;
    Group m_g1;
    Group m_g2;
    User m_agent;
};

TEST_F(StoreRecordingsTest, InsertIsIdempotentByCallIdAndReadsBackEveryField) {
    Recording r = make("000000001", kBase, m_g1.id);
    r.userId = m_agent.id;
    r.note = "first note";
    r.recovered = true;
    r.locked = false;
    EXPECT_TRUE(store().insertRecording(r));
    Recording again = r;
    again.note = "changed";
    EXPECT_FALSE(store().insertRecording(again));
    const std::optional<RecordingRow> row = store().recording(m_company.id, r.callId);
    ASSERT_TRUE(row);
    EXPECT_EQ(row->recording, r);
    EXPECT_EQ(row->groupName, "G1");
    EXPECT_FALSE(store().recording(m_other.id, r.callId));   // another company's row is absent
    EXPECT_TRUE(store().recording(std::nullopt, r.callId));  // any company (Provider)
}

TEST_F(StoreRecordingsTest, InsertRefusesAGroupOrUserOfAnotherCompany) {
    const Group foreign = addGroup(m_other.id, "Foreign");
    EXPECT_TRUE(
        contains(conflictMessage([&] { store().insertRecording(make("000000002", kBase, foreign.id)); }),
                 "does not exist in this company"));
    Recording r = make("000000003", kBase, m_g1.id);
    r.userId = addUser(m_other.id, "stranger").id;
    EXPECT_TRUE(contains(conflictMessage([&] { store().insertRecording(r); }), "does not exist"));
    EXPECT_EQ(store().searchRecordings(monthQuery()).total, 0);
}

TEST_F(StoreRecordingsTest, SearchFiltersByTimeRangeAndEachField) {
    add("000000001", kBase, m_g1.id, "21110001");
    Recording out = make("000000002", kBase + kDay, m_g2.id, "21110002");
    out.callType = CallType::Outbound;
    out.otherNumber = "+85291234567";
    ASSERT_TRUE(store().insertRecording(out));
    add("000000003", kBase + 2 * kDay, m_g1.id, "21110002");
    add("000000004", kBase + 40 * kDay, m_g1.id);  // outside the month

    RecordingQuery query = monthQuery();
    EXPECT_EQ(store().searchRecordings(query).total, 3);
    query.toMs = kBase + kDay;  // exclusive end
    EXPECT_EQ(callIds(store().searchRecordings(query)), std::vector<std::string>{"000000001"});

    query = monthQuery();
    query.groupId = m_g1.id;
    EXPECT_EQ(callIds(store().searchRecordings(query)), (std::vector<std::string>{"000000003", "000000001"}));
    query = monthQuery();
    query.userNumber = "21110002";
    EXPECT_EQ(store().searchRecordings(query).total, 2);
    query.groupId = m_g1.id;  // combined
    EXPECT_EQ(callIds(store().searchRecordings(query)), std::vector<std::string>{"000000003"});
    query = monthQuery();
    query.otherNumber = "+85291234567";
    EXPECT_EQ(callIds(store().searchRecordings(query)), std::vector<std::string>{"000000002"});
    query = monthQuery();
    query.callType = CallType::Outbound;
    EXPECT_EQ(callIds(store().searchRecordings(query)), std::vector<std::string>{"000000002"});
    query = monthQuery();
    query.callId = out.callId;
    EXPECT_EQ(callIds(store().searchRecordings(query)), std::vector<std::string>{"000000002"});
    query = monthQuery();
    query.companyId = m_other.id;
    EXPECT_EQ(store().searchRecordings(query).total, 0);
}

TEST_F(StoreRecordingsTest, NoteSearchFindsChineseSubstringsAndEnglishWordsCaseInsensitively) {
    const Recording chinese = add("000000001", kBase, m_g1.id);
    const Recording english = add("000000002", kBase + 1000, m_g1.id);
    const Recording both = add("000000003", kBase + 2000, m_g1.id);
    RecordingMarksUpdate update;
    update.note = "客戶要求退款並投訴服務態度";
    ASSERT_TRUE(store().updateRecordingMarks(m_company.id, chinese.callId, update));
    update.note = "Customer asked for a REFUND of order 42";
    ASSERT_TRUE(store().updateRecordingMarks(m_company.id, english.callId, update));
    update.note = "refund 退款 follow-up";
    ASSERT_TRUE(store().updateRecordingMarks(m_company.id, both.callId, update));

    const auto find = [&](const std::string& text) {
        RecordingQuery query = monthQuery();
        query.noteText = text;
        query.descending = false;
        return callIds(store().searchRecordings(query));
    };
    EXPECT_EQ(find("退款並投訴"), std::vector<std::string>{"000000001"});           // substring, no spaces
    EXPECT_EQ(find("退款"), (std::vector<std::string>{"000000001", "000000003"}));  // two characters
    EXPECT_EQ(find("服"), std::vector<std::string>{"000000001"});                   // one character
    EXPECT_EQ(find("refund"), (std::vector<std::string>{"000000002", "000000003"}));
    EXPECT_EQ(find("Refund 42"), std::vector<std::string>{"000000002"});     // every term must match
    EXPECT_EQ(find("refund　退款"), std::vector<std::string>{"000000003"});  // ideographic space
    EXPECT_EQ(find("\"quoted\" OR *"), std::vector<std::string>{});          // FTS syntax is plain text
    EXPECT_TRUE(find("nothing like it").empty());

    update.note = "now about invoices";  // the index follows updates
    ASSERT_TRUE(store().updateRecordingMarks(m_company.id, chinese.callId, update));
    EXPECT_EQ(find("退款並投訴"), std::vector<std::string>{});
    EXPECT_EQ(find("invoice"), std::vector<std::string>{"000000001"});
}

TEST_F(StoreRecordingsTest, SortsOnEveryColumnBothWaysAndPagesWithTotals) {
    for (int i = 1; i <= 7; ++i) {
        Recording r = make("00000000" + std::to_string(i), kBase + i * 1000, i % 2 == 0 ? m_g1.id : m_g2.id,
                           "2111000" + std::to_string(8 - i));
        r.durationMs = 1000 * ((i * 3) % 7 + 1);
        r.callType = i % 3 == 0 ? CallType::Outbound : CallType::Inbound;
        ASSERT_TRUE(store().insertRecording(r));
    }
    for (const RecordingSort sort :
         {RecordingSort::StartTime, RecordingSort::CallingNumber, RecordingSort::CalledNumber,
          RecordingSort::UserNumber, RecordingSort::OtherNumber, RecordingSort::Duration,
          RecordingSort::CallType, RecordingSort::Status, RecordingSort::Group, RecordingSort::Locked,
          RecordingSort::Label, RecordingSort::CallId}) {
        RecordingQuery query = monthQuery();
        query.sort = sort;
        query.descending = false;
        const auto ascending = callIds(store().searchRecordings(query));
        query.descending = true;
        auto descending = callIds(store().searchRecordings(query));
        std::reverse(descending.begin(), descending.end());
        EXPECT_EQ(ascending, descending) << static_cast<int>(sort);
        EXPECT_EQ(ascending.size(), 7U);
    }
    RecordingQuery query = monthQuery();
    query.sort = RecordingSort::Duration;
    query.descending = false;
    std::int64_t last = 0;
    for (const RecordingRow& row : store().searchRecordings(query).rows) {
        EXPECT_GE(row.recording.durationMs, last);
        last = row.recording.durationMs;
    }
    query.sort = RecordingSort::UserNumber;
    EXPECT_EQ(callIds(store().searchRecordings(query)).front(), "000000007");  // 21110001

    query = monthQuery();
    query.limit = 3;
    query.offset = 0;
    RecordingPage page = store().searchRecordings(query);
    EXPECT_EQ(page.total, 7);
    EXPECT_EQ(callIds(page), (std::vector<std::string>{"000000007", "000000006", "000000005"}));
    query.offset = 6;
    page = store().searchRecordings(query);
    EXPECT_EQ(page.total, 7);
    EXPECT_EQ(callIds(page), std::vector<std::string>{"000000001"});
    query.offset = 7;
    page = store().searchRecordings(query);
    EXPECT_EQ(page.total, 7);
    EXPECT_TRUE(page.rows.empty());
}

TEST_F(StoreRecordingsTest, ScopesLimitWhatIsFound) {
    Recording own = make("000000001", kBase, m_g2.id);
    own.userId = m_agent.id;
    ASSERT_TRUE(store().insertRecording(own));
    add("000000002", kBase + 1000, m_g1.id);
    Recording unlocked = make("000000003", kBase + 2000, std::nullopt);
    unlocked.locked = false;
    ASSERT_TRUE(store().insertRecording(unlocked));

    RecordingQuery query = monthQuery();
    query.scope.wholeCompany = false;
    query.scope.userId = m_agent.id;
    EXPECT_EQ(callIds(store().searchRecordings(query)), std::vector<std::string>{"000000001"});
    query.scope.groupIds = {m_g1.id};
    EXPECT_EQ(callIds(store().searchRecordings(query)), (std::vector<std::string>{"000000002", "000000001"}));
    query.scope.userId.reset();
    query.scope.groupIds.clear();
    EXPECT_EQ(store().searchRecordings(query).total, 0);

    query = monthQuery();
    query.companyId.reset();
    query.scope.unlockedOnly = true;
    EXPECT_EQ(callIds(store().searchRecordings(query)), std::vector<std::string>{"000000003"});
    ASSERT_TRUE(store().setRecordingLocked(m_company.id, unlocked.callId, true));
    EXPECT_EQ(store().searchRecordings(query).total, 0);
}

TEST_F(StoreRecordingsTest, MarksFlagsAndLabels) {
    const Recording r = add("000000001", kBase, m_g1.id);
    const Label label = store().createLabel(makeLabel(m_company.id, "VIP"));
    const Label foreign = store().createLabel(makeLabel(m_other.id, "Theirs"));

    RecordingMarksUpdate update;
    update.labelId = foreign.id;
    EXPECT_TRUE(
        contains(conflictMessage([&] { store().updateRecordingMarks(m_company.id, r.callId, update); }),
                 "does not exist in this company"));
    update.labelId = label.id;
    update.note = "n";
    EXPECT_TRUE(store().updateRecordingMarks(m_company.id, r.callId, update));
    RecordingMarksUpdate noteOnly;
    noteOnly.note = "x";
    EXPECT_FALSE(store().updateRecordingMarks(m_other.id, r.callId, noteOnly));  // another company's: absent
    std::optional<RecordingRow> row = store().recording(m_company.id, r.callId);
    ASSERT_TRUE(row);
    EXPECT_EQ(row->recording.labelId, label.id);
    EXPECT_EQ(row->labelName, "VIP");
    EXPECT_EQ(row->recording.note, "n");

    RecordingQuery query = monthQuery();
    query.labelId = label.id;
    EXPECT_EQ(store().searchRecordings(query).total, 1);

    RecordingMarksUpdate clear;
    clear.labelId = std::optional<std::int64_t>();
    EXPECT_TRUE(store().updateRecordingMarks(m_company.id, r.callId, clear));
    row = store().recording(m_company.id, r.callId);
    EXPECT_FALSE(row->recording.labelId);
    EXPECT_EQ(row->recording.note, "n");  // untouched

    EXPECT_TRUE(store().markRecordingListened(m_company.id, r.callId));
    EXPECT_TRUE(store().markRecordingDownloaded(m_company.id, r.callId));
    EXPECT_TRUE(store().setRecordingLocked(m_company.id, r.callId, false));
    EXPECT_FALSE(store().markRecordingListened(m_other.id, r.callId));
    EXPECT_FALSE(store().setRecordingLocked(m_company.id, "nope", false));
    row = store().recording(m_company.id, r.callId);
    EXPECT_TRUE(row->recording.listened);
    EXPECT_TRUE(row->recording.downloaded);
    EXPECT_FALSE(row->recording.locked);

    // Deleting the label or the group unlinks the recording instead of failing.
    update.labelId = label.id;
    ASSERT_TRUE(store().updateRecordingMarks(m_company.id, r.callId, update));
    EXPECT_TRUE(store().deleteLabel(m_company.id, label.id));
    const Group spare = addGroup(m_company.id, "Spare");
    EXPECT_EQ(store().reassignRecordings(m_company.id, kBase, kBase + 1, {r.userNumber}, spare.id), 1);
    EXPECT_TRUE(store().deleteGroup(m_company.id, spare.id));
    row = store().recording(m_company.id, r.callId);
    EXPECT_FALSE(row->recording.labelId);
    EXPECT_FALSE(row->recording.groupId);
}

TEST_F(StoreRecordingsTest, RecordingsByCallIdsKeepsTheGivenOrderAndSkipsOthers) {
    const Recording a = add("000000001", kBase, m_g1.id);
    const Recording b = add("000000002", kBase + 1, m_g1.id);
    const auto rows = store().recordingsByCallIds(m_company.id, {b.callId, "missing", a.callId});
    ASSERT_EQ(rows.size(), 2U);
    EXPECT_EQ(rows[0].recording.callId, b.callId);
    EXPECT_EQ(rows[1].recording.callId, a.callId);
    EXPECT_TRUE(store().recordingsByCallIds(m_other.id, {a.callId}).empty());
}

TEST_F(StoreRecordingsTest, ReassignMovesOnlyTheChosenNumbersInTheRange) {
    add("000000001", kBase, m_g1.id, "21110001");
    add("000000002", kBase + kDay, m_g1.id, "21110001");
    add("000000003", kBase + 2 * kDay, m_g1.id, "21110002");
    add("000000004", kBase + 40 * kDay, m_g1.id, "21110001");
    add("000000005", kBase, m_g2.id, "21110001");  // already there: not counted

    EXPECT_EQ(store().reassignRecordings(m_company.id, kBase, kBase + 30 * kDay, {"21110001"}, m_g2.id), 2);
    RecordingQuery query = monthQuery();
    query.toMs = kBase + 50 * kDay;
    query.groupId = m_g2.id;
    EXPECT_EQ(store().searchRecordings(query).total, 3);
    EXPECT_EQ(store().reassignRecordings(m_company.id, kBase, kBase + 30 * kDay, {"21110001"}, m_g2.id), 0);
    EXPECT_EQ(store().reassignRecordings(m_company.id, kBase, kBase + 30 * kDay, {}, m_g1.id), 0);
    const Group foreign = addGroup(m_other.id, "Foreign");
    EXPECT_TRUE(contains(conflictMessage([&] {
                             store().reassignRecordings(m_company.id, kBase, kBase + kDay, {"21110001"},
                                                        foreign.id);
                         }),
                         "does not exist in this company"));
}

TEST_F(StoreRecordingsTest, BookmarksAreCheckedListedAndDeleted) {
    const Recording r = add("000000001", kBase, m_g1.id);
    Bookmark b;
    b.companyId = m_company.id;
    b.callId = r.callId;
    b.startMs = 5000;
    b.endMs = 9000;
    b.text = "問題在這裡";
    b.createdBy = m_agent.id;
    const Bookmark first = store().createBookmark(b);
    EXPECT_GT(first.id, 0);
    EXPECT_GT(first.createdAt, 0);
    b.startMs = 1000;
    b.endMs = 60'000;  // up to the end is fine
    const Bookmark second = store().createBookmark(b);

    for (const auto& [start, end] : {std::pair{-1, 10}, {10, 10}, {20, 10}, {0, 60'001}}) {
        Bookmark bad = b;
        bad.startMs = start;
        bad.endMs = end;
        EXPECT_TRUE(contains(conflictMessage([&] { store().createBookmark(bad); }), "start < end")) << start;
    }
    Bookmark foreign = b;
    foreign.companyId = m_other.id;
    EXPECT_TRUE(contains(conflictMessage([&] { store().createBookmark(foreign); }), "does not exist"));

    std::vector<Bookmark> list = store().bookmarks(m_company.id, r.callId);
    ASSERT_EQ(list.size(), 2U);
    EXPECT_EQ(list[0], second);
    EXPECT_EQ(list[1], first);
    EXPECT_TRUE(store().bookmarks(m_other.id, r.callId).empty());

    EXPECT_FALSE(store().deleteBookmark(m_other.id, r.callId, first.id));
    EXPECT_FALSE(store().deleteBookmark(m_company.id, "other-call", first.id));
    EXPECT_TRUE(store().deleteBookmark(m_company.id, r.callId, first.id));
    EXPECT_FALSE(store().deleteBookmark(m_company.id, r.callId, first.id));
    EXPECT_EQ(store().bookmarks(m_company.id, r.callId).size(), 1U);
}

TEST_F(StoreRecordingsTest, PurgeDeletesOldestFirstWithBookmarksAndKeepsNewer) {
    const Recording old1 = add("000000001", kBase, m_g1.id);
    const Recording old2 = add("000000002", kBase + 1000, m_g1.id);
    const Recording fresh = add("000000003", kBase + 10 * kDay, m_g1.id);
    Bookmark b;
    b.companyId = m_company.id;
    b.callId = old1.callId;
    b.startMs = 0;
    b.endMs = 1000;
    store().createBookmark(b);

    std::vector<Recording> purged = store().purgeRecordingsBefore(m_company.id, kBase + kDay, 1);
    ASSERT_EQ(purged.size(), 1U);
    EXPECT_EQ(purged[0].callId, old1.callId);
    EXPECT_EQ(purged[0].filePath, old1.filePath);
    EXPECT_EQ(RawDb(m_file).integer("SELECT COUNT(*) FROM bookmarks"), 0);
    EXPECT_TRUE(store().purgeRecordingsBefore(m_other.id, kBase + kDay, 10).empty());
    purged = store().purgeRecordingsBefore(m_company.id, kBase + kDay, 10);
    ASSERT_EQ(purged.size(), 1U);
    EXPECT_EQ(purged[0].callId, old2.callId);
    EXPECT_FALSE(store().recording(m_company.id, old2.callId));
    EXPECT_TRUE(store().recording(m_company.id, fresh.callId));
}

}  // namespace
}  // namespace callvault::server::store::testing
