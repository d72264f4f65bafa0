// Greetings and terms as files over the real HTTPS API: only real MP3 audio up to 10 MiB is stored, what is
// stored comes back byte for byte, replaced and deleted files leave the disk, every access is audited. Also
// the seed command and the retention job of a running callvaultd.
#include "server/record/recording_metadata.h"
#include "server/store/store.h"
#include "tests/server/api/mp3_samples.h"
#include "tests/server/api/route_table.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <thread>

namespace callvault::test {
namespace {

namespace fs = std::filesystem;

std::size_t filesIn(const fs::path& dir) {
    std::size_t count = 0;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        count += it->is_regular_file() ? 1 : 0;
    }
    return count;
}

std::string wavBytes() {
    std::string wav(
        "RIFF\x24\x7d\x00\x00WAVEfmt \x10\x00\x00\x00\x01\x00\x01\x00\x40\x1f\x00\x00\x80\x3e\x00\x00"
        "\x02\x00\x10\x00"
        "data\x00\x7d\x00\x00",
        44);
    for (int i = 0; i < 16000; ++i) {
        wav.push_back(static_cast<char>(i * 13));
        wav.push_back(static_cast<char>(i >> 3));
    }
    return wav;
}

std::string randomBytes(std::size_t size) {
    std::mt19937 random(99);
    std::string bytes(size, '\0');
    for (char& c : bytes) {
        c = static_cast<char>(random());
    }
    return bytes;
}

class GreetingsUpload : public WorldTest {
protected:
    void SetUp() override { startWorld(); }
    void TearDown() override {
        if (m_world) {
            m_world->server().printLogIfFailed();
        }
    }

    HttpResponse upload(const std::string& key, const std::string& method, const std::string& path,
                        const std::string& bytes, const std::string& type = "audio/mpeg") {
        RequestOptions options;
        options.rawBody = bytes;
        options.headers.push_back("Content-Type: " + type);
        options.token = token(key);
        return client().request(method, path, options);
    }
    std::string userSlot(const std::string& direction = "inbound") {
        return "/api/v1/greetings/users/" + m_world->world().number1 + "/" + direction;
    }
    fs::path greetingsDir() { return m_world->server().dataDir() / "greetings"; }
    fs::path termsDir() { return m_world->server().dataDir() / "terms"; }
    std::int64_t auditCount(const std::string& operation) {
        const auto j =
            readAs(*m_world, "admin", "/api/v1/audit?" + auditSinceLongAgo() + "&operation=" + operation);
        return j.is_object() ? j["total"].get<std::int64_t>() : -1;
    }
};

TEST_F(GreetingsUpload, WhatIsNotMp3AudioIsRefusedAndNothingIsStored) {
    const std::string termPath =
        "/api/v1/terms?group_id=" + std::to_string(m_world->world().groupG1) + "&number=5";
    const std::string realMp3 = freshMp3(1.0);
    for (const auto& [name, bytes] : std::vector<std::pair<std::string, std::string>>{
             {"wav", wavBytes()},
             {"random bytes", randomBytes(50'000)},
             {"text file named .mp3",
              std::string("Hello, this is not audio at all.\n") + std::string(3000, 'a')},
             {"mp3 cut after its first frame", realMp3.substr(0, 120)},
             {"mp3 followed by random bytes", realMp3 + randomBytes(20'000)}}) {
        const auto greeting = upload("admin", "PUT", userSlot(), bytes);
        EXPECT_EQ(greeting.status, 400) << name << ": " << greeting;
        EXPECT_EQ(greeting.errorCode(), "validation_failed") << name;
        EXPECT_EQ(greeting.errorMessage().rfind("file: ", 0), 0u) << name << ": " << greeting.errorMessage();
        const auto term = upload("admin", "POST", termPath, bytes);
        EXPECT_EQ(term.status, 400) << name << ": " << term;
    }
    const auto empty = upload("admin", "PUT", userSlot(), "");
    EXPECT_EQ(empty.status, 400) << empty;
    EXPECT_EQ(filesIn(greetingsDir()), 0u);
    EXPECT_EQ(filesIn(termsDir()), 0u);
    const auto list = readAs(*m_world, "admin", "/api/v1/greetings");
    EXPECT_TRUE(findBy(list["users"], "number", m_world->world().number1)["inbound"].is_null());
    EXPECT_TRUE(readAs(*m_world, "admin", "/api/v1/terms")["terms"].empty());
    EXPECT_EQ(auditCount("greeting.upload"), 0);
}

TEST_F(GreetingsUpload, OverTenMebibytesIsRefusedWithNothingStored) {
    std::string big = freshMp3(1.0);
    big.resize(10 * 1024 * 1024 + 1, '\0');
    const auto justOver = upload("admin", "PUT", userSlot(), big);
    EXPECT_EQ(justOver.status, 413) << justOver;
    EXPECT_EQ(justOver.errorCode(), "payload_too_large");
    big.resize(13 * 1024 * 1024, '\0');
    const auto farOver = upload("manager", "PUT", userSlot(), big);
    EXPECT_EQ(farOver.status, 413) << farOver;
    const auto term = upload(
        "admin", "POST", "/api/v1/terms?group_id=" + std::to_string(m_world->world().groupG1) + "&number=6",
        std::string(10 * 1024 * 1024 + 1, 'x'));
    EXPECT_EQ(term.status, 413) << term;
    EXPECT_EQ(filesIn(greetingsDir()), 0u);
    EXPECT_EQ(filesIn(termsDir()), 0u);
    EXPECT_TRUE(readAs(*m_world, "admin", "/api/v1/terms")["terms"].empty());
}

TEST_F(GreetingsUpload, ALargeRealMp3AboveTheJsonBodyLimitIsAccepted) {
    const std::string mp3 = freshMp3(300.0);  // ~1.2 MB at 32 kbps, over the 1 MiB limit of JSON routes
    ASSERT_GT(mp3.size(), 1u << 20);
    const auto response = upload("admin", "PUT", userSlot(), mp3);
    ASSERT_EQ(response.status, 201) << response;
    EXPECT_NEAR(response.json()["duration_ms"].get<double>(), 300'000.0, 1000.0);
    EXPECT_EQ(response.json()["size"], mp3.size());
}

TEST_F(GreetingsUpload, AnotherContentTypeIs415) {
    const auto response = upload("admin", "PUT", userSlot(), freshMp3(0.5), "audio/wav");
    EXPECT_EQ(response.status, 415) << response;
    EXPECT_EQ(filesIn(greetingsDir()), 0u);
}

TEST_F(GreetingsUpload, StoredAudioComesBackAndReplacedOrDeletedFilesLeaveTheDisk) {
    const std::string first = freshMp3(1.0);
    ASSERT_EQ(upload("supervisor", "PUT", userSlot(), first).status, 201);
    EXPECT_EQ(filesIn(greetingsDir()), 1u);

    const auto played = client().get(userSlot(), token("agent1"));
    ASSERT_EQ(played.status, 200) << played;
    EXPECT_EQ(played.body, first);
    EXPECT_EQ(played.header("content-type"), "audio/mpeg");
    EXPECT_EQ(played.header("content-disposition").rfind("inline", 0), 0u)
        << played.header("content-disposition");
    const auto downloaded = client().get(userSlot() + "?download=true", token("agent1"));
    EXPECT_EQ(downloaded.body, first);
    EXPECT_EQ(downloaded.header("content-disposition"),
              "attachment; filename=\"greeting-" + m_world->world().number1 + "-inbound.mp3\"");

    const std::string second = freshMp3(1.5);
    const auto replaced = upload("agent1", "PUT", userSlot(), second);
    ASSERT_EQ(replaced.status, 200) << replaced;
    EXPECT_EQ(filesIn(greetingsDir()), 1u) << "the replaced file is deleted";
    EXPECT_EQ(client().get(userSlot(), token("admin")).body, second);

    ASSERT_EQ(client().del(userSlot(), token("agent1")).status, 204);
    EXPECT_EQ(filesIn(greetingsDir()), 0u);
    EXPECT_EQ(client().get(userSlot(), token("admin")).status, 404);
    EXPECT_EQ(client().del(userSlot(), token("admin")).status, 404);

    EXPECT_EQ(auditCount("greeting.upload"), 2);
    EXPECT_EQ(auditCount("greeting.play"), 2);
    EXPECT_EQ(auditCount("greeting.download"), 1);
    EXPECT_EQ(auditCount("greeting.delete"), 1);
}

TEST_F(GreetingsUpload, BargeInIsKeptPerOwnerAndAudited) {
    const std::string path =
        "/api/v1/greetings/groups/" + std::to_string(m_world->world().groupG1) + "/settings";
    const auto on = client().patch(path, {{"barge_in", true}}, token("supervisor"));
    ASSERT_EQ(on.status, 200) << on;
    EXPECT_EQ(on.json()["barge_in"], true);
    const auto list = readAs(*m_world, "admin", "/api/v1/greetings");
    EXPECT_EQ(findBy(list["groups"], "group_id", m_world->world().groupG1)["barge_in"], true);
    EXPECT_EQ(findBy(list["groups"], "group_id", m_world->world().groupG2)["barge_in"], false);
    EXPECT_EQ(client().patch(path, {{"barge_in", "yes"}}, token("admin")).status, 400);
    EXPECT_EQ(client().patch(path, nlohmann::json::object(), token("admin")).status, 400);
    EXPECT_EQ(auditCount("greeting.settings"), 1);
}

TEST_F(GreetingsUpload, TermNumbersAreUniquePerGroupAndValidated) {
    const World& w = m_world->world();
    const std::string g1 = std::to_string(w.groupG1);
    const auto created =
        upload("manager", "POST", "/api/v1/terms?group_id=" + g1 + "&number=12&remark=%E6%A2%9D%E6%AC%BE",
               freshMp3(1.0));
    ASSERT_EQ(created.status, 201) << created;
    EXPECT_EQ(created.json()["remark"], "條款");
    const auto again = upload("admin", "POST", "/api/v1/terms?group_id=" + g1 + "&number=12", freshMp3(1.0));
    EXPECT_EQ(again.status, 409) << again;
    EXPECT_EQ(upload("admin", "POST", "/api/v1/terms?group_id=" + std::to_string(w.groupG2) + "&number=12",
                     freshMp3(1.0))
                  .status,
              201);
    EXPECT_EQ(upload("admin", "POST", "/api/v1/terms?group_id=" + g1 + "&number=1a", freshMp3(1.0)).status,
              400);
    EXPECT_EQ(upload("admin", "POST", "/api/v1/terms?group_id=" + g1, freshMp3(1.0)).status, 400);
    EXPECT_EQ(upload("admin", "POST", "/api/v1/terms?number=3", freshMp3(1.0)).status, 400);
    EXPECT_EQ(upload("admin", "POST", "/api/v1/terms?group_id=" + std::to_string(w.groupB) + "&number=3",
                     freshMp3(1.0))
                  .status,
              400);
    EXPECT_EQ(filesIn(termsDir()), 2u) << "refused uploads leave no file";

    const std::int64_t id = created.json()["id"];
    const auto moved =
        client().patch("/api/v1/terms/" + std::to_string(id), {{"group_id", w.groupG2}}, token("admin"));
    EXPECT_EQ(moved.status, 409) << "number 12 is taken in G2: " << moved;
    ASSERT_EQ(client().del("/api/v1/terms/" + std::to_string(id), token("admin")).status, 204);
    EXPECT_EQ(filesIn(termsDir()), 1u);
    EXPECT_EQ(auditCount("term.create"), 2);
    EXPECT_EQ(auditCount("term.delete"), 1);
}

class SeedAndRetention : public WorldTest {};

std::vector<Recording> recordingsOf(const fs::path& dataDir, std::int64_t companyId) {
    const auto store = server::store::openSqliteStore((dataDir / "callvault.db").string());
    server::store::RecordingQuery query;
    query.companyId = companyId;
    query.fromMs = 0;
    query.toMs = std::chrono::duration_cast<std::chrono::milliseconds>(
                     std::chrono::system_clock::now().time_since_epoch())
                     .count() +
                 1;
    query.limit = 1000;
    std::vector<Recording> result;
    for (const auto& row : store->searchRecordings(query).rows) {
        result.push_back(row.recording);
    }
    return result;
}

TEST_F(SeedAndRetention, SeedCommandFillsACompanyAndTheServerPurgesWhatIsPastRetention) {
    ApiWorld& world = startWorld();
    ServerProcess& process = world.server();
    const World w = world.world();
    // The CLI works on the live database (WAL); the restart below makes the first retention run come after
    // it.
    const auto out = process.admin({"seed-recordings", "--company", std::to_string(w.companyA), "--count",
                                    "60", "--days", "180", "--seed", "4", "--pool-size", "3"});
    EXPECT_EQ(out.at("inserted"), "60");
    EXPECT_EQ(out.at("skipped"), "0");
    EXPECT_EQ(out.at("pool_files"), "3");
    EXPECT_EQ(out.at("files"), "link");
    EXPECT_EQ(out.at("company_id"), std::to_string(w.companyA));
    const auto bad = process.adminRaw({"seed-recordings", "--company", "999", "--count", "5"});
    EXPECT_EQ(bad.exitCode, 1) << bad.err;
    EXPECT_EQ(process.adminRaw({"seed-recordings", "--company", "1", "--count", "0"}).exitCode, 2);
    EXPECT_EQ(
        process.adminRaw({"seed-recordings", "--company", "1", "--count", "5", "--files", "x"}).exitCode, 2);

    const auto seeded = recordingsOf(process.dataDir(), w.companyA);
    ASSERT_EQ(seeded.size(), 60u);
    const auto cutoff = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count() -
                        90LL * 24 * 3600 * 1000;
    std::size_t old = 0;
    for (const Recording& r : seeded) {
        ASSERT_TRUE(fs::exists(server::record::finishedMp3Path(process.dataDir(), r.filePath))) << r.callId;
        old += r.startUtcMs < cutoff - 60'000 ? 1 : 0;
    }
    ASSERT_GT(old, 5u);
    ASSERT_LT(old, 55u);

    // The daemon's first retention run comes a few seconds after start.
    world.restart();
    std::int64_t purgeEntries = 0;
    for (int i = 0; i < 100 && purgeEntries == 0; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        const auto j =
            readAs(world, "admin", "/api/v1/audit?" + auditSinceLongAgo() + "&operation=recording.purge");
        purgeEntries = j.is_object() ? j["total"].get<std::int64_t>() : 0;
        if (purgeEntries > 0) {
            const auto& details = j["entries"][0]["details"];
            EXPECT_GE(details["count"].get<std::size_t>(), old);
            EXPECT_EQ(details["call_ids"].size(), details["count"].get<std::size_t>());
            EXPECT_EQ(j["entries"][0]["operator_login"], "system");
        }
    }
    ASSERT_EQ(purgeEntries, 1) << "no recording.purge entry within 20 s";
    const auto kept = recordingsOf(process.dataDir(), w.companyA);
    EXPECT_LE(kept.size(), 60u - old);
    for (const Recording& r : seeded) {
        const bool present =
            std::any_of(kept.begin(), kept.end(), [&](const Recording& k) { return k.callId == r.callId; });
        const bool fileThere = fs::exists(server::record::finishedMp3Path(process.dataDir(), r.filePath));
        EXPECT_EQ(present, fileThere) << r.callId;
        if (r.startUtcMs >= cutoff + 60'000) {
            EXPECT_TRUE(present) << "recent recording purged: " << r.callId;
        }
        if (r.startUtcMs < cutoff - 60'000) {
            EXPECT_FALSE(present) << "old recording kept: " << r.callId;
        }
    }
}

}  // namespace
}  // namespace callvault::test
