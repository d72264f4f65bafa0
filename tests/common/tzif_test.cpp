#include "common/time/posix_tz.h"
#include "common/time/time_zone.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace callvault {
namespace {

/// Writes a TZif file by hand so the reader is tested on exactly the bytes RFC 8536 describes.
class TzifBuilder {
public:
    struct Type {
        std::int32_t offset;
        bool isDst;
    };

    TzifBuilder& transition(std::int64_t at, std::uint8_t type) {
        m_times.push_back(at);
        m_timeTypes.push_back(type);
        return *this;
    }
    TzifBuilder& type(std::int32_t offset, bool isDst = false) {
        m_types.push_back({offset, isDst});
        return *this;
    }

    std::string v1() const { return block('\0', 4); }

    /// A v2 file: the v1 block holds `v1Fallback` (what an old reader would see), then the 64-bit block.
    std::string v2(const TzifBuilder& v1Fallback, std::string_view footer) const {
        return v1Fallback.block('2', 4) + block('2', 8) + "\n" + std::string(footer) + "\n";
    }

private:
    static void put(std::string& out, std::uint64_t value, int width) {
        for (int shift = (width - 1) * 8; shift >= 0; shift -= 8) {
            out.push_back(static_cast<char>((value >> shift) & 0xFF));
        }
    }

    std::string block(char version, int timeSize) const {
        std::string out = "TZif";
        out.push_back(version);
        out.append(15, '\0');
        const std::string abbreviations = "ABC";
        put(out, 0, 4);                         // isutcnt
        put(out, 0, 4);                         // isstdcnt
        put(out, 0, 4);                         // leapcnt
        put(out, m_times.size(), 4);            // timecnt
        put(out, m_types.size(), 4);            // typecnt
        put(out, abbreviations.size() + 1, 4);  // charcnt
        for (std::int64_t t : m_times) {
            put(out, static_cast<std::uint64_t>(t), timeSize);
        }
        for (std::uint8_t index : m_timeTypes) {
            out.push_back(static_cast<char>(index));
        }
        for (const Type& t : m_types) {
            put(out, static_cast<std::uint32_t>(t.offset), 4);
            out.push_back(t.isDst ? '\1' : '\0');
            out.push_back('\0');
        }
        out += abbreviations;
        out.push_back('\0');
        return out;
    }

    std::vector<std::int64_t> m_times;
    std::vector<std::uint8_t> m_timeTypes;
    std::vector<Type> m_types;
};

TEST(Tzif, Version1Transitions) {
    const std::string bytes =
        TzifBuilder().type(3600).type(7200, true).transition(1000, 1).transition(5000, 0).v1();
    const auto zone = TimeZone::fromTzif("Test/V1", bytes);
    ASSERT_TRUE(zone.has_value());
    EXPECT_EQ(zone->name(), "Test/V1");
    EXPECT_EQ(zone->offsetSeconds(-1000000), 3600);  // before the first transition: type 0
    EXPECT_EQ(zone->offsetSeconds(999), 3600);
    EXPECT_EQ(zone->offsetSeconds(1000), 7200);
    EXPECT_EQ(zone->offsetSeconds(4999), 7200);
    EXPECT_EQ(zone->offsetSeconds(5000), 3600);
    EXPECT_EQ(zone->offsetSeconds(4000000000), 3600);  // no footer in v1: the last type stays
}

TEST(Tzif, Version2UsesThe64BitBlockAndTheFooter) {
    const TzifBuilder oldReaderView = TzifBuilder().type(0);
    // A transition in 2200 cannot be written in 32 bits; only the v2 block holds it.
    const std::int64_t in2200 = 7258118400;
    const std::string bytes =
        TzifBuilder().type(3600).type(2 * 3600).transition(in2200, 1).v2(oldReaderView, "<+05>-5");
    const auto zone = TimeZone::fromTzif("Test/V2", bytes);
    ASSERT_TRUE(zone.has_value());
    EXPECT_EQ(zone->offsetSeconds(0), 3600);
    EXPECT_EQ(zone->offsetSeconds(in2200 - 1), 3600);
    EXPECT_EQ(zone->offsetSeconds(in2200), 5 * 3600);  // after the last transition the footer rules
}

TEST(Tzif, FooterWithDstRulesAndNoTransitions) {
    const std::string bytes =
        TzifBuilder().type(-5 * 3600).v2(TzifBuilder().type(-5 * 3600), "EST5EDT,M3.2.0,M11.1.0");
    const auto zone = TimeZone::fromTzif("Test/Footer", bytes);
    ASSERT_TRUE(zone.has_value());
    EXPECT_EQ(zone->offsetSeconds(1772953199), -5 * 3600);  // 2026-03-08 06:59:59Z
    EXPECT_EQ(zone->offsetSeconds(1772953200), -4 * 3600);
    EXPECT_EQ(zone->offsetSeconds(1793512799), -4 * 3600);
    EXPECT_EQ(zone->offsetSeconds(1793512800), -5 * 3600);
}

TEST(Tzif, UnreadableFooterFallsBackToTheLastType) {
    const std::string bytes =
        TzifBuilder().type(0).type(3600).transition(100, 1).v2(TzifBuilder().type(0), "???");
    const auto zone = TimeZone::fromTzif("Test/BadFooter", bytes);
    ASSERT_TRUE(zone.has_value());
    EXPECT_EQ(zone->offsetSeconds(4000000000), 3600);
}

TEST(Tzif, RejectsDamagedFiles) {
    const std::string good = TzifBuilder().type(3600).type(7200).transition(1000, 1).v1();
    ASSERT_TRUE(TimeZone::fromTzif("x", good).has_value());

    EXPECT_FALSE(TimeZone::fromTzif("x", "").has_value());
    EXPECT_FALSE(TimeZone::fromTzif("x", "# tzdb zone.tab\nHK\t+2217+11409\tAsia/Hong_Kong\n").has_value());
    std::string badMagic = good;
    badMagic[0] = 'X';
    EXPECT_FALSE(TimeZone::fromTzif("x", badMagic).has_value());
    std::string badVersion = good;
    badVersion[4] = '1';
    EXPECT_FALSE(TimeZone::fromTzif("x", badVersion).has_value());
    for (std::size_t cut = 0; cut < good.size(); ++cut) {
        EXPECT_FALSE(TimeZone::fromTzif("x", good.substr(0, cut)).has_value()) << cut;
    }
    // Transition type index 5 with only two types.
    EXPECT_FALSE(TimeZone::fromTzif("x", TzifBuilder().type(0).type(1).transition(10, 5).v1()).has_value());
    // No types at all.
    EXPECT_FALSE(TimeZone::fromTzif("x", TzifBuilder().v1()).has_value());
    // Transitions out of order.
    EXPECT_FALSE(
        TimeZone::fromTzif("x", TzifBuilder().type(0).transition(10, 0).transition(5, 0).v1()).has_value());
    // A v2 header promising a second block that is missing.
    EXPECT_FALSE(
        TimeZone::fromTzif("x", TzifBuilder().type(0).v2(TzifBuilder().type(0), "UTC0").substr(0, 60))
            .has_value());
}

TEST(Tzif, SurvivesArbitraryByteFlips) {
    const std::string good = TzifBuilder()
                                 .type(3600)
                                 .type(7200, true)
                                 .transition(1000, 1)
                                 .v2(TzifBuilder().type(0), "CET-1CEST,M3.5.0,M10.5.0/3");
    for (std::size_t i = 0; i < good.size(); ++i) {
        for (unsigned char flip : {0x01, 0x80, 0xFF}) {
            std::string bytes = good;
            bytes[i] = static_cast<char>(static_cast<unsigned char>(bytes[i]) ^ flip);
            const auto zone = TimeZone::fromTzif("x", bytes);
            if (zone) {
                static_cast<void>(zone->offsetSeconds(0));
                static_cast<void>(zone->offsetSeconds(4000000000));
            }
        }
    }
    SUCCEED();
}

TEST(PosixTz, FixedOffsets) {
    auto tz = PosixTz::parse("HKT-8");
    ASSERT_TRUE(tz.has_value());
    EXPECT_FALSE(tz->hasDst);
    EXPECT_EQ(tz->offsetAt(1795604165), 8 * 3600);
    tz = PosixTz::parse("IST-5:30");
    ASSERT_TRUE(tz.has_value());
    EXPECT_EQ(tz->offsetAt(0), 5 * 3600 + 30 * 60);
    tz = PosixTz::parse("<-0330>3:30");
    ASSERT_TRUE(tz.has_value());
    EXPECT_EQ(tz->offsetAt(0), -(3 * 3600 + 30 * 60));
    tz = PosixTz::parse("UTC0");
    ASSERT_TRUE(tz.has_value());
    EXPECT_EQ(tz->offsetAt(0), 0);
    tz = PosixTz::parse("<+0545>-5:45:00");
    ASSERT_TRUE(tz.has_value());
    EXPECT_EQ(tz->offsetAt(0), 5 * 3600 + 45 * 60);
}

TEST(PosixTz, MonthWeekDayRules) {
    const auto tz = PosixTz::parse("EST5EDT,M3.2.0,M11.1.0");
    ASSERT_TRUE(tz.has_value());
    ASSERT_TRUE(tz->hasDst);
    EXPECT_EQ(tz->standardOffset, -5 * 3600);
    EXPECT_EQ(tz->dstOffset, -4 * 3600);
    EXPECT_EQ(tz->dstStart.month, 3);
    EXPECT_EQ(tz->dstStart.week, 2);
    EXPECT_EQ(tz->dstStart.time, 7200);
    EXPECT_EQ(tz->offsetAt(1768478400), -5 * 3600);  // January
    EXPECT_EQ(tz->offsetAt(1784116800), -4 * 3600);  // July
}

TEST(PosixTz, FifthWeekMeansTheLastOne) {
    // October 2026 has only four Sundays (4–25): M10.5.0 must fall back to the 25th, not run into November.
    const auto tz = PosixTz::parse("GMT0BST,M3.5.0/1,M10.5.0");
    ASSERT_TRUE(tz.has_value());
    EXPECT_EQ(tz->offsetAt(1774745999), 0);
    EXPECT_EQ(tz->offsetAt(1774746000), 3600);
    EXPECT_EQ(tz->offsetAt(1792889999), 3600);
    EXPECT_EQ(tz->offsetAt(1792890000), 0);
}

TEST(PosixTz, JulianDayRules) {
    // J60 is always March 1 (February 29 is never counted); day 59 zero-based is March 1 in a leap year only.
    const auto julian = PosixTz::parse("AAA0BBB,J60/0,J300/0");
    ASSERT_TRUE(julian.has_value());
    const std::int64_t march1of2024 = daysFromCivil(2024, 3, 1) * 86400;
    EXPECT_EQ(julian->offsetAt(march1of2024 - 1), 0);
    EXPECT_EQ(julian->offsetAt(march1of2024), 3600);
    const auto zeroBased = PosixTz::parse("AAA0BBB,59/0,300/0");
    ASSERT_TRUE(zeroBased.has_value());
    const std::int64_t feb29of2024 = daysFromCivil(2024, 2, 29) * 86400;
    EXPECT_EQ(zeroBased->offsetAt(feb29of2024 - 1), 0);
    EXPECT_EQ(zeroBased->offsetAt(feb29of2024), 3600);
}

TEST(PosixTz, ExplicitDstOffset) {
    const auto tz = PosixTz::parse("<+1245>-12:45<+1345>,M9.5.0/2:45,M4.1.0/3:45");
    ASSERT_TRUE(tz.has_value());
    EXPECT_EQ(tz->standardOffset, 12 * 3600 + 45 * 60);
    EXPECT_EQ(tz->dstOffset, 13 * 3600 + 45 * 60);
    const auto lordHowe = PosixTz::parse("<+1030>-10:30<+11>-11,M10.1.0,M4.1.0");
    ASSERT_TRUE(lordHowe.has_value());
    EXPECT_EQ(lordHowe->dstOffset, 11 * 3600);
}

TEST(PosixTz, RejectsMalformedStrings) {
    for (const char* text : {"",
                             "8",
                             "AB-8",
                             "HKT",
                             "HKT-8x",
                             "HKT-",
                             "HKT-8:",
                             "HKT-8:60",
                             "<+08-8",
                             "<+8>-8",
                             "HKT-25",
                             "EST5EDT,M3.2.0",
                             "EST5EDT,M13.2.0,M11.1.0",
                             "EST5EDT,M3.6.0,M11.1.0",
                             "EST5EDT,M3.2.7,M11.1.0",
                             "EST5EDT,M3.0.0,M11.1.0",
                             "EST5EDT,J0,J100",
                             "EST5EDT,J366,J100",
                             "EST5EDT,366,100",
                             "EST5EDT,M3.2.0/168,M11.1.0",
                             "EST5EDT,M3.2.0,M11.1.0,",
                             "EST5EDT,M3.2.0,M11.1.0x",
                             "HKT-8 "}) {
        EXPECT_FALSE(PosixTz::parse(text).has_value()) << text;
    }
}

}  // namespace
}  // namespace callvault
