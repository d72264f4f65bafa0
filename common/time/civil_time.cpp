#include "common/time/time_zone.h"

#include <cstdio>

namespace callvault {
namespace {


std::int64_t floorDiv(std::int64_t a, std::int64_t b) {
    const std::int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

bool parseDigits(std::string_view text, std::size_t pos, std::size_t count, unsigned& value) {
    value = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        if (text[i] < '0' || text[i] > '9') {
            return false;
        }
        value = value * 10 + static_cast<unsigned>(text[i] - '0');
    }
    return true;
}

/// Parses "YYYY-MM-DDTHH:MM:SS" (the first 19 characters) into Unix seconds.
std::optional<std::int64_t> parseDateTime19(std::string_view text) {
    if (text.size() < 19 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' ||
        text[16] != ':') {
        return std::nullopt;
    }
    unsigned year = 0;
    unsigned month = 0;
    unsigned day = 0;
    unsigned hour = 0;
    unsigned minute = 0;
    unsigned second = 0;
    if (!parseDigits(text, 0, 4, year) || !parseDigits(text, 5, 2, month) || !parseDigits(text, 8, 2, day) ||
        !parseDigits(text, 11, 2, hour) || !parseDigits(text, 14, 2, minute) ||
        !parseDigits(text, 17, 2, second)) {
        return std::nullopt;
    }
    if (day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
        return std::nullopt;
    }
    return daysFromCivil(static_cast<int>(year), month, day) * kSecondsPerDay + hour * 3600 + minute * 60 +
           second;
}

std::string formatDate(const CivilTime& t) {
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02u", static_cast<long long>(t.year), t.month, t.day);
    return buffer;
}

std::string formatDateTime(const CivilTime& t, char separator) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02u%c%02u:%02u:%02u", static_cast<long long>(t.year),
                  t.month, t.day, separator, t.hour, t.minute, t.second);
    return buffer;
}

}  // namespace

bool isLeapYear(std::int64_t year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

unsigned daysInMonth(std::int64_t year, unsigned month) {
    static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) {
        return 0;
    }
    return kDays[month - 1] + (month == 2 && isLeapYear(year) ? 1 : 0);
}

// Howard Hinnant's days_from_civil / civil_from_days.
std::int64_t daysFromCivil(int year, unsigned month, unsigned day) {
    const std::int64_t y = static_cast<std::int64_t>(year) - (month <= 2 ? 1 : 0);
    const std::int64_t era = floorDiv(y, 400);
    const std::int64_t yearOfEra = y - era * 400;
    const std::int64_t monthIndex = month > 2 ? month - 3 : month + 9;
    const std::int64_t dayOfYear = (153 * monthIndex + 2) / 5 + day - 1;
    const std::int64_t dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146097 + dayOfEra - 719468;
}

CivilTime civilFromDays(std::int64_t days) {
    const std::int64_t z = days + 719468;
    const std::int64_t era = floorDiv(z, 146097);
    const std::int64_t dayOfEra = z - era * 146097;
    const std::int64_t yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const std::int64_t dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const std::int64_t monthIndex = (5 * dayOfYear + 2) / 153;
    CivilTime t;
    t.day = static_cast<unsigned>(dayOfYear - (153 * monthIndex + 2) / 5 + 1);
    t.month = static_cast<unsigned>(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9);
    t.year = yearOfEra + era * 400 + (t.month <= 2 ? 1 : 0);
    return t;
}

CivilTime civilFromUnix(std::int64_t unixSeconds) {
    const std::int64_t days = floorDiv(unixSeconds, kSecondsPerDay);
    const std::int64_t rest = unixSeconds - days * kSecondsPerDay;
    CivilTime t = civilFromDays(days);
    t.hour = static_cast<unsigned>(rest / 3600);
    t.minute = static_cast<unsigned>(rest / 60 % 60);
    t.second = static_cast<unsigned>(rest % 60);
    return t;
}

std::string utcDate(std::int64_t unixSeconds) {
    return formatDate(civilFromUnix(unixSeconds));
}

std::string formatUtc(std::int64_t unixSeconds) {
    return formatDateTime(civilFromUnix(unixSeconds), 'T') + "Z";
}

std::optional<std::int64_t> parseUtc(std::string_view text) {
    if (text.size() != 20 || text[19] != 'Z') {
        return std::nullopt;
    }
    return parseDateTime19(text);
}

std::string formatUtcMs(std::int64_t unixMilliseconds) {
    const std::int64_t seconds = floorDiv(unixMilliseconds, 1000);
    const auto millis = static_cast<unsigned>(unixMilliseconds - seconds * 1000);
    char fraction[8];
    std::snprintf(fraction, sizeof fraction, ".%03uZ", millis);
    return formatDateTime(civilFromUnix(seconds), 'T') + fraction;
}

std::optional<std::int64_t> parseUtcMs(std::string_view text) {
    if (text.size() < 20 || text.back() != 'Z') {
        return std::nullopt;
    }
    const auto seconds = parseDateTime19(text);
    if (!seconds) {
        return std::nullopt;
    }
    const std::string_view rest = text.substr(19, text.size() - 20);
    std::int64_t millis = 0;
    if (!rest.empty()) {
        const std::string_view digits = rest.substr(1);
        if (rest[0] != '.' || digits.empty() || digits.size() > 9) {
            return std::nullopt;
        }
        for (char c : digits) {
            if (c < '0' || c > '9') {
                return std::nullopt;
            }
        }
        for (std::size_t i = 0; i < 3; ++i) {
            millis = millis * 10 + (i < digits.size() ? digits[i] - '0' : 0);
        }
    }
    return *seconds * 1000 + millis;
}

}  // namespace callvault
