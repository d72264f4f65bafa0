#pragma once

#include "server/sip/sip_message.h"

#include <string>
#include <string_view>
#include <vector>

namespace callvault::server::sip {

/// What one side keeps about a dialog (RFC 3261 §12) to send requests inside it. A plain value.
struct SipDialog {
    std::string callId;
    std::string localUri;  ///< our From URI
    std::string localTag;
    std::string remoteUri;              ///< their To URI
    std::string remoteTag;              ///< "" before the dialog is confirmed (an initial request)
    std::string remoteTarget;           ///< their Contact URI: the Request-URI of our requests
    std::vector<std::string> routeSet;  ///< Route URIs, first hop first ("sip:proxy.example.com;lr")
    std::string localContact;           ///< our Contact URI; "" = none

    bool operator==(const SipDialog&) const = default;
};

/// The dialog a UAS forms by answering `request` with tag `localTag` (RFC 3261 §12.1.1): route set = the
/// request's Record-Route in order, remote target = its Contact.
SipDialog uasDialog(const SipMessage& request, std::string_view localTag, std::string_view localContact);

/// The dialog a UAC forms from its `request` and a 1xx/2xx `response` with a To tag (RFC 3261 §12.1.2):
/// route set = the response's Record-Route reversed, remote target = its Contact.
SipDialog uacDialog(const SipMessage& request, const SipMessage& response);

}  // namespace callvault::server::sip
