#include "common/formats/call_id.h"

#include "common/time/time_zone.h"

#include <cstdio>
#include <stdexcept>

namespace callvault {
namespace {

constexpr std::size_t kCallIdLength = 23;
constexpr std::uint32_t kMaxSequence = 999'999'999;
constexpr std::int64_t kFirstYear = 2000;
constexpr std::int64_t kLastYear = 2099;

bool isNodeChar(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
}

bool isValidNode(std::string_view node) {
    return node.size() == 2 && isNodeChar(node[0]) && isNodeChar(node[1]);
}

bool readDigits(std::string_view text, std::size_t pos, std::size_t count, std::uint32_t& value) {
    value = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        if (text[i] < '0' || text[i] > '9') {
            return false;
        }
        value = value * 10 + static_cast<std::uint32_t>(text[i] - '0');
    }
    return true;
}

}  // namespace

std::string formatCallId(const CallId& id) {
    const CivilTime t = civilFromUnix(id.startUtc);
    if (t.year < kFirstYear || t.year > kLastYear) {
        throw std::out_of_range("call ID start time outside the years 2000-2099");
    }
    if (!isValidNode(id.node)) {
        throw std::invalid_argument("call ID node must be two characters of [0-9A-Z]");
    }
    if (id.sequence > kMaxSequence) {
        throw std::out_of_range("call ID sequence above 999999999");
    }
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%02u%02u%02u%02u%02u%02u%c%c%09u",
                  static_cast<unsigned>(t.year - kFirstYear), t.month, t.day, t.hour, t.minute, t.second,
                  id.node[0], id.node[1], static_cast<unsigned>(id.sequence));
    return buffer;
}

std::optional<CallId> parseCallId(std::string_view text) {
    if (text.size() != kCallIdLength) {
        return std::nullopt;
    }
    std::uint32_t year = 0;
    std::uint32_t month = 0;
    std::uint32_t day = 0;
    std::uint32_t hour = 0;
    std::uint32_t minute = 0;
    std::uint32_t second = 0;
    CallId id;
    if (!readDigits(text, 0, 2, year) || !readDigits(text, 2, 2, month) || !readDigits(text, 4, 2, day) ||
        !readDigits(text, 6, 2, hour) || !readDigits(text, 8, 2, minute) ||
        !readDigits(text, 10, 2, second) || !readDigits(text, 14, 9, id.sequence)) {
        return std::nullopt;
    }
    const std::int64_t fullYear = kFirstYear + year;
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(fullYear, month) || hour > 23 ||
        minute > 59 || second > 59) {
        return std::nullopt;
    }
    id.node = std::string(text.substr(12, 2));
    if (!isValidNode(id.node)) {
        return std::nullopt;
    }
    id.startUtc =
        daysFromCivil(static_cast<int>(fullYear), month, day) * 86400 + hour * 3600 + minute * 60 + second;
    return id;
}

bool isValidCallId(std::string_view text) {
    return parseCallId(text).has_value();
}

}  // namespace callvault
