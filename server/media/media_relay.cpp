#include "server/media/media_relay.h"

#include "server/media/media_metrics.h"
#include "server/media/media_relay_impl.h"
#include "server/media/relayed_call.h"
#include "server/media/udp_socket.h"
#include "server/util/log.h"
#include "server/util/metrics.h"

#include "server/media/media_asio.h"

#include <system_error>

namespace callvault::server::media {
namespace {

/// One leg's sockets: RTP on the even port, RTCP on the odd one. Throws what openUdpSocket throws.
std::array<UniqueFd, 2> openPair(const MediaSettings& settings, std::uint16_t rtpPort) {
    std::array<UniqueFd, 2> fds;
    fds[0] = UniqueFd(openUdpSocket(settings.bindAddress, rtpPort, settings.socketBufferBytes));
    fds[1] = UniqueFd(openUdpSocket(settings.bindAddress, static_cast<std::uint16_t>(rtpPort + 1), 0));
    return fds;
}

}  // namespace

MediaRelay::Impl::Impl(boost::asio::io_context& io, boost::asio::thread_pool& pool, MediaSettings settings,
                       store::Store& store, std::shared_ptr<const SigningKey> key, Metrics& metrics)
    : m_io(io),
      m_pool(pool),
      m_settings(std::move(settings)),
      m_store(store),
      m_key(std::move(key)),
      m_metrics(metrics),
      m_encoders(m_settings.encoderThreads, m_settings.encoderNiceIncrement),
      m_loops(std::make_unique<MediaLoops>(m_settings.networkThreads, m_settings.pollInterval)),
      m_ports(m_settings.portMin, m_settings.portMax),
      m_probeTimer(io) {
    m_metrics.set(kMetricCallsInProgress, "", 0);
    m_metrics.set(kMetricRecordingsInProgress, "", 0);
    m_metrics.set(kMetricRecordingAlarm, "", 0);
    m_metrics.set(kMetricRecorderLag, "", 0);
    m_metrics.add(kMetricRecordingsWritten, "", 0);
    m_metrics.add(kMetricRecordingsFailed, "", 0);
    m_metrics.add(kMetricRtpReceived, "", 0);
    m_metrics.add(kMetricRtpSent, "", 0);
    m_metrics.add(kMetricRtpBad, "", 0);
    m_metrics.add(kMetricRtpLost, "", 0);
    m_metrics.add(kMetricRtpLate, "", 0);
    publishPorts();
}

std::shared_ptr<CallMedia> MediaRelay::Impl::createCall(const std::string& tag) {
    if (m_stopping.load()) {
        throw MediaError("the server is stopping");
    }
    // Each leg takes a pair; a pair whose ports another program holds goes back to the end of the queue.
    std::array<std::uint16_t, 2> ports{};
    std::array<std::array<UniqueFd, 2>, 2> fds;
    std::size_t taken = 0;
    std::string lastError = "no RTP port pair is free";
    for (std::size_t attempt = 0; taken < 2 && attempt < m_ports.capacity(); ++attempt) {
        const auto port = m_ports.acquire();
        if (!port) {
            break;
        }
        try {
            fds[taken] = openPair(m_settings, *port);
            ports[taken++] = *port;
        } catch (const std::exception& e) {
            lastError = e.what();
            m_ports.release(*port);
        }
    }
    if (taken < 2) {
        for (std::size_t i = 0; i < taken; ++i) {
            fds[i] = {};
            m_ports.release(ports[i]);
        }
        m_metrics.add(kMetricMediaErrors);
        publishPorts();
        throw MediaError("cannot anchor the media of call " + tag + ": " + lastError);
    }
    auto call = std::make_shared<RelayedCall>(shared_from_this(), m_loops->acquire(), tag, ports,
                                              std::array<int, 4>{fds[0][0].release(), fds[0][1].release(),
                                                                 fds[1][0].release(), fds[1][1].release()});
    {
        const std::lock_guard lock(m_mutex);
        m_calls.emplace(call.get(), call);
    }
    m_metrics.set(kMetricCallsInProgress, "", static_cast<std::int64_t>(++m_activeCalls));
    publishPorts();
    call->start();
    return call;
}

void MediaRelay::Impl::stopAll(std::function<void()> done) {
    m_stopping.store(true);
    std::vector<std::shared_ptr<RelayedCall>> calls;
    {
        const std::lock_guard lock(m_mutex);
        if (m_activeCalls.load() == 0) {
            m_probeTimer.cancel();
            if (done) {
                boost::asio::post(m_pool, std::move(done));
            }
            return;
        }
        if (done) {
            m_stopAllDone.push_back(std::move(done));
        }
        for (const auto& [pointer, weak] : m_calls) {
            if (auto call = weak.lock()) {
                calls.push_back(std::move(call));
            }
        }
    }
    log::info("stopping the media of " + std::to_string(calls.size()) + " call(s)");
    for (const auto& call : calls) {
        call->stop({});
    }
}

std::string MediaRelay::Impl::refusalReason() const {
    if (m_stopping.load()) {
        return "the server is stopping";
    }
    if (m_alarm.load()) {
        const std::lock_guard lock(m_mutex);
        return "recording alarm: " + m_alarmReason;
    }
    return {};
}

bool MediaRelay::Impl::alarm() const {
    return m_alarm.load();
}

void MediaRelay::Impl::raiseAlarm(const std::string& reason) {
    {
        const std::lock_guard lock(m_mutex);
        if (!m_alarm.load()) {
            log::error("recording alarm raised, new recordings are refused until the disk works again: " +
                       reason);
        }
        m_alarmReason = reason;
        m_alarm.store(true);
    }
    m_metrics.set(kMetricRecordingAlarm, "", 1);
    scheduleProbe();
}

void MediaRelay::Impl::clearAlarm() {
    {
        const std::lock_guard lock(m_mutex);
        if (m_alarm.load()) {
            log::info("recording alarm cleared: recordings are accepted again");
        }
        m_alarm.store(false);
        m_alarmReason.clear();
    }
    m_metrics.set(kMetricRecordingAlarm, "", 0);
}

void MediaRelay::Impl::recordingFailed(const std::string& callId, const std::string& reason) {
    log::error("recording " + callId +
               " failed (the call goes on unrecorded, its spool files are kept): " + reason);
    m_metrics.add(kMetricRecordingsFailed);
    raiseAlarm(reason);
}

void MediaRelay::Impl::recordingStarted() {
    m_metrics.set(kMetricRecordingsInProgress, "", ++m_activeRecordings);
}

void MediaRelay::Impl::recordingEnded() {
    m_metrics.set(kMetricRecordingsInProgress, "", --m_activeRecordings);
}

void MediaRelay::Impl::releasePorts(std::uint16_t rtpPortA, std::uint16_t rtpPortB) {
    m_ports.release(rtpPortA);
    m_ports.release(rtpPortB);
    publishPorts();
}

void MediaRelay::Impl::callEnded(const RelayedCall* call) {
    std::vector<std::function<void()>> done;
    {
        const std::lock_guard lock(m_mutex);
        m_calls.erase(call);
        const auto remaining = --m_activeCalls;
        m_metrics.set(kMetricCallsInProgress, "", static_cast<std::int64_t>(remaining));
        if (remaining == 0 && m_stopping.load()) {
            done.swap(m_stopAllDone);
            m_probeTimer.cancel();
        }
    }
    for (const auto& callback : done) {
        callback();
    }
}

void MediaRelay::Impl::noteRecorderLag(std::chrono::steady_clock::duration lag) {
    const std::int64_t ms = std::chrono::duration_cast<std::chrono::milliseconds>(lag).count();
    std::int64_t seen = m_maxRecorderLagMs.load();
    while (ms > seen && !m_maxRecorderLagMs.compare_exchange_weak(seen, ms)) {
    }
    // The gauge moves in 100 ms steps, so the metrics' mutex is taken only when the lag changes that much.
    const std::int64_t step = ms / 100 * 100;
    if (m_publishedLagMs.load() != step) {
        const std::lock_guard lock(m_lagMutex);
        m_publishedLagMs.store(step);
        m_metrics.set(kMetricRecorderLag, "", step);
    }
}

void MediaRelay::Impl::publishPorts() {
    m_metrics.set(kMetricPortPairsFree, "", static_cast<std::int64_t>(m_ports.available()));
}

}  // namespace callvault::server::media

namespace callvault::server::media {

MediaRelay::MediaRelay(boost::asio::io_context& io, boost::asio::thread_pool& blockingPool,
                       MediaSettings settings, store::Store& store, std::shared_ptr<const SigningKey> key,
                       Metrics& metrics)
    : m_impl(std::make_shared<Impl>(io, blockingPool, std::move(settings), store, std::move(key), metrics)) {}

MediaRelay::~MediaRelay() {
    // Here, not in Impl's destructor: the last reference to Impl may be dropped on one of its threads.
    m_impl->stopThreads();
}

std::shared_ptr<CallMedia> MediaRelay::createCall(const std::string& tag) {
    return m_impl->createCall(tag);
}

void MediaRelay::stopAll(std::function<void()> done) {
    m_impl->stopAll(std::move(done));
}

std::size_t MediaRelay::activeCalls() const {
    return m_impl->activeCalls();
}

std::chrono::milliseconds MediaRelay::maxRecorderLag() const {
    return m_impl->maxRecorderLag();
}

std::size_t MediaRelay::freePortPairs() const {
    return m_impl->freePortPairs();
}

bool MediaRelay::recordingAlarm() const {
    return m_impl->alarm();
}

void MediaRelay::raiseRecordingAlarm(const std::string& reason) {
    m_impl->raiseAlarm(reason);
}

void MediaRelay::clearRecordingAlarm() {
    m_impl->clearAlarm();
}

const MediaSettings& MediaRelay::settings() const {
    return m_impl->settings();
}

}  // namespace callvault::server::media
