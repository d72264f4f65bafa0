#include "server/media/recording_cdr.h"

#include "server/media/media_metrics.h"
#include "server/record/recording_finalizer.h"
#include "server/record/spool_recovery.h"
#include "server/store/store.h"
#include "server/util/log.h"
#include "server/util/metrics.h"

namespace callvault::server::media {

Recording toCdrRow(const record::FinishedRecording& finished) {
    const auto& metadata = finished.metadata;
    Recording row;
    row.callId = metadata.callId;
    row.companyId = metadata.companyId;
    row.startUtcMs = metadata.startUtcMs;
    row.durationMs = finished.durationMs;
    row.userNumber = metadata.userNumber;
    row.userId = metadata.userId;
    row.groupId = metadata.groupId;
    row.otherNumber = metadata.otherNumber;
    row.callType =
        metadata.direction == record::CallDirection::Inbound ? CallType::Inbound : CallType::Outbound;
    row.filePath = finished.filePath;
    row.fileSize = finished.fileSize;
    row.sha256Hex = finished.sha256Hex;
    row.signatureHex = finished.signatureHex;
    row.recovered = finished.recovered;
    return row;
}

void storeFinishedRecording(store::Store& store, const std::filesystem::path& dataDir,
                            const record::FinishedRecording& finished) {
    store.insertRecording(toCdrRow(finished));
    record::releaseSpoolEntry(dataDir, finished.metadata.callId);
}

StartupRecoveryReport recoverRecordingsAtStartup(const std::filesystem::path& dataDir, const SigningKey& key,
                                                 store::Store& store, Metrics& metrics) {
    const auto recovery = record::recoverSpool(dataDir, key);
    StartupRecoveryReport report;
    for (const auto& finished : recovery.recordings) {
        try {
            storeFinishedRecording(store, dataDir, finished);
            ++report.recovered;
            metrics.add(kMetricRecordingsRecovered);
            log::info("recording " + finished.metadata.callId +
                      " recovered: " + std::to_string(finished.durationMs) + " ms, " + finished.filePath +
                      (finished.recovered ? " (cut short by a crash)" : " (CDR row completed)"));
        } catch (const std::exception& e) {
            ++report.cdrErrors;
            log::error("recording " + finished.metadata.callId +
                       ": cannot store its CDR row, kept in spool/ for the next start: " + e.what());
        }
    }
    report.failed = recovery.failed.size();
    if (report.failed != 0) {
        metrics.add(kMetricRecordingsFailed, "", static_cast<std::int64_t>(report.failed));
    }
    return report;
}

}  // namespace callvault::server::media
