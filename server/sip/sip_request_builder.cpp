#include "server/sip/sip_request_builder.h"

#include "server/sip/osip_util.h"
#include "server/sip/sip_ids.h"

namespace callvault::server::sip {

namespace {

OsipMessagePtr newRequest(std::string_view method) {
    osip::ensureInitialised();
    osip_message_t* raw = nullptr;
    if (osip_message_init(&raw) != 0) {
        return nullptr;
    }
    OsipMessagePtr message(raw);
    osip_message_set_method(raw, osip::duplicate(method));
    osip_message_set_version(raw, osip::duplicate("SIP/2.0"));
    return message;
}

bool setUri(osip_message_t* message, std::string_view text) {
    osip_uri_t* uri = nullptr;
    const std::string copy = osip::toOsip(text);
    if (osip_uri_init(&uri) != 0 || osip_uri_parse(uri, copy.c_str()) != 0) {
        osip_uri_free(uri);
        return false;
    }
    osip_message_set_uri(message, uri);
    return true;
}

bool isLooseRoute(std::string_view route) {
    osip_uri_t* uri = nullptr;
    const std::string copy(route);
    bool loose = false;
    if (osip_uri_init(&uri) == 0 && osip_uri_parse(uri, copy.c_str()) == 0) {
        loose = osip::findParam(&uri->url_params, "lr") != nullptr;
    }
    osip_uri_free(uri);
    return loose;
}

// Parsed into libosip2's structured fields (vias, from, to, call_id, cseq, contacts, routes), as a received
// message would be: osip_message_set_header would keep them as unparsed generic headers, which serialise
// alike but leave topVia(), callId(), cseqNumber()… of the built message empty.
bool set(osip_message_t* message, const char* name, const std::string& value) {
    std::string nameCopy(name);
    std::string valueCopy = osip::toOsip(value);
    return osip_message_set_multiple_header(message, nameCopy.data(), valueCopy.data()) == 0;
}

// CANCEL and the ACK of a non-2xx answer share everything with the INVITE but the method and To.
SipMessage sameTransactionRequest(const SipMessage& invite, std::string_view method, const osip_to_t* to) {
    if (!invite.isRequest() || invite.viaCount() == 0 || to == nullptr) {
        return {};
    }
    const osip_message_t* source = invite.raw();
    auto message = newRequest(method);
    if (!message || source->req_uri == nullptr || source->call_id == nullptr || source->from == nullptr ||
        source->cseq == nullptr) {
        return {};
    }
    osip_message_t* raw = message.get();
    osip_uri_t* uri = nullptr;
    osip_uri_clone(source->req_uri, &uri);
    osip_message_set_uri(raw, uri);
    osip_via_t* via = nullptr;
    if (osip_via_clone(osip::listAt<osip_via_t>(&source->vias, 0), &via) == 0) {
        osip_list_add(&raw->vias, via, -1);
    }
    osip_from_clone(source->from, &raw->from);
    osip_from_clone(to, &raw->to);
    osip_call_id_clone(source->call_id, &raw->call_id);
    osip_cseq_init(&raw->cseq);
    osip_cseq_set_number(raw->cseq, osip::duplicate(osip::orEmpty(source->cseq->number)));
    osip_cseq_set_method(raw->cseq, osip::duplicate(method));
    const int routes = osip_list_size(&source->routes);
    for (int i = 0; i < routes; ++i) {
        osip_route_t* route = nullptr;
        if (osip_from_clone(osip::listAt<osip_route_t>(&source->routes, i), &route) == 0) {
            osip_list_add(&raw->routes, route, -1);
        }
    }
    if (!set(raw, "Max-Forwards", "70")) {
        return {};
    }
    return SipMessage(std::move(message), std::string());
}

}  // namespace

SipMessage buildRequest(const SipDialog& dialog, std::string_view method, std::uint32_t cseq,
                        const SipViaSpec& via, int maxForwards) {
    auto message = newRequest(method);
    if (!message) {
        return {};
    }
    osip_message_t* raw = message.get();

    // RFC 3261 §12.2.1.1: loose routing keeps the remote target as Request-URI; a strict router gets the
    // first route as Request-URI and the remote target last in Route.
    std::vector<std::string> routes = dialog.routeSet;
    std::string requestUri = dialog.remoteTarget.empty() ? dialog.remoteUri : dialog.remoteTarget;
    if (!routes.empty() && !isLooseRoute(routes.front())) {
        routes.push_back(requestUri);
        requestUri = routes.front();
        routes.erase(routes.begin());
    }
    if (!setUri(raw, requestUri)) {
        return {};
    }

    std::string viaValue = "SIP/2.0/" + via.transport + " " + uriHost(via.host);
    if (via.port != 0) {
        viaValue += ":" + std::to_string(via.port);
    }
    viaValue += ";branch=" + (via.branch.empty() ? newBranch() : via.branch) + ";rport";
    std::string from = "<" + dialog.localUri + ">";
    if (!dialog.localTag.empty()) {
        from += ";tag=" + dialog.localTag;
    }
    std::string to = "<" + dialog.remoteUri + ">";
    if (!dialog.remoteTag.empty()) {
        to += ";tag=" + dialog.remoteTag;
    }
    bool ok = set(raw, "Via", viaValue) && set(raw, "From", from) && set(raw, "To", to) &&
              set(raw, "Call-ID", dialog.callId) &&
              set(raw, "CSeq", std::to_string(cseq) + " " + std::string(method)) &&
              set(raw, "Max-Forwards", std::to_string(maxForwards));
    for (const auto& route : routes) {
        ok = ok && set(raw, "Route", "<" + route + ">");
    }
    if (!dialog.localContact.empty() && method != "BYE" && method != "CANCEL") {
        ok = ok && set(raw, "Contact", "<" + dialog.localContact + ">");
    }
    if (!ok) {
        return {};
    }
    return SipMessage(std::move(message), std::string());
}

SipMessage buildCancel(const SipMessage& invite) {
    if (invite.empty()) {
        return {};
    }
    return sameTransactionRequest(invite, "CANCEL", invite.raw()->to);
}

SipMessage buildAckForFailure(const SipMessage& invite, const SipMessage& response) {
    if (invite.empty() || response.empty()) {
        return {};
    }
    return sameTransactionRequest(invite, "ACK", response.raw()->to);
}

}  // namespace callvault::server::sip
