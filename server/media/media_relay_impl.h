#pragma once

// Internal to server/media: the shared state of a MediaRelay that its calls keep alive.

#include "server/media/encoder_threads.h"
#include "server/media/media_loop.h"
#include "server/media/media_relay.h"
#include "server/media/port_pair_pool.h"

#include "server/media/media_asio.h"

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace callvault::server::media {

class RelayedCall;

class MediaRelay::Impl : public std::enable_shared_from_this<MediaRelay::Impl> {
public:
    Impl(boost::asio::io_context& io, boost::asio::thread_pool& pool, MediaSettings settings,
         store::Store& store, std::shared_ptr<const SigningKey> key, Metrics& metrics);

    std::shared_ptr<CallMedia> createCall(const std::string& tag);
    void stopAll(std::function<void()> done);

    /// Empty when a new recording may start, else why not (alarm, stopping).
    std::string refusalReason() const;
    void raiseAlarm(const std::string& reason);
    void clearAlarm();
    bool alarm() const;

    /// A call's recording failed (RecordingError): counted, logged, alarm raised.
    void recordingFailed(const std::string& callId, const std::string& reason);
    void recordingStarted();
    void recordingEnded();
    /// A call gave its ports back.
    void releasePorts(std::uint16_t rtpPortA, std::uint16_t rtpPortB);
    /// A call no longer uses its network thread.
    void releaseLoop(MediaLoop& loop) { m_loops->release(loop); }
    /// A call is completely stopped (recordings finished): last thing it does.
    void callEnded(const RelayedCall* call);

    boost::asio::io_context& io() { return m_io; }
    boost::asio::thread_pool& pool() { return m_pool; }
    /// Runs the recorders, below the network threads' priority; each call has a strand on it.
    boost::asio::io_context& encoders() { return m_encoders.io(); }
    /// MediaRelay's destructor, in this order: the network threads stop, the recorders' queued work runs to
    /// the end (it may post to a stopped loop), then the loops and what they still hold go.
    void stopThreads() {
        m_loops->stop();
        m_encoders.join();
        m_loops.reset();
    }
    /// A recorder's tick ran `lag` after the network thread queued it (the encoder threads' backlog).
    void noteRecorderLag(std::chrono::steady_clock::duration lag);
    std::chrono::milliseconds maxRecorderLag() const {
        return std::chrono::milliseconds(m_maxRecorderLagMs.load());
    }
    const MediaSettings& settings() const { return m_settings; }
    store::Store& store() { return m_store; }
    const std::shared_ptr<const SigningKey>& key() const { return m_key; }
    Metrics& metrics() { return m_metrics; }
    std::size_t activeCalls() const { return m_activeCalls.load(); }
    std::size_t freePortPairs() const { return m_ports.available(); }

private:
    void scheduleProbe();
    void probe();
    void publishPorts();

    boost::asio::io_context& m_io;
    boost::asio::thread_pool& m_pool;
    MediaSettings m_settings;
    store::Store& m_store;
    std::shared_ptr<const SigningKey> m_key;
    Metrics& m_metrics;
    EncoderThreads m_encoders;
    std::unique_ptr<MediaLoops> m_loops;
    PortPairPool m_ports;
    std::atomic<std::size_t> m_activeCalls{0};
    std::atomic<std::int64_t> m_activeRecordings{0};
    std::atomic<bool> m_alarm{false};
    std::atomic<bool> m_stopping{false};
    std::atomic<std::int64_t> m_maxRecorderLagMs{0};
    std::atomic<std::int64_t> m_publishedLagMs{0};
    std::mutex m_lagMutex;  ///< orders the gauge's updates

    mutable std::mutex m_mutex;  ///< guards everything below
    std::string m_alarmReason;
    bool m_probeScheduled = false;
    boost::asio::steady_timer m_probeTimer;
    std::unordered_map<const RelayedCall*, std::weak_ptr<RelayedCall>> m_calls;
    std::vector<std::function<void()>> m_stopAllDone;
};

}  // namespace callvault::server::media
