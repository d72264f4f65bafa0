#include "server/app/retention_scheduler.h"

#include "server/record/retention_purger.h"
#include "server/util/log.h"

// Asio's scheduler trips GCC 12's flow-based -Wnull-dereference once inlined (a false positive).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#pragma GCC diagnostic pop

namespace callvault::server {

namespace net = boost::asio;

struct RetentionScheduler::Timer {
    explicit Timer(net::io_context& io) : timer(io) {}
    net::steady_timer timer;
};

RetentionScheduler::RetentionScheduler(net::io_context& io, net::thread_pool& pool, store::Store& store,
                                       std::filesystem::path dataDir)
    : m_timer(std::make_unique<Timer>(io)), m_pool(pool), m_store(store), m_dataDir(std::move(dataDir)) {}

RetentionScheduler::~RetentionScheduler() = default;

void RetentionScheduler::start() {
    schedule(kFirstRunDelay);
}

void RetentionScheduler::stop() {
    m_stopped = true;
    m_timer->timer.cancel();
}

void RetentionScheduler::schedule(std::chrono::steady_clock::duration delay) {
    m_timer->timer.expires_after(delay);
    m_timer->timer.async_wait([this](const boost::system::error_code& ec) {
        if (ec || m_stopped) {
            return;
        }
        if (!m_running.exchange(true)) {
            net::post(m_pool, [this] { runOnPool(); });
        }
        schedule(kInterval);
    });
}

void RetentionScheduler::runOnPool() {
    try {
        const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
        record::runRetention(m_store, m_dataDir, now);
    } catch (const std::exception& e) {
        log::error(std::string("retention run failed: ") + e.what());
    }
    m_running = false;
}

}  // namespace callvault::server
