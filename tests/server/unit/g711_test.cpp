#include "server/media/g711.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdlib>

namespace callvault::server::media {
namespace {

TEST(G711, UlawKnownValues) {
    EXPECT_EQ(ulawToLinear(0xFF), 0);
    EXPECT_EQ(ulawToLinear(0x7F), 0);  // negative zero
    EXPECT_EQ(ulawToLinear(0x00), -32124);
    EXPECT_EQ(ulawToLinear(0x80), 32124);
    EXPECT_EQ(ulawToLinear(0xFE), 8);
    EXPECT_EQ(ulawToLinear(0x7E), -8);
    EXPECT_EQ(ulawToLinear(0xF0), 120);
    EXPECT_EQ(ulawToLinear(0x70), -120);
}

TEST(G711, AlawKnownValues) {
    EXPECT_EQ(alawToLinear(0x55), -8);
    EXPECT_EQ(alawToLinear(0xD5), 8);
    EXPECT_EQ(alawToLinear(0x2A), -32256);
    EXPECT_EQ(alawToLinear(0xAA), 32256);
    EXPECT_EQ(alawToLinear(0x54), -24);
    EXPECT_EQ(alawToLinear(0x45), -264);  // first step of segment 1
}

TEST(G711, EncodeKnownValues) {
    EXPECT_EQ(linearToUlaw(0), 0xFF);
    EXPECT_EQ(linearToUlaw(32767), 0x80);
    EXPECT_EQ(linearToUlaw(-32768), 0x00);
    EXPECT_EQ(linearToAlaw(0), 0xD5);
    EXPECT_EQ(linearToAlaw(-1), 0x55);
    EXPECT_EQ(linearToAlaw(32767), 0xAA);
    EXPECT_EQ(linearToAlaw(-32768), 0x2A);
}

TEST(G711, EveryCodeSurvivesDecodeThenEncode) {
    for (int code = 0; code < 256; ++code) {
        const auto c = static_cast<std::uint8_t>(code);
        EXPECT_EQ(linearToAlaw(alawToLinear(c)), c) << "A-law code " << code;
        if (c != 0x7F) {  // µ-law has two zeros; 0 encodes as 0xFF
            EXPECT_EQ(linearToUlaw(ulawToLinear(c)), c) << "µ-law code " << code;
        }
    }
}

TEST(G711, DecodingIsMonotonicPerSign) {
    for (int code = 1; code < 128; ++code) {
        // µ-law: 0x00…0x7F rise from -32124 to 0, 0x80…0xFF fall from 32124 to 0.
        EXPECT_LT(ulawToLinear(static_cast<std::uint8_t>(code - 1)), ulawToLinear(static_cast<std::uint8_t>(code)));
        EXPECT_GT(ulawToLinear(static_cast<std::uint8_t>(code + 127)),
                  ulawToLinear(static_cast<std::uint8_t>(code + 128)));
    }
}

// G.711 is defined by decision intervals: every input lands in the interval of its code, whose
// reconstruction value is the interval's middle, so the error is at most half that segment's step (plus the
// low bits the reference drops: it quantises 14-bit µ-law and 13-bit A-law magnitudes); and encoding is
// monotonic.
TEST(G711, EncodingStaysWithinHalfAStepAndIsMonotonic) {
    int previousUlaw = -32768;
    int previousAlaw = -32768;
    for (int x = -32124; x <= 32124; ++x) {
        const auto s = static_cast<std::int16_t>(x);
        const std::uint8_t u = linearToUlaw(s);
        const std::uint8_t a = linearToAlaw(s);
        const int ulawStep = 8 << ((~u & 0x70) >> 4);
        const int alawSegment = ((a ^ 0x55) & 0x70) >> 4;
        const int alawStep = alawSegment == 0 ? 16 : 16 << (alawSegment - 1);
        ASSERT_LE(std::abs(ulawToLinear(u) - x), ulawStep / 2 + 4) << x;
        ASSERT_LE(std::abs(alawToLinear(a) - x), alawStep / 2 + 8) << x;
        ASSERT_GE(ulawToLinear(u), previousUlaw) << x;
        ASSERT_GE(alawToLinear(a), previousAlaw) << x;
        previousUlaw = ulawToLinear(u);
        previousAlaw = alawToLinear(a);
    }
}

TEST(G711, SpanFunctionsMatchTheSampleFunctions) {
    std::array<std::uint8_t, 256> codes{};
    for (int i = 0; i < 256; ++i) {
        codes[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(i);
    }
    std::array<std::int16_t, 256> ulaw{};
    std::array<std::int16_t, 256> alaw{};
    decodeUlaw(codes, ulaw);
    decodeAlaw(codes, alaw);
    std::array<std::uint8_t, 256> reencoded{};
    encodeAlaw(alaw, reencoded);
    for (std::size_t i = 0; i < 256; ++i) {
        EXPECT_EQ(ulaw[i], ulawToLinear(codes[i]));
        EXPECT_EQ(alaw[i], alawToLinear(codes[i]));
        EXPECT_EQ(reencoded[i], codes[i]);
    }
    encodeUlaw(ulaw, reencoded);
    EXPECT_EQ(reencoded[0x10], 0x10);
}

}  // namespace
}  // namespace callvault::server::media
