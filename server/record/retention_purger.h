#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace callvault::server::store {
class Store;
}

namespace callvault::server::record {

/// What one retention run did for one company (§23).
struct RetentionReport {
    std::int64_t companyId = 0;
    int retentionDays = 0;
    std::int64_t cutoffMs = 0;  ///< recordings that started before this were purged
    std::int64_t purged = 0;
    std::string firstCallId;  ///< oldest purged (call IDs sort by start time)
    std::string lastCallId;   ///< newest purged
};

/// Recordings purged per store transaction, and the most call IDs one audit entry lists.
inline constexpr int kRetentionBatch = 1000;
inline constexpr std::size_t kMaxAuditedCallIds = 1000;

/// One retention run at `nowMs`: for every company with retention_days > 0 (0 keeps recordings forever; the
/// CLI only accepts 1–3650), deletes the recordings that started more than retention_days × 24 h before
/// `nowMs` with their bookmarks and note index rows, in batches. Each deleted row queues its MP3 and peaks in
/// the file trash in the same transaction (migration 4), so a crash never leaves a row without its file; the
/// trash is then drained, which also finishes what an interrupted earlier run left. A company with purged
/// recordings gets one audit entry "recording.purge" (operator "system", target "company:<id>", details:
/// count, retention_days, before, first/last call ID and up to kMaxAuditedCallIds call IDs). Finally greeting
/// and term uploads orphaned by a crash (older than one hour, named by no row) are deleted.
/// Blocking (SQLite, unlink): run it on the blocking pool. Throws the store's errors.
std::vector<RetentionReport> runRetention(store::Store& store, const std::filesystem::path& dataDir,
                                          std::int64_t nowMs);

}  // namespace callvault::server::record
