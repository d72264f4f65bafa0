#pragma once

#include "common/crypto/signature.h"
#include "server/media/call_media.h"
#include "server/record/recording_session.h"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

namespace boost::asio {
class io_context;
class thread_pool;
}  // namespace boost::asio

namespace callvault::server {
class Metrics;
}
namespace callvault::server::store {
class Store;
}

namespace callvault::server::media {

/// Settings of the media anchor (one per server).
struct MediaSettings {
    std::string bindAddress = "127.0.0.1";  ///< local address the RTP sockets bind to ("0.0.0.0" = all)
    std::string advertisedAddress;          ///< address put in SDP; empty = bindAddress
    std::uint16_t portMin = 20000;  ///< RTP port range, inclusive; pairs (even RTP, odd RTCP) inside it
    std::uint16_t portMax = 29999;
    std::filesystem::path dataDir;  ///< the server's data folder (spool/, recordings/)
    record::RecorderSettings recorder;
    std::chrono::milliseconds tickInterval{
        250};                            ///< how often each recording is fed and releases audio (≤ 1 s)
    int socketBufferBytes = 256 * 1024;  ///< SO_RCVBUF per RTP socket: absorbs bursts while a loop is busy
    std::chrono::milliseconds alarmProbeInterval{
        10000};                   ///< while the alarm is up: how often the disk is tried
    unsigned networkThreads = 0;  ///< threads that relay RTP (MediaLoop); 0 = one per core
    /// 0: a network thread wakes for every datagram. Above 0 it works in rounds of this length instead
    /// (one wake-up serves every socket that has datagrams; at most this much more relay latency). On
    /// this machine type rounds cost more than they save (docs/media.md, "Threads"), hence 0.
    std::chrono::microseconds pollInterval{0};
    unsigned encoderThreads = 0;    ///< threads that run the recorders (LAME); 0 = one per core
    int encoderNiceIncrement = 10;  ///< how far below the network threads they run (nice steps)
};

/// The RTP anchor of the server: allocates port pairs, runs every call's relay on its own network threads
/// (plain non-blocking UDP sockets, batched receive, see docs/media.md), feeds the recorders, finishes
/// recordings on the blocking pool and writes their CDR rows. Also owns the recording alarm: after a
/// RecordingError (disk full, EIO) new recordings are refused until a probe write in spool/ succeeds again.
///
/// Thread safe. Must outlive every CallMedia it made and every stop() in flight (see stopAll()).
class MediaRelay {
public:
    /// `io` runs the alarm probe's timer; `blockingPool` runs the spool file creation, finish() and the CDR
    /// inserts. The relay starts its network and encoder threads (MediaSettings).
    MediaRelay(boost::asio::io_context& io, boost::asio::thread_pool& blockingPool, MediaSettings settings,
               store::Store& store, std::shared_ptr<const SigningKey> key, Metrics& metrics);
    ~MediaRelay();
    MediaRelay(const MediaRelay&) = delete;
    MediaRelay& operator=(const MediaRelay&) = delete;

    /// Opens two port pairs (leg A, leg B) for a new call. `tag` names the call in the log (e.g. the SIP
    /// Call-ID). Throws MediaError when no pair is left or a socket cannot be bound.
    std::shared_ptr<CallMedia> createCall(const std::string& tag);

    /// Stops every call (SIGTERM): no new calls or recordings, every recording is finished and its CDR row
    /// written; `done` is called (on a pool thread, or at once when nothing is active) afterwards.
    void stopAll(std::function<void()> done);

    /// Calls whose media is active (created, not yet completely stopped).
    std::size_t activeCalls() const;
    /// The longest any recorder's tick waited for an encoder thread so far (docs/media.md, "Encoder
    /// threads").
    std::chrono::milliseconds maxRecorderLag() const;
    /// Port pairs still free.
    std::size_t freePortPairs() const;
    /// True while new recordings are refused after a RecordingError.
    bool recordingAlarm() const;
    /// Raises the alarm (used internally on a RecordingError; also for tests and operators).
    void raiseRecordingAlarm(const std::string& reason);
    /// Clears the alarm at once (normally the periodic probe does it).
    void clearRecordingAlarm();

    const MediaSettings& settings() const;

    class Impl;

private:
    std::shared_ptr<Impl> m_impl;
};

}  // namespace callvault::server::media
