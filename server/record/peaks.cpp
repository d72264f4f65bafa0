#include "server/record/peaks.h"

#include "server/record/mp3_decoder.h"
#include "server/record/recording_error.h"

#include <algorithm>
#include <limits>

namespace callvault::server::record {
namespace {

constexpr std::string_view kMagic = "CVPK";
constexpr std::uint16_t kVersion = 1;

void putU16(std::string& out, std::uint16_t v) {
    out.push_back(static_cast<char>(v & 0xFF));
    out.push_back(static_cast<char>(v >> 8));
}

void putU32(std::string& out, std::uint32_t v) {
    for (int shift = 0; shift < 32; shift += 8) {
        out.push_back(static_cast<char>((v >> shift) & 0xFF));
    }
}

std::uint32_t getU32(std::string_view in, std::size_t at) {
    std::uint32_t v = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        v |= static_cast<std::uint32_t>(static_cast<std::uint8_t>(in[at + i])) << (8 * i);
    }
    return v;
}

std::uint16_t getU16(std::string_view in, std::size_t at) {
    return static_cast<std::uint16_t>(static_cast<std::uint8_t>(in[at]) |
                                      (static_cast<std::uint8_t>(in[at + 1]) << 8));
}

std::optional<Peaks> refuse(std::string* error, std::string message) {
    if (error != nullptr) {
        *error = std::move(message);
    }
    return std::nullopt;
}

void widen(PeakPair& peak, std::int16_t sample) {
    peak.min = std::min(peak.min, sample);
    peak.max = std::max(peak.max, sample);
}

constexpr PeakPair kEmptyPeak{std::numeric_limits<std::int16_t>::max(), std::numeric_limits<std::int16_t>::min()};

}  // namespace

std::string encodePeaksHeader(const Peaks& format, std::uint32_t count) {
    std::string out(kMagic);
    putU16(out, kVersion);
    putU16(out, format.channels);
    putU32(out, format.sampleRate);
    putU32(out, format.samplesPerPeak);
    putU32(out, count);
    return out;
}

std::string encodePeakValues(std::span<const PeakPair> values) {
    std::string out;
    out.reserve(values.size() * 4);
    for (const PeakPair& p : values) {
        putU16(out, static_cast<std::uint16_t>(p.min));
        putU16(out, static_cast<std::uint16_t>(p.max));
    }
    return out;
}

std::string encodePeaks(const Peaks& peaks) {
    return encodePeaksHeader(peaks, static_cast<std::uint32_t>(peaks.count())) + encodePeakValues(peaks.values);
}

std::optional<Peaks> decodePeaks(std::string_view bytes, std::string* error) {
    if (bytes.size() < kPeaksHeaderBytes || bytes.substr(0, 4) != kMagic) {
        return refuse(error, "not a peaks file (no CVPK header)");
    }
    if (getU16(bytes, 4) != kVersion) {
        return refuse(error, "unsupported peaks version " + std::to_string(getU16(bytes, 4)));
    }
    Peaks peaks;
    peaks.channels = getU16(bytes, 6);
    peaks.sampleRate = getU32(bytes, 8);
    peaks.samplesPerPeak = getU32(bytes, 12);
    const std::uint32_t count = getU32(bytes, 16);
    if (peaks.channels < 1 || peaks.channels > 2 || peaks.sampleRate < 1000 || peaks.sampleRate > 192000 ||
        peaks.samplesPerPeak < 1 || peaks.samplesPerPeak > peaks.sampleRate) {
        return refuse(error, "implausible peaks header");
    }
    const std::size_t recordBytes = 4u * peaks.channels;
    const std::string_view body = bytes.substr(kPeaksHeaderBytes);
    std::size_t peaksInBody = body.size() / recordBytes;
    if (count == kPeaksCountUnknown) {
        // An unfinished file: whole records only.
    } else if (body.size() != static_cast<std::size_t>(count) * recordBytes) {
        return refuse(error, "peaks file size does not match its count");
    } else {
        peaksInBody = count;
    }
    peaks.values.resize(peaksInBody * peaks.channels);
    for (std::size_t i = 0; i < peaks.values.size(); ++i) {
        peaks.values[i].min = static_cast<std::int16_t>(getU16(body, 4 * i));
        peaks.values[i].max = static_cast<std::int16_t>(getU16(body, 4 * i + 2));
    }
    return peaks;
}

void writePeaksFile(const std::filesystem::path& path, const Peaks& peaks) {
    writeFileAtomically(path, encodePeaks(peaks));
}

Peaks readPeaksFile(const std::filesystem::path& path) {
    std::string error;
    auto peaks = decodePeaks(readWholeFile(path), &error);
    if (!peaks) {
        throw RecordingError(path.string() + ": " + error);
    }
    return std::move(*peaks);
}

PeaksBuilder::PeaksBuilder(std::uint32_t samplesPerPeak)
    : m_samplesPerPeak(std::max<std::uint32_t>(1, samplesPerPeak)), m_left(kEmptyPeak), m_right(kEmptyPeak) {}

void PeaksBuilder::add(std::span<const std::int16_t> left, std::span<const std::int16_t> right) {
    const std::size_t n = std::min(left.size(), right.size());
    for (std::size_t i = 0; i < n; ++i) {
        widen(m_left, left[i]);
        widen(m_right, right[i]);
        if (++m_filled == m_samplesPerPeak) {
            m_ready.push_back(m_left);
            m_ready.push_back(m_right);
            m_left = kEmptyPeak;
            m_right = kEmptyPeak;
            m_filled = 0;
        }
    }
}

void PeaksBuilder::finish() {
    if (m_filled > 0) {
        m_ready.push_back(m_left);
        m_ready.push_back(m_right);
        m_left = kEmptyPeak;
        m_right = kEmptyPeak;
        m_filled = 0;
    }
}

PeaksFileWriter::PeaksFileWriter(UniqueFd fd, std::filesystem::path path, const Peaks& format)
    : m_fd(std::move(fd)), m_path(std::move(path)), m_channels(format.channels) {
    const std::string header = encodePeaksHeader(format, kPeaksCountUnknown);
    writeAll(m_fd.get(), std::span(reinterpret_cast<const std::uint8_t*>(header.data()), header.size()), m_path);
}

void PeaksFileWriter::append(std::vector<PeakPair>& values) {
    if (values.empty()) {
        return;
    }
    const std::string bytes = encodePeakValues(values);
    writeAll(m_fd.get(), std::span(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()), m_path);
    m_count += static_cast<std::uint32_t>(values.size() / m_channels);
    values.clear();
}

void PeaksFileWriter::finish() {
    if (!m_fd.valid()) {
        return;
    }
    std::string count;
    putU32(count, m_count);
    writeAllAt(m_fd.get(), std::span(reinterpret_cast<const std::uint8_t*>(count.data()), count.size()), 16,
               m_path);
    syncFd(m_fd.get(), m_path);
    m_fd.close(m_path);
}

Peaks peaksFromMp3(std::string_view mp3Bytes, std::uint32_t samplesPerPeak) {
    Peaks peaks;
    peaks.values.clear();
    std::optional<PeaksBuilder> builder;
    std::int64_t toSkip = 0;
    decodeMp3(mp3Bytes, [&](const Mp3DecodeInfo& info, std::span<const std::int16_t> left,
                            std::span<const std::int16_t> right) {
        if (!builder) {
            peaks.sampleRate = static_cast<std::uint32_t>(info.sampleRate);
            peaks.channels = static_cast<std::uint16_t>(info.channels == 1 ? 1 : 2);
            peaks.samplesPerPeak =
                samplesPerPeak != 0 ? samplesPerPeak : std::max<std::uint32_t>(1, peaks.sampleRate / 100);
            builder.emplace(peaks.samplesPerPeak);
            toSkip = (info.encoderDelay >= 0 ? info.encoderDelay : 576) + 529;
        }
        const auto skip = static_cast<std::size_t>(std::min<std::int64_t>(toSkip, std::ssize(left)));
        toSkip -= static_cast<std::int64_t>(skip);
        builder->add(left.subspan(skip), right.subspan(skip));
    });
    if (!builder) {
        return peaks;
    }
    builder->finish();
    const std::vector<PeakPair>& ready = builder->ready();
    if (peaks.channels == 2) {
        peaks.values = ready;
    } else {
        for (std::size_t i = 0; i < ready.size(); i += 2) {
            peaks.values.push_back(ready[i]);
        }
    }
    return peaks;
}

}  // namespace callvault::server::record
