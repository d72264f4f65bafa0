#include "server/media/media_loop.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <system_error>

namespace callvault::server::media {

MediaLoop::MediaLoop(std::chrono::microseconds pollInterval)
    : m_pollInterval(pollInterval),
      m_guard(boost::asio::make_work_guard(m_io)),
      m_epoll(::epoll_create1(EPOLL_CLOEXEC)) {
    if (m_epoll.get() < 0) {
        throw std::system_error(errno, std::generic_category(), "epoll_create1");
    }
    m_thread = std::thread([this] { run(); });
}

MediaLoop::~MediaLoop() {
    stop();
}

void MediaLoop::stop() {
    m_guard.reset();
    m_io.stop();
    if (m_thread.joinable()) {
        m_thread.join();
    }
}

void MediaLoop::watch(int fd, ReadableSocket* socket, std::shared_ptr<void> owner) {
    epoll_event event{};
    event.events = EPOLLIN | EPOLLET;
    event.data.ptr = socket;
    if (::epoll_ctl(m_epoll.get(), EPOLL_CTL_ADD, fd, &event) != 0) {
        throw std::system_error(errno, std::generic_category(), "epoll_ctl(ADD)");
    }
    m_owners[socket] = std::move(owner);
}

void MediaLoop::unwatch(int fd, ReadableSocket* socket) {
    ::epoll_ctl(m_epoll.get(), EPOLL_CTL_DEL, fd, nullptr);
    for (int i = 0; i < m_eventCount; ++i) {
        if (m_events[static_cast<std::size_t>(i)].data.ptr == socket) {
            m_events[static_cast<std::size_t>(i)].data.ptr = nullptr;
        }
    }
    std::replace(m_serving.begin(), m_serving.end(), socket, static_cast<ReadableSocket*>(nullptr));
    std::erase(m_unfinished, socket);
    m_owners.erase(socket);
}

void MediaLoop::run() {
    using Clock = std::chrono::steady_clock;
    auto round = Clock::now();
    while (!m_io.stopped()) {
        if (m_owners.empty()) {
            m_io.run_one();  // no calls: sleep until there is work
            round = Clock::now();
            continue;
        }
        if (m_pollInterval.count() == 0) {
            // A wake-up for every datagram; handlers posted meanwhile wait at most a millisecond.
            poll(m_unfinished.empty() ? 1 : 0);
            continue;
        }
        poll(0);
        round = std::max(round + m_pollInterval, Clock::now());
        std::this_thread::sleep_until(round);
    }
}

void MediaLoop::poll(int timeoutMs) {
    const int ready = ::epoll_wait(m_epoll.get(), m_events.data(), kEventsPerPoll, timeoutMs);
    m_eventCount = std::max(ready, 0);
    // Handlers posted while the thread waited (a call's remote address, a stop) go before the datagrams
    // that came after them, as one queue would have it.
    m_io.poll();
    m_serving.swap(m_unfinished);
    for (int i = 0; i < m_eventCount; ++i) {
        if (auto* socket = static_cast<ReadableSocket*>(m_events[static_cast<std::size_t>(i)].data.ptr)) {
            serve(socket);
        }
    }
    m_eventCount = 0;
    // Index loop: unwatch() may null entries while a socket is served.
    for (std::size_t i = 0; i < m_serving.size(); ++i) {
        if (m_serving[i] != nullptr) {
            serve(m_serving[i]);
        }
    }
    m_serving.clear();
}

void MediaLoop::serve(ReadableSocket* socket) {
    if (!socket->onReadable()) {
        m_unfinished.push_back(socket);
    }
}

MediaLoops::MediaLoops(unsigned count, std::chrono::microseconds pollInterval) {
    if (count == 0) {
        count = std::max(1U, std::thread::hardware_concurrency());
    }
    for (unsigned i = 0; i < count; ++i) {
        m_loops.push_back(std::make_unique<MediaLoop>(pollInterval));
    }
    m_calls.assign(count, 0);
}

MediaLoop& MediaLoops::acquire() {
    const std::lock_guard lock(m_mutex);
    const auto least = std::min_element(m_calls.begin(), m_calls.end()) - m_calls.begin();
    ++m_calls[static_cast<std::size_t>(least)];
    return *m_loops[static_cast<std::size_t>(least)];
}

void MediaLoops::release(MediaLoop& loop) {
    const std::lock_guard lock(m_mutex);
    for (std::size_t i = 0; i < m_loops.size(); ++i) {
        if (m_loops[i].get() == &loop && m_calls[i] > 0) {
            --m_calls[i];
        }
    }
}

void MediaLoops::stop() {
    for (auto& loop : m_loops) {
        loop->stop();
    }
}

}  // namespace callvault::server::media
