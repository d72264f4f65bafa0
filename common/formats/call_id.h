#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace callvault {

/// §5: the call ID encodes the start time and a node/sequence suffix:
/// `yyMMddHHmmss` (UTC) + node (2 chars, [0-9A-Z]) + sequence (9 digits) = 23 characters,
/// e.g. `1809071001000A010000015`. Sorting call IDs as text sorts them by start time.
struct CallId {
    std::int64_t startUtc = 0;   ///< Unix seconds, whole seconds
    std::string node;            ///< 2 chars [0-9A-Z]
    std::uint32_t sequence = 0;  ///< 0 … 999,999,999

    bool operator==(const CallId&) const = default;
};

/// Throws std::out_of_range / std::invalid_argument when the start time is outside 2000–2099, the node is
/// not two of [0-9A-Z] or the sequence exceeds 999,999,999 (callers build IDs from the clock, never from input).
std::string formatCallId(const CallId& id);
/// Empty unless `text` is exactly 23 characters with a real UTC date/time, a valid node and 9 digits.
std::optional<CallId> parseCallId(std::string_view text);
bool isValidCallId(std::string_view text);

}  // namespace callvault
