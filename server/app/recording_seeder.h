#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

namespace callvault::server::store {
class Store;
}

namespace callvault::server::seed {

/// How each seeded recording gets its MP3 and peaks files.
enum class FileMode {
    Link,  ///< a hard link to one of a small pool of real MP3s: its own path, no extra disk (default; 1M ok)
    Copy,  ///< a full copy of a pool file (demo sizes only: ~100 KB a recording)
    None,  ///< rows only, no files (search benchmarks); playing such a recording fails
};

struct SeedOptions {
    std::int64_t companyId = 0;
    std::int64_t count = 0;
    int days = 30;           ///< start times spread over the last `days` days before nowMs
    std::uint32_t seed = 1;  ///< the same seed gives the same rows (call IDs already present are skipped)
    FileMode files = FileMode::Link;
    int poolSize = 8;  ///< distinct generated MP3s (6 to 60 s long)
    std::int64_t nowMs = 0;
    int batchSize = 5000;  ///< rows per store transaction
};

struct SeedResult {
    std::int64_t inserted = 0;
    std::int64_t skipped = 0;  ///< call IDs that already existed
    int groups = 0;            ///< of the company after seeding (created if missing)
    int users = 0;             ///< seeded agents
    int labels = 0;
    int poolFiles = 0;
    std::int64_t fromMs = 0;
    std::int64_t toMs = 0;
};

/// Fills the company with `count` realistic recordings: groups, agents (disabled, no usable password until an
/// Admin resets it), their activated numbers and labels are created when missing; rows vary in user number,
/// other party, direction, duration, group, label, note (English and Chinese), listened / downloaded /
/// locked. Every recording has its own call ID and path; its signature is valid for the bytes its file holds
/// (a pool file). `progress(done)` is called after each batch. Throws the store's errors, RecordingError on
/// file errors and std::invalid_argument for an unknown company.
SeedResult seedRecordings(store::Store& store, const std::filesystem::path& dataDir,
                          const SeedOptions& options, const std::function<void(std::int64_t)>& progress = {});

}  // namespace callvault::server::seed
