#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace callvault {

/// A POSIX TZ string as found in the footer of TZif v2+ files, e.g. "HKT-8" or
/// "EST5EDT,M3.2.0,M11.1.0". Offsets are stored as seconds east of UTC (the opposite sign of POSIX).
struct PosixTz {
    /// One end of daylight saving time: a day rule plus the local time of the switch.
    struct Rule {
        enum class Kind { JulianNoLeap, ZeroBasedDay, MonthWeekDay };
        Kind kind = Kind::MonthWeekDay;
        int day = 0;               ///< Jn: 1–365, n: 0–365, M: weekday 0 (Sunday) – 6
        int month = 0;             ///< M only, 1–12
        int week = 0;              ///< M only, 1–5 (5 = last)
        std::int64_t time = 7200;  ///< seconds after local midnight, may be negative or > 24 h (v3)
    };

    int standardOffset = 0;
    bool hasDst = false;
    int dstOffset = 0;
    Rule dstStart;
    Rule dstEnd;

    /// Empty when the string is not a TZ string we understand.
    static std::optional<PosixTz> parse(std::string_view text);

    /// The offset east of UTC in force at that instant.
    int offsetAt(std::int64_t unixSeconds) const;
};

}  // namespace callvault
