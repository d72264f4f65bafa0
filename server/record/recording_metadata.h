#pragma once

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace callvault::server::record {

enum class CallDirection { Inbound, Outbound };
std::string_view toString(CallDirection direction);
std::optional<CallDirection> callDirectionFromString(std::string_view name);

/// What the caller knows about the recorded call leg; kept in the spool sidecar so a recording can be finished
/// after a crash, and handed back in FinishedRecording for the CDR row.
struct RecordingMetadata {
    std::string callId;             ///< §5 format (common/formats/call_id.h); names the files
    std::int64_t startUtcMs = 0;    ///< answer time, Unix milliseconds (the call ID holds the same second)
    std::int64_t companyId = 0;
    std::optional<std::int64_t> userId;
    std::optional<std::int64_t> groupId;  ///< the user's group at call time
    std::string userNumber;
    std::string otherNumber;        ///< may be "anonymous" or empty
    CallDirection direction = CallDirection::Inbound;
    std::string node;               ///< the node that recorded the call

    bool operator==(const RecordingMetadata&) const = default;
};

void to_json(nlohmann::json& j, const RecordingMetadata& v);
void from_json(const nlohmann::json& j, RecordingMetadata& v);

/// A finalised recording: everything the caller needs to write the CDR row.
struct FinishedRecording {
    RecordingMetadata metadata;
    std::string filePath;               ///< CDR "File Path": "/YYYY/MM/DD/HH/<call-id>.mp3" under recordings/
    std::filesystem::path mp3Path;      ///< <data>/recordings + filePath
    std::filesystem::path peaksPath;    ///< beside it, ".peaks"
    std::int64_t durationMs = 0;
    std::string signatureHex;           ///< 128 hex characters (common/crypto/signature.h)
    std::string sha256Hex;              ///< of the MP3's bytes
    std::uint64_t fileSize = 0;         ///< of the MP3
    bool recovered = false;             ///< finished by spool recovery after a crash

    bool operator==(const FinishedRecording&) const = default;
};

/// JSON of a FinishedRecording without its absolute paths (they are rebuilt from the data folder).
void to_json(nlohmann::json& j, const FinishedRecording& v);
/// Fills everything but mp3Path/peaksPath.
void from_json(const nlohmann::json& j, FinishedRecording& v);

/// The files of a recording in progress and of a finished one, all under the data folder:
///   spool/<id>.json       sidecar (metadata), exists while recording
///   spool/<id>.mp3        MP3 as it is written
///   spool/<id>.peaks.tmp  peaks as they are written
///   spool/<id>.done.json  commit record: written once the MP3 is final, signed and about to move; removed by
///                         releaseSpoolEntry() after the caller stored the CDR row
///   recordings/YYYY/MM/DD/HH/<id>.mp3 and .peaks   the finished recording
struct SpoolPaths {
    std::filesystem::path sidecar;
    std::filesystem::path mp3;
    std::filesystem::path peaks;
    std::filesystem::path done;
};
std::filesystem::path spoolDirectory(const std::filesystem::path& dataDir);
std::filesystem::path recordingsDirectory(const std::filesystem::path& dataDir);
SpoolPaths spoolPaths(const std::filesystem::path& dataDir, std::string_view callId);
/// Absolute MP3 and peaks paths of a finished recording from its CDR file path.
std::filesystem::path finishedMp3Path(const std::filesystem::path& dataDir, std::string_view filePath);
std::filesystem::path finishedPeaksPath(const std::filesystem::path& dataDir, std::string_view filePath);

}  // namespace callvault::server::record
