#include "common/time/posix_tz.h"

#include "common/time/time_zone.h"

#include <cctype>

namespace callvault {
namespace {

/// A small cursor over the TZ string; every reader returns false and leaves the cursor undefined on error.
class Reader {
public:
    explicit Reader(std::string_view text) : m_text(text) {}

    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek() const { return atEnd() ? '\0' : m_text[m_pos]; }
    bool accept(char c) {
        if (peek() != c || atEnd()) {
            return false;
        }
        ++m_pos;
        return true;
    }

    /// "EST" (3+ letters) or "<+08>" (3+ of letters, digits, '+', '-').
    bool readName() {
        std::size_t length = 0;
        if (accept('<')) {
            while (!atEnd() && peek() != '>') {
                const char c = peek();
                if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-') {
                    return false;
                }
                ++m_pos;
                ++length;
            }
            return accept('>') && length >= 3;
        }
        while (!atEnd() && std::isalpha(static_cast<unsigned char>(peek()))) {
            ++m_pos;
            ++length;
        }
        return length >= 3;
    }

    bool readNumber(int maxDigits, int& value) {
        int digits = 0;
        value = 0;
        while (!atEnd() && std::isdigit(static_cast<unsigned char>(peek())) && digits < maxDigits) {
            value = value * 10 + (peek() - '0');
            ++m_pos;
            ++digits;
        }
        return digits > 0;
    }

    /// [+-]hh[:mm[:ss]] in seconds; hours up to 167 as allowed by RFC 8536 for rule times.
    bool readTime(std::int64_t& seconds) {
        int sign = 1;
        if (accept('-')) {
            sign = -1;
        } else {
            accept('+');
        }
        int hours = 0;
        int minutes = 0;
        int secs = 0;
        if (!readNumber(3, hours) || hours > 167) {
            return false;
        }
        if (accept(':')) {
            if (!readNumber(2, minutes) || minutes > 59) {
                return false;
            }
            if (accept(':') && (!readNumber(2, secs) || secs > 59)) {
                return false;
            }
        }
        seconds = sign * (hours * 3600LL + minutes * 60LL + secs);
        return true;
    }

    bool readRule(PosixTz::Rule& rule) {
        if (accept('J')) {
            rule.kind = PosixTz::Rule::Kind::JulianNoLeap;
            if (!readNumber(3, rule.day) || rule.day < 1 || rule.day > 365) {
                return false;
            }
        } else if (accept('M')) {
            rule.kind = PosixTz::Rule::Kind::MonthWeekDay;
            if (!readNumber(2, rule.month) || rule.month < 1 || rule.month > 12 || !accept('.') ||
                !readNumber(1, rule.week) || rule.week < 1 || rule.week > 5 || !accept('.') ||
                !readNumber(1, rule.day) || rule.day > 6) {
                return false;
            }
        } else {
            rule.kind = PosixTz::Rule::Kind::ZeroBasedDay;
            if (!readNumber(3, rule.day) || rule.day > 365) {
                return false;
            }
        }
        rule.time = 7200;
        return !accept('/') || readTime(rule.time);
    }

private:
    std::string_view m_text;
    std::size_t m_pos = 0;
};


/// Days since the epoch of the day the rule picks in `year`.
std::int64_t ruleDay(const PosixTz::Rule& rule, std::int64_t year) {
    const auto y = static_cast<int>(year);
    const std::int64_t jan1 = daysFromCivil(y, 1, 1);
    switch (rule.kind) {
        case PosixTz::Rule::Kind::JulianNoLeap:
            // Jn never counts February 29: day 60 is always March 1.
            return jan1 + rule.day - 1 + (isLeapYear(year) && rule.day >= 60 ? 1 : 0);
        case PosixTz::Rule::Kind::ZeroBasedDay:
            return jan1 + rule.day;
        case PosixTz::Rule::Kind::MonthWeekDay: {
            const auto month = static_cast<unsigned>(rule.month);
            const std::int64_t first = daysFromCivil(y, month, 1);
            const std::int64_t weekdayOfFirst = ((first % 7) + 7 + 4) % 7;  // 1970-01-01 was a Thursday
            std::int64_t day = 1 + (rule.day - weekdayOfFirst + 7) % 7 + (rule.week - 1) * 7;
            while (day > daysInMonth(year, month)) {
                day -= 7;
            }
            return first + day - 1;
        }
    }
    return jan1;
}

}  // namespace

std::optional<PosixTz> PosixTz::parse(std::string_view text) {
    Reader reader(text);
    PosixTz tz;
    std::int64_t offset = 0;
    if (!reader.readName() || !reader.readTime(offset) || offset > 24 * 3600 || offset < -24 * 3600) {
        return std::nullopt;
    }
    tz.standardOffset = static_cast<int>(-offset);
    if (reader.atEnd()) {
        return tz;
    }
    if (!reader.readName()) {
        return std::nullopt;
    }
    tz.hasDst = true;
    tz.dstOffset = tz.standardOffset + 3600;
    if (reader.peek() != ',' && !reader.atEnd()) {
        if (!reader.readTime(offset) || offset > 24 * 3600 || offset < -24 * 3600) {
            return std::nullopt;
        }
        tz.dstOffset = static_cast<int>(-offset);
    }
    // POSIX leaves the default rule to the implementation; TZif footers always spell it out. Use US rules.
    tz.dstStart = Rule{Rule::Kind::MonthWeekDay, 0, 3, 2, 7200};
    tz.dstEnd = Rule{Rule::Kind::MonthWeekDay, 0, 11, 1, 7200};
    if (reader.accept(',')) {
        if (!reader.readRule(tz.dstStart) || !reader.accept(',') || !reader.readRule(tz.dstEnd)) {
            return std::nullopt;
        }
    }
    if (!reader.atEnd()) {
        return std::nullopt;
    }
    return tz;
}

int PosixTz::offsetAt(std::int64_t unixSeconds) const {
    if (!hasDst) {
        return standardOffset;
    }
    const std::int64_t year = civilFromUnix(unixSeconds + standardOffset).year;
    // The start time is given in standard time, the end time in daylight time.
    const std::int64_t start = ruleDay(dstStart, year) * kSecondsPerDay + dstStart.time - standardOffset;
    const std::int64_t end = ruleDay(dstEnd, year) * kSecondsPerDay + dstEnd.time - dstOffset;
    const bool inDst = start < end ? (unixSeconds >= start && unixSeconds < end)
                                   : (unixSeconds < end || unixSeconds >= start);
    return inDst ? dstOffset : standardOffset;
}

}  // namespace callvault
