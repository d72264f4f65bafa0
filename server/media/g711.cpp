#include "server/media/g711.h"

#include <algorithm>
#include <array>
#include <cassert>

namespace callvault::server::media {
namespace {

constexpr int kSignBit = 0x80;
constexpr int kQuantMask = 0x0F;
constexpr int kSegShift = 4;
constexpr int kSegMask = 0x70;
constexpr int kUlawBias = 0x84;
constexpr int kUlawClip = 8159;
constexpr std::array<int, 8> kUlawSegEnd = {0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF};
constexpr std::array<int, 8> kAlawSegEnd = {0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF};

constexpr int segmentOf(int value, const std::array<int, 8>& segEnd) {
    for (int seg = 0; seg < 8; ++seg) {
        if (value <= segEnd[static_cast<std::size_t>(seg)]) {
            return seg;
        }
    }
    return 8;
}

constexpr int ulawFormula(std::uint8_t code) {
    const int u = ~code & 0xFF;
    int t = ((u & kQuantMask) << 3) + kUlawBias;
    t <<= (u & kSegMask) >> kSegShift;
    return (u & kSignBit) != 0 ? kUlawBias - t : t - kUlawBias;
}

constexpr int alawFormula(std::uint8_t code) {
    const int a = code ^ 0x55;
    int t = (a & kQuantMask) << 4;
    const int seg = (a & kSegMask) >> kSegShift;
    if (seg == 0) {
        t += 8;
    } else {
        t += 0x108;
        t <<= seg - 1;
    }
    return (a & kSignBit) != 0 ? t : -t;
}

template <int (*Formula)(std::uint8_t)>
constexpr std::array<std::int16_t, 256> buildTable() {
    std::array<std::int16_t, 256> table{};
    for (int code = 0; code < 256; ++code) {
        table[static_cast<std::size_t>(code)] =
            static_cast<std::int16_t>(Formula(static_cast<std::uint8_t>(code)));
    }
    return table;
}

constexpr std::array<std::int16_t, 256> kUlawTable = buildTable<ulawFormula>();
constexpr std::array<std::int16_t, 256> kAlawTable = buildTable<alawFormula>();

static_assert(kUlawTable[0x00] == -32124 && kUlawTable[0xFF] == 0 && kUlawTable[0x80] == 32124);
static_assert(kAlawTable[0x55] == -8 && kAlawTable[0xD5] == 8 && kAlawTable[0x2A] == -32256);

}  // namespace

std::int16_t ulawToLinear(std::uint8_t code) {
    return kUlawTable[code];
}
std::int16_t alawToLinear(std::uint8_t code) {
    return kAlawTable[code];
}

std::uint8_t linearToUlaw(std::int16_t sample) {
    // The reference works on 14-bit magnitudes (G.711 µ-law's input range).
    int value = sample >> 2;
    int mask = 0xFF;
    if (value < 0) {
        value = -value;
        mask = 0x7F;
    }
    value = std::min(value, kUlawClip) + (kUlawBias >> 2);
    const int seg = segmentOf(value, kUlawSegEnd);
    if (seg >= 8) {
        return static_cast<std::uint8_t>(0x7F ^ mask);
    }
    const int code = (seg << kSegShift) | ((value >> (seg + 1)) & kQuantMask);
    return static_cast<std::uint8_t>(code ^ mask);
}

std::uint8_t linearToAlaw(std::int16_t sample) {
    // The reference works on 13-bit magnitudes (G.711 A-law's input range).
    int value = sample >> 3;
    int mask = 0xD5;
    if (value < 0) {
        mask = 0x55;
        value = -value - 1;
    }
    const int seg = segmentOf(value, kAlawSegEnd);
    if (seg >= 8) {
        return static_cast<std::uint8_t>(0x7F ^ mask);
    }
    int code = seg << kSegShift;
    code |= seg < 2 ? (value >> 1) & kQuantMask : (value >> seg) & kQuantMask;
    return static_cast<std::uint8_t>(code ^ mask);
}

void decodeUlaw(std::span<const std::uint8_t> in, std::span<std::int16_t> out) {
    assert(out.size() >= in.size());
    for (std::size_t i = 0; i < in.size(); ++i) {
        out[i] = kUlawTable[in[i]];
    }
}

void decodeAlaw(std::span<const std::uint8_t> in, std::span<std::int16_t> out) {
    assert(out.size() >= in.size());
    for (std::size_t i = 0; i < in.size(); ++i) {
        out[i] = kAlawTable[in[i]];
    }
}

void encodeUlaw(std::span<const std::int16_t> in, std::span<std::uint8_t> out) {
    assert(out.size() >= in.size());
    for (std::size_t i = 0; i < in.size(); ++i) {
        out[i] = linearToUlaw(in[i]);
    }
}

void encodeAlaw(std::span<const std::int16_t> in, std::span<std::uint8_t> out) {
    assert(out.size() >= in.size());
    for (std::size_t i = 0; i < in.size(); ++i) {
        out[i] = linearToAlaw(in[i]);
    }
}

}  // namespace callvault::server::media
