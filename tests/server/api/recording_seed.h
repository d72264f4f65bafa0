#pragma once

#include "common/types/recording.h"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace callvault::test {

/// The whole content of a file ("" when it cannot be read).
std::string readBytes(const std::filesystem::path& path);

/// What to record: one call leg of a user number, `durationMs` long, starting at `startUtcMs`.
struct SeedCall {
    std::int64_t companyId = 0;
    std::int64_t startUtcMs = 0;
    std::int64_t durationMs = 2000;
    std::string userNumber;
    std::optional<std::int64_t> userId;
    std::optional<std::int64_t> groupId;
    std::string otherNumber = "+85291234567";
    CallType callType = CallType::Inbound;
    bool locked = true;
    std::string note;
    std::optional<std::int64_t> labelId;
};

/// Records a real call into `dataDir` as the engine does — RecordingSession fed with G.711 RTP of two tones
/// (440 Hz the user, 880 Hz the other party), finalised into recordings/YYYY/MM/DD/HH/ with peaks and an
/// Ed25519 signature by the data folder's key (made if missing) — and inserts its CDR row through the store
/// (SQLite allows it beside a running callvaultd). The call ID is new for every call of this process.
Recording seedRecording(const std::filesystem::path& dataDir, const SeedCall& call);

/// The absolute MP3 path of a seeded recording.
std::filesystem::path seededMp3(const std::filesystem::path& dataDir, const Recording& recording);

/// Unix ms of `time_point`, and now.
std::int64_t unixMs(std::chrono::system_clock::time_point at);
std::int64_t nowUnixMs();

/// "2026-11-25T10:56:05.123Z".
std::string isoMs(std::int64_t unixMilliseconds);

}  // namespace callvault::test
