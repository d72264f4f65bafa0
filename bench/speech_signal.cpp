#include "bench/speech_signal.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <memory>
#include <numbers>
#include <random>
#include <string>

namespace callvault::bench {
namespace {

constexpr double kRate = 8000.0;

/// Two-pole resonator (one formant).
struct Resonator {
    double a1 = 0, a2 = 0, gain = 0, y1 = 0, y2 = 0;
    void tune(double frequency, double bandwidth) {
        const double r = std::exp(-std::numbers::pi * bandwidth / kRate);
        a1 = 2 * r * std::cos(2 * std::numbers::pi * frequency / kRate);
        a2 = -r * r;
        gain = 1 - r;
    }
    double step(double x) {
        const double y = gain * x + a1 * y1 + a2 * y2;
        y2 = y1;
        y1 = y;
        return y;
    }
};

struct PipeCloser {
    void operator()(FILE* f) const { pclose(f); }
};

}  // namespace

std::vector<std::int16_t> syntheticSpeech(double seconds, std::uint32_t seed) {
    // Formants (F1, F2, F3) of a few vowels.
    static constexpr std::array<std::array<double, 3>, 5> kVowels = {{
        {730, 1090, 2440}, {270, 2290, 3010}, {300, 870, 2240}, {530, 1840, 2480}, {570, 840, 2410}}};
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    std::normal_distribution<double> noise(0.0, 1.0);

    const auto total = static_cast<std::size_t>(seconds * kRate);
    std::vector<std::int16_t> out;
    out.reserve(total);
    std::array<Resonator, 3> formants{};
    double phase = 0;
    while (out.size() < total) {
        // A word: 1–4 syllables, then a pause.
        const int syllables = 1 + static_cast<int>(uniform(rng) * 4);
        for (int s = 0; s < syllables && out.size() < total; ++s) {
            const auto& vowel = kVowels[static_cast<std::size_t>(uniform(rng) * kVowels.size()) % kVowels.size()];
            for (std::size_t f = 0; f < 3; ++f) {
                formants[f].tune(vowel[f] * (0.9 + 0.2 * uniform(rng)), 60.0 + 40.0 * static_cast<double>(f));
            }
            const auto consonant = static_cast<std::size_t>((0.02 + 0.05 * uniform(rng)) * kRate);
            const auto voiced = static_cast<std::size_t>((0.12 + 0.18 * uniform(rng)) * kRate);
            const double pitch = 100.0 + 120.0 * uniform(rng);
            for (std::size_t i = 0; i < consonant && out.size() < total; ++i) {
                out.push_back(static_cast<std::int16_t>(std::clamp(900.0 * noise(rng), -32768.0, 32767.0)));
            }
            for (std::size_t i = 0; i < voiced && out.size() < total; ++i) {
                const double t = static_cast<double>(i) / static_cast<double>(voiced);
                phase += (pitch * (1.1 - 0.2 * t)) / kRate;  // falling intonation
                const double pulse = phase >= 1.0 ? 1.0 : 0.0;
                phase -= std::floor(phase);
                double y = 0;
                for (auto& formant : formants) {
                    y += formant.step(pulse * 60000.0 + 200.0 * noise(rng));
                }
                const double envelope = std::sin(std::numbers::pi * t);
                out.push_back(static_cast<std::int16_t>(std::clamp(y * envelope * 2.0, -32768.0, 32767.0)));
            }
        }
        const auto pause = static_cast<std::size_t>((0.1 + 0.5 * uniform(rng)) * kRate);
        for (std::size_t i = 0; i < pause && out.size() < total; ++i) {
            out.push_back(static_cast<std::int16_t>(30.0 * noise(rng)));  // about -60 dBFS noise floor
        }
    }
    return out;
}

std::vector<std::int16_t> espeakSpeech(double seconds) {
    if (std::system("command -v espeak-ng >/dev/null 2>&1") != 0) {
        return {};
    }
    const std::string text =
        "Good morning, thank you for calling. How can I help you today? I would like to check the status of my "
        "order, it was placed last Tuesday and has not arrived yet. Of course, may I have the order number "
        "please? It is four seven one one, two five six zero. Thank you, one moment while I look that up.";
    std::unique_ptr<FILE, PipeCloser> pipe(popen(("espeak-ng --stdout -s 160 \"" + text + "\"").c_str(), "r"));
    if (!pipe) {
        return {};
    }
    std::string wav;
    char block[8192];
    for (std::size_t n; (n = std::fread(block, 1, sizeof block, pipe.get())) > 0;) {
        wav.append(block, n);
    }
    // espeak-ng writes a 44-byte RIFF header, 16-bit mono at 22050 Hz.
    if (wav.size() < 44 || wav.compare(0, 4, "RIFF") != 0) {
        return {};
    }
    const double inRate = 22050.0;
    std::vector<double> in((wav.size() - 44) / 2);
    for (std::size_t i = 0; i < in.size(); ++i) {
        in[i] = static_cast<std::int16_t>(static_cast<std::uint8_t>(wav[44 + 2 * i]) |
                                          (static_cast<std::uint8_t>(wav[45 + 2 * i]) << 8));
    }
    // Windowed-sinc low-pass at 3.4 kHz while resampling to 8 kHz; the clip repeats to fill `seconds`.
    const auto total = static_cast<std::size_t>(seconds * kRate);
    const auto clip = static_cast<std::size_t>(static_cast<double>(in.size()) * kRate / inRate);
    std::vector<std::int16_t> out(total);
    constexpr int kTaps = 32;
    for (std::size_t o = 0; o < std::min(total, clip); ++o) {
        const double center = static_cast<double>(o) * inRate / kRate;
        double sum = 0;
        for (int k = -kTaps; k <= kTaps; ++k) {
            const auto index = static_cast<long>(std::floor(center)) + k;
            if (index < 0 || index >= static_cast<long>(in.size())) {
                continue;
            }
            const double x = static_cast<double>(index) - center;
            const double cutoff = 3400.0 / inRate;
            const double sinc = x == 0 ? 2 * cutoff : std::sin(2 * std::numbers::pi * cutoff * x) / (std::numbers::pi * x);
            const double window = 0.5 + 0.5 * std::cos(std::numbers::pi * x / (kTaps + 1));
            sum += in[static_cast<std::size_t>(index)] * sinc * window;
        }
        out[o] = static_cast<std::int16_t>(std::clamp(sum * 0.7, -32768.0, 32767.0));
    }
    for (std::size_t o = clip; o < total && clip > 0; ++o) {
        out[o] = out[o % clip];
    }
    return out;
}

}  // namespace callvault::bench
