#pragma once

#include "server/record/file_io.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <vector>

struct lame_global_struct;

namespace callvault::server::record {

/// LAME settings of a recording. Defaults are the measured choice of docs/recording.md: stereo (not joint:
/// the channels are independent parties and joint costs ~23 % more CPU), 8 kHz in and out, CBR 32 kbps,
/// quality 7 (~1.3 ms CPU per call-second against ~1.8 ms at q5).
struct Mp3Settings {
    int sampleRate = 8000;
    int bitrateKbps = 32;
    int quality = 7;  ///< LAME's 0 (best, slowest) … 9
    /// LAME's short blocks, which keep quantisation noise from spreading before a sudden attack (pre-echo).
    /// Off, LAME costs ~24 % less CPU on speech and that noise is ~3 dB louder (docs/recording.md): kept on.
    bool shortBlocks = true;
};

/// Samples the LAME encoder (576) plus the MP3 decoder (529) delay the decoded audio at 8 kHz.
inline constexpr std::int64_t kMp3CodecDelaySamples = 1105;

/// Encodes stereo PCM to MP3 and appends the frames to a file as they come. Buffered frames go to the OS at
/// least once per second of audio (write(2), no fsync), so a crash leaves a playable file up to the last
/// second or two. Not thread safe: one call's strand owns it. Every failure throws RecordingError.
class Mp3Writer {
public:
    /// Takes ownership of `fd` (an open, writable file); `path` is used in error messages only.
    Mp3Writer(UniqueFd fd, std::filesystem::path path, const Mp3Settings& settings = {});
    ~Mp3Writer();
    Mp3Writer(const Mp3Writer&) = delete;
    Mp3Writer& operator=(const Mp3Writer&) = delete;

    /// `left` and `right` must have the same length. Returns true when this call wrote to the file.
    bool write(std::span<const std::int16_t> left, std::span<const std::int16_t> right);
    /// Writes the buffered whole frames now (LAME's partial last frame stays buffered).
    void flush();
    /// Drains LAME (the last partial frame), writes, fsyncs and closes the file. Idempotent.
    void finish();

    std::int64_t samplesIn() const { return m_samplesIn; }         ///< per channel
    std::uint64_t bytesWritten() const { return m_bytesWritten; }  ///< reached the OS

private:
    struct LameDeleter {
        void operator()(lame_global_struct* flags) const;
    };
    void encoded(int result);
    void writeOut(std::size_t bytes);

    std::unique_ptr<lame_global_struct, LameDeleter> m_lame;
    UniqueFd m_fd;
    std::filesystem::path m_path;
    std::vector<std::uint8_t> m_buffer;  ///< encoded, not yet written
    std::vector<std::uint8_t> m_scratch;
    std::int64_t m_samplesIn = 0;
    std::int64_t m_samplesAtFlush = 0;
    std::int64_t m_flushEvery = 8000;
    std::uint64_t m_bytesWritten = 0;
    bool m_finished = false;
};

}  // namespace callvault::server::record
