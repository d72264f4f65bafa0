#pragma once

#include "common/crypto/signature.h"
#include "server/record/recording_metadata.h"

#include <filesystem>
#include <string>
#include <vector>

namespace callvault::server::record {

/// A spool entry that could not be made into a recording; its files are kept under spool/failed/.
struct FailedSpoolEntry {
    std::string name;    ///< the call ID, or the file name when it is not one
    std::string reason;
    std::vector<std::filesystem::path> movedTo;
};

struct SpoolRecovery {
    /// Recordings to write CDR rows for (idempotently, by call ID), then releaseSpoolEntry() each:
    /// crashed recordings finished now (recovered = true) and finished ones whose CDR was not confirmed.
    std::vector<FinishedRecording> recordings;
    std::vector<FailedSpoolEntry> failed;
};

/// Run once at start-up, before any new recording. For every spool entry:
///  - `<id>.done.json` (finished, CDR not confirmed): completes the move into recordings/ if a crash
///    interrupted it, checking the MP3 against the committed SHA-256;
///  - `<id>.json` (a recording cut short by a crash): truncates the MP3 to its last complete frame, takes the
///    duration from the frames, regenerates the peaks by decoding, signs and moves it (recovered = true);
///  - anything else (sidecar without audio, an empty MP3, stray files): moved to spool/failed/ and reported,
///    never deleted.
/// Logs one line per entry. Throws RecordingError only when the spool folder itself cannot be read.
SpoolRecovery recoverSpool(const std::filesystem::path& dataDir, const SigningKey& key);

}  // namespace callvault::server::record
