#pragma once

#include "common/crypto/signature.h"
#include "common/types/recording.h"
#include "server/record/recording_metadata.h"

#include <cstddef>
#include <filesystem>

namespace callvault::server {
class Metrics;
}
namespace callvault::server::store {
class Store;
}

namespace callvault::server::media {

/// The CDR row of a finished recording (locked, not listened, no note or label: the defaults of §6-§8).
Recording toCdrRow(const record::FinishedRecording& finished);

/// Inserts the CDR row (idempotent by call ID) and then releases the recording's spool entry, in that order,
/// so a crash in between only makes the next start-up insert it again. Throws what the store or the file
/// system throws; the entry then stays in spool/ for the next start-up.
void storeFinishedRecording(store::Store& store, const std::filesystem::path& dataDir,
                            const record::FinishedRecording& finished);

/// What start-up recovery did.
struct StartupRecoveryReport {
    std::size_t recovered = 0;  ///< recordings finished or re-reported by recoverSpool, CDR rows stored
    std::size_t failed = 0;     ///< spool entries set aside in spool/failed/
    std::size_t cdrErrors = 0;  ///< rows that could not be stored (left in spool/ for the next start)
};

/// Start-up, before any call: recovers the spool (record::recoverSpool) and stores every recovered
/// recording's CDR row (recovered = true for the crashed ones), logging each; counts them in `metrics`
/// (callvault_recordings_recovered_total, callvault_recordings_failed_total). Throws RecordingError only when
/// the spool folder cannot be read.
StartupRecoveryReport recoverRecordingsAtStartup(const std::filesystem::path& dataDir, const SigningKey& key,
                                                 store::Store& store, Metrics& metrics);

}  // namespace callvault::server::media
