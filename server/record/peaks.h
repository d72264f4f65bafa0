#pragma once

#include "server/record/file_io.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace callvault::server::record {

/// The waveform peaks file beside each MP3 (`<call-id>.peaks`), so a client draws the waveform at once.
/// Little-endian, documented in docs/recording.md:
///   offset 0  "CVPK"
///          4  u16 version (1)
///          6  u16 channels (1 or 2; recordings have 2: user, other party)
///          8  u32 sample rate (Hz)
///         12  u32 samples per peak (80 = 10 ms at 8 kHz)
///         16  u32 peak count, or 0xFFFFFFFF while the file is still being written (count = body size)
///         20  peak count × channels × { i16 min, i16 max }
struct PeakPair {
    std::int16_t min = 0;
    std::int16_t max = 0;
    bool operator==(const PeakPair&) const = default;
};

struct Peaks {
    std::uint32_t sampleRate = 8000;
    std::uint32_t samplesPerPeak = 80;
    std::uint16_t channels = 2;
    std::vector<PeakPair> values;  ///< peak-major: peak 0 channel 0, peak 0 channel 1, peak 1 channel 0, …

    std::size_t count() const { return channels == 0 ? 0 : values.size() / channels; }
    bool operator==(const Peaks&) const = default;
};

inline constexpr std::size_t kPeaksHeaderBytes = 20;
inline constexpr std::uint32_t kPeaksCountUnknown = 0xFFFFFFFF;

/// The 20-byte header with the given count.
std::string encodePeaksHeader(const Peaks& format, std::uint32_t count);
/// The peak records only (no header).
std::string encodePeakValues(std::span<const PeakPair> values);
/// Header + values.
std::string encodePeaks(const Peaks& peaks);
/// Empty (and `error` set when given) unless `bytes` is a well-formed peaks file.
std::optional<Peaks> decodePeaks(std::string_view bytes, std::string* error = nullptr);

/// Whole-file helpers; throw RecordingError.
void writePeaksFile(const std::filesystem::path& path, const Peaks& peaks);
Peaks readPeaksFile(const std::filesystem::path& path);

/// Min/max per `samplesPerPeak` samples and channel, fed in blocks of any size.
class PeaksBuilder {
public:
    explicit PeaksBuilder(std::uint32_t samplesPerPeak = 80);
    /// Equal lengths; peaks completed by this block are appended to ready().
    void add(std::span<const std::int16_t> left, std::span<const std::int16_t> right);
    /// Emits the last, partial peak (if any samples are pending).
    void finish();
    std::vector<PeakPair>& ready() { return m_ready; }

private:
    std::uint32_t m_samplesPerPeak;
    std::uint32_t m_filled = 0;
    PeakPair m_left{};
    PeakPair m_right{};
    std::vector<PeakPair> m_ready;
};

/// Writes a peaks file as a recording goes: the header first (count unknown), then peaks appended on each
/// flush; finish() patches the count and syncs. Throws RecordingError.
class PeaksFileWriter {
public:
    PeaksFileWriter(UniqueFd fd, std::filesystem::path path, const Peaks& format);
    void append(std::vector<PeakPair>& values);  ///< writes and clears `values`
    void finish();
    std::uint32_t count() const { return m_count; }

private:
    UniqueFd m_fd;
    std::filesystem::path m_path;
    std::uint16_t m_channels;
    std::uint32_t m_count = 0;
};

/// Peaks of an MP3 file decoded with LAME's decoder (crash recovery, seeded recordings). The codec delay is
/// skipped (from the LAME tag when there is one, else LAME's usual 576 + 529 samples) so the peaks line up
/// with the audio as heard. `samplesPerPeak` 0 = 10 ms at the file's sample rate.
Peaks peaksFromMp3(std::string_view mp3Bytes, std::uint32_t samplesPerPeak = 0);

}  // namespace callvault::server::record
