#include "server/sip/b2bua_call.h"

#include "server/sip/sip_response_builder.h"
#include "server/util/log.h"
#include "server/util/metrics.h"

#include <cstdio>

namespace callvault::server::sip {

void B2buaCall::hangUp(LegSide by, std::string why) {
    if (m_state != State::Answered) {
        return;
    }
    // BYE toward the side that did not hang up (both sides when we end the call ourselves).
    for (const LegSide side : {LegSide::A, LegSide::B}) {
        if (side == by && why.rfind("BYE", 0) == 0) {
            continue;
        }
        auto bye = newRequest(side, "BYE");
        if (!bye.empty()) {
            sendInDialog(side, std::move(bye), {}, {});
        }
    }
    finish(std::to_string(m_finalStatus) + ", ended by " + why);
}

void B2buaCall::onTerminate(int status) {
    switch (m_state) {
        case State::Answered:
            hangUp(LegSide::A, "the server (shutting down)");
            // hangUp sends BYE to both legs: `by` is not a BYE sender here.
            break;
        case State::Routing:
        case State::Calling:
            m_inviteA->respond(responseToA(status));
            if (m_inviteB && m_inviteB->gotProvisional()) {
                sendCancelB();
            } else if (m_inviteB) {
                m_cancelPending = true;
            }
            m_state = State::Cancelling;
            finish(std::to_string(status) + " server shutting down");
            break;
        case State::Cancelling:
            finish(m_outcome);
            break;
        case State::Ended:
            break;
    }
}

void B2buaCall::startRecording() {
    const auto& route = *m_route;
    m_callId = m_env.callIds->next(m_answerUnixMs / 1000);
    if (route.record && route.number) {
        // Inbound: the user is the callee (leg B); outbound: the caller (leg A).
        recordParty(m_callId, *route.number, route.userNumber, route.otherNumber, route.direction,
                    route.direction == record::CallDirection::Outbound);
    }
    if (route.caller && route.caller->record) {
        recordParty(m_env.callIds->next(m_answerUnixMs / 1000), route.caller->number,
                    route.caller->userNumber, route.caller->otherNumber, record::CallDirection::Outbound,
                    true);
    }
}

void B2buaCall::recordParty(const std::string& callId, const NumberRecord& number,
                            const std::string& userNumber, const std::string& otherNumber,
                            record::CallDirection direction, bool userIsLegA) {
    record::RecordingMetadata metadata;
    metadata.callId = callId;
    metadata.startUtcMs = m_answerUnixMs;
    metadata.companyId = number.number.companyId;
    metadata.userId = number.number.userId;
    metadata.groupId = number.groupId;
    metadata.userNumber = userNumber;
    metadata.otherNumber = otherNumber;
    metadata.direction = direction;
    metadata.node = callId.substr(12, 2);
    try {
        m_media->startRecording(metadata, userIsLegA);
        m_recordedCallIds.push_back(callId);
    } catch (const std::exception& e) {
        log::error("call " + callId + ": recording refused: " + e.what());
        if (m_env.metrics != nullptr) {
            m_env.metrics->add("callvault_recordings_refused_total");
        }
    }
}

void B2buaCall::finish(std::string outcome) {
    if (m_finished) {
        return;
    }
    m_finished = true;
    m_outcome = std::move(outcome);
    m_state = State::Ended;
    m_endedAt = std::chrono::steady_clock::now();
    m_guard.cancel();
    if (m_callId.empty()) {
        m_callId = m_env.callIds->next(m_inviteUnixMs / 1000);
    }
    if (m_env.metrics != nullptr) {
        const auto space = m_outcome.find(' ');
        const auto status =
            m_answeredAt ? std::string("200") : m_outcome.substr(0, std::min<std::size_t>(space, 3));
        m_env.metrics->add("callvault_sip_calls_total", "{status=\"" + status + "\"}");
    }
    auto done = [weak = weak_from_this()](bool recorded) {
        auto self = weak.lock();
        if (!self) {
            return;
        }
        boost::asio::post(self->m_strand, [self, recorded] {
            self->logSummary(recorded);
            if (self->m_env.onFinished) {
                self->m_env.onFinished(*self);
            }
            self->release();
        });
    };
    if (m_media) {
        m_media->stop(std::move(done));
    } else {
        done(false);
    }
}

void B2buaCall::release() {
    // Linger a little so retransmissions (a lost 200 to a BYE, a late ACK) are still answered.
    m_guard.expires_after(m_env.timers.t4);
    m_guard.async_wait([self = shared_from_this()](const boost::system::error_code&) {
        for (auto* legp : {&self->m_legA, &self->m_legB}) {
            for (const auto& client : legp->clients) {
                client->terminate();
            }
            for (const auto& server : legp->servers) {
                server->terminate();
            }
        }
        if (self->m_inviteA) {
            self->m_inviteA->terminate();
        }
        if (self->m_inviteB) {
            self->m_inviteB->terminate();
        }
        if (self->m_env.onReleased) {
            self->m_env.onReleased(*self);
        }
    });
}

void B2buaCall::logSummary(bool recorded) const {
    const auto& route = m_route;
    std::string line = "call " + m_callId + " ended: ";
    if (route && route->rejectStatus == 0) {
        const bool inbound = route->direction == record::CallDirection::Inbound;
        line += inbound ? "inbound " + route->otherNumber + " -> " + route->userNumber
                        : "outbound " + route->userNumber + " -> " + route->otherNumber;
    } else {
        const auto& invite = m_inviteA->request();
        line += "unrouted " + invite.fromUri() + " -> " + invite.requestUri();
    }
    if (m_answeredAt) {
        char seconds[32];
        std::snprintf(seconds, sizeof seconds, "%.1f",
                      std::chrono::duration<double>(m_endedAt - *m_answeredAt).count());
        line += ", answered, duration " + std::string(seconds) + " s";
    } else {
        line += ", not answered";
    }
    line += ", status " + m_outcome;
    if (recorded) {
        line += ", recorded as";
        for (const auto& callId : m_recordedCallIds) {
            line += " " + callId;
        }
    }
    if (route && route->rejectStatus == 0 && !route->record) {
        line += ", " + route->userNumber + " not recorded (" + route->notRecordedWhy + ")";
    }
    if (route && route->caller && !route->caller->record) {
        line += ", " + route->caller->userNumber + " not recorded (" + route->caller->notRecordedWhy + ")";
    }
    if (!recorded && (!route || route->rejectStatus != 0 || route->record)) {
        line += ", not recorded";
    }
    line += ", SIP Call-ID " + m_callIdA;
    log::info(line);
}

}  // namespace callvault::server::sip
