#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace callvault::server::store {

/// §10 / §11: a greeting slot is either a user number's or a group's, for inbound or outbound calls.
enum class GreetingDirection { Inbound, Outbound };
std::string_view toString(GreetingDirection direction);
std::optional<GreetingDirection> greetingDirectionFromString(std::string_view name);

/// Whose greeting: exactly one of the two is set.
struct GreetingOwner {
    std::optional<std::string> number;    ///< a user number of the company (§10)
    std::optional<std::int64_t> groupId;  ///< a group of the company (§11)

    static GreetingOwner ofNumber(std::string number) { return {std::move(number), std::nullopt}; }
    static GreetingOwner ofGroup(std::int64_t groupId) { return {std::nullopt, groupId}; }
    bool operator==(const GreetingOwner&) const = default;
};

/// A stored MP3 under the data folder (greetings/ or terms/), checked to be real MP3 audio on upload.
struct MediaFile {
    std::string fileName;  ///< "<32 hex>.mp3", unique; never taken from the client
    std::uint64_t size = 0;
    std::string sha256Hex;
    std::int64_t durationMs = 0;

    bool operator==(const MediaFile&) const = default;
};

/// One set greeting slot.
struct Greeting {
    std::int64_t companyId = 0;
    GreetingOwner owner;
    GreetingDirection direction = GreetingDirection::Inbound;
    MediaFile file;
    std::optional<std::int64_t> uploadedBy;  ///< user id
    std::int64_t uploadedAt = 0;             ///< Unix seconds

    bool operator==(const Greeting&) const = default;
};

/// §10 barge-in: the caller may press 0 to stop the greeting. Off unless set.
struct GreetingSettings {
    std::int64_t companyId = 0;
    GreetingOwner owner;
    bool bargeIn = false;

    bool operator==(const GreetingSettings&) const = default;
};

/// §19: an optional playback term of a group, keyed as *7 + number + #.
struct PlaybackTerm {
    std::int64_t id = 0;
    std::int64_t companyId = 0;
    std::int64_t groupId = 0;
    std::string number;  ///< 1–6 digits, unique within the group
    MediaFile file;
    std::string remark;
    std::optional<std::int64_t> modifiedBy;  ///< user id
    std::int64_t modifiedAt = 0;             ///< Unix seconds

    bool operator==(const PlaybackTerm&) const = default;
};

/// A file whose row is gone, waiting to be deleted (see migration_media_files.h).
struct TrashedFile {
    std::int64_t id = 0;
    std::string path;  ///< relative to the data folder, e.g. "greetings/ab….mp3", "recordings/2026/…/x.peaks"
};

}  // namespace callvault::server::store
