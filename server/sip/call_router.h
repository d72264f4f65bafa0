#pragma once

#include "server/record/recording_metadata.h"
#include "server/sip/number_directory.h"
#include "server/sip/sip_message.h"
#include "server/sip/sip_transport_types.h"

#include <map>
#include <optional>
#include <string>

namespace callvault::server::sip {

/// Where leg B of calls goes (the `[sip]` configuration).
struct RoutingConfig {
    std::string downstream;                       ///< "sip:host:port;transport=udp"; "" = none
    std::map<std::string, std::string> contacts;  ///< dialled number → its contact URI
};

/// The caller's own recording when a user number calls another user number: §29 wants one recording per
/// call leg of a user, so the callee's (inbound, the decision's main fields) and the caller's (outbound).
struct CallerRecording {
    std::string userNumber;
    std::string otherNumber;
    NumberRecord number;
    bool record = false;
    std::string notRecordedWhy;
};

/// What to do with a new INVITE.
struct RouteDecision {
    int rejectStatus = 0;  ///< non-zero: answer this and relay nothing
    std::string rejectReason;
    record::CallDirection direction = record::CallDirection::Inbound;
    std::string userNumber;   ///< the recorded subscriber's number
    std::string otherNumber;  ///< the other party ("anonymous" when the caller hides it)
    std::string dialled;      ///< Request-URI user part
    std::string targetUri;    ///< leg B's Request-URI
    SipPeer targetPeer;       ///< where leg B's requests go
    bool record = false;
    std::string notRecordedWhy;  ///< when !record: "status pending_activation", "inbound not recorded"...
    std::optional<NumberRecord> number;
    std::optional<CallerRecording> caller;  ///< inbound calls from another user number only
};

/// Decides the route of `invite`: inbound when its Request-URI user is a user number (and, when the caller
/// is one too, the caller's outbound recording beside it), else outbound when its P-Asserted-Identity or
/// From user is one; else 404. Leg B goes to the dialled number's contact, else
/// to the downstream proxy with the dialled number as user; 480 when neither is configured. Recording
/// (§18): only a Normal number, with the function of the call's direction, once the user's recording start
/// date is reached. May block (the directory).
RouteDecision routeCall(const SipMessage& invite, NumberDirectory& directory, const RoutingConfig& config);

}  // namespace callvault::server::sip
