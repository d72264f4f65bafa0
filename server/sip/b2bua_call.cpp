#include "server/sip/b2bua_call.h"

#include "server/sip/sdp_writer.h"
#include "server/sip/sip_ids.h"
#include "server/sip/sip_response_builder.h"
#include "server/sip/sip_uri_target.h"
#include "server/util/log.h"

#include <chrono>

namespace callvault::server::sip {

namespace {

std::int64_t unixMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

}  // namespace

B2buaCall::B2buaCall(boost::asio::io_context& io, const B2buaEnvironment& env)
    : m_io(io), m_strand(boost::asio::make_strand(io)), m_env(env), m_guard(m_strand) {}

void B2buaCall::start(SipIncoming invite) {
    m_callIdA = invite.message.callId();
    boost::asio::post(m_strand, [self = shared_from_this(), invite = std::make_shared<SipIncoming>(
                                                                 std::move(invite))]() mutable {
        self->onStart(std::move(*invite));
    });
}

void B2buaCall::receive(LegSide side, SipIncoming incoming) {
    boost::asio::post(m_strand, [self = shared_from_this(), side,
                                 incoming = std::make_shared<SipIncoming>(std::move(incoming))]() mutable {
        self->onMessage(side, std::move(*incoming));
    });
}

void B2buaCall::terminate(int status) {
    boost::asio::post(m_strand, [self = shared_from_this(), status] { self->onTerminate(status); });
}

SipMessage B2buaCall::responseToA(int status, std::string_view reason) const {
    auto response = buildResponse(m_inviteA->request(), status, reason, status > 100 ? m_tagA : "");
    if (status > 100 && status < 300) {
        response.addHeader("Contact", "<" + contactFor(LegSide::A) + ">");
    }
    return response;
}

void B2buaCall::onStart(SipIncoming invite) {
    m_inviteUnixMs = unixMs();
    m_tagA = newTag();
    m_legA.peer = invite.source;
    m_inviteA = std::make_shared<SipServerTransaction>(m_strand, *m_env.sender,
                                                       SipIncoming{invite.message.clone(), invite.source},
                                                       m_env.timers);
    m_inviteA->respond(responseToA(100));
    if (invite.message.maxForwards().value_or(70) <= 0) {
        m_inviteA->respond(responseToA(483));
        finish("483 Too Many Hops");
        return;
    }
    if (invite.message.contentType() != "application/sdp" || !parseSdp(invite.message.body())) {
        // Late offer (an INVITE without SDP) is not supported: the media could not be anchored.
        m_inviteA->respond(responseToA(488));
        finish("488 Not Acceptable Here (no SDP offer)");
        return;
    }
    auto request = std::make_shared<SipMessage>(invite.message.clone());
    m_env.runBlocking([self = shared_from_this(), request] {
        RouteDecision decision;
        try {
            decision = routeCall(*request, *self->m_env.directory, self->m_env.routing);
        } catch (const std::exception& e) {
            log::error("SIP call " + self->m_callIdA + ": number lookup failed: " + e.what());
            decision.rejectStatus = 500;
            decision.rejectReason = "Server Internal Error";
        }
        boost::asio::post(self->m_strand, [self, decision = std::move(decision)]() mutable {
            self->onRouted(std::move(decision));
        });
    });
}

void B2buaCall::onRouted(RouteDecision decision) {
    if (m_state != State::Routing) {
        return;  // cancelled or terminated meanwhile
    }
    m_route = std::move(decision);
    if (m_route->rejectStatus != 0) {
        m_inviteA->respond(responseToA(m_route->rejectStatus, m_route->rejectReason));
        finish(std::to_string(m_route->rejectStatus) + " " + m_route->rejectReason);
        return;
    }
    try {
        m_media = m_env.media->createCall(m_callIdA);
    } catch (const std::exception& e) {
        log::warning("SIP call " + m_callIdA + ": no media: " + e.what());
        m_inviteA->respond(responseToA(503, "Service Unavailable"));
        finish("503 no media ports");
        return;
    }
    const auto& offer = m_inviteA->request().body();
    if (const auto sdp = parseSdp(offer)) {
        if (const auto remote = mediaRemoteFromSdp(*sdp)) {
            m_media->setRemoteA(*remote);
        }
    }
    const auto local = m_media->localEndpointB();
    const auto body = anchorSdp(offer, SdpAnchor{local.address, local.port});
    if (!body) {
        m_inviteA->respond(responseToA(488));
        finish("488 Not Acceptable Here");
        return;
    }
    sendInviteB(*body);
}

void B2buaCall::sendInviteB(const std::string& body) {
    const auto& inviteA = m_inviteA->request();
    SipDialog& dialog = m_legB.dialog;
    dialog.callId = newCallId(m_env.contactHost);
    dialog.localUri = inviteA.fromUri();
    dialog.localTag = newTag();
    dialog.remoteUri = inviteA.toUri();
    dialog.remoteTarget = m_route->targetUri;
    dialog.localContact = contactFor(LegSide::B);
    m_callIdB = dialog.callId;
    m_legB.peer = m_route->targetPeer;
    m_legB.cseq = 1;
    auto request = buildRequest(dialog, "INVITE", m_legB.cseq, m_env.via(m_legB.peer.transport),
                                inviteA.maxForwards().value_or(70) - 1);
    if (request.empty()) {
        m_inviteA->respond(responseToA(500));
        finish("500 cannot build the INVITE of leg B");
        return;
    }
    for (const auto& pai : inviteA.headers("P-Asserted-Identity")) {
        request.addHeader("P-Asserted-Identity", pai);
    }
    request.addHeader("Allow", "INVITE, ACK, CANCEL, BYE, OPTIONS, UPDATE, INFO");
    request.setBody(body, "application/sdp");
    m_env.registerLegB(m_callIdB, shared_from_this());
    m_state = State::Calling;
    m_inviteB = std::make_shared<SipClientTransaction>(m_strand, *m_env.sender, m_legB.peer, std::move(request),
                                                       m_env.timers);
    const bool sent = m_inviteB->start(
        [weak = weak_from_this()](const SipMessage& response) {
            if (auto self = weak.lock()) {
                self->onInviteResponse(response);
            }
        },
        [weak = weak_from_this()] {
            auto self = weak.lock();
            if (self && self->m_state == State::Calling) {
                self->m_inviteA->respond(self->responseToA(408));
                self->finish("408 Request Timeout (leg B did not answer)");
            } else if (self && self->m_state == State::Cancelling) {
                self->finish(self->m_outcome);
            }
        });
    if (!sent) {
        m_inviteA->respond(responseToA(503));
        finish("503 leg B unreachable");
    }
}

void B2buaCall::onInviteResponse(const SipMessage& response) {
    const int status = response.status();
    if (status >= 200 && status < 300) {
        if (m_state == State::Calling) {
            onAnswered(response);
        } else if (m_state == State::Answered && response.toTag() == m_legB.dialog.remoteTag) {
            m_env.sender->send(m_legB.ack, m_legB.peer);  // our ACK was lost
        } else {
            // Answered after a CANCEL or after the call ended: acknowledge and hang up that dialog.
            SipDialog late = uacDialog(m_inviteB->request(), response);
            late.localContact = contactFor(LegSide::B);
            const auto peer = peerFor(late, m_legB.peer);
            m_env.sender->send(buildRequest(late, "ACK", 1, m_env.via(peer.transport)), peer);
            auto bye = std::make_shared<SipClientTransaction>(
                m_strand, *m_env.sender, peer, buildRequest(late, "BYE", 2, m_env.via(peer.transport)),
                m_env.timers);
            bye->start({}, {});
            m_legB.clients.push_back(bye);
            if (m_state == State::Cancelling) {
                finish(m_outcome);
            }
        }
        return;
    }
    if (status < 200) {
        if (status == 100 || m_state != State::Calling) {
            if (m_cancelPending && status > 100) {
                sendCancelB();
            }
            return;
        }
        if (m_cancelPending) {
            sendCancelB();
            return;
        }
        auto relay = responseToA(status, response.reason());
        if (auto body = anchorFor(LegSide::A, LegSide::B, response)) {
            relay.setBody(*body, "application/sdp");
        }
        m_inviteA->respond(relay);
        return;
    }
    // 3xx-6xx: the client transaction already acknowledged it.
    if (m_state == State::Calling) {
        m_inviteA->respond(responseToA(status, response.reason()));
        finish(std::to_string(status) + " " + response.reason());
    } else if (m_state == State::Cancelling) {
        finish(m_outcome);
    }
}

void B2buaCall::onAnswered(const SipMessage& response) {
    m_legB.dialog = uacDialog(m_inviteB->request(), response);
    m_legB.dialog.localContact = contactFor(LegSide::B);
    m_legB.peer = peerFor(m_legB.dialog, m_legB.peer);
    m_legB.ack = buildRequest(m_legB.dialog, "ACK", m_legB.cseq, m_env.via(m_legB.peer.transport));
    m_env.sender->send(m_legB.ack, m_legB.peer);

    auto ok = responseToA(response.status(), response.reason());
    if (auto body = anchorFor(LegSide::A, LegSide::B, response)) {
        ok.setBody(*body, "application/sdp");
    }
    m_legA.dialog = uasDialog(m_inviteA->request(), m_tagA, contactFor(LegSide::A));
    m_legA.peer = peerFor(m_legA.dialog, m_legA.peer);
    m_inviteA->setAckTimeoutHandler([weak = weak_from_this()] {
        if (auto self = weak.lock(); self && self->m_state == State::Answered) {
            self->hangUp(LegSide::A, "no ACK from the caller");
        }
    });
    m_state = State::Answered;
    m_answeredAt = std::chrono::steady_clock::now();
    m_answerUnixMs = unixMs();
    m_finalStatus = response.status();
    // Before the 200 leaves: once the caller has it, the call is recorded.
    startRecording();
    m_inviteA->respond(ok);
}

void B2buaCall::onCancel(const SipIncoming& cancel) {
    m_env.sender->sendResponse(buildResponse(cancel.message, 200, {}, m_tagA), cancel.source);
    if (m_inviteA->finalSent() || m_state == State::Ended) {
        return;
    }
    m_inviteA->respond(responseToA(487));
    m_finalStatus = 487;
    if (m_state == State::Routing || !m_inviteB) {
        m_state = State::Cancelling;
        finish("487 cancelled by the caller");
        return;
    }
    m_state = State::Cancelling;
    m_outcome = "487 cancelled by the caller";
    if (m_inviteB->gotProvisional()) {
        sendCancelB();
    } else {
        m_cancelPending = true;  // RFC 3261 §9.1: CANCEL only once a provisional response arrived
    }
    m_guard.expires_after(m_env.timers.transactionTimeout());
    m_guard.async_wait([weak = weak_from_this()](const boost::system::error_code& ec) {
        if (auto self = weak.lock(); !ec && self && self->m_state == State::Cancelling) {
            self->finish(self->m_outcome);
        }
    });
}

void B2buaCall::sendCancelB() {
    m_cancelPending = false;
    auto cancel = std::make_shared<SipClientTransaction>(m_strand, *m_env.sender, m_legB.peer,
                                                         buildCancel(m_inviteB->request()), m_env.timers);
    cancel->start({}, {});
    m_legB.clients.push_back(cancel);
}

}  // namespace callvault::server::sip
