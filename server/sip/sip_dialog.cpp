#include "server/sip/sip_dialog.h"

#include "server/sip/osip_util.h"

#include <algorithm>

namespace callvault::server::sip {

namespace {

std::vector<std::string> recordRouteUris(const SipMessage& message) {
    std::vector<std::string> uris;
    const auto* raw = message.raw();
    const int size = osip_list_size(&raw->record_routes);
    for (int i = 0; i < size; ++i) {
        const auto* route = osip::listAt<osip_record_route_t>(&raw->record_routes, i);
        if (auto uri = osip::toString(route->url, osip_uri_to_str)) {
            uris.push_back(std::move(*uri));
        }
    }
    return uris;
}

}  // namespace

SipDialog uasDialog(const SipMessage& request, std::string_view localTag, std::string_view localContact) {
    SipDialog dialog;
    if (request.empty()) {
        return dialog;
    }
    dialog.callId = request.callId();
    dialog.localUri = request.toUri();
    dialog.localTag = std::string(localTag);
    dialog.remoteUri = request.fromUri();
    dialog.remoteTag = request.fromTag();
    dialog.remoteTarget = request.contactUri();
    dialog.routeSet = recordRouteUris(request);
    dialog.localContact = std::string(localContact);
    return dialog;
}

SipDialog uacDialog(const SipMessage& request, const SipMessage& response) {
    SipDialog dialog;
    if (request.empty() || response.empty()) {
        return dialog;
    }
    dialog.callId = request.callId();
    dialog.localUri = request.fromUri();
    dialog.localTag = request.fromTag();
    dialog.remoteUri = request.toUri();
    dialog.remoteTag = response.toTag();
    dialog.remoteTarget = response.contactUri();
    dialog.routeSet = recordRouteUris(response);
    std::reverse(dialog.routeSet.begin(), dialog.routeSet.end());
    dialog.localContact = request.contactUri();
    return dialog;
}

}  // namespace callvault::server::sip
