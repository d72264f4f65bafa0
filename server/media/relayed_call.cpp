#include "server/media/relayed_call.h"

#include "server/media/media_metrics.h"
#include "server/media/media_relay_impl.h"
#include "server/media/recording_cdr.h"
#include "server/record/recording_error.h"
#include "server/record/recording_session.h"
#include "server/util/log.h"
#include "server/util/metrics.h"

#include <algorithm>

#include "server/media/media_asio.h"

namespace callvault::server::media {
namespace {

std::string advertised(const MediaSettings& settings) {
    return settings.advertisedAddress.empty() ? settings.bindAddress : settings.advertisedAddress;
}

std::string describe(const LegStats& stats) {
    return "in " + std::to_string(stats.packetsIn) + " out " + std::to_string(stats.packetsOut) + " bad " +
           std::to_string(stats.badPackets) + " lost " + std::to_string(stats.lost) +
           (stats.latched ? " from " + stats.source.address + ":" + std::to_string(stats.source.port) : "");
}

}  // namespace

RelayedCall::RelayedCall(std::shared_ptr<MediaRelay::Impl> relay, MediaLoop& loop, std::string tag,
                         std::array<std::uint16_t, 2> ports, std::array<int, 4> fds)
    : m_relay(std::move(relay)),
      m_loop(loop),
      m_network(loop.executor()),
      m_tag(std::move(tag)),
      m_ports(ports),
      m_local{MediaEndpoint{advertised(m_relay->settings()), ports[0]},
              MediaEndpoint{advertised(m_relay->settings()), ports[1]}},
      m_timer(std::in_place, m_network),
      m_encoderStrand(boost::asio::make_strand(m_relay->encoders())),
      m_recorder([this](const std::string& callId, const std::string& reason) {
          m_relay->recordingFailed(callId, reason);
      }) {
    for (std::size_t i = 0; i < m_sockets.size(); ++i) {
        auto& socket = m_sockets[i];
        socket.call = this;
        socket.leg = i < 2 ? Leg::A : Leg::B;
        socket.rtcp = i % 2 == 1;
        socket.fd = UniqueFd(fds[i]);
    }
}

RelayedCall::~RelayedCall() = default;

void RelayedCall::start() {
    auto self = shared_from_this();
    boost::asio::dispatch(m_network, [self] {
        if (self->m_stopping) {
            return;
        }
        // The loop keeps the call alive while it watches its sockets: until doStop().
        for (auto& socket : self->m_sockets) {
            self->m_loop.watch(socket.fd.get(), &socket, self);
        }
        // Calls set up in a burst would tick in step, and every recorder would encode at the same moment;
        // a first tick at a spread-out phase keeps the encoders' work even over time.
        self->scheduleTick(self->firstTickDelay());
    });
}

void RelayedCall::setRemote(Leg leg, const RemoteMedia& remote) {
    auto self = shared_from_this();
    boost::asio::dispatch(m_network, [self, leg, remote] {
        if (!self->m_stopping) {
            self->m_legs[index(leg)].setRemote(remote);
        }
    });
}

bool RelayedCall::startRecording(const record::RecordingMetadata& metadata, Leg userLeg) {
    if (m_stopped.load()) {
        log::error("call " + m_tag + ": recording " + metadata.callId + " refused: the call has ended");
        return false;
    }
    if (const auto reason = m_relay->refusalReason(); !reason.empty()) {
        log::error("call " + m_tag + ": recording " + metadata.callId + " refused: " + reason);
        m_relay->metrics().add(kMetricRecordingsRefused);
        return false;
    }
    const auto mediaStart = Clock::now();
    auto self = shared_from_this();
    boost::asio::dispatch(m_network, [self, metadata, userLeg, mediaStart] {
        if (self->m_stopping) {
            return;
        }
        ++self->m_recordings;
        ++self->m_pendingSessions;
        boost::asio::post(self->m_encoderStrand, [self, callId = metadata.callId, userLeg] {
            self->m_recorder.addPending(callId, userLeg);
        });
        self->m_relay->recordingStarted();
        boost::asio::post(self->m_relay->pool(), [self, metadata, mediaStart] {
            auto session = std::make_shared<SessionPtr>();
            const auto& relay = *self->m_relay;
            try {
                *session = std::make_unique<record::RecordingSession>(
                    relay.settings().dataDir, metadata, relay.key(), mediaStart, relay.settings().recorder);
                log::info("call " + self->m_tag + ": recording " + metadata.callId + " started");
            } catch (const record::RecordingError& e) {
                self->m_relay->recordingFailed(metadata.callId, e.what());
            } catch (const std::exception& e) {
                log::error("call " + self->m_tag + ": recording " + metadata.callId +
                           " not started: " + e.what());
            }
            boost::asio::dispatch(self->m_network, [self, callId = metadata.callId, session] {
                self->onSessionCreated(callId, session);
            });
        });
    });
    return true;
}

void RelayedCall::onSessionCreated(const std::string& callId, std::shared_ptr<SessionPtr> session) {
    --m_pendingSessions;
    auto self = shared_from_this();
    const auto removePending = [&] {
        boost::asio::post(m_encoderStrand, [self, callId] { self->m_recorder.removePending(callId); });
    };
    if (!*session) {
        --m_recordings;
        removePending();
        m_relay->recordingEnded();
        if (m_stopping) {
            onFinished({}, {"recording " + callId + " could not be started"});
        }
        return;
    }
    if (m_stopping) {
        removePending();
        std::vector<SessionPtr> sessions;
        sessions.push_back(std::move(*session));
        finishOnPool(std::move(sessions), m_end);
        return;
    }
    // Posted after every batch that holds audio of the pending time, so the buffered packets go first.
    boost::asio::post(m_encoderStrand,
                      [self, callId, session] { self->m_recorder.install(callId, *session); });
}

void RelayedCall::updateRecordingMetadata(const record::RecordingMetadata& metadata) {
    auto self = shared_from_this();
    boost::asio::dispatch(m_network, [self, metadata] {
        if (!self->m_stopping) {
            boost::asio::post(self->m_encoderStrand,
                              [self, metadata] { self->m_recorder.updateMetadata(metadata); });
        }
    });
}

void RelayedCall::setDtmfHandler(std::function<void(const DtmfEvent&)> handler) {
    const std::lock_guard lock(m_mutex);
    m_dtmfHandler = std::move(handler);
}

std::vector<DtmfEvent> RelayedCall::dtmfEvents() const {
    const std::lock_guard lock(m_mutex);
    return m_dtmf;
}

LegStats RelayedCall::legStats(Leg leg) const {
    const std::lock_guard lock(m_mutex);
    return m_statsSnapshot[index(leg)];
}

void RelayedCall::handleDtmf(const std::vector<DtmfEvent>& events) {
    if (events.empty()) {
        return;
    }
    std::function<void(const DtmfEvent&)> handler;
    {
        const std::lock_guard lock(m_mutex);
        m_dtmf.insert(m_dtmf.end(), events.begin(), events.end());
        handler = m_dtmfHandler;
    }
    for (const auto& event : events) {
        log::info("call " + m_tag + ": DTMF '" + std::string(1, event.digit) + "' on leg " +
                  (event.from == Leg::A ? "A" : "B"));
        m_relay->metrics().add(kMetricDtmfEvents);
        if (handler) {
            handler(event);
        }
    }
}

std::chrono::milliseconds RelayedCall::firstTickDelay() const {
    static std::atomic<std::uint32_t> counter{0};
    // Golden-ratio steps spread consecutive calls evenly over the interval.
    const auto fraction = static_cast<double>(counter.fetch_add(1) * 2654435769U) / 4294967296.0;
    const auto interval = m_relay->settings().tickInterval;
    return std::chrono::milliseconds(
        1 + static_cast<std::int64_t>(fraction * static_cast<double>(interval.count())));
}

void RelayedCall::scheduleTick(std::chrono::milliseconds delay) {
    auto self = shared_from_this();
    m_timer->expires_after(delay);
    m_timer->async_wait([self](const boost::system::error_code& ec) {
        if (!ec && !self->m_stopping) {
            self->onTick();
        }
    });
}

void RelayedCall::onTick() {
    feedRecorder(Clock::now());
    flushMetrics();
    snapshotStats();
    scheduleTick(m_relay->settings().tickInterval);
}

void RelayedCall::feedRecorder(Clock::time_point now) {
    if (m_recordings == 0) {
        return;
    }
    auto self = shared_from_this();
    boost::asio::post(m_encoderStrand, [self, now, batch = std::exchange(m_audio, {})] {
        self->m_relay->noteRecorderLag(Clock::now() - now);
        self->m_recorder.feed(batch);
        self->m_recorder.tick(now);
        self->m_late.store(self->m_recorder.latePackets());
    });
}

void RelayedCall::flushMetrics() {
    auto& metrics = m_relay->metrics();
    std::uint64_t in = 0;
    std::uint64_t out = 0;
    std::uint64_t bad = 0;
    std::uint64_t lost = 0;
    for (std::size_t i = 0; i < 2; ++i) {
        const auto& now = m_legs[i].stats();
        auto& then = m_flushed[i];
        in += now.packetsIn - then.packetsIn;
        out += now.packetsOut - then.packetsOut;
        bad += now.badPackets - then.badPackets;
        // Lost counts can go down (a late packet fills a gap); the metric only grows.
        const auto lostFlushed = std::max(now.lost, then.lost);
        lost += now.lost > then.lost ? now.lost - then.lost : 0;
        then = now;
        then.lost = lostFlushed;
    }
    const auto late = m_late.load();
    const auto addIf = [&metrics](const char* name, std::uint64_t delta) {
        if (delta != 0) {
            metrics.add(name, "", static_cast<std::int64_t>(delta));
        }
    };
    addIf(kMetricRtpReceived, in);
    addIf(kMetricRtpSent, out);
    addIf(kMetricRtpBad, bad);
    addIf(kMetricRtpLost, lost);
    addIf(kMetricRtpLate, late - m_lateFlushed);
    addIf(kMetricRtpSendErrors, m_sendErrors - m_sendErrorsFlushed);
    m_lateFlushed = late;
    m_sendErrorsFlushed = m_sendErrors;
}

void RelayedCall::snapshotStats() {
    const std::lock_guard lock(m_mutex);
    m_statsSnapshot = {m_legs[0].stats(), m_legs[1].stats()};
}

void RelayedCall::stop(std::function<void(const CallMediaResult&)> done) {
    const auto end = Clock::now();
    m_stopped.store(true);
    auto self = shared_from_this();
    boost::asio::dispatch(
        m_network, [self, end, done = std::move(done)]() mutable { self->doStop(end, std::move(done)); });
}

void RelayedCall::doStop(Clock::time_point end, std::function<void(const CallMediaResult&)> done) {
    if (m_finished) {
        if (done) {
            boost::asio::post(m_relay->pool(), [done = std::move(done), result = m_result] { done(result); });
        }
        return;
    }
    if (done) {
        m_done.push_back(std::move(done));
    }
    if (m_stopping) {
        return;
    }
    m_stopping = true;
    m_end = end;
    m_timer.reset();  // cancels the tick
    // This may drop the loop's reference to the call: `self` keeps it for the rest of the stop.
    auto self = shared_from_this();
    for (auto& socket : m_sockets) {
        m_loop.unwatch(socket.fd.get(), &socket);
        socket.fd.reset();
    }
    m_relay->releaseLoop(m_loop);
    m_relay->releasePorts(m_ports[0], m_ports[1]);
    flushMetrics();
    snapshotStats();
    m_result.a = m_legs[0].stats();
    m_result.b = m_legs[1].stats();
    m_outstanding = 1 + m_pendingSessions;
    // The last audio, then every installed session; pending ones finish when their creation returns.
    boost::asio::post(m_encoderStrand, [self, end, batch = std::exchange(m_audio, {})] {
        self->m_recorder.feed(batch);
        self->m_recorder.tick(end);
        self->finishOnPool(self->m_recorder.takeSessions(), end);
    });
}

void RelayedCall::finishOnPool(std::vector<SessionPtr> sessions, Clock::time_point end) {
    auto self = shared_from_this();
    auto shared = std::make_shared<std::vector<SessionPtr>>(std::move(sessions));
    boost::asio::post(m_relay->pool(), [self, shared, end] {
        auto& relay = *self->m_relay;
        std::vector<record::FinishedRecording> recordings;
        std::vector<std::string> errors;
        for (auto& session : *shared) {
            const auto callId = session->metadata().callId;
            if (session->failed()) {
                errors.push_back("recording " + callId +
                                 " failed during the call; kept in spool/ for recovery");
                session.reset();
                relay.recordingEnded();
                continue;
            }
            try {
                auto finished = session->finish(end);
                session.reset();
                try {
                    storeFinishedRecording(relay.store(), relay.settings().dataDir, finished);
                    relay.metrics().add(kMetricRecordingsWritten);
                } catch (const std::exception& e) {
                    relay.metrics().add(kMetricCdrErrors);
                    log::error("recording " + callId +
                               ": cannot store its CDR row (the next start stores it): " + e.what());
                }
                recordings.push_back(std::move(finished));
            } catch (const std::exception& e) {
                session.reset();
                relay.recordingFailed(callId, e.what());
                errors.push_back("recording " + callId + ": " + e.what());
            }
            relay.recordingEnded();
        }
        boost::asio::dispatch(self->m_network, [self, recordings = std::move(recordings),
                                                errors = std::move(errors)]() mutable {
            self->onFinished(std::move(recordings), std::move(errors));
        });
    });
}

void RelayedCall::onFinished(std::vector<record::FinishedRecording> recordings,
                             std::vector<std::string> errors) {
    for (auto& recording : recordings) {
        m_result.recordings.push_back(std::move(recording));
    }
    for (auto& error : errors) {
        m_result.recordingErrors.push_back(std::move(error));
    }
    if (--m_outstanding > 0) {
        m_result.dtmf = dtmfEvents();
        return;
    }
    m_finished = true;
    m_result.dtmf = dtmfEvents();
    std::string line =
        "call " + m_tag + " media ended: A " + describe(m_result.a) + "; B " + describe(m_result.b);
    for (const auto& recording : m_result.recordings) {
        line +=
            "; recorded " + recording.metadata.callId + " " + std::to_string(recording.durationMs) + " ms";
    }
    for (const auto& error : m_result.recordingErrors) {
        line += "; " + error;
    }
    log::info(line);
    auto done = std::move(m_done);
    m_done.clear();
    auto self = shared_from_this();
    boost::asio::post(m_relay->pool(), [self, done = std::move(done), result = m_result] {
        self->m_relay->callEnded(self.get());
        for (const auto& callback : done) {
            callback(result);
        }
    });
}

}  // namespace callvault::server::media
