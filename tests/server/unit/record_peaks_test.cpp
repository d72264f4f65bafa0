#include "server/record/file_io.h"
#include "server/record/mp3_writer.h"
#include "server/record/peaks.h"
#include "server/record/recording_error.h"

#include "tests/server/unit/record_test_support.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace callvault::server::record {
namespace {

using test::TempDir;

Peaks samplePeaks() {
    Peaks peaks;
    peaks.values = {{-5, 7}, {-100, 200}, {-32768, 32767}, {0, 0}, {1, 2}, {-3, -1}};
    return peaks;
}

TEST(RecordPeaks, EncodesTheDocumentedLayout) {
    const std::string bytes = encodePeaks(samplePeaks());
    ASSERT_EQ(bytes.size(), kPeaksHeaderBytes + 3 * 2 * 4);
    EXPECT_EQ(bytes.substr(0, 4), "CVPK");
    EXPECT_EQ(bytes[4], 1);   // version, little-endian
    EXPECT_EQ(bytes[5], 0);
    EXPECT_EQ(bytes[6], 2);   // channels
    EXPECT_EQ(static_cast<std::uint8_t>(bytes[8]), 0x40);   // 8000 = 0x1F40
    EXPECT_EQ(static_cast<std::uint8_t>(bytes[9]), 0x1F);
    EXPECT_EQ(bytes[12], 80);  // samples per peak
    EXPECT_EQ(bytes[16], 3);   // count
    EXPECT_EQ(static_cast<std::uint8_t>(bytes[20]), 0xFB);  // -5 = 0xFFFB
    EXPECT_EQ(static_cast<std::uint8_t>(bytes[21]), 0xFF);
    EXPECT_EQ(bytes[22], 7);
}

TEST(RecordPeaks, RoundTripsThroughBytesAndFiles) {
    const Peaks peaks = samplePeaks();
    const auto decoded = decodePeaks(encodePeaks(peaks));
    ASSERT_TRUE(decoded);
    EXPECT_EQ(*decoded, peaks);
    EXPECT_EQ(decoded->count(), 3u);

    TempDir dir;
    writePeaksFile(dir.path() / "x.peaks", peaks);
    EXPECT_EQ(readPeaksFile(dir.path() / "x.peaks"), peaks);
}

TEST(RecordPeaks, RefusesMalformedFiles) {
    const std::string good = encodePeaks(samplePeaks());
    std::string error;
    EXPECT_FALSE(decodePeaks("", &error));
    EXPECT_FALSE(error.empty());
    EXPECT_FALSE(decodePeaks("XVPK" + good.substr(4)));
    std::string badVersion = good;
    badVersion[4] = 2;
    EXPECT_FALSE(decodePeaks(badVersion));
    std::string badChannels = good;
    badChannels[6] = 9;
    EXPECT_FALSE(decodePeaks(badChannels));
    std::string zeroPerPeak = good;
    zeroPerPeak[12] = 0;
    EXPECT_FALSE(decodePeaks(zeroPerPeak));
    EXPECT_FALSE(decodePeaks(good.substr(0, good.size() - 1)));  // count says 3, body is short
    EXPECT_FALSE(decodePeaks(good + "abcd"));                     // body longer than the count
    TempDir dir;
    EXPECT_THROW(readPeaksFile(dir.path() / "missing.peaks"), RecordingError);
}

TEST(RecordPeaks, BuilderTakesMinAndMaxPerWindowAndEmitsThePartialLastOne) {
    PeaksBuilder builder(4);
    const std::vector<std::int16_t> left = {1, -2, 3, 0, 10, 10, -10, 5, 7, 8};
    const std::vector<std::int16_t> right = {0, 0, 0, 0, 1, 1, 1, 1, -9, 9};
    builder.add(std::span(left).first(3), std::span(right).first(3));  // blocks of any size
    builder.add(std::span(left).subspan(3), std::span(right).subspan(3));
    ASSERT_EQ(builder.ready().size(), 4u);
    EXPECT_EQ(builder.ready()[0], (PeakPair{-2, 3}));
    EXPECT_EQ(builder.ready()[1], (PeakPair{0, 0}));
    EXPECT_EQ(builder.ready()[2], (PeakPair{-10, 10}));
    EXPECT_EQ(builder.ready()[3], (PeakPair{1, 1}));
    builder.finish();
    ASSERT_EQ(builder.ready().size(), 6u);
    EXPECT_EQ(builder.ready()[4], (PeakPair{7, 8}));
    EXPECT_EQ(builder.ready()[5], (PeakPair{-9, 9}));
    builder.finish();
    EXPECT_EQ(builder.ready().size(), 6u);
}

TEST(RecordPeaks, FileWriterIsReadableWhileWritingAndExactWhenFinished) {
    TempDir dir;
    const auto path = dir.path() / "live.peaks.tmp";
    Peaks format;
    PeaksFileWriter writer(createNewFile(path), path, format);
    std::vector<PeakPair> batch = {{-1, 1}, {-2, 2}, {-3, 3}, {-4, 4}};
    writer.append(batch);
    EXPECT_TRUE(batch.empty());
    // Mid-recording (count unknown): whole records are read, a torn one at the end is ignored.
    std::string partial = test::fileBytes(path) + "\x01\x02";
    const auto live = decodePeaks(partial);
    ASSERT_TRUE(live);
    EXPECT_EQ(live->count(), 2u);
    batch = {{-5, 5}, {-6, 6}};
    writer.append(batch);
    writer.finish();
    const Peaks done = readPeaksFile(path);
    EXPECT_EQ(done.count(), 3u);
    EXPECT_EQ(done.values.back(), (PeakPair{-6, 6}));
}

TEST(RecordPeaks, ComputedFromAnMp3LineUpWithTheAudio) {
    TempDir dir;
    const auto path = dir.path() / "p.mp3";
    {
        Mp3Writer writer(createNewFile(path), path);
        // 1 s of a loud tone on the left, silence on the right, then 1 s of silence on both.
        const auto loud = test::tone(440, 8000, 0, 16000);
        const std::vector<std::int16_t> quiet(8000, 0);
        writer.write(loud, quiet);
        writer.write(quiet, quiet);
        writer.finish();
    }
    const Peaks peaks = peaksFromMp3(test::fileBytes(path));
    EXPECT_EQ(peaks.sampleRate, 8000u);
    EXPECT_EQ(peaks.samplesPerPeak, 80u);
    EXPECT_EQ(peaks.channels, 2);
    EXPECT_NEAR(static_cast<double>(peaks.count()), 200.0, 10.0);  // 2 s in 10 ms peaks (+ the codec's tail)
    auto peakAt = [&](std::size_t index, std::size_t channel) { return peaks.values[index * 2 + channel]; };
    EXPECT_GT(peakAt(50, 0).max, 10000);      // 0.5 s: loud left
    EXPECT_LT(peakAt(50, 0).min, -10000);
    EXPECT_LT(peakAt(50, 1).max, 500);        // right silent
    EXPECT_LT(peakAt(150, 0).max, 500);       // 1.5 s: both silent
    // The delay is compensated: the tone ends at 1.0 s, not 0.14 s later.
    EXPECT_LT(peakAt(104, 0).max, 3000);
    EXPECT_GT(peakAt(96, 0).max, 10000);
    EXPECT_EQ(peaksFromMp3("not an mp3").count(), 0u);
}

}  // namespace
}  // namespace callvault::server::record
