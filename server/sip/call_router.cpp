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

/// §18: why a call of `direction` on `record`'s number is not recorded; empty when it is.
std::string whyNotRecorded(const NumberRecord& record, record::CallDirection direction) {
    const auto& number = record.number;
    if (number.status != NumberStatus::Normal) {
        return "number status " + std::string(toString(number.status));
    }
    if (direction == record::CallDirection::Inbound && !number.inbound) {
        return "inbound calls of the number are not recorded";
    }
    if (direction == record::CallDirection::Outbound && !number.outbound) {
        return "outbound calls of the number are not recorded";
    }
    if (!record.recordingStartDate.empty() && record.today < record.recordingStartDate) {
        return "recording starts on " + record.recordingStartDate;
    }
    return {};
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
        auto callerRecord = caller.empty() ? std::nullopt : directory.find(caller);
        if (callerRecord) {
            CallerRecording side{caller, decision.dialled, std::move(*callerRecord), false, {}};
            side.notRecordedWhy = whyNotRecorded(side.number, record::CallDirection::Outbound);
            side.record = side.notRecordedWhy.empty();
            decision.caller = std::move(side);
        }
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
        decision.targetUri =
            "sip:" + decision.dialled + "@" +
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
    const auto peer =
        peerForUri(config.contacts.count(decision.dialled) != 0 ? decision.targetUri : config.downstream);
    if (!peer) {
        return reject(500, "Server Internal Error");
    }
    decision.targetPeer = *peer;
    decision.notRecordedWhy = whyNotRecorded(*decision.number, decision.direction);
    decision.record = decision.notRecordedWhy.empty();
    return decision;
}

}  // namespace callvault::server::sip
