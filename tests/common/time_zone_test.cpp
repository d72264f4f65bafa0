#include "common/time/time_zone.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace callvault {
namespace {

struct KnownOffset {
    const char* zone;
    std::int64_t at;
    int offset;
};

// Reference offsets from Python's zoneinfo over the same tzdata (see the report of this test's author).
// Pairs straddle a transition: the last second before it and the first second after it.
const std::vector<KnownOffset> kKnownOffsets{
    {"Asia/Hong_Kong", 1795564800, 8 * 3600},  // 2026-11-25
    {"Asia/Hong_Kong", 0, 8 * 3600},           // 1970-01-01
    {"Asia/Hong_Kong", -788918400, 9 * 3600},  // 1945-01-01, Japanese occupation (table, not footer)
    {"Asia/Kolkata", 1767225600, 5 * 3600 + 1800},
    {"America/Sao_Paulo", 1767225600, -3 * 3600},
    {"Europe/London", 1768478400, 0},     // 2026-01-15 12:00Z
    {"Europe/London", 1784116800, 3600},  // 2026-07-15 12:00Z
    {"Europe/London", 1774745999, 0},     // 2026-03-29 00:59:59Z
    {"Europe/London", 1774746000, 3600},
    {"Europe/London", 1792889999, 3600},  // 2026-10-25 00:59:59Z
    {"Europe/London", 1792890000, 0},
    {"America/New_York", 1772953199, -5 * 3600},  // 2026-03-08 06:59:59Z
    {"America/New_York", 1772953200, -4 * 3600},
    {"America/New_York", 1793512799, -4 * 3600},  // 2026-11-01 05:59:59Z
    {"America/New_York", 1793512800, -5 * 3600},
    // 2100 lies beyond every transition table: only the POSIX TZ footer can answer.
    {"America/New_York", 4108690799, -5 * 3600},  // 2100-03-14 06:59:59Z
    {"America/New_York", 4108690800, -4 * 3600},
    {"America/New_York", 4129250399, -4 * 3600},  // 2100-11-07 05:59:59Z
    {"America/New_York", 4129250400, -5 * 3600},
    {"Europe/London", 4109878799, 0},  // 2100-03-28 00:59:59Z, M3.5.0/1
    {"Europe/London", 4109878800, 3600},
    {"Europe/London", 4128627599, 3600},  // 2100-10-31, M10.5.0
    {"Europe/London", 4128627600, 0},
    {"Australia/Sydney", 4110451199, 11 * 3600},  // southern hemisphere: DST spans the new year
    {"Australia/Sydney", 4110451200, 10 * 3600},
    {"Australia/Sydney", 4126175999, 10 * 3600},
    {"Australia/Sydney", 4126176000, 11 * 3600},
    {"Europe/Dublin", 4102444800, 0},  // "IST-1GMT0,M10.5.0,M3.5.0/1": negative DST in winter
    {"Europe/Dublin", 4109878799, 0},
    {"Europe/Dublin", 4109878800, 3600},
    {"Europe/Dublin", 4128627599, 3600},
    {"Europe/Dublin", 4128627600, 0},
    {"America/Nuuk", 4109878799, -2 * 3600},  // "<-02>2<-01>,M3.5.0/-1,M10.5.0/0": negative rule time
    {"America/Nuuk", 4109878800, -1 * 3600},
    {"America/Nuuk", 4128627599, -1 * 3600},
    {"America/Nuuk", 4128627600, -2 * 3600},
    {"Pacific/Chatham", 4110443999, 13 * 3600 + 45 * 60},  // "<+1245>-12:45<+1345>,M9.5.0/2:45,M4.1.0/3:45"
    {"Pacific/Chatham", 4110444000, 12 * 3600 + 45 * 60},
    {"Pacific/Chatham", 4125563999, 12 * 3600 + 45 * 60},
    {"Pacific/Chatham", 4125564000, 13 * 3600 + 45 * 60},
};

TEST(TimeZone, KnownOffsets) {
    for (const KnownOffset& e : kKnownOffsets) {
        const auto zone = TimeZone::load(e.zone);
        ASSERT_TRUE(zone.has_value()) << e.zone;
        EXPECT_EQ(zone->offsetSeconds(e.at), e.offset) << e.zone << " at " << formatUtc(e.at);
    }
}

TEST(TimeZone, LondonDiffersBetweenJulyAndJanuary) {
    const auto london = TimeZone::load("Europe/London");
    ASSERT_TRUE(london.has_value());
    EXPECT_EQ(london->name(), "Europe/London");
    EXPECT_NE(london->offsetSeconds(1784116800), london->offsetSeconds(1768478400));
}

TEST(TimeZone, UtcAlwaysWorks) {
    const auto utc = TimeZone::load("UTC");
    ASSERT_TRUE(utc.has_value());
    EXPECT_EQ(utc->name(), "UTC");
    for (std::int64_t t :
         {std::int64_t{-2000000000}, std::int64_t{0}, std::int64_t{1795604165}, std::int64_t{4128627600}}) {
        EXPECT_EQ(utc->offsetSeconds(t), 0);
    }
}

TEST(TimeZone, LocalDateAndTime) {
    const auto hk = TimeZone::load("Asia/Hong_Kong");
    ASSERT_TRUE(hk.has_value());
    // 2026-11-25T20:00:00Z is already the 26th in Hong Kong.
    EXPECT_EQ(hk->localDate(1795636800), "2026-11-26");
    EXPECT_EQ(hk->localDateTime(1795636800), "2026-11-26 04:00:00");
    EXPECT_EQ(utcDate(1795636800), "2026-11-25");
    const auto ny = TimeZone::load("America/New_York");
    ASSERT_TRUE(ny.has_value());
    EXPECT_EQ(ny->localDateTime(1772953200), "2026-03-08 03:00:00");  // clocks jump 02:00 → 03:00
    EXPECT_EQ(ny->localDateTime(1772953199), "2026-03-08 01:59:59");
}

TEST(TimeZone, RejectsUnsafeOrUnknownNames) {
    for (const char* name : {"", "../../etc/passwd", "/etc/passwd", "/usr/share/zoneinfo/UTC", "Asia/../UTC",
                             "..", "Asia/Hong Kong", "Asia/Hong_Kong\n", "Asia\\Hong_Kong", "Asia/Hong_Kong;",
                             "Nowhere/City", "Asia", "America/", "utc*"}) {
        EXPECT_FALSE(TimeZone::load(name).has_value()) << name;
    }
    EXPECT_FALSE(TimeZone::load(std::string("UTC\0/x", 6)).has_value());
}

TEST(TimeZone, RejectsFilesThatAreNotTzif) {
    // These live in the zoneinfo folder but are tables, not zones.
    EXPECT_FALSE(TimeZone::load("zone.tab").has_value());
    EXPECT_FALSE(TimeZone::load("iso3166.tab").has_value());
    EXPECT_FALSE(TimeZone::load("tzdata.zi").has_value());
}

TEST(TimeZone, AcceptsNamesWithPlusMinusAndDigits) {
    const auto plus = TimeZone::load("Etc/GMT+5");  // POSIX sign: five hours *west*
    ASSERT_TRUE(plus.has_value());
    EXPECT_EQ(plus->offsetSeconds(1795604165), -5 * 3600);
    const auto minus = TimeZone::load("Etc/GMT-14");
    ASSERT_TRUE(minus.has_value());
    EXPECT_EQ(minus->offsetSeconds(1795604165), 14 * 3600);
}

TEST(UtcText, FormatAndParse) {
    EXPECT_EQ(formatUtc(0), "1970-01-01T00:00:00Z");
    EXPECT_EQ(formatUtc(1795604165), "2026-11-25T10:56:05Z");
    EXPECT_EQ(formatUtc(-1), "1969-12-31T23:59:59Z");
    EXPECT_EQ(formatUtc(1709251199), "2024-02-29T23:59:59Z");
    EXPECT_EQ(parseUtc("2026-11-25T10:56:05Z"), 1795604165);
    EXPECT_EQ(parseUtc("1969-12-31T23:59:59Z"), -1);
    EXPECT_EQ(parseUtc("2024-02-29T23:59:59Z"), 1709251199);
    for (std::int64_t t = -100000; t < 100000; t += 4321) {
        EXPECT_EQ(parseUtc(formatUtc(t * 9973)), t * 9973);
    }
}

TEST(UtcText, ParseRejectsEverythingElse) {
    for (const char* text : {"", "2026-11-25T10:56:05", "2026-11-25T10:56:05z", "2026-11-25 10:56:05Z",
                             "2026-11-25T10:56:05.123Z", "2026-11-25T10:56:05+00:00", "2023-02-29T00:00:00Z",
                             "2026-13-01T00:00:00Z", "2026-11-31T00:00:00Z", "2026-11-25T24:00:00Z",
                             "2026-11-25T10:60:00Z", "2026-11-25T10:56:60Z", "2026-11-25T1a:56:05Z",
                             " 2026-11-25T10:56:05Z", "2026-11-25T10:56:05Z ", "2026-11-00T10:56:05Z"}) {
        EXPECT_FALSE(parseUtc(text).has_value()) << text;
    }
}

TEST(UtcText, MillisecondsFormatAndParse) {
    EXPECT_EQ(formatUtcMs(0), "1970-01-01T00:00:00.000Z");
    EXPECT_EQ(formatUtcMs(1795604165123), "2026-11-25T10:56:05.123Z");
    EXPECT_EQ(formatUtcMs(1795604165007), "2026-11-25T10:56:05.007Z");
    EXPECT_EQ(formatUtcMs(-1), "1969-12-31T23:59:59.999Z");
    EXPECT_EQ(parseUtcMs("2026-11-25T10:56:05.123Z"), 1795604165123);
    EXPECT_EQ(parseUtcMs("2026-11-25T10:56:05Z"), 1795604165000);
    EXPECT_EQ(parseUtcMs("2026-11-25T10:56:05.1Z"), 1795604165100);
    EXPECT_EQ(parseUtcMs("2026-11-25T10:56:05.123999Z"), 1795604165123);
    EXPECT_EQ(parseUtcMs("1969-12-31T23:59:59.999Z"), -1);
    for (std::int64_t ms :
         {std::int64_t{-123456789}, std::int64_t{1}, std::int64_t{999}, std::int64_t{1795604165123}}) {
        EXPECT_EQ(parseUtcMs(formatUtcMs(ms)), ms);
    }
}

TEST(UtcText, MillisecondsParseRejectsEverythingElse) {
    for (const char* text :
         {"", "2026-11-25T10:56:05.Z", "2026-11-25T10:56:05.1234567890Z", "2026-11-25T10:56:05,123Z",
          "2026-11-25T10:56:05.12aZ", "2026-11-25T10:56:05.123", "2026-11-25T10:56:05.-12Z",
          "2023-02-29T00:00:00.000Z"}) {
        EXPECT_FALSE(parseUtcMs(text).has_value()) << text;
    }
}

TEST(Civil, DaysFromCivil) {
    EXPECT_EQ(daysFromCivil(1970, 1, 1), 0);
    EXPECT_EQ(daysFromCivil(1969, 12, 31), -1);
    EXPECT_EQ(daysFromCivil(2000, 3, 1), 11017);
    EXPECT_EQ(daysFromCivil(2024, 3, 1) - daysFromCivil(2024, 2, 28), 2);  // leap day between
    EXPECT_EQ(daysFromCivil(2023, 3, 1) - daysFromCivil(2023, 2, 28), 1);
    EXPECT_EQ(daysFromCivil(2100, 3, 1) - daysFromCivil(2100, 2, 28), 1);  // 2100 is not a leap year
}

TEST(Civil, RoundTripOverFourCenturies) {
    for (std::int64_t day = -146097; day <= 146097 * 2; day += 7) {
        const CivilTime t = civilFromDays(day);
        ASSERT_GE(t.month, 1u);
        ASSERT_LE(t.day, daysInMonth(t.year, t.month));
        ASSERT_EQ(daysFromCivil(static_cast<int>(t.year), t.month, t.day), day);
    }
}

TEST(Civil, CivilFromUnix) {
    EXPECT_EQ(civilFromUnix(1795604165), (CivilTime{2026, 11, 25, 10, 56, 5}));
    EXPECT_EQ(civilFromUnix(-1), (CivilTime{1969, 12, 31, 23, 59, 59}));
    EXPECT_EQ(utcDate(1709251199), "2024-02-29");
    EXPECT_EQ(utcDate(1709251200), "2024-03-01");
}

TEST(Civil, LeapYearsAndMonthLengths) {
    EXPECT_TRUE(isLeapYear(2024));
    EXPECT_TRUE(isLeapYear(2000));
    EXPECT_FALSE(isLeapYear(2023));
    EXPECT_FALSE(isLeapYear(1900));
    EXPECT_EQ(daysInMonth(2024, 2), 29u);
    EXPECT_EQ(daysInMonth(2023, 2), 28u);
    EXPECT_EQ(daysInMonth(2023, 4), 30u);
    EXPECT_EQ(daysInMonth(2023, 12), 31u);
    EXPECT_EQ(daysInMonth(2023, 0), 0u);
    EXPECT_EQ(daysInMonth(2023, 13), 0u);
}

}  // namespace
}  // namespace callvault
