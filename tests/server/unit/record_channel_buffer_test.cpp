#include "server/record/channel_buffer.h"
#include "server/record/stereo_timeline.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <vector>

namespace callvault::server::record {
namespace {

constexpr std::int64_t kPacket = 160;  // 20 ms at 8 kHz

std::vector<std::int16_t> filled(std::int16_t value, std::int64_t length = kPacket) {
    return std::vector<std::int16_t>(static_cast<std::size_t>(length), value);
}

/// A channel plus everything it released so far, in order.
struct Lane {
    ChannelBuffer buffer;
    std::vector<std::int16_t> out;

    explicit Lane(ChannelLimits limits = {}) : buffer(limits) {}

    Placement put(std::uint32_t ts, std::uint16_t seq, std::int64_t arrival, std::int16_t value,
                  std::uint32_t ssrc = 0x1234) {
        const auto pcm = filled(value);
        return buffer.place(PacketTiming{ts, ssrc, seq, arrival}, pcm);
    }
    void releaseTo(std::int64_t position) {
        if (position <= buffer.released()) {
            return;
        }
        std::vector<std::int16_t> block(static_cast<std::size_t>(position - buffer.released()));
        buffer.release(block);
        out.insert(out.end(), block.begin(), block.end());
    }
    /// The value at every sample of [from, to) if they are all equal, else -1.
    int uniform(std::int64_t from, std::int64_t to) const {
        const auto first = out.begin() + from;
        const auto last = out.begin() + to;
        return std::all_of(first, last, [&](std::int16_t v) { return v == *first; }) ? *first : -1;
    }
};

TEST(RecordChannelBuffer, FirstPacketAnchorsAtItsArrivalAndFollowersAtTheirTimestamps) {
    Lane c;
    EXPECT_EQ(c.put(5000, 1, 800, 11), Placement::Placed);  // arrives 100 ms into the recording
    EXPECT_EQ(c.put(5160, 2, 960, 12), Placement::Placed);
    EXPECT_EQ(c.put(5320, 3, 1120, 13), Placement::Placed);
    c.releaseTo(1280);
    EXPECT_EQ(c.uniform(0, 800), 0);
    EXPECT_EQ(c.uniform(800, 960), 11);
    EXPECT_EQ(c.uniform(960, 1120), 12);
    EXPECT_EQ(c.uniform(1120, 1280), 13);
    EXPECT_EQ(c.buffer.stats().packets, 3u);
    EXPECT_EQ(c.buffer.stats().lost, 0u);
}

TEST(RecordChannelBuffer, GapBecomesSilenceOfTheRightLength) {
    Lane c;
    c.put(0, 1, 0, 1);
    c.put(160, 2, 160, 2);
    // Packets 3…7 are lost; packet 8 comes at its time.
    c.put(8 * 160, 8, 8 * 160, 8);
    c.releaseTo(9 * 160);
    EXPECT_EQ(c.uniform(0, 160), 1);
    EXPECT_EQ(c.uniform(160, 320), 2);
    EXPECT_EQ(c.uniform(320, 8 * 160), 0);
    EXPECT_EQ(c.uniform(8 * 160, 9 * 160), 8);
    EXPECT_EQ(c.buffer.stats().lost, 5u);
}

TEST(RecordChannelBuffer, ReorderedPacketsLandInTimestampOrder) {
    Lane c;
    c.put(0, 1, 0, 1);
    c.put(320, 3, 330, 3);
    EXPECT_EQ(c.put(160, 2, 340, 2), Placement::Placed);  // overtaken, but its time is not released yet
    c.releaseTo(480);
    EXPECT_EQ(c.uniform(0, 160), 1);
    EXPECT_EQ(c.uniform(160, 320), 2);
    EXPECT_EQ(c.uniform(320, 480), 3);
    EXPECT_EQ(c.buffer.stats().reordered, 1u);
    EXPECT_EQ(c.buffer.stats().lost, 0u);
}

TEST(RecordChannelBuffer, DuplicatePacketIsIgnored) {
    Lane c;
    c.put(0, 1, 0, 1);
    c.put(160, 2, 160, 2);
    EXPECT_EQ(c.put(160, 2, 170, 99), Placement::Duplicate);
    c.releaseTo(320);
    EXPECT_EQ(c.uniform(160, 320), 2);
    EXPECT_EQ(c.buffer.stats().duplicates, 1u);
    EXPECT_EQ(c.buffer.stats().packets, 2u);
}

TEST(RecordChannelBuffer, TimestampAndSequenceWraparoundKeepTheTimelineContinuous) {
    Lane c;
    const std::uint32_t ts0 = 0xFFFFFFFFu - 2 * 160 + 1;  // the third packet crosses 2^32
    const std::uint16_t seq0 = 0xFFFE;
    for (std::uint32_t i = 0; i < 6; ++i) {
        EXPECT_EQ(c.put(ts0 + i * 160, static_cast<std::uint16_t>(seq0 + i), i * 160, static_cast<std::int16_t>(i + 1)),
                  Placement::Placed);
    }
    c.releaseTo(6 * 160);
    for (int i = 0; i < 6; ++i) {
        EXPECT_EQ(c.uniform(i * 160, (i + 1) * 160), i + 1) << i;
    }
    EXPECT_EQ(c.buffer.stats().lost, 0u);
    EXPECT_EQ(c.buffer.stats().resyncs, 0u);
}

TEST(RecordChannelBuffer, SsrcChangeReanchorsAtTheWriteEndPlusTheWallClockGap) {
    Lane c;
    for (std::uint16_t i = 0; i < 10; ++i) {
        c.put(1000 + i * 160u, i, i * 160, 1, 0xAAAA);  // old stream: 0 … 1600
    }
    // Half a second later a new source (e.g. music on hold) starts with unrelated numbers.
    EXPECT_EQ(c.put(777777, 5000, 1600 + 4000, 2, 0xBBBB), Placement::Placed);
    EXPECT_EQ(c.put(777777 + 160, 5001, 1600 + 4160, 2, 0xBBBB), Placement::Placed);
    c.releaseTo(1600 + 4000 + 320);
    EXPECT_EQ(c.uniform(0, 1600), 1);
    EXPECT_EQ(c.uniform(1600, 5600), 0);
    EXPECT_EQ(c.uniform(5600, 5920), 2);
    EXPECT_EQ(c.buffer.stats().ssrcChanges, 1u);
}

TEST(RecordChannelBuffer, PacketWhoseTimeWasReleasedIsDroppedAsLate) {
    Lane c;
    c.put(0, 1, 0, 1);
    c.put(320, 3, 320, 3);
    c.releaseTo(480);
    EXPECT_EQ(c.put(160, 2, 2000, 2), Placement::Late);
    c.releaseTo(640);
    EXPECT_EQ(c.uniform(160, 320), 0);
    EXPECT_EQ(c.buffer.stats().late, 1u);
}

TEST(RecordChannelBuffer, TimestampJumpFarAheadOfTheClockReanchors) {
    Lane c;
    c.put(0, 1, 0, 1);
    c.put(160, 2, 160, 1);
    // The next packet claims to be an hour later but arrives 20 ms later: believe the clock.
    EXPECT_EQ(c.put(160 + 8000u * 3600, 3, 320, 2), Placement::Placed);
    EXPECT_EQ(c.put(320 + 8000u * 3600, 4, 480, 3), Placement::Placed);
    c.releaseTo(640);
    EXPECT_EQ(c.uniform(0, 320), 1);
    EXPECT_EQ(c.uniform(320, 480), 2);
    EXPECT_EQ(c.uniform(480, 640), 3);
    EXPECT_EQ(c.buffer.stats().resyncs, 1u);
}

TEST(RecordChannelBuffer, TimestampRestartWithTheSameSsrcIsFollowedAfterAFewPackets) {
    Lane c;
    std::int64_t t = 0;
    for (std::uint16_t i = 0; i < 100; ++i, t += 160) {  // 2 s
        c.put(500000 + i * 160u, i, t, 1);
        c.releaseTo(t - 1600);
    }
    // The sender restarts its timestamps at 0 (same SSRC, sequence continues).
    int placed = 0;
    for (std::uint16_t i = 0; i < 10; ++i, t += 160) {
        placed += c.put(i * 160u, static_cast<std::uint16_t>(100 + i), t, 2) == Placement::Placed;
        c.releaseTo(t - 1600);
    }
    c.releaseTo(t);
    EXPECT_GE(placed, 7);  // at most the first few are dropped before re-anchoring
    EXPECT_EQ(c.buffer.stats().resyncs, 1u);
    EXPECT_EQ(c.uniform(16000 + 3 * 160, t), 2);  // continues right after the old stream
}

TEST(RecordChannelBuffer, FrozenTimestampsAfterHoldReanchorWithinATenthOfASecond) {
    Lane c;
    std::int64_t t = 0;
    std::uint16_t seq = 0;
    for (; seq < 50; ++seq, t += 160) {  // 1 s
        c.put(seq * 160u, seq, t, 1);
        c.releaseTo(t - 1600);
    }
    t += 5 * 8000;  // 5 s hold: nothing sent, the clock runs on
    c.releaseTo(t - 1600);
    // Resumed without advancing the timestamp over the hold: every packet looks 5 s late.
    const std::int64_t resumed = t;
    for (std::uint32_t k = 0; k < 50; ++k, ++seq, t += 160) {
        c.put(seq * 160u, seq, t, 2);
        c.releaseTo(t - 1600);
    }
    c.releaseTo(t);
    EXPECT_EQ(c.buffer.stats().resyncs, 1u);
    EXPECT_EQ(c.uniform(8000, resumed), 0);  // the hold is silence
    EXPECT_EQ(c.uniform(resumed + 1000, t), 2);  // the resumed audio is kept after ≤ 100 ms
}

TEST(RecordChannelBuffer, BurstAfterANetworkStallIsDroppedWithoutShiftingTheChannel) {
    Lane c;
    std::int64_t t = 0;
    std::uint16_t seq = 0;
    auto onTime = [&](int value) {
        c.put(seq * 160u, seq, t, static_cast<std::int16_t>(value));
        ++seq;
        t += 160;
        c.releaseTo(t - 1600);
    };
    for (int i = 0; i < 100; ++i) {
        onTime(1);
    }
    // 1 s stall: the clock runs, then 50 queued packets arrive at once.
    t += 50 * 160;
    c.releaseTo(t - 1600);
    for (int i = 0; i < 50; ++i, ++seq) {
        c.put(seq * 160u, seq, t, 2);
    }
    for (int i = 0; i < 100; ++i) {
        onTime(3);
    }
    c.releaseTo(t);
    EXPECT_EQ(c.buffer.stats().resyncs, 0u);
    EXPECT_EQ(c.buffer.stats().slips, 0u);
    EXPECT_GE(c.buffer.stats().late, 40u);
    // Packet 150 onwards sit exactly at their timestamps.
    EXPECT_EQ(c.uniform(150 * 160, 250 * 160), 3);
    EXPECT_EQ(c.uniform(0, 100 * 160), 1);
}

TEST(RecordChannelBuffer, SlowSenderClockSlipsInsteadOfLosingAudio) {
    Lane c;
    // The sender's 20 ms are 21 ms of ours (5 %, exaggerated): its packets drift later and later.
    double arrival = 0;
    for (std::uint32_t i = 0; i < 1000; ++i, arrival += 168.0) {
        const auto now = static_cast<std::int64_t>(arrival);
        EXPECT_EQ(c.put(i * 160, static_cast<std::uint16_t>(i), now, 5), Placement::Placed) << i;
        c.releaseTo(now - 1600);
    }
    c.releaseTo(static_cast<std::int64_t>(arrival) + 160);
    EXPECT_EQ(c.buffer.stats().late, 0u);
    EXPECT_GT(c.buffer.stats().slips, 0u);
    EXPECT_EQ(c.buffer.stats().packets, 1000u);
}

TEST(RecordChannelBuffer, EmptyPayloadIsIgnored) {
    Lane c;
    EXPECT_EQ(c.buffer.place(PacketTiming{0, 1, 1, 0}, {}), Placement::Ignored);
    EXPECT_EQ(c.buffer.stats().packets, 0u);
}

TEST(RecordStereoTimeline, ReleasesBothChannelsInLockstepWhenOneSideIsSilent) {
    StereoTimeline timeline;
    const auto pcm = filled(7);
    for (std::uint16_t i = 0; i < 100; ++i) {
        timeline.place(Channel::User, PacketTiming{i * 160u, 1, i, i * 160}, pcm);
    }
    std::vector<std::int16_t> user;
    std::vector<std::int16_t> other;
    std::size_t largestBlock = 0;
    timeline.advanceTo(16000, [&](std::span<const std::int16_t> u, std::span<const std::int16_t> o) {
        ASSERT_EQ(u.size(), o.size());
        largestBlock = std::max(largestBlock, u.size());
        user.insert(user.end(), u.begin(), u.end());
        other.insert(other.end(), o.begin(), o.end());
    });
    ASSERT_EQ(user.size(), 16000u);
    EXPECT_EQ(timeline.position(), 16000);
    EXPECT_LE(largestBlock, StereoTimeline::kBlockSamples);
    EXPECT_TRUE(std::all_of(user.begin(), user.end(), [](std::int16_t v) { return v == 7; }));
    EXPECT_TRUE(std::all_of(other.begin(), other.end(), [](std::int16_t v) { return v == 0; }));
    // Advancing backwards does nothing.
    bool called = false;
    timeline.advanceTo(100, [&](auto, auto) { called = true; });
    EXPECT_FALSE(called);
}

}  // namespace
}  // namespace callvault::server::record
