#include "server/sip/b2bua_call.h"

#include "server/sip/sdp_writer.h"
#include "server/sip/sip_response_builder.h"
#include "server/sip/sip_uri_target.h"
#include "server/util/log.h"

#include <algorithm>
#include <array>

namespace callvault::server::sip {

namespace {

/// Header fields an in-dialog request or its response carries across the B2BUA unchanged.
constexpr std::array<std::string_view, 10> kRelayedHeaders{
    "Event",       "Subscription-State", "Refer-To",   "Referred-By", "Info-Package",
    "Recv-Info",   "Content-Disposition", "Reason",    "Allow-Events", "Min-SE"};

void copyHeaders(const SipMessage& from, SipMessage& to) {
    for (const auto name : kRelayedHeaders) {
        for (const auto& value : from.headers(name)) {
            to.addHeader(name, value);
        }
    }
}

}  // namespace

std::string B2buaCall::contactFor(LegSide side) const {
    // The user part toward A is the dialled party, toward B the caller: what each phone expects to see.
    std::string user = "callvault";
    if (m_inviteA) {
        const auto& invite = m_inviteA->request();
        const auto candidate = side == LegSide::A ? uriUser(invite.requestUri()) : uriUser(invite.fromUri());
        if (!candidate.empty() && candidate.find_first_of("<>\"; @") == std::string::npos) {
            user = candidate;
        }
    }
    std::string uri = "sip:" + user + "@" + m_env.contactHost;
    const auto& peer = side == LegSide::A ? m_legA.peer : m_legB.peer;
    if (peer.transport == SipTransportKind::Tcp) {
        uri += ";transport=tcp";
    }
    return uri;
}

SipPeer B2buaCall::peerFor(const SipDialog& dialog, const SipPeer& fallback) const {
    if (fallback.transport == SipTransportKind::Tcp && fallback.connectionId != 0) {
        return fallback;  // keep using the connection the peer opened
    }
    const std::string next = dialog.routeSet.empty() ? dialog.remoteTarget : dialog.routeSet.front();
    if (auto peer = peerForUri(next)) {
        return *peer;
    }
    return fallback;
}

SipMessage B2buaCall::newRequest(LegSide to, std::string_view method, int maxForwards) {
    auto& target = leg(to);
    return buildRequest(target.dialog, method, ++target.cseq, m_env.via(target.peer.transport), maxForwards);
}

std::optional<std::string> B2buaCall::anchorFor(LegSide to, LegSide from, const SipMessage& message) {
    if (message.contentType() != "application/sdp" || message.body().empty() || !m_media) {
        return std::nullopt;
    }
    const auto sdp = parseSdp(message.body());
    if (!sdp) {
        return std::nullopt;
    }
    if (const auto remote = mediaRemoteFromSdp(*sdp)) {
        if (from == LegSide::A) {
            m_media->setRemoteA(*remote);
        } else {
            m_media->setRemoteB(*remote);
        }
    }
    const auto local = to == LegSide::A ? m_media->localEndpointA() : m_media->localEndpointB();
    return anchorSdp(message.body(), SdpAnchor{local.address, local.port});
}

std::shared_ptr<SipClientTransaction> B2buaCall::sendInDialog(LegSide to, SipMessage request,
                                                              SipClientTransaction::ResponseHandler onResponse,
                                                              SipClientTransaction::TimeoutHandler onTimeout) {
    auto& target = leg(to);
    auto client = std::make_shared<SipClientTransaction>(m_strand, *m_env.sender, target.peer, std::move(request),
                                                         m_env.timers);
    target.clients.push_back(client);
    if (!client->start(std::move(onResponse), onTimeout)) {
        if (onTimeout) {
            onTimeout();
        }
    }
    return client;
}

void B2buaCall::onMessage(LegSide side, SipIncoming incoming) {
    auto& from = leg(side);
    if (incoming.message.isResponse()) {
        if (side == LegSide::B && m_inviteB && m_inviteB->matches(incoming.message)) {
            m_inviteB->receive(incoming.message);
            return;
        }
        for (const auto& client : std::vector(from.clients)) {
            if (client->matches(incoming.message)) {
                client->receive(incoming.message);
                return;
            }
        }
        log::debug("SIP call " + m_callIdA + ": response " + std::to_string(incoming.message.status()) + " " +
                   incoming.message.cseqMethod() + " matches no transaction");
        return;
    }
    onRequest(side, std::move(incoming));
}

void B2buaCall::onRequest(LegSide side, SipIncoming incoming) {
    auto& from = leg(side);
    const auto& request = incoming.message;
    const std::string method = request.method();
    if (method == "ACK") {
        onAck(side, request);
        return;
    }
    if (side == LegSide::A && m_inviteA && m_inviteA->matches(request)) {
        m_inviteA->retransmit();
        return;
    }
    if (method == "CANCEL" && side == LegSide::A && m_inviteA) {
        const auto via = request.topVia();
        if (via && via->branch == m_inviteA->branch()) {
            onCancel(incoming);
        } else {
            m_env.sender->sendResponse(buildResponse(request, 481), incoming.source);
        }
        return;
    }
    const auto now = SipServerTransaction::Clock::now();
    std::erase_if(from.servers, [now](const auto& server) { return server->expired(now); });
    for (const auto& server : from.servers) {
        if (server->matches(request)) {
            server->retransmit();
            return;
        }
    }
    const bool inDialog = m_state == State::Answered && request.toTag() == from.dialog.localTag &&
                          request.fromTag() == from.dialog.remoteTag;
    if (!inDialog) {
        m_env.sender->sendResponse(buildResponse(request, 481, "Call/Transaction Does Not Exist"),
                                   incoming.source);
        return;
    }
    if (method == "BYE") {
        onBye(side, std::move(incoming));
        return;
    }
    if (request.maxForwards().value_or(70) <= 0) {
        m_env.sender->sendResponse(buildResponse(request, 483), incoming.source);
        return;
    }
    relayRequest(side, std::move(incoming));
}

void B2buaCall::onAck(LegSide side, const SipMessage& ack) {
    auto& from = leg(side);
    if (side == LegSide::A && m_inviteA && m_inviteA->matchesAck(ack)) {
        m_inviteA->acknowledged();
        return;
    }
    for (const auto& server : from.servers) {
        if (server->matchesAck(ack)) {
            const bool first = !server->ackReceived();
            server->acknowledged();
            // An offerless re-INVITE: the answer comes in this ACK and goes on in ours (sent only now).
            auto& to = leg(other(side));
            if (first && server->finalStatus() < 300 && !to.ack.empty() && to.ack.cseqMethod() == "ACK" && to.ack.body().empty() &&
                server->request().body().empty()) {
                if (auto body = anchorFor(other(side), side, ack)) {
                    to.ack.setBody(*body, "application/sdp");
                }
                m_env.sender->send(to.ack, to.peer);
            }
            return;
        }
    }
}

void B2buaCall::onBye(LegSide side, SipIncoming incoming) {
    auto server = std::make_shared<SipServerTransaction>(m_strand, *m_env.sender,
                                                         SipIncoming{incoming.message.clone(), incoming.source},
                                                         m_env.timers);
    server->respond(buildResponse(incoming.message, 200));
    leg(side).servers.push_back(server);
    hangUp(side, side == LegSide::A ? "BYE from the caller" : "BYE from the callee");
}

void B2buaCall::relayRequest(LegSide side, SipIncoming incoming) {
    const auto& request = incoming.message;
    const std::string method = request.method();
    auto server = std::make_shared<SipServerTransaction>(m_strand, *m_env.sender,
                                                         SipIncoming{incoming.message.clone(), incoming.source},
                                                         m_env.timers);
    auto& from = leg(side);
    const bool invite = method == "INVITE";
    if (invite) {
        const bool pending = std::any_of(from.servers.begin(), from.servers.end(), [](const auto& s) {
            return s->request().method() == "INVITE" && !s->finalSent();
        });
        const auto& otherClients = leg(other(side)).clients;
        const bool crossing = std::any_of(otherClients.begin(), otherClients.end(), [](const auto& c) {
            return c->method() == "INVITE" && !c->gotFinal();
        });
        from.servers.push_back(server);
        if (pending || crossing) {
            server->respond(buildResponse(request, 491, "Request Pending", from.dialog.localTag));
            return;
        }
        server->respond(buildResponse(request, 100));
    } else {
        from.servers.push_back(server);
    }

    auto forward = newRequest(other(side), method, request.maxForwards().value_or(70) - 1);
    if (forward.empty()) {
        server->respond(buildResponse(request, 500, {}, from.dialog.localTag));
        return;
    }
    copyHeaders(request, forward);
    if (auto sdp = anchorFor(other(side), side, request)) {
        forward.setBody(*sdp, "application/sdp");
    } else if (!request.body().empty()) {
        forward.setBody(request.body(), request.contentType());
    }
    // The handler reaches its own transaction through a weak box: a strong one would be a reference cycle.
    auto client = std::make_shared<std::weak_ptr<SipClientTransaction>>();
    *client = sendInDialog(
        other(side), std::move(forward),
        [weak = weak_from_this(), side, server, client](const SipMessage& response) {
            if (auto self = weak.lock()) {
                self->onRelayedResponse(side, server, client->lock(), response);
            }
        },
        [weak = weak_from_this(), server] {
            if (auto self = weak.lock(); self && !server->finalSent()) {
                server->respond(buildResponse(server->request(), 408, {}, server->request().toTag()));
            }
        });
}

void B2buaCall::onRelayedResponse(LegSide from, const std::shared_ptr<SipServerTransaction>& server,
                                  const std::shared_ptr<SipClientTransaction>& client, const SipMessage& response) {
    const int status = response.status();
    const auto& request = server->request();
    auto& to = leg(other(from));
    if (client && client->method() == "INVITE" && status >= 200 && status < 300) {
        if (server->finalSent()) {
            m_env.sender->send(to.ack, to.peer);  // a retransmitted 2xx: ACK again
            return;
        }
        to.ack = buildRequest(to.dialog, "ACK", client->request().cseqNumber().value_or(to.cseq),
                              m_env.via(to.peer.transport));
        if (!request.body().empty()) {
            m_env.sender->send(to.ack, to.peer);
        }
        // else: the caller's answer comes in its ACK (onAck sends ours then).
    }
    if (status < 200 || server->finalSent()) {
        return;
    }
    auto relay = buildResponse(request, status, response.reason(), request.toTag());
    copyHeaders(response, relay);
    if (status < 300 && (request.method() == "INVITE" || request.method() == "UPDATE")) {
        relay.addHeader("Contact", "<" + contactFor(from) + ">");
    }
    if (auto sdp = anchorFor(from, other(from), response)) {
        relay.setBody(*sdp, "application/sdp");
    } else if (!response.body().empty()) {
        relay.setBody(response.body(), response.contentType());
    }
    server->respond(relay);
}

}  // namespace callvault::server::sip
