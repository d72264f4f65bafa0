#include "common/time/time_zone.h"
#include "server/app/admin_commands.h"
#include "server/app/recording_seeder.h"
#include "server/store/store.h"

#include <charconv>
#include <chrono>
#include <stdexcept>

namespace callvault::server::admin {
namespace {

std::int64_t wholeNumber(const Options& options, const std::string& name, std::int64_t fallback,
                         std::int64_t min, std::int64_t max) {
    const auto it = options.find(name);
    if (it == options.end()) {
        return fallback;
    }
    const std::string& text = it->second;
    std::int64_t result = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), result);
    if (text.empty() || ec != std::errc() || ptr != text.data() + text.size()) {
        throw UsageError("--" + name + ": '" + text + "' is not a whole number");
    }
    if (result < min || result > max) {
        throw UsageError("--" + name + ": " + text + " is out of range (" + std::to_string(min) + " to " +
                         std::to_string(max) + ")");
    }
    return result;
}

seed::FileMode fileMode(const Options& options) {
    const auto it = options.find("files");
    if (it == options.end() || it->second == "link") {
        return seed::FileMode::Link;
    }
    if (it->second == "copy") {
        return seed::FileMode::Copy;
    }
    if (it->second == "none") {
        return seed::FileMode::None;
    }
    throw UsageError("--files: must be link, copy or none");
}

}  // namespace

void seedRecordings(const Options& options, store::Store& store, std::ostream& out) {
    const auto started = std::chrono::steady_clock::now();
    seed::SeedOptions seedOptions;
    seedOptions.companyId = wholeNumber(options, "company", 0, 1, INT64_MAX);
    seedOptions.count = wholeNumber(options, "count", 0, 1, 10'000'000);
    seedOptions.days = static_cast<int>(wholeNumber(options, "days", 30, 1, 3650));
    seedOptions.seed = static_cast<std::uint32_t>(wholeNumber(options, "seed", 1, 0, 4'294'967'295LL));
    seedOptions.poolSize = static_cast<int>(wholeNumber(options, "pool-size", 8, 1, 64));
    seedOptions.files = fileMode(options);
    seedOptions.nowMs = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
    const auto dataDir = options.find("data-dir");
    if (dataDir == options.end()) {
        throw UsageError("the data directory is not known");
    }
    if (!store.company(seedOptions.companyId)) {
        throw RefusedError("no company with id " + std::to_string(seedOptions.companyId));
    }
    const seed::SeedResult result = seed::seedRecordings(store, dataDir->second, seedOptions);

    AuditEntry entry;
    entry.companyId = seedOptions.companyId;
    entry.at = seedOptions.nowMs;
    entry.operatorLogin = "cli";
    entry.operation = "recording.seed";
    entry.target = "company:" + std::to_string(seedOptions.companyId);
    entry.address = "local";
    entry.details = {{"inserted", result.inserted},
                     {"skipped", result.skipped},
                     {"days", seedOptions.days},
                     {"seed", seedOptions.seed},
                     {"files", options.count("files") ? options.at("files") : "link"}};
    store.appendAudit(entry);

    const auto seconds =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started)
            .count();
    out << "company_id: " << seedOptions.companyId << "\n"
        << "inserted: " << result.inserted << "\n"
        << "skipped: " << result.skipped << "\n"
        << "groups: " << result.groups << "\n"
        << "agents: " << result.users << "\n"
        << "labels: " << result.labels << "\n"
        << "pool_files: " << result.poolFiles << "\n"
        << "files: " << (options.count("files") ? options.at("files") : "link") << "\n"
        << "from: " << formatUtc(result.fromMs / 1000) << "\n"
        << "to: " << formatUtc(result.toMs / 1000) << "\n"
        << "elapsed_ms: " << seconds << "\n";
}

}  // namespace callvault::server::admin
