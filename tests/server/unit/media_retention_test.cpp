// Upload checking (real MP3 only), the file trash, retention runs and the seeder, on real files and SQLite.
#include "common/crypto/signature.h"
#include "common/formats/hex.h"
#include "server/app/recording_seeder.h"
#include "server/app/seed_audio.h"
#include "server/record/file_io.h"
#include "server/record/media_files.h"
#include "server/record/mp3_validator.h"
#include "server/record/recording_metadata.h"
#include "server/record/retention_purger.h"
#include "server/record/signing_key_store.h"
#include "server/store/store.h"
#include "tests/server/unit/store_fixture.h"

#include <gtest/gtest.h>

#include <cstring>
#include <random>

namespace callvault::server::record::test {
namespace {

namespace fs = std::filesystem;
using store::testing::TempDir;

std::string conversationMp3(const fs::path& dir, double seconds, std::uint32_t seed = 3) {
    const fs::path mp3 = dir / ("c" + std::to_string(seed) + ".mp3");
    seed::writeConversationMp3(mp3, dir / ("c" + std::to_string(seed) + ".peaks"), seconds, seed);
    return readWholeFile(mp3);
}

std::string wavFile(double seconds) {
    const auto samples = static_cast<std::uint32_t>(seconds * 8000);
    std::string wav = "RIFF";
    auto u32 = [&](std::uint32_t v) {
        for (int i = 0; i < 4; ++i)
            wav.push_back(static_cast<char>(v >> (8 * i)));
    };
    auto u16 = [&](std::uint16_t v) {
        for (int i = 0; i < 2; ++i)
            wav.push_back(static_cast<char>(v >> (8 * i)));
    };
    u32(36 + samples * 2);
    wav += "WAVEfmt ";
    u32(16);
    u16(1);
    u16(1);
    u32(8000);
    u32(16000);
    u16(2);
    u16(16);
    wav += "data";
    u32(samples * 2);
    for (std::uint32_t i = 0; i < samples; ++i)
        u16(static_cast<std::uint16_t>((i * 37) & 0x3fff));
    return wav;
}

TEST(Mp3Upload, AcceptsRealMp3AndReportsItsDuration) {
    TempDir dir;
    const Mp3Check check = checkMp3Audio(conversationMp3(dir.path(), 3.0));
    ASSERT_TRUE(check.ok) << check.error;
    EXPECT_NEAR(static_cast<double>(check.durationMs), 3000.0, 250.0);
    EXPECT_EQ(check.sampleRate, 8000);
    EXPECT_EQ(check.channels, 2);
}

TEST(Mp3Upload, AcceptsAnId3v2TagInFront) {
    TempDir dir;
    std::string tagged("ID3\x04\x00\x00\x00\x00\x00\x0a", 10);
    tagged += std::string(10, '\0');
    tagged += conversationMp3(dir.path(), 1.0);
    EXPECT_TRUE(checkMp3Audio(tagged).ok) << checkMp3Audio(tagged).error;
}

TEST(Mp3Upload, RefusesWhatIsNotMp3Audio) {
    TempDir dir;
    std::mt19937 random(7);
    std::string noise(200'000, '\0');
    for (char& c : noise)
        c = static_cast<char>(random());
    const std::string mp3 = conversationMp3(dir.path(), 2.0);
    const std::vector<std::pair<std::string, std::string>> cases{
        {"empty", ""},
        {"wav", wavFile(2.0)},
        {"random bytes", noise},
        {"text renamed .mp3", std::string(5000, 'x') + "this is not audio\n"},
        {"mp3 with garbage after it", mp3 + noise},
        {"one frame only", mp3.substr(0, 150)},
        {"mp3 behind junk", "JUNK" + mp3},
    };
    for (const auto& [name, bytes] : cases) {
        const Mp3Check check = checkMp3Audio(bytes);
        EXPECT_FALSE(check.ok) << name;
        EXPECT_FALSE(check.error.empty()) << name;
    }
}

TEST(MediaFiles, SavesAtomicallyUnderARandomNameAndDrainsTheTrash) {
    TempDir dir;
    const std::string bytes = conversationMp3(dir.path(), 1.0);
    const store::MediaFile a = saveMediaFile(greetingsDirectory(dir.path()), bytes, 1000);
    const store::MediaFile b = saveMediaFile(greetingsDirectory(dir.path()), bytes, 1000);
    EXPECT_NE(a.fileName, b.fileName);
    EXPECT_EQ(a.size, bytes.size());
    EXPECT_EQ(a.sha256Hex,
              toHex(sha256(std::span(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()))));
    EXPECT_EQ(readWholeFile(greetingsDirectory(dir.path()) / a.fileName), bytes);

    const auto db = store::openSqliteStore((dir.path() / "db.sqlite").string());
    Company company;
    company.name = "Acme";
    company.retentionDays = 30;
    company.timeZone = "UTC";
    company = db->createCompany(company);
    Group group;
    group.companyId = company.id;
    group.name = "G";
    group = db->createGroup(group);
    store::PlaybackTerm term;
    term.companyId = company.id;
    term.groupId = group.id;
    term.number = "1";
    term.file = saveMediaFile(termsDirectory(dir.path()), bytes, 1000);
    term = db->createTerm(term);
    ASSERT_TRUE(fs::exists(termsDirectory(dir.path()) / term.file.fileName));
    db->deleteTerm(company.id, term.id);
    EXPECT_EQ(drainFileTrash(*db, dir.path()), 1u);
    EXPECT_FALSE(fs::exists(termsDirectory(dir.path()) / term.file.fileName));
    EXPECT_TRUE(db->trashedFiles(10).empty());

    // a and b are named by no row: orphans once old enough.
    EXPECT_EQ(removeOrphanMediaFiles(*db, dir.path(), std::chrono::hours(1)), 0u);
    EXPECT_EQ(removeOrphanMediaFiles(*db, dir.path(), std::chrono::seconds(-10)), 2u);
    EXPECT_FALSE(fs::exists(greetingsDirectory(dir.path()) / a.fileName));
}

class RetentionTest : public ::testing::Test {
protected:
    void SetUp() override {
        db = store::openSqliteStore((dir.path() / "callvault.db").string());
        Company c;
        c.name = "Keep 30 days";
        c.retentionDays = 30;
        c.timeZone = "UTC";
        company = db->createCompany(c);
        c.name = "Forever";
        c.retentionDays = 0;
        forever = db->createCompany(c);
    }
    seed::SeedResult seedInto(std::int64_t companyId, std::int64_t count, int days, std::uint32_t seedValue) {
        seed::SeedOptions options;
        options.companyId = companyId;
        options.count = count;
        options.days = days;
        options.seed = seedValue;
        options.poolSize = 2;
        options.nowMs = kNowMs;
        options.batchSize = 7;
        return seed::seedRecordings(*db, dir.path(), options);
    }
    std::vector<Recording> all(std::int64_t companyId) {
        store::RecordingQuery query;
        query.companyId = companyId;
        query.fromMs = 0;
        query.toMs = kNowMs + 1;
        query.limit = 1000;
        std::vector<Recording> result;
        for (const auto& row : db->searchRecordings(query).rows) {
            result.push_back(row.recording);
        }
        return result;
    }

    static constexpr std::int64_t kNowMs = 1'795'604'165'000;
    TempDir dir;
    std::unique_ptr<store::Store> db;
    Company company;
    Company forever;
};

TEST_F(RetentionTest, SeederMakesSignedRecordingsWithTheirOwnFiles) {
    const seed::SeedResult result = seedInto(company.id, 20, 10, 5);
    EXPECT_EQ(result.inserted, 20);
    EXPECT_EQ(result.skipped, 0);
    EXPECT_EQ(result.poolFiles, 2);
    EXPECT_GE(result.groups, 4);
    const SigningKey key = loadOrCreateSigningKey(dir.path());
    const auto recordings = all(company.id);
    ASSERT_EQ(recordings.size(), 20u);
    bool inbound = false, outbound = false;
    for (const Recording& recording : recordings) {
        const fs::path mp3 = finishedMp3Path(dir.path(), recording.filePath);
        ASSERT_TRUE(fs::exists(mp3)) << mp3;
        EXPECT_TRUE(fs::exists(finishedPeaksPath(dir.path(), recording.filePath)));
        EXPECT_EQ(fs::file_size(mp3), recording.fileSize);
        EXPECT_TRUE(
            verifyRecording(key.publicKey, recording.callId, sha256OfFile(mp3), recording.signatureHex))
            << recording.callId;
        EXPECT_TRUE(recording.groupId.has_value());
        EXPECT_GE(recording.startUtcMs, kNowMs - 10LL * 24 * 3600 * 1000);
        EXPECT_LT(recording.startUtcMs, kNowMs);
        inbound = inbound || recording.callType == CallType::Inbound;
        outbound = outbound || recording.callType == CallType::Outbound;
    }
    EXPECT_TRUE(inbound && outbound);
    EXPECT_TRUE(checkMp3Audio(readWholeFile(finishedMp3Path(dir.path(), recordings.front().filePath))).ok);
    // The same seed again: the same call IDs, all skipped.
    EXPECT_EQ(seedInto(company.id, 20, 10, 5).skipped, 20);
}

TEST_F(RetentionTest, PurgesOldRecordingsWithTheirFilesKeepsNewOnesAndAudits) {
    seedInto(company.id, 40, 60, 11);
    seedInto(forever.id, 10, 60, 12);
    const auto before = all(company.id);
    const std::int64_t cutoff = kNowMs - 30LL * 24 * 3600 * 1000;
    std::vector<Recording> old, recent;
    for (const Recording& r : before) {
        (r.startUtcMs < cutoff ? old : recent).push_back(r);
    }
    ASSERT_FALSE(old.empty());
    ASSERT_FALSE(recent.empty());

    const auto reports = runRetention(*db, dir.path(), kNowMs);
    ASSERT_EQ(reports.size(), 1u) << "the company with retention 0 keeps everything";
    EXPECT_EQ(reports.front().purged, static_cast<std::int64_t>(old.size()));
    EXPECT_EQ(all(company.id).size(), recent.size());
    EXPECT_EQ(all(forever.id).size(), 10u);
    for (const Recording& r : old) {
        EXPECT_FALSE(fs::exists(finishedMp3Path(dir.path(), r.filePath))) << r.callId;
        EXPECT_FALSE(fs::exists(finishedPeaksPath(dir.path(), r.filePath))) << r.callId;
    }
    for (const Recording& r : recent) {
        EXPECT_TRUE(fs::exists(finishedMp3Path(dir.path(), r.filePath))) << r.callId;
    }
    EXPECT_TRUE(db->trashedFiles(10).empty());

    store::AuditQuery query;
    query.companyId = company.id;
    query.operation = "recording.purge";
    const auto audit = db->audit(query);
    ASSERT_EQ(audit.total, 1);
    const auto& details = audit.entries.front().details;
    EXPECT_EQ(details["count"], old.size());
    EXPECT_EQ(details["call_ids"].size(), old.size());
    EXPECT_EQ(audit.entries.front().operatorLogin, "system");

    // A second run finds nothing and writes no entry.
    EXPECT_EQ(runRetention(*db, dir.path(), kNowMs).front().purged, 0);
    EXPECT_EQ(db->audit(query).total, 1);
}

TEST_F(RetentionTest, AFileLeftByAnInterruptedRunIsRemovedNextTime) {
    seedInto(company.id, 5, 90, 21);
    // Simulate a crash after the rows went (the trash is filled in the same transaction) but before
    // unlinking.
    const auto purged = db->purgeRecordingsBefore(company.id, kNowMs, 100);
    ASSERT_EQ(purged.size(), 5u);
    for (const Recording& r : purged) {
        ASSERT_TRUE(fs::exists(finishedMp3Path(dir.path(), r.filePath)));
    }
    runRetention(*db, dir.path(), kNowMs);
    for (const Recording& r : purged) {
        EXPECT_FALSE(fs::exists(finishedMp3Path(dir.path(), r.filePath))) << r.callId;
    }
}

}  // namespace
}  // namespace callvault::server::record::test
