#include "server/sip/call_router.h"

#include "server/sip/sip_uri_target.h"

namespace callvault::server::sip {

namespace {

RouteDecision reject(int status, std::string reason) {
    RouteDecision decision;
    decision.rejectStatus = status;
    decision.rejectReason = std::move(reason);
    return decision;
}

std::string callerNumber(const SipMessage& invite) {
    if (const auto pai = invite.header("P-Asserted-Identity")) {
        if (auto user = uriUser(*pai); !user.empty()) {
            return user;
        }
    }
    return uriUser(invite.fromUri());
}

void decideRecording(RouteDecision& decision) {
    const auto& record = *decision.number;
    const auto& number = record.number;
    if (number.status != NumberStatus::Normal) {
        decision.notRecordedWhy = "number status " + std::string(toString(number.status));
    } else if (decision.direction == record::CallDirection::Inbound && !number.inbound) {
        decision.notRecordedWhy = "inbound calls of the number are not recorded";
    } else if (decision.direction == record::CallDirection::Outbound && !number.outbound) {
        decision.notRecordedWhy = "outbound calls of the number are not recorded";
    } else if (!record.recordingStartDate.empty() && record.today < record.recordingStartDate) {
        decision.notRecordedWhy = "recording starts on " + record.recordingStartDate;
    } else {
        decision.record = true;
    }
}

}  // namespace

RouteDecision routeCall(const SipMessage& invite, NumberDirectory& directory, const RoutingConfig& config) {
    RouteDecision decision;
    decision.dialled = uriUser(invite.requestUri());
    const std::string caller = callerNumber(invite);
    if (auto found = directory.find(decision.dialled)) {
        decision.direction = record::CallDirection::Inbound;
        decision.userNumber = decision.dialled;
        decision.otherNumber = caller.empty() ? "anonymous" : caller;
        decision.number = std::move(found);
    } else if (auto from = directory.find(caller)) {
        decision.direction = record::CallDirection::Outbound;
        decision.userNumber = caller;
        decision.otherNumber = decision.dialled;
        decision.number = std::move(from);
    } else {
        return reject(404, "Not Found");
    }
    if (decision.dialled.empty()) {
        return reject(404, "Not Found");
    }

    if (const auto contact = config.contacts.find(decision.dialled); contact != config.contacts.end()) {
        decision.targetUri = contact->second;
    } else if (!config.downstream.empty()) {
        const auto proxy = parseSipUri(config.downstream);
        if (!proxy) {
            return reject(500, "Server Internal Error");
        }
        decision.targetUri = "sip:" + decision.dialled + "@" +
                             (proxy->host.find(':') != std::string::npos ? "[" + proxy->host + "]" : proxy->host);
        if (proxy->port) {
            decision.targetUri += ":" + std::to_string(*proxy->port);
        }
        if (!proxy->transport.empty()) {
            decision.targetUri += ";transport=" + proxy->transport;
        }
    } else {
        return reject(480, "Temporarily Unavailable");
    }
    const auto peer = peerForUri(config.contacts.count(decision.dialled) != 0 ? decision.targetUri
                                                                                : config.downstream);
    if (!peer) {
        return reject(500, "Server Internal Error");
    }
    decision.targetPeer = *peer;
    decideRecording(decision);
    return decision;
}

}  // namespace callvault::server::sip
