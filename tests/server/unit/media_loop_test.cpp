// MediaLoop (server/media/media_loop.h): the media path's network thread, with real UDP sockets on loopback.

#include "server/media/media_loop.h"
#include "server/media/udp_socket.h"

#include "media_test_support.h"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <thread>

namespace callvault::server::media {
namespace {

using namespace std::chrono_literals;

/// A loopback UDP socket that reads at most `perRound` datagrams each time the loop serves it.
class CountingSocket final : public ReadableSocket {
public:
    explicit CountingSocket(int perRound = 64)
        : m_fd(openUdpSocket("127.0.0.1", 0, 0)), m_perRound(perRound) {
        sockaddr_in address{};
        socklen_t length = sizeof address;
        ::getsockname(m_fd.get(), reinterpret_cast<sockaddr*>(&address), &length);
        m_port = ntohs(address.sin_port);
    }

    bool onReadable() override {
        onLoopThread = std::this_thread::get_id() == loopThread;
        ++rounds;
        if (onServe) {
            onServe();
        }
        char buffer[64];
        for (int i = 0; i < m_perRound; ++i) {
            if (::recv(m_fd.get(), buffer, sizeof buffer, MSG_DONTWAIT) < 0) {
                return true;
            }
            ++datagrams;
        }
        return false;
    }

    /// From a plain socket of its own: a TestPhone's receiving thread would make destroying this one (on the
    /// loop's thread, when it is unwatched) wait for that thread.
    void send(int count) const {
        const UniqueFd out(::socket(AF_INET, SOCK_DGRAM, 0));
        sockaddr_in to{};
        to.sin_family = AF_INET;
        to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        to.sin_port = htons(m_port);
        for (int i = 0; i < count; ++i) {
            ::sendto(out.get(), "x", 1, 0, reinterpret_cast<const sockaddr*>(&to), sizeof to);
        }
    }

    int fd() const { return m_fd.get(); }

    std::atomic<int> datagrams{0};
    std::atomic<int> rounds{0};
    std::atomic<bool> onLoopThread{false};
    std::thread::id loopThread;
    std::function<void()> onServe;

private:
    UniqueFd m_fd;
    int m_perRound;
    std::uint16_t m_port = 0;
};

/// Runs `f` on the loop's thread and waits for it.
template <typename F>
void onLoop(MediaLoop& loop, F&& f) {
    std::promise<void> done;
    boost::asio::post(loop.executor(), [&] {
        f();
        done.set_value();
    });
    done.get_future().wait();
}

std::thread::id loopThreadOf(MediaLoop& loop) {
    std::thread::id id;
    onLoop(loop, [&] { id = std::this_thread::get_id(); });
    return id;
}

using test::eventually;

class MediaLoopTest : public testing::TestWithParam<int> {
protected:
    MediaLoop m_loop{std::chrono::microseconds(GetParam())};
};

TEST_P(MediaLoopTest, ServesDatagramsFromBeforeAndAfterTheWatchOnItsOwnThread) {
    auto socket = std::make_shared<CountingSocket>();
    socket->loopThread = loopThreadOf(m_loop);
    socket->send(3);  // before: no edge of their own
    std::this_thread::sleep_for(20ms);
    onLoop(m_loop, [&] { m_loop.watch(socket->fd(), socket.get(), socket); });
    EXPECT_TRUE(eventually([&] { return socket->datagrams == 3; }));
    for (int i = 0; i < 10; ++i) {
        socket->send(1);
        std::this_thread::sleep_for(2ms);
    }
    EXPECT_TRUE(eventually([&] { return socket->datagrams == 13; })) << socket->datagrams;
    EXPECT_TRUE(socket->onLoopThread);
}

TEST_P(MediaLoopTest, ASocketLeftWithDatagramsIsServedAgainWithoutANewOne) {
    auto socket = std::make_shared<CountingSocket>(/*perRound=*/2);
    onLoop(m_loop, [&] { m_loop.watch(socket->fd(), socket.get(), socket); });
    socket->send(9);  // one edge, five rounds of two
    EXPECT_TRUE(eventually([&] { return socket->datagrams == 9; })) << socket->datagrams;
    EXPECT_GE(socket->rounds, 5);
}

TEST_P(MediaLoopTest, AnUnwatchedSocketIsNeverServedAgainAndItsOwnerIsDropped) {
    auto first = std::make_shared<CountingSocket>();
    auto second = std::make_shared<CountingSocket>();
    std::weak_ptr<CountingSocket> firstAlive = first;
    std::weak_ptr<CountingSocket> secondAlive = second;
    onLoop(m_loop, [&] {
        m_loop.watch(first->fd(), first.get(), first);
        m_loop.watch(second->fd(), second.get(), second);
        // Whichever is served next unwatches the other, in the same poll round if both are ready.
        first->onServe = [this, other = second.get()] { m_loop.unwatch(other->fd(), other); };
        second->onServe = [this, other = first.get()] { m_loop.unwatch(other->fd(), other); };
    });
    first->send(1);
    second->send(1);
    first.reset();
    second.reset();
    EXPECT_TRUE(eventually([&] { return firstAlive.expired() || secondAlive.expired(); }));
    std::this_thread::sleep_for(50ms);
    auto survivor = firstAlive.lock() ? firstAlive.lock() : secondAlive.lock();
    ASSERT_TRUE(survivor);
    EXPECT_TRUE(firstAlive.expired() != secondAlive.expired());
    // The unwatched one is gone (served after that, ASan would see it); the survivor served its datagram.
    EXPECT_EQ(survivor->datagrams, 1);

    survivor->onServe = nullptr;
    survivor->send(2);
    EXPECT_TRUE(eventually([&] { return survivor->datagrams == 3; }));
    onLoop(m_loop, [&] { m_loop.unwatch(survivor->fd(), survivor.get()); });
    std::weak_ptr<CountingSocket> survivorAlive = survivor;
    survivor.reset();
    EXPECT_TRUE(survivorAlive.expired());
}

TEST_P(MediaLoopTest, DestroyingTheLoopDropsTheOwnersOfWatchedSockets) {
    auto socket = std::make_shared<CountingSocket>();
    std::weak_ptr<CountingSocket> alive = socket;
    {
        MediaLoop loop{std::chrono::microseconds(GetParam())};
        onLoop(loop, [&] { loop.watch(socket->fd(), socket.get(), socket); });
        socket.reset();
        EXPECT_FALSE(alive.expired());
    }
    EXPECT_TRUE(alive.expired());
}

INSTANTIATE_TEST_SUITE_P(PollInterval, MediaLoopTest, testing::Values(0, 1000),
                         [](const testing::TestParamInfo<int>& param) {
                             return param.param == 0 ? std::string("WakeForEachDatagram")
                                                     : "Poll" + std::to_string(param.param) + "us";
                         });

TEST(MediaLoops, ANewCallGoesToTheLoopWithFewestCalls) {
    MediaLoops loops(2, 1000us);
    MediaLoop& first = loops.acquire();
    MediaLoop& second = loops.acquire();
    EXPECT_NE(&first, &second);
    loops.release(first);
    EXPECT_EQ(&loops.acquire(), &first);
    EXPECT_NE(&loops.acquire(), &loops.acquire());
}

}  // namespace
}  // namespace callvault::server::media
