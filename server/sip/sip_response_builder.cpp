#include "server/sip/sip_response_builder.h"

#include "server/sip/osip_util.h"
#include "server/sip/sip_text.h"

namespace callvault::server::sip {

namespace {

template <typename T>
void cloneList(const osip_list_t* from, osip_list_t* to, int (*cloneOne)(const T*, T**)) {
    const int size = osip_list_size(from);
    for (int i = 0; i < size; ++i) {
        T* copy = nullptr;
        if (cloneOne(osip::listAt<T>(from, i), &copy) == 0 && copy != nullptr) {
            osip_list_add(to, copy, -1);
        }
    }
}

}  // namespace

SipMessage buildResponse(const SipMessage& request, int status, std::string_view reason,
                         std::string_view toTag) {
    if (!request.isRequest() || status < 100 || status > 699) {
        return {};
    }
    osip::ensureInitialised();
    osip_message_t* raw = nullptr;
    if (osip_message_init(&raw) != 0) {
        return {};
    }
    OsipMessagePtr response(raw);
    const osip_message_t* req = request.raw();
    osip_message_set_version(raw, osip::duplicate("SIP/2.0"));
    osip_message_set_status_code(raw, status);
    const char* standard = osip_message_get_reason(status);
    const std::string phrase = !reason.empty()       ? std::string(reason)
                               : standard != nullptr ? std::string(standard)
                                                     : std::string("Unknown");
    osip_message_set_reason_phrase(raw, osip::duplicate(phrase));

    cloneList<osip_via_t>(&req->vias, &raw->vias, osip_via_clone);
    if (req->from != nullptr) {
        osip_from_clone(req->from, &raw->from);
    }
    if (req->to != nullptr) {
        osip_from_clone(req->to, &raw->to);
    }
    if (req->call_id != nullptr) {
        osip_call_id_clone(req->call_id, &raw->call_id);
    }
    if (req->cseq != nullptr) {
        osip_cseq_clone(req->cseq, &raw->cseq);
    }
    if (status > 100 && status < 300) {
        cloneList<osip_from_t>(&req->record_routes, &raw->record_routes, osip_from_clone);
    }
    SipMessage message(std::move(response), std::string());
    if (!toTag.empty()) {
        message.setToTag(toTag);
    }
    return message;
}

std::optional<SipMessage> buildRejection(const SipParseResult& refused, std::string_view warnAgent) {
    if (!refused.canAnswer()) {
        return std::nullopt;
    }
    auto response = buildResponse(refused.message, refused.failure->status);
    if (response.empty()) {
        return std::nullopt;
    }
    const std::string agent = warnAgent.empty() ? std::string("callvault") : std::string(warnAgent);
    response.addHeader("Warning", "399 " + agent + " \"" + text::quote(refused.failure->reason) + "\"");
    return response;
}

}  // namespace callvault::server::sip
