#pragma once

#include "common/crypto/signature.h"
#include "server/record/recording_metadata.h"

#include <cstdint>
#include <filesystem>
#include <string_view>

namespace callvault::server::record {

/// The last steps of every recording, shared by RecordingSession::finish() and spool recovery. The spool MP3
/// and peaks must be complete and synced. Hashes and signs the MP3, commits (spool/<id>.done.json, then the
/// sidecar is removed), moves both files into recordings/YYYY/MM/DD/HH/ (never replacing a file there) and
/// returns the result. Throws RecordingError; after the commit, recoverSpool() completes an interrupted move.
FinishedRecording finalizeSpoolEntry(const std::filesystem::path& dataDir, const RecordingMetadata& metadata,
                                     const SigningKey& key, std::int64_t durationMs, bool recovered);

/// Moves the files of a committed entry into place if that is not done yet and fills in the absolute paths.
/// With `verify`, the MP3 must hash to the committed SHA-256 (else RecordingError, nothing moved).
FinishedRecording completeCommittedEntry(const std::filesystem::path& dataDir, FinishedRecording committed,
                                         bool verify);

/// Call once the CDR row of `callId` is stored: removes spool/<id>.done.json. Until then every start-up
/// reports the recording again (recoverSpool), so a crash between finish() and the CDR insert loses nothing;
/// the caller's insert must therefore be idempotent by call ID.
void releaseSpoolEntry(const std::filesystem::path& dataDir, std::string_view callId);

}  // namespace callvault::server::record
