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
/// Civil-date helpers (proleptic Gregorian).
std::int64_t daysFromCivil(int year, unsigned month, unsigned day);
std::string utcDate(std::int64_t unixSeconds);  ///< "YYYY-MM-DD"

}  // namespace callvault
