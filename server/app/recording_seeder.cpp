#include "server/app/recording_seeder.h"

#include "common/crypto/signature.h"
#include "common/formats/call_id.h"
#include "common/formats/hex.h"
#include "common/formats/recording_path.h"
#include "common/time/time_zone.h"
#include "server/app/seed_audio.h"
#include "server/record/file_io.h"
#include "server/record/recording_metadata.h"
#include "server/record/signing_key_store.h"
#include "server/store/store.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <random>
#include <stdexcept>
#include <system_error>

namespace callvault::server::seed {
namespace {

namespace fs = std::filesystem;

constexpr std::array kGroupNames{"Sales", "Customer Service", "Collections", "VIP Care"};
constexpr std::array kLabelNames{"Follow up", "Complaint", "Sale closed", "Callback", "VIP", "Quality check"};
constexpr int kAgents = 12;

constexpr std::array kNotes{
    "Customer asked about the invoice, will call back tomorrow",
    "Complaint about late delivery; refund promised",
    "Sold the premium plan, 24 months",
    "Wrong number",
    "Address change requested, confirmed by e-mail",
    "Customer wants a supervisor to call back",
    "客戶查詢帳單，明天回電",
    "投訴送貨延遲，已承諾退款",
    "成功銷售高級計劃，合約二十四個月",
    "客戶要求更改地址，已用電郵確認",
    "需要主管回覆客戶",
    "Follow up 跟進：客戶對新優惠有興趣",
};

struct PoolFile {
    fs::path mp3;
    fs::path peaks;
    std::int64_t durationMs = 0;
    std::uint64_t size = 0;
    std::array<std::uint8_t, 32> sha256{};
};

struct Agent {
    std::int64_t userId = 0;
    std::int64_t groupId = 0;
    std::string number;
};

std::vector<std::int64_t> ensureGroups(store::Store& store, std::int64_t companyId) {
    std::vector<std::int64_t> ids;
    const std::vector<Group> existing = store.groups(companyId);
    for (const char* name : kGroupNames) {
        const auto found =
            std::find_if(existing.begin(), existing.end(), [&](const Group& g) { return g.name == name; });
        if (found != existing.end()) {
            ids.push_back(found->id);
        } else {
            Group group;
            group.companyId = companyId;
            group.name = name;
            ids.push_back(store.createGroup(group).id);
        }
    }
    return ids;
}

std::vector<std::int64_t> ensureLabels(store::Store& store, std::int64_t companyId) {
    std::vector<std::int64_t> ids;
    const std::vector<Label> existing = store.labels(companyId);
    for (const char* name : kLabelNames) {
        const auto found =
            std::find_if(existing.begin(), existing.end(), [&](const Label& l) { return l.name == name; });
        if (found != existing.end()) {
            ids.push_back(found->id);
        } else {
            Label label;
            label.companyId = companyId;
            label.name = name;
            label.remark = "seeded";
            ids.push_back(store.createLabel(label).id);
        }
    }
    return ids;
}

std::vector<Agent> ensureAgents(store::Store& store, const Company& company,
                                const std::vector<std::int64_t>& groups) {
    std::vector<Agent> agents;
    const std::string today = utcDate(company.createdAt);
    for (int i = 0; i < kAgents; ++i) {
        const std::string suffix = (i + 1 < 10 ? "0" : "") + std::to_string(i + 1);
        const std::string login = "seed" + std::to_string(company.id) + ".agent" + suffix;
        Agent agent;
        agent.groupId = groups[static_cast<std::size_t>(i) % groups.size()];
        if (const auto credentials = store.credentialsByLogin(login)) {
            agent.userId = credentials->user.id;
            agent.groupId = credentials->user.groupId.value_or(agent.groupId);
        } else {
            User user;
            user.companyId = company.id;
            user.login = login;
            user.name = "Seed Agent " + suffix;
            user.role = Role::Agent;
            user.groupId = agent.groupId;
            user.enabled = false;
            // Not an Argon2id string: no password matches it until an Admin resets the account.
            agent.userId = store.createUser(user, "!seeded-account").id;
        }
        // Numbers are unique across the service: 39 + company id (3 digits) + agent (3 digits).
        char number[16];
        std::snprintf(number, sizeof number, "39%03d%03d", static_cast<int>(company.id % 1000), i + 1);
        agent.number = number;
        if (!store.number(company.id, agent.number, today)) {
            UserNumber row;
            row.companyId = company.id;
            row.number = agent.number;
            row.userId = agent.userId;
            row.effectiveDate = "2020-01-01";
            row.activated = true;
            store.createNumber(row);
        }
        agents.push_back(std::move(agent));
    }
    return agents;
}

std::vector<PoolFile> ensurePool(const fs::path& dataDir, int size, std::uint32_t seed) {
    const fs::path folder = dataDir / "seed-pool";
    record::makeDirectories(folder, 0750);
    std::vector<PoolFile> pool;
    std::mt19937 random(seed);
    for (int i = 0; i < size; ++i) {
        PoolFile file;
        const std::string stem = "pool-" + std::to_string(seed) + "-" + std::to_string(i);
        file.mp3 = folder / (stem + ".mp3");
        file.peaks = folder / (stem + ".peaks");
        const double seconds = 6.0 + static_cast<double>(random() % 55);
        if (!fs::exists(file.mp3) || !fs::exists(file.peaks)) {
            std::error_code ec;
            fs::remove(file.mp3, ec);
            fs::remove(file.peaks, ec);
            writeConversationMp3(file.mp3, file.peaks, seconds, seed * 131U + static_cast<std::uint32_t>(i));
        }
        file.durationMs = static_cast<std::int64_t>(seconds * 1000);
        file.size = fs::file_size(file.mp3);
        file.sha256 = record::sha256OfFile(file.mp3);
        pool.push_back(std::move(file));
    }
    return pool;
}

std::string otherParty(std::mt19937& random) {
    if (random() % 33 == 0) {
        return "anonymous";
    }
    constexpr std::array kPrefixes{"9", "6", "5", "2", "3"};
    std::string number = kPrefixes[random() % kPrefixes.size()];
    while (number.size() < 8) {
        number += static_cast<char>('0' + random() % 10);
    }
    return number;
}

/// Places the files of one recording (link or copy of the pool file); an existing file is kept.
void placeFiles(const fs::path& dataDir, const Recording& recording, const PoolFile& pool, FileMode mode) {
    const fs::path mp3 = record::finishedMp3Path(dataDir, recording.filePath);
    const fs::path peaks = record::finishedPeaksPath(dataDir, recording.filePath);
    std::error_code ec;
    fs::create_directories(mp3.parent_path(), ec);
    for (const auto& [from, to] : {std::pair{pool.mp3, mp3}, std::pair{pool.peaks, peaks}}) {
        if (fs::exists(to)) {
            continue;
        }
        if (mode == FileMode::Link) {
            fs::create_hard_link(from, to);
        } else {
            fs::copy_file(from, to);
        }
    }
}

}  // namespace

SeedResult seedRecordings(store::Store& store, const fs::path& dataDir, const SeedOptions& options,
                          const std::function<void(std::int64_t)>& progress) {
    const std::optional<Company> company = store.company(options.companyId);
    if (!company) {
        throw std::invalid_argument("no company with id " + std::to_string(options.companyId));
    }
    SeedResult result;
    const std::vector<std::int64_t> groups = ensureGroups(store, company->id);
    const std::vector<std::int64_t> labels = ensureLabels(store, company->id);
    const std::vector<Agent> agents = ensureAgents(store, *company, groups);
    const SigningKey key = record::loadOrCreateSigningKey(dataDir);
    const std::vector<PoolFile> pool = ensurePool(dataDir, std::max(1, options.poolSize), options.seed);
    result.groups = static_cast<int>(store.groups(company->id).size());
    result.users = static_cast<int>(agents.size());
    result.labels = static_cast<int>(labels.size());
    result.poolFiles = static_cast<int>(pool.size());
    result.toMs = options.nowMs;
    result.fromMs = options.nowMs - static_cast<std::int64_t>(options.days) * 24 * 3600 * 1000;

    std::mt19937 random(options.seed ^ static_cast<std::uint32_t>(company->id * 2654435761U));
    const std::uint32_t sequenceBase = random() % 500'000'000U;
    const std::int64_t spanSeconds = std::max<std::int64_t>(1, (result.toMs - result.fromMs) / 1000 - 3600);
    const std::int64_t slotSeconds =
        std::max<std::int64_t>(1, spanSeconds / std::max<std::int64_t>(1, options.count));
    std::vector<Recording> batch;
    batch.reserve(static_cast<std::size_t>(options.batchSize));
    for (std::int64_t i = 0; i < options.count; ++i) {
        const Agent& agent = agents[random() % agents.size()];
        const PoolFile& file = pool[random() % pool.size()];
        Recording recording;
        recording.companyId = company->id;
        // Start times rise with i, as they do in real use (a row is stored at hang-up), so row ids follow
        // time; the search's note filter relies on that to narrow the full-text index to a window's ids.
        const std::int64_t startSeconds = result.fromMs / 1000 + i * spanSeconds / options.count +
                                          static_cast<std::int64_t>(random() % slotSeconds);
        recording.startUtcMs = startSeconds * 1000 + static_cast<std::int64_t>(random() % 1000);
        recording.callId = formatCallId(
            CallId{startSeconds, "SD", static_cast<std::uint32_t>((sequenceBase + i) % 1'000'000'000)});
        recording.durationMs = options.files == FileMode::None
                                   ? static_cast<std::int64_t>(5'000 + random() % 1'200'000)
                                   : file.durationMs;
        recording.userNumber = agent.number;
        recording.userId = agent.userId;
        recording.groupId = agent.groupId;
        recording.otherNumber = otherParty(random);
        recording.callType = random() % 100 < 55 ? CallType::Inbound : CallType::Outbound;
        recording.filePath = recordingPath(recording.callId, startSeconds);
        recording.fileSize = file.size;
        recording.sha256Hex = toHex(file.sha256);
        recording.signatureHex = signRecording(key, recording.callId, file.sha256);
        recording.locked = random() % 10 != 0;
        recording.listened = random() % 100 < 40;
        recording.downloaded = recording.listened && random() % 4 == 0;
        if (random() % 100 < 30) {
            recording.note =
                std::string(kNotes[random() % kNotes.size()]) + " #" + std::to_string(1000 + i % 9000);
        }
        if (random() % 100 < 25) {
            recording.labelId = labels[random() % labels.size()];
        }
        if (options.files != FileMode::None) {
            placeFiles(dataDir, recording, file, options.files);
        }
        batch.push_back(std::move(recording));
        if (static_cast<int>(batch.size()) >= options.batchSize || i + 1 == options.count) {
            const std::int64_t inserted = store.insertRecordings(batch);
            result.inserted += inserted;
            result.skipped += static_cast<std::int64_t>(batch.size()) - inserted;
            batch.clear();
            if (progress) {
                progress(i + 1);
            }
        }
    }
    return result;
}

}  // namespace callvault::server::seed
