#pragma once

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace callvault {

/// §2 "Call type": seen from the user number that was recorded.
enum class CallType { Inbound, Outbound };
std::string_view toString(CallType type);
std::optional<CallType> callTypeFromString(std::string_view name);

/// One recorded call leg of a user (§2, §5, §7): the CDR row and the marks users put on it.
struct Recording {
    std::string callId;                ///< §5 format (common/formats/call_id.h), unique across the service
    std::int64_t companyId = 0;
    std::int64_t startUtcMs = 0;       ///< answer time, Unix milliseconds
    std::int64_t durationMs = 0;
    std::string userNumber;            ///< the recorded subscriber number
    std::optional<std::int64_t> userId;   ///< the number's user at call time
    std::optional<std::int64_t> groupId;  ///< the group the recording belongs to (§15 may move it)
    std::string otherNumber;           ///< the other party; may be "anonymous" or empty
    CallType callType = CallType::Inbound;
    std::string filePath;              ///< "/YYYY/MM/DD/HH/<call-id>.mp3" under the data folder's recordings/
    std::uint64_t fileSize = 0;        ///< bytes of the MP3
    std::string sha256Hex;             ///< of the MP3's bytes
    std::string signatureHex;          ///< Ed25519, 128 hex characters (common/crypto/signature.h)
    bool recovered = false;            ///< finished by crash recovery: the last seconds may be missing
    bool locked = true;                ///< §6: locked by default; the Provider reaches only unlocked ones
    bool listened = false;             ///< §7: somebody played it
    bool downloaded = false;           ///< §4: somebody downloaded it
    std::string note;                  ///< §7 free text
    std::optional<std::int64_t> labelId;  ///< §8 a label of the company

    /// §2 columns: the caller and the dialled number, derived from the call type.
    std::string callingNumber() const { return callType == CallType::Inbound ? otherNumber : userNumber; }
    std::string calledNumber() const { return callType == CallType::Inbound ? userNumber : otherNumber; }

    bool operator==(const Recording&) const = default;
};

/// §9: a marked time range of a recording.
struct Bookmark {
    std::int64_t id = 0;
    std::int64_t companyId = 0;
    std::string callId;
    std::int64_t startMs = 0;  ///< from the start of the recording; startMs < endMs <= durationMs
    std::int64_t endMs = 0;
    std::string text;
    std::optional<std::int64_t> createdBy;  ///< user id
    std::int64_t createdAt = 0;             ///< Unix seconds

    bool operator==(const Bookmark&) const = default;
};

void to_json(nlohmann::json& j, const Recording& v);
void from_json(const nlohmann::json& j, Recording& v);
void to_json(nlohmann::json& j, const Bookmark& v);
void from_json(const nlohmann::json& j, Bookmark& v);

}  // namespace callvault
