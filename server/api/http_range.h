#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace callvault::server::api {

/// One satisfiable byte range of a file: [first, last], inclusive (RFC 9110 §14.1.2).
struct ByteRange {
    std::uint64_t first = 0;
    std::uint64_t last = 0;
    std::uint64_t length() const { return last - first + 1; }
    bool operator==(const ByteRange&) const = default;
};

/// What a Range header asks of a file of `size` bytes.
struct RangeRequest {
    enum class Kind {
        Whole,    ///< no Range header, or one in a unit other than bytes (ignored, RFC 9110 §14.2): 200
        Partial,  ///< `range` (the first range when several are given): 206
        Unsatisfiable,  ///< malformed, or no range overlaps the file: 416 with `Content-Range: bytes */size`
    };
    Kind kind = Kind::Whole;
    ByteRange range;
};

/// Parses `header` ("bytes=0-499", "bytes=500-", "bytes=-500", "bytes=0-1,5-9") against a file of `size`
/// bytes. A last position past the end is clipped to the end; a range longer than `maxLength` is shortened to
/// its first `maxLength` bytes (the client asks again for the rest, as players do for open ranges).
RangeRequest parseRange(std::optional<std::string_view> header, std::uint64_t size, std::uint64_t maxLength);

}  // namespace callvault::server::api
