#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>

namespace boost::asio {
class io_context;
class thread_pool;
}  // namespace boost::asio

namespace callvault::server::store {
class Store;
}

namespace callvault::server {

/// §23: runs record::runRetention() shortly after start (kFirstRunDelay) and then every kInterval, on the
/// blocking pool (the timer lives on `io`). A run still going when the next is due is not doubled.
/// `io`, `pool` and `store` must outlive it; stop() before they go.
class RetentionScheduler {
public:
    static constexpr std::chrono::seconds kFirstRunDelay{5};
    static constexpr std::chrono::hours kInterval{1};

    RetentionScheduler(boost::asio::io_context& io, boost::asio::thread_pool& pool, store::Store& store,
                       std::filesystem::path dataDir);
    ~RetentionScheduler();
    RetentionScheduler(const RetentionScheduler&) = delete;
    RetentionScheduler& operator=(const RetentionScheduler&) = delete;

    void start();
    void stop();  ///< cancels the timer; a run in progress finishes on the pool

private:
    void schedule(std::chrono::steady_clock::duration delay);
    void runOnPool();

    struct Timer;
    std::unique_ptr<Timer> m_timer;
    boost::asio::thread_pool& m_pool;
    store::Store& m_store;
    std::filesystem::path m_dataDir;
    std::atomic<bool> m_running{false};
    std::atomic<bool> m_stopped{false};
};

}  // namespace callvault::server
