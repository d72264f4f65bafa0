#include "server/media/encoder_threads.h"

#include <gtest/gtest.h>
#include <sched.h>
#include <sys/resource.h>
#include <unistd.h>
#include <boost/asio/post.hpp>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <future>
#include <thread>
#include <utility>

namespace callvault::server::media {
namespace {

TEST(EncoderThreads, RunBelowTheNetworkThreadsPriority) {
    errno = 0;
    const int callerNice = getpriority(PRIO_PROCESS, static_cast<id_t>(gettid()));
    ASSERT_EQ(errno, 0);
    EncoderThreads encoders(1, 10);
    std::promise<std::pair<int, int>> seen;
    boost::asio::post(encoders.io(), [&seen] {
        seen.set_value({sched_getscheduler(0), getpriority(PRIO_PROCESS, static_cast<id_t>(gettid()))});
    });
    const auto [policy, nice] = seen.get_future().get();
    EXPECT_EQ(policy, SCHED_BATCH);
    EXPECT_EQ(nice, std::min(19, callerNice + 10));
    // The caller's own thread is untouched.
    EXPECT_EQ(sched_getscheduler(0), SCHED_OTHER);
    EXPECT_EQ(getpriority(PRIO_PROCESS, static_cast<id_t>(gettid())), callerNice);
}

TEST(EncoderThreads, JoinRunsEverythingQueuedFirst) {
    std::atomic<int> ran{0};
    EncoderThreads encoders(2, 10);
    for (int i = 0; i < 1000; ++i)
        boost::asio::post(encoders.io(), [&ran] { ran.fetch_add(1); });
    encoders.join();
    EXPECT_EQ(ran.load(), 1000);
    encoders.join();  // idempotent
}

TEST(EncoderThreads, ZeroMeansOneThreadPerCore) {
    EncoderThreads encoders(0, 10);
    const unsigned cores = std::max(1U, std::thread::hardware_concurrency());
    std::atomic<unsigned> waiting{0};
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    // Every thread blocks in one job: all `cores` jobs can only be running at once if there are that many.
    for (unsigned i = 0; i < cores; ++i)
        boost::asio::post(encoders.io(), [&waiting, released] {
            waiting.fetch_add(1);
            released.wait();
        });
    for (int i = 0; i < 500 && waiting.load() < cores; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    EXPECT_EQ(waiting.load(), cores);
    release.set_value();
}

}  // namespace
}  // namespace callvault::server::media
