#include "server/media/media_leg.h"
#include "server/media/port_pair_pool.h"

#include <gtest/gtest.h>

#include <set>
#include <stdexcept>

namespace callvault::server::media {
namespace {

TEST(MediaPortPairPool, HandsOutEvenPortsWhosePairFitsTheRange) {
    PortPairPool pool(30001, 30008);  // pairs 30002/3, 30004/5, 30006/7; 30008 has no 30009
    EXPECT_EQ(pool.capacity(), 3U);
    std::set<std::uint16_t> ports;
    while (const auto port = pool.acquire()) {
        EXPECT_EQ(*port % 2, 0);
        EXPECT_GE(*port, 30001);
        EXPECT_LE(*port + 1, 30008);
        ports.insert(*port);
    }
    EXPECT_EQ(ports, (std::set<std::uint16_t>{30002, 30004, 30006}));
    EXPECT_EQ(pool.available(), 0U);
}

TEST(MediaPortPairPool, ReusesAFreedPairLast) {
    PortPairPool pool(30000, 30005);
    const auto first = pool.acquire();
    ASSERT_TRUE(first);
    pool.release(*first);
    EXPECT_NE(pool.acquire(), first);
    EXPECT_NE(pool.acquire(), first);
    EXPECT_EQ(pool.acquire(), first);
    EXPECT_FALSE(pool.acquire());
}

TEST(MediaPortPairPool, ARangeWithoutAPairIsRefused) {
    EXPECT_THROW(PortPairPool(30001, 30001), std::invalid_argument);
    EXPECT_THROW(PortPairPool(30002, 30002), std::invalid_argument);
    EXPECT_THROW(PortPairPool(30010, 30000), std::invalid_argument);
    EXPECT_NO_THROW(PortPairPool(30002, 30003));
    EXPECT_NO_THROW(PortPairPool(65534, 65535));
}

RemoteMedia remote(const std::string& address, std::uint16_t port,
                   MediaDirection direction = MediaDirection::SendRecv) {
    RemoteMedia r;
    r.address = address;
    r.port = port;
    r.audioPayloadTypes = {0};
    r.telephoneEventPayloadType = 101;
    r.direction = direction;
    return r;
}

TEST(MediaLeg, SendsToTheSdpAddressUntilLatchedThenToTheRealSource) {
    MediaLeg leg(Leg::A);
    EXPECT_EQ(leg.rtpDestination(), nullptr);  // no SDP yet
    leg.setRemote(remote("192.0.2.10", 4000));
    ASSERT_NE(leg.rtpDestination(), nullptr);
    EXPECT_EQ(leg.rtpDestination()->port(), 4000);
    EXPECT_EQ(leg.rtcpDestination()->port(), 4001);
    EXPECT_TRUE(leg.isTelephoneEvent(101));
    EXPECT_FALSE(leg.isTelephoneEvent(0));

    const MediaLeg::Endpoint nat(boost::asio::ip::make_address("198.51.100.7"), 61000);
    EXPECT_TRUE(leg.latchRtp(nat));
    EXPECT_FALSE(leg.latchRtp(MediaLeg::Endpoint(boost::asio::ip::make_address("203.0.113.1"), 1)));
    EXPECT_EQ(*leg.rtpDestination(), nat);
    EXPECT_TRUE(leg.stats().latched);
    EXPECT_EQ(leg.stats().source.port, 61000);

    // A re-INVITE that only changes the direction keeps the latch; a new address drops it.
    leg.setRemote(remote("192.0.2.10", 4000, MediaDirection::SendOnly));
    EXPECT_EQ(leg.rtpDestination(), nullptr);  // on hold: nothing is sent to it
    leg.setRemote(remote("192.0.2.10", 4000));
    EXPECT_EQ(*leg.rtpDestination(), nat);
    leg.setRemote(remote("192.0.2.11", 4000));
    EXPECT_EQ(leg.rtpDestination()->address().to_string(), "192.0.2.11");
    EXPECT_FALSE(leg.stats().latched);
}

TEST(MediaLeg, HoldByNullAddressInactiveOrPortZeroSendsNothing) {
    MediaLeg leg(Leg::B);
    leg.setRemote(remote("0.0.0.0", 4000));
    EXPECT_EQ(leg.rtpDestination(), nullptr);
    leg.setRemote(remote("192.0.2.1", 4000, MediaDirection::Inactive));
    EXPECT_EQ(leg.rtpDestination(), nullptr);
    leg.setRemote(remote("192.0.2.1", 0));
    EXPECT_EQ(leg.rtpDestination(), nullptr);
    leg.setRemote(remote("not an address", 4000));
    EXPECT_EQ(leg.rtpDestination(), nullptr);
    leg.setRemote(remote("::1", 4000, MediaDirection::RecvOnly));
    ASSERT_NE(leg.rtpDestination(), nullptr);
    EXPECT_TRUE(leg.rtpDestination()->address().is_v6());
}

TEST(MediaLeg, CountsSequenceGapsPerSource) {
    MediaLeg leg(Leg::A);
    for (std::uint16_t seq : {10, 11, 12, 15, 16}) {  // 13, 14 lost
        leg.countSequence(1, seq);
    }
    EXPECT_EQ(leg.stats().lost, 2U);
    leg.countSequence(1, 13);  // late: it was not lost after all
    EXPECT_EQ(leg.stats().lost, 1U);
    leg.countSequence(2, 30000);  // a new source starts afresh
    leg.countSequence(2, 30001);
    EXPECT_EQ(leg.stats().lost, 1U);
    leg.countSequence(2, 65535 - 1);  // far jump: a restart, not 35000 losses
    EXPECT_EQ(leg.stats().lost, 1U);
    leg.countSequence(2, 65535);
    leg.countSequence(2, 1);  // wraps: 0 lost
    EXPECT_EQ(leg.stats().lost, 2U);
}

}  // namespace
}  // namespace callvault::server::media
