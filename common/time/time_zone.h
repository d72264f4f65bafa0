#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace callvault {

/// An IANA time zone read from the system's TZif files (/usr/share/zoneinfo, Debian package tzdata).
/// GCC 12's <chrono> has no tzdb, and setting TZ is process-wide, so we read the rules ourselves.
class TimeZone {
public:
    /// Empty when the name is not a known zone (or tries to leave the zoneinfo folder).
    static std::optional<TimeZone> load(std::string_view name);
    /// Builds a zone from the bytes of a TZif file (v1, v2 or v3); empty if they are not TZif.
    static std::optional<TimeZone> fromTzif(std::string_view name, std::string_view bytes);

    const std::string& name() const;
    int offsetSeconds(std::int64_t unixSeconds) const;  ///< UTC offset in force at that instant

    /// "YYYY-MM-DD" of the instant in this zone.
    std::string localDate(std::int64_t unixSeconds) const;
    /// "YYYY-MM-DD HH:MM:SS" of the instant in this zone.
    std::string localDateTime(std::int64_t unixSeconds) const;

private:
    struct Rules;
    std::shared_ptr<const Rules> m_rules;
};

/// ISO 8601 UTC, "2026-11-25T10:56:05Z", and back. Empty optional if malformed.
std::string formatUtc(std::int64_t unixSeconds);
std::optional<std::int64_t> parseUtc(std::string_view text);
/// ISO 8601 UTC with milliseconds, "2026-11-25T10:56:05.123Z". Used for audit timestamps.
std::string formatUtcMs(std::int64_t unixMilliseconds);
/// Accepts "…SSZ" and "…SS.fffZ" (1–9 fraction digits, truncated to milliseconds).
std::optional<std::int64_t> parseUtcMs(std::string_view text);

/// Civil-date helpers (proleptic Gregorian).
inline constexpr std::int64_t kSecondsPerDay = 86400;
std::int64_t daysFromCivil(int year, unsigned month, unsigned day);
std::string utcDate(std::int64_t unixSeconds);  ///< "YYYY-MM-DD"

/// A broken-down UTC (or local) date and time.
struct CivilTime {
    std::int64_t year = 1970;
    unsigned month = 1;  ///< 1–12
    unsigned day = 1;    ///< 1–31
    unsigned hour = 0;
    unsigned minute = 0;
    unsigned second = 0;

    bool operator==(const CivilTime&) const = default;
};
CivilTime civilFromUnix(std::int64_t unixSeconds);
/// Days since 1970-01-01 → date (time fields 0).
CivilTime civilFromDays(std::int64_t days);
bool isLeapYear(std::int64_t year);
unsigned daysInMonth(std::int64_t year, unsigned month);  ///< 0 for a month outside 1–12

}  // namespace callvault
