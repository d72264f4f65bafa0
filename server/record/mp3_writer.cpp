#include "server/record/mp3_writer.h"

#include "server/record/mp3_frames.h"
#include "server/record/recording_error.h"

#include <lame.h>

#include <cassert>
#include <string>

namespace callvault::server::record {

void Mp3Writer::LameDeleter::operator()(lame_global_struct* flags) const {
    lame_close(flags);
}

Mp3Writer::Mp3Writer(UniqueFd fd, std::filesystem::path path, const Mp3Settings& settings)
    : m_lame(lame_init()), m_fd(std::move(fd)), m_path(std::move(path)), m_flushEvery(settings.sampleRate) {
    if (!m_lame) {
        throw RecordingError("LAME could not be initialised (out of memory)");
    }
    lame_global_flags* gf = m_lame.get();
    lame_set_num_channels(gf, 2);
    lame_set_in_samplerate(gf, settings.sampleRate);
    lame_set_out_samplerate(gf, settings.sampleRate);
    lame_set_mode(gf, STEREO);
    lame_set_VBR(gf, vbr_off);
    lame_set_brate(gf, settings.bitrateKbps);
    lame_set_quality(gf, settings.quality);
    if (!settings.shortBlocks) {
        lame_set_no_short_blocks(gf, 1);
    }
    // A streamed file has no place for the Xing/LAME tag (it would be written into the first frame at the
    // end), and a crash-recovered file must look like a finished one: plain CBR frames only.
    lame_set_bWriteVbrTag(gf, 0);
    lame_set_write_id3tag_automatic(gf, 0);
    // LAME silently picks the nearest rate or bitrate it supports; a recording must be what was configured.
    if (lame_init_params(gf) < 0 || lame_get_out_samplerate(gf) != settings.sampleRate ||
        lame_get_brate(gf) != settings.bitrateKbps || settings.quality < 0 || settings.quality > 9) {
        throw RecordingError("LAME cannot encode " + std::to_string(settings.sampleRate) + " Hz stereo at " +
                             std::to_string(settings.bitrateKbps) + " kbps CBR, quality " +
                             std::to_string(settings.quality));
    }
    if (!m_fd.valid()) {
        throw RecordingError("no file to write the MP3 to: " + m_path.string());
    }
}

Mp3Writer::~Mp3Writer() = default;

bool Mp3Writer::write(std::span<const std::int16_t> left, std::span<const std::int16_t> right) {
    assert(left.size() == right.size());
    if (m_finished) {
        throw RecordingError("MP3 already finished: " + m_path.string());
    }
    if (left.empty()) {
        return false;
    }
    // LAME's documented worst case for the output of n samples: 1.25 n + 7200 bytes.
    m_scratch.resize(left.size() * 5 / 4 + 7200);
    const int result =
        lame_encode_buffer(m_lame.get(), left.data(), right.data(), static_cast<int>(left.size()),
                           m_scratch.data(), static_cast<int>(m_scratch.size()));
    encoded(result);
    m_samplesIn += static_cast<std::int64_t>(left.size());
    if (m_samplesIn - m_samplesAtFlush >= m_flushEvery) {
        flush();
        return true;
    }
    return false;
}

void Mp3Writer::encoded(int result) {
    if (result < 0) {
        throw RecordingError("LAME encoding failed (" + std::to_string(result) + ") for " + m_path.string());
    }
    m_buffer.insert(m_buffer.end(), m_scratch.begin(), m_scratch.begin() + result);
}

void Mp3Writer::flush() {
    m_samplesAtFlush = m_samplesIn;
    // LAME hands out bytes as its bit stream fills, often ending inside a frame. Only whole frames go to the
    // file until the end, so the file on disk is always a valid MP3 (a reader can play a call in progress).
    std::size_t whole = 0;
    while (whole + 4 <= m_buffer.size()) {
        const auto header = parseMp3FrameHeader(std::span(m_buffer).subspan(whole, 4));
        if (!header || whole + static_cast<std::size_t>(header->frameBytes) > m_buffer.size()) {
            break;
        }
        whole += static_cast<std::size_t>(header->frameBytes);
    }
    writeOut(whole);
}

void Mp3Writer::writeOut(std::size_t bytes) {
    if (bytes == 0) {
        return;
    }
    writeAll(m_fd.get(), std::span(m_buffer).first(bytes), m_path);
    m_bytesWritten += bytes;
    m_buffer.erase(m_buffer.begin(), m_buffer.begin() + static_cast<std::ptrdiff_t>(bytes));
}

void Mp3Writer::finish() {
    if (m_finished) {
        return;
    }
    m_scratch.resize(7200);
    encoded(lame_encode_flush(m_lame.get(), m_scratch.data(), static_cast<int>(m_scratch.size())));
    writeOut(m_buffer.size());
    syncFd(m_fd.get(), m_path);
    m_fd.close(m_path);
    m_finished = true;
}

}  // namespace callvault::server::record
