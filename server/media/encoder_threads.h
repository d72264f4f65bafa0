#pragma once

#include "server/media/media_asio.h"

#include <optional>
#include <thread>
#include <vector>

namespace callvault::server::media {

/// The threads that run the recorders (G.711 decode, timeline, LAME, spool writes), apart from the network
/// threads that relay RTP. They run at a lower CPU priority (SCHED_BATCH, nice +`niceIncrement`), so under
/// load the kernel runs the relay first: the other party's audio never waits behind an MP3 encoder, and the
/// recording may trail the call by a little more instead (docs/media.md, "Encoder threads").
class EncoderThreads {
public:
    /// `count` 0 = one per core.
    EncoderThreads(unsigned count, int niceIncrement);
    /// Joins (see join()).
    ~EncoderThreads();
    EncoderThreads(const EncoderThreads&) = delete;
    EncoderThreads& operator=(const EncoderThreads&) = delete;

    boost::asio::io_context& io() { return m_io; }
    /// Runs what is queued to the end, then joins the threads. Idempotent; never call it on one of them.
    void join();

private:
    boost::asio::io_context m_io;
    std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> m_guard;
    std::vector<std::thread> m_threads;
};

}  // namespace callvault::server::media
