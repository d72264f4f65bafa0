#pragma once

#include <cstdint>
#include <span>

namespace callvault::server::media {

/// ITU-T G.711 companding with 16-bit linear PCM on the linear side (the classic Sun/CCITT reference
/// scaling: µ-law decodes to ±32124, A-law to ±32256). Decoding is a 256-entry table lookup built at compile
/// time from the reference formulas; encoding follows the same reference (segment search).

/// RTP static payload types (RFC 3551) of the two codecs.
inline constexpr std::uint8_t kPayloadTypePcmu = 0;
inline constexpr std::uint8_t kPayloadTypePcma = 8;

/// PCMU or PCMA: the audio the recorder decodes.
constexpr bool isG711(std::uint8_t payloadType) {
    return payloadType == kPayloadTypePcmu || payloadType == kPayloadTypePcma;
}

std::int16_t ulawToLinear(std::uint8_t code);
std::int16_t alawToLinear(std::uint8_t code);
std::uint8_t linearToUlaw(std::int16_t sample);
std::uint8_t linearToAlaw(std::int16_t sample);

/// Decodes `in` into the first in.size() samples of `out`; `out` must hold at least in.size() samples.
void decodeUlaw(std::span<const std::uint8_t> in, std::span<std::int16_t> out);
void decodeAlaw(std::span<const std::uint8_t> in, std::span<std::int16_t> out);
/// Encodes `in` into the first in.size() bytes of `out`; `out` must hold at least in.size() bytes.
void encodeUlaw(std::span<const std::int16_t> in, std::span<std::uint8_t> out);
void encodeAlaw(std::span<const std::int16_t> in, std::span<std::uint8_t> out);

}  // namespace callvault::server::media
