#pragma once

#include <cstdint>
#include <vector>

namespace callvault::bench {

/// `seconds` of 8 kHz speech-like audio: voiced syllables (a glottal pulse train with a wandering pitch through
/// two or three vowel formants), consonant noise bursts, pauses between words and a faint noise floor, about
/// -12 dBFS while talking. Deterministic for a given seed. Good enough to make LAME work as hard as on speech
/// (tones and silence are much cheaper to encode).
std::vector<std::int16_t> syntheticSpeech(double seconds, std::uint32_t seed);

/// The same length of espeak-ng reading a call-centre dialogue, band-limited and resampled to 8 kHz, when
/// espeak-ng is installed; empty otherwise.
std::vector<std::int16_t> espeakSpeech(double seconds);

}  // namespace callvault::bench
