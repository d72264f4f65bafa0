#include "server/record/retention_purger.h"

#include "common/time/time_zone.h"
#include "server/record/media_files.h"
#include "server/store/store.h"
#include "server/util/log.h"

#include <nlohmann/json.hpp>

namespace callvault::server::record {
namespace {

constexpr std::int64_t kDayMs = 24LL * 60 * 60 * 1000;
constexpr std::chrono::hours kOrphanUploadAge{1};

void audit(store::Store& store, const RetentionReport& report, const nlohmann::json& callIds,
           std::int64_t nowMs) {
    AuditEntry entry;
    entry.companyId = report.companyId;
    entry.at = nowMs;
    entry.operatorLogin = "system";
    entry.operation = "recording.purge";
    entry.target = "company:" + std::to_string(report.companyId);
    entry.address = "local";
    entry.details = {
        {"count", report.purged},
        {"retention_days", report.retentionDays},
        {"before", formatUtcMs(report.cutoffMs)},
        {"first_call_id", report.firstCallId},
        {"last_call_id", report.lastCallId},
        {"call_ids", callIds},
        {"call_ids_truncated", report.purged > static_cast<std::int64_t>(callIds.size())},
    };
    store.appendAudit(entry);
}

}  // namespace

std::vector<RetentionReport> runRetention(store::Store& store, const std::filesystem::path& dataDir,
                                          std::int64_t nowMs) {
    // Files left by an interrupted run first: their rows are already gone.
    drainFileTrash(store, dataDir);
    std::vector<RetentionReport> reports;
    for (const Company& company : store.companies()) {
        if (company.retentionDays <= 0) {
            continue;
        }
        RetentionReport report;
        report.companyId = company.id;
        report.retentionDays = company.retentionDays;
        report.cutoffMs = nowMs - company.retentionDays * kDayMs;
        nlohmann::json callIds = nlohmann::json::array();
        for (;;) {
            const std::vector<Recording> batch =
                store.purgeRecordingsBefore(company.id, report.cutoffMs, kRetentionBatch);
            for (const Recording& recording : batch) {
                if (report.firstCallId.empty()) {
                    report.firstCallId = recording.callId;
                }
                report.lastCallId = recording.callId;
                if (callIds.size() < kMaxAuditedCallIds) {
                    callIds.push_back(recording.callId);
                }
            }
            report.purged += static_cast<std::int64_t>(batch.size());
            drainFileTrash(store, dataDir);
            if (batch.size() < static_cast<std::size_t>(kRetentionBatch)) {
                break;
            }
        }
        if (report.purged > 0) {
            audit(store, report, callIds, nowMs);
            log::info("retention: purged " + std::to_string(report.purged) + " recording(s) of company " +
                      std::to_string(company.id) + " older than " + std::to_string(company.retentionDays) +
                      " days");
        }
        reports.push_back(std::move(report));
    }
    removeOrphanMediaFiles(store, dataDir, kOrphanUploadAge);
    return reports;
}

}  // namespace callvault::server::record
