#pragma once

#include "server/media/media_asio.h"
#include "server/media/udp_socket.h"

#include <sys/epoll.h>

#include <array>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

namespace callvault::server::media {

/// A socket that a MediaLoop watches: onReadable() runs on the loop's thread when datagrams are waiting.
class ReadableSocket {
public:
    /// Reads what is waiting. Returns false when it stopped before the socket was empty (its fair share of
    /// one round is used up): the loop then serves it again in the next round.
    virtual bool onReadable() = 0;

protected:
    ~ReadableSocket() = default;
};

/// One network thread of the media path. It runs its own io_context (the executor of every handler of the
/// calls it carries, so a call needs no strand and nothing on the packet path takes a lock) and one epoll
/// set of its calls' RTP and RTCP sockets, edge-triggered and registered once per socket: no epoll_ctl per
/// packet, unlike an Asio async_wait per socket.
///
/// While it carries calls the thread waits on that set (at most a millisecond, so handlers posted from other
/// threads run soon), then runs the handlers that are due (call control, ticks) and serves every socket
/// with datagrams. With a `pollInterval` above 0 it works in rounds of that length instead: one wake-up then
/// serves every socket with datagrams (rtp-cost.md §2e: ~45 % less receive cost on the machine measured
/// there; not on this one, docs/media.md) for at most that much more latency. With no calls it sleeps in
/// the io_context.
class MediaLoop {
public:
    using Executor = boost::asio::io_context::executor_type;

    /// Starts the thread.
    explicit MediaLoop(std::chrono::microseconds pollInterval);
    /// Stops the thread (stop()), then drops what the loop still holds: its pending handlers and the
    /// watched sockets' owners. Never on the loop's own thread.
    ~MediaLoop();
    MediaLoop(const MediaLoop&) = delete;
    MediaLoop& operator=(const MediaLoop&) = delete;

    Executor executor() { return m_io.get_executor(); }

    /// On the loop's thread only. Watches `fd` (non-blocking) for `socket`, which must stay valid until
    /// unwatch(); `owner` keeps it alive that long (also when the loop is shut down first).
    void watch(int fd, ReadableSocket* socket, std::shared_ptr<void> owner);
    /// On the loop's thread only. Stops watching `fd`; `socket` is not called again, even from a poll round
    /// already in progress. Call it before closing `fd`.
    void unwatch(int fd, ReadableSocket* socket);

    /// Stops running handlers and joins the thread; the io_context stays, so work posted to it later is
    /// kept (and dropped by the destructor). Idempotent; never call it on the loop's own thread.
    void stop();

private:
    static constexpr int kEventsPerPoll = 256;

    void run();
    /// One round: waits up to `timeoutMs` for datagrams, runs the handlers that are due, serves the sockets.
    void poll(int timeoutMs);
    void serve(ReadableSocket* socket);

    std::chrono::microseconds m_pollInterval;
    boost::asio::io_context m_io{1};
    std::optional<boost::asio::executor_work_guard<Executor>> m_guard;
    UniqueFd m_epoll;
    std::array<epoll_event, kEventsPerPoll> m_events{};
    int m_eventCount = 0;  ///< of the poll round in progress (unwatch() clears entries in it)
    std::vector<ReadableSocket*> m_unfinished;  ///< not emptied in their round: served again in the next
    std::vector<ReadableSocket*> m_serving;
    std::unordered_map<ReadableSocket*, std::shared_ptr<void>> m_owners;
    std::thread m_thread;
};

/// The media path's network threads: one MediaLoop a core by default. A new call goes to the loop with the
/// fewest calls, and all of its sockets and timers stay there.
class MediaLoops {
public:
    /// `count` 0 = one per core.
    MediaLoops(unsigned count, std::chrono::microseconds pollInterval);

    /// The loop for a new call; release() it when the call is over.
    MediaLoop& acquire();
    void release(MediaLoop& loop);

    /// Stops every loop's thread (MediaLoop::stop()).
    void stop();

private:
    std::vector<std::unique_ptr<MediaLoop>> m_loops;
    std::vector<std::size_t> m_calls;  ///< per loop
    std::mutex m_mutex;
};

}  // namespace callvault::server::media
