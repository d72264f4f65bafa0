#include "server/app/seed_audio.h"

#include "server/record/file_io.h"
#include "server/record/mp3_writer.h"
#include "server/record/peaks.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>
#include <span>

namespace callvault::server::seed {
namespace {

constexpr int kRate = 8000;

std::int16_t clamp16(double value) {
    return static_cast<std::int16_t>(std::clamp(value, -32767.0, 32767.0));
}

/// One talk turn of `samples` into `out` from `start`: syllables, gaps and pauses.
void talk(std::vector<std::int16_t>& out, std::size_t start, std::size_t samples, double basePitch,
          std::mt19937& random) {
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::size_t at = start;
    const std::size_t end = std::min(out.size(), start + samples);
    double phase = 0.0;
    while (at < end) {
        const auto syllable = static_cast<std::size_t>(kRate * (0.12 + 0.16 * unit(random)));
        const double pitch = basePitch * (0.85 + 0.3 * unit(random));
        const double loudness = 5000.0 + 5000.0 * unit(random);
        for (std::size_t i = 0; i < syllable && at < end; ++i, ++at) {
            const double envelope =
                std::sin(std::numbers::pi * static_cast<double>(i) / static_cast<double>(syllable));
            phase += 2.0 * std::numbers::pi * pitch / kRate;
            const double voiced = std::sin(phase) + 0.5 * std::sin(2 * phase) + 0.3 * std::sin(3 * phase) +
                                  0.15 * std::sin(5 * phase);
            out[at] = clamp16(out[at] + loudness * envelope * voiced / 1.95);
        }
        // A short gap between syllables, now and then a pause between words.
        const double gap = unit(random) < 0.25 ? 0.2 + 0.3 * unit(random) : 0.03 + 0.09 * unit(random);
        at += static_cast<std::size_t>(kRate * gap);
    }
}

}  // namespace

StereoPcm conversationPcm(double seconds, std::uint32_t seed) {
    std::mt19937 random(seed);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    const auto total = static_cast<std::size_t>(std::max(0.0, seconds) * kRate);
    StereoPcm pcm;
    pcm.left.assign(total, 0);
    pcm.right.assign(total, 0);
    std::normal_distribution<double> noise(0.0, 40.0);
    for (std::size_t i = 0; i < total; ++i) {
        pcm.left[i] = clamp16(noise(random));
        pcm.right[i] = clamp16(noise(random));
    }
    const double userPitch = 100.0 + 120.0 * unit(random);
    const double otherPitch = 100.0 + 120.0 * unit(random);
    bool userTalks = unit(random) < 0.5;
    std::size_t at = 0;
    while (at < total) {
        const auto turn = static_cast<std::size_t>(kRate * (1.5 + 4.5 * unit(random)));
        talk(userTalks ? pcm.left : pcm.right, at, turn, userTalks ? userPitch : otherPitch, random);
        at += turn + static_cast<std::size_t>(kRate * (0.2 + 0.5 * unit(random)));
        userTalks = !userTalks;
    }
    return pcm;
}

std::int64_t writeConversationMp3(const std::filesystem::path& mp3Path,
                                  const std::filesystem::path& peaksPath, double seconds,
                                  std::uint32_t seed) {
    const StereoPcm pcm = conversationPcm(seconds, seed);
    record::Mp3Writer writer(record::createNewFile(mp3Path), mp3Path);
    for (std::size_t at = 0; at < pcm.left.size(); at += kRate) {
        const std::size_t n = std::min<std::size_t>(kRate, pcm.left.size() - at);
        writer.write(std::span(pcm.left.data() + at, n), std::span(pcm.right.data() + at, n));
    }
    writer.finish();
    record::writePeaksFile(peaksPath, record::peaksFromMp3(record::readWholeFile(mp3Path)));
    return static_cast<std::int64_t>(pcm.left.size()) * 1000 / kRate;
}

}  // namespace callvault::server::seed
