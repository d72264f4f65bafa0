#include "server/record/file_io.h"
#include "server/record/mp3_frames.h"
#include "server/record/mp3_writer.h"
#include "server/record/recording_error.h"

#include "tests/server/unit/record_test_support.h"

#include <gtest/gtest.h>

#include <array>
#include <filesystem>

namespace callvault::server::record {
namespace {

using test::TempDir;

/// Encodes `seconds` of 440 Hz (left) / 880 Hz (right) in 20 ms blocks.
void encodeTones(Mp3Writer& writer, double seconds) {
    const auto total = static_cast<std::int64_t>(seconds * 8000);
    for (std::int64_t at = 0; at < total; at += 160) {
        const auto left = test::tone(440, 160, at);
        const auto right = test::tone(880, 160, at);
        writer.write(left, right);
    }
}

TEST(RecordMp3Writer, WritesStereo8kHz32kbpsCbrFramesThatDecodeToTheInput) {
    TempDir dir;
    const auto path = dir.path() / "a.mp3";
    Mp3Writer writer(createNewFile(path), path);
    encodeTones(writer, 3.0);
    writer.finish();
    writer.finish();  // idempotent

    const std::string bytes = test::fileBytes(path);
    const Mp3Scan scan = scanMp3Frames(bytes);
    EXPECT_EQ(scan.sampleRate, 8000);
    EXPECT_EQ(scan.channels, 2);
    EXPECT_EQ(scan.endOffset, static_cast<std::int64_t>(bytes.size()));
    EXPECT_EQ(bytes.size(), scan.frames * 288);  // 32 kbps × 72 ms, no padding at 8 kHz
    EXPECT_EQ(writer.bytesWritten(), bytes.size());

    const auto decoded = test::decodeAll(bytes);
    EXPECT_EQ(decoded.info.channels, 2);
    EXPECT_EQ(decoded.info.sampleRate, 8000);
    EXPECT_FALSE(decoded.info.stoppedOnError);
    const auto audible = static_cast<std::int64_t>(decoded.left.size()) - kMp3CodecDelaySamples;
    EXPECT_NEAR(static_cast<double>(audible), 24000.0, 576.0);
    const std::span<const std::int16_t> left(decoded.left.data() + 2000, 16000);
    const std::span<const std::int16_t> right(decoded.right.data() + 2000, 16000);
    EXPECT_GT(test::goertzelPower(left, 440), 100 * test::goertzelPower(left, 880));
    EXPECT_GT(test::goertzelPower(right, 880), 100 * test::goertzelPower(right, 440));
}

TEST(RecordMp3Writer, HandsFramesToTheOsAtLeastEverySecondOfAudio) {
    TempDir dir;
    const auto path = dir.path() / "b.mp3";
    Mp3Writer writer(createNewFile(path), path);
    encodeTones(writer, 0.5);
    EXPECT_EQ(std::filesystem::file_size(path), 0u);  // buffered: one write a second, not one a packet
    encodeTones(writer, 0.5);
    const auto afterOneSecond = std::filesystem::file_size(path);
    EXPECT_GT(afterOneSecond, 0u);
    encodeTones(writer, 1.0);
    const auto afterTwoSeconds = std::filesystem::file_size(path);
    EXPECT_GT(afterTwoSeconds, afterOneSecond);
    // What is on disk without finish() (a crash now) is whole frames that decode.
    const std::string partial = test::fileBytes(path);
    EXPECT_EQ(scanMp3Frames(partial).endOffset, static_cast<std::int64_t>(partial.size()));
    EXPECT_GT(test::decodeAll(partial).left.size(), 8000u);
}

TEST(RecordMp3Writer, FullDeviceGivesAClearErrorNotACrash) {
    Mp3Writer writer(openForAppend("/dev/full"), "/dev/full");
    try {
        encodeTones(writer, 3.0);
        writer.finish();
        FAIL() << "writing to /dev/full succeeded";
    } catch (const RecordingError& e) {
        EXPECT_NE(std::string(e.what()).find("/dev/full"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("No space left"), std::string::npos) << e.what();
    }
}

TEST(RecordMp3Writer, QualityAndBitrateAreApplied) {
    TempDir dir;
    const auto path = dir.path() / "c.mp3";
    Mp3Settings settings;
    settings.bitrateKbps = 16;
    settings.quality = 5;
    Mp3Writer writer(createNewFile(path), path, settings);
    encodeTones(writer, 1.0);
    writer.finish();
    const std::string bytes = test::fileBytes(path);
    const auto header = parseMp3FrameHeader(test::asBytes(bytes));
    ASSERT_TRUE(header);
    EXPECT_EQ(header->bitrateKbps, 16);
    EXPECT_EQ(header->frameBytes, 144);
}

/// How many frames of an MPEG-2/2.5 layer III stereo stream (no CRC) switch to short or mixed windows in a
/// channel (side info: main_data_begin 8 bits, private 2, then per channel part2_3_length 12, big_values 9,
/// global_gain 8, scalefac_compress 9, window_switching_flag 1, …; 63 bits a channel).
int framesWithWindowSwitching(const std::string& bytes) {
    int frames = 0;
    std::size_t at = 0;
    while (at + 4 + 17 <= bytes.size()) {
        const auto header = parseMp3FrameHeader(test::asBytes(bytes).subspan(at, 4));
        if (!header) {
            break;
        }
        const auto bit = [&](std::size_t index) {
            return (static_cast<std::uint8_t>(bytes[at + 4 + index / 8]) >> (7 - index % 8)) & 1;
        };
        if (bit(10 + 38) != 0 || bit(10 + 63 + 38) != 0) {
            ++frames;
        }
        at += static_cast<std::size_t>(header->frameBytes);
    }
    return frames;
}

TEST(RecordMp3Writer, ShortBlocksCanBeTurnedOff) {
    // Clicks after silence: the attacks that short blocks are for.
    const auto encodeClicks = [](Mp3Writer& writer) {
        for (int block = 0; block < 100; ++block) {
            std::vector<std::int16_t> pcm(160, 0);
            if (block % 10 == 9) {
                for (std::size_t i = 0; i < 40; ++i) {
                    pcm[i] = static_cast<std::int16_t>(i % 2 == 0 ? 20000 : -20000);
                }
            }
            writer.write(pcm, pcm);
        }
        writer.finish();
    };
    TempDir dir;
    Mp3Settings settings;
    const auto withShort = dir.path() / "short.mp3";
    Mp3Writer on(createNewFile(withShort), withShort, settings);
    encodeClicks(on);
    settings.shortBlocks = false;
    const auto withoutShort = dir.path() / "long.mp3";
    Mp3Writer off(createNewFile(withoutShort), withoutShort, settings);
    encodeClicks(off);

    EXPECT_GT(framesWithWindowSwitching(test::fileBytes(withShort)), 0);
    EXPECT_EQ(framesWithWindowSwitching(test::fileBytes(withoutShort)), 0);
    EXPECT_FALSE(test::decodeAll(test::fileBytes(withoutShort)).info.stoppedOnError);
}

TEST(RecordMp3Writer, RefusesSettingsLameCannotEncode) {
    Mp3Settings settings;
    settings.sampleRate = 1234;
    EXPECT_THROW(Mp3Writer(openForAppend("/dev/null"), "/dev/null", settings), RecordingError);
}

TEST(RecordMp3Frames, ParsesHeadersOfAllVersions) {
    // MPEG-2.5 layer III, 32 kbps, 8 kHz, stereo (what the recorder writes).
    const std::array<std::uint8_t, 4> ours = {0xFF, 0xE3, 0x48, 0x04};
    auto h = parseMp3FrameHeader(ours);
    ASSERT_TRUE(h);
    EXPECT_EQ(h->sampleRate, 8000);
    EXPECT_EQ(h->bitrateKbps, 32);
    EXPECT_EQ(h->frameBytes, 288);
    EXPECT_EQ(h->samplesPerFrame, 576);
    EXPECT_EQ(h->channels, 2);
    // MPEG-1 layer III, 128 kbps, 44.1 kHz, padded, mono.
    const std::array<std::uint8_t, 4> music = {0xFF, 0xFB, 0x92, 0xC0};
    h = parseMp3FrameHeader(music);
    ASSERT_TRUE(h);
    EXPECT_EQ(h->sampleRate, 44100);
    EXPECT_EQ(h->bitrateKbps, 128);
    EXPECT_EQ(h->frameBytes, 418);
    EXPECT_EQ(h->samplesPerFrame, 1152);
    EXPECT_EQ(h->channels, 1);
}

TEST(RecordMp3Frames, RejectsWhatIsNotAHeader) {
    const std::array<std::array<std::uint8_t, 4>, 5> bad = {{
        {0x00, 0x00, 0x00, 0x00},
        {0xFF, 0xEB, 0x48, 0x04},  // reserved version
        {0xFF, 0xE1, 0x48, 0x04},  // reserved layer
        {0xFF, 0xE3, 0xF8, 0x04},  // bad bitrate index
        {0xFF, 0xE3, 0x4C, 0x04},  // reserved sample rate
    }};
    for (const auto& bytes : bad) {
        EXPECT_FALSE(parseMp3FrameHeader(bytes));
    }
    EXPECT_FALSE(parseMp3FrameHeader(std::span<const std::uint8_t>(bad[0].data(), 2)));
}

TEST(RecordMp3Frames, ScanStopsAtTheLastCompleteFrameAndSkipsId3) {
    TempDir dir;
    const auto path = dir.path() / "d.mp3";
    {
        Mp3Writer writer(createNewFile(path), path);
        encodeTones(writer, 1.0);
        writer.finish();
    }
    const std::string whole = test::fileBytes(path);
    const Mp3Scan full = scanMp3Frames(whole);
    ASSERT_GT(full.frames, 5u);
    // Cut inside the last frame, as a crash during a write would.
    const Mp3Scan cut = scanMp3Frames(std::string_view(whole).substr(0, whole.size() - 100));
    EXPECT_EQ(cut.frames, full.frames - 1);
    EXPECT_EQ(cut.endOffset, full.endOffset - 288);
    // An ID3v2 tag in front (10-byte header, 20 bytes of body) is skipped.
    std::string tagged("ID3\x04\x00\x00\x00\x00\x00\x14", 10);
    tagged += std::string(20, 'x') + whole;
    const Mp3Scan withTag = scanMp3Frames(tagged);
    EXPECT_EQ(withTag.firstFrameOffset, 30);
    EXPECT_EQ(withTag.frames, full.frames);
    // Garbage and emptiness give no frames, not a crash.
    EXPECT_EQ(scanMp3Frames("").frames, 0u);
    EXPECT_EQ(scanMp3Frames(std::string(1000, '\xFF')).frames, 0u);
    EXPECT_EQ(scanMp3Frames(std::string("ID3\x04\x00\x00\x7F\x7F\x7F\x7F", 10)).frames, 0u);  // tag past the end
}

TEST(RecordMp3Decoder, GarbageDoesNotCrashTheDecoder) {
    std::string garbage(5000, '\0');
    for (std::size_t i = 0; i < garbage.size(); ++i) {
        garbage[i] = static_cast<char>((i * 7919) % 251);
    }
    const auto decoded = test::decodeAll(garbage);
    EXPECT_LT(decoded.left.size(), 5000u);
}

}  // namespace
}  // namespace callvault::server::record
