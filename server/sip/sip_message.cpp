#include "server/sip/sip_message.h"

#include "server/sip/osip_util.h"
#include "server/sip/sip_text.h"

#include <array>
#include <charconv>
#include <utility>

namespace callvault::server::sip {

void OsipMessageDeleter::operator()(osip_message* message) const noexcept {
    osip_message_free(message);
}

namespace {

struct CompactForm {
    char letter;
    std::string_view name;
};

// RFC 3261 §7.3.3 and the IANA SIP header registry.
constexpr std::array<CompactForm, 20> kCompactForms{{
    {'a', "accept-contact"},
    {'b', "referred-by"},
    {'c', "content-type"},
    {'d', "request-disposition"},
    {'e', "content-encoding"},
    {'f', "from"},
    {'i', "call-id"},
    {'j', "reject-contact"},
    {'k', "supported"},
    {'l', "content-length"},
    {'m', "contact"},
    {'n', "identity-info"},
    {'o', "event"},
    {'r', "refer-to"},
    {'s', "subject"},
    {'t', "to"},
    {'u', "allow-events"},
    {'v', "via"},
    {'x', "session-expires"},
    {'y', "identity"},
}};

template <typename T>
void appendAll(std::vector<std::string>& out, const osip_list_t* list, int (*toStr)(const T*, char**)) {
    const int size = osip_list_size(list);
    for (int i = 0; i < size; ++i) {
        if (auto text = osip::toString(osip::listAt<T>(list, i), toStr)) {
            out.push_back(std::move(*text));
        }
    }
}

template <typename T>
void appendOne(std::vector<std::string>& out, const T* value, int (*toStr)(const T*, char**)) {
    if (auto text = osip::toString(value, toStr)) {
        out.push_back(std::move(*text));
    }
}

std::string tagOf(const osip_from_t* header) {
    if (header == nullptr) {
        return {};
    }
    const auto* tag = osip::findParam(&header->gen_params, "tag");
    return tag == nullptr ? std::string() : osip::orEmpty(tag->gvalue);
}

std::string uriOf(const osip_from_t* header) {
    if (header == nullptr) {
        return {};
    }
    return osip::toString(header->url, osip_uri_to_str).value_or(std::string());
}

std::string stripBrackets(std::string text) {
    if (text.size() >= 2 && text.front() == '[' && text.back() == ']') {
        return text.substr(1, text.size() - 2);
    }
    return text;
}

}  // namespace

std::string canonicalHeaderName(std::string_view name) {
    std::string lower = text::toLower(text::trim(name));
    if (lower.size() == 1) {
        for (const auto& form : kCompactForms) {
            if (form.letter == lower[0]) {
                return std::string(form.name);
            }
        }
    }
    return lower;
}

SipMessage::SipMessage(OsipMessagePtr message, std::string body)
    : m_message(std::move(message)), m_body(std::move(body)) {}

SipMessage SipMessage::clone() const {
    if (!m_message) {
        return {};
    }
    osip_message_t* copy = nullptr;
    if (osip_message_clone(m_message.get(), &copy) != 0) {
        osip_message_free(copy);
        return {};
    }
    return SipMessage(OsipMessagePtr(copy), m_body);
}

bool SipMessage::isRequest() const {
    return m_message && m_message->status_code == 0 && m_message->sip_method != nullptr;
}

bool SipMessage::isResponse() const {
    return m_message && m_message->status_code != 0;
}

std::string SipMessage::method() const {
    return isRequest() ? osip::orEmpty(m_message->sip_method) : std::string();
}

std::string SipMessage::requestUri() const {
    if (!isRequest()) {
        return {};
    }
    return osip::toString(m_message->req_uri, osip_uri_to_str).value_or(std::string());
}

int SipMessage::status() const {
    return m_message ? m_message->status_code : 0;
}

std::string SipMessage::reason() const {
    return m_message ? osip::orEmpty(m_message->reason_phrase) : std::string();
}

std::string SipMessage::callId() const {
    if (!m_message) {
        return {};
    }
    return osip::toString(m_message->call_id, osip_call_id_to_str).value_or(std::string());
}

std::optional<std::uint32_t> SipMessage::cseqNumber() const {
    if (!m_message || m_message->cseq == nullptr) {
        return std::nullopt;
    }
    return text::parseUnsigned<std::uint32_t>(osip::orEmpty(m_message->cseq->number));
}

std::string SipMessage::cseqMethod() const {
    if (!m_message || m_message->cseq == nullptr) {
        return {};
    }
    return osip::orEmpty(m_message->cseq->method);
}

std::string SipMessage::fromUri() const {
    return m_message ? uriOf(m_message->from) : std::string();
}

std::string SipMessage::fromTag() const {
    return m_message ? tagOf(m_message->from) : std::string();
}

std::string SipMessage::toUri() const {
    return m_message ? uriOf(m_message->to) : std::string();
}

std::string SipMessage::toTag() const {
    return m_message ? tagOf(m_message->to) : std::string();
}

std::size_t SipMessage::viaCount() const {
    return m_message ? static_cast<std::size_t>(osip_list_size(&m_message->vias)) : 0;
}

std::optional<SipVia> SipMessage::topVia() const {
    return via(0);
}

std::optional<SipVia> SipMessage::via(std::size_t index) const {
    if (index >= viaCount()) {
        return std::nullopt;
    }
    const auto* header = osip::listAt<osip_via_t>(&m_message->vias, static_cast<int>(index));
    if (header == nullptr) {
        return std::nullopt;
    }
    SipVia result;
    result.protocol = "SIP/" + osip::orEmpty(header->version);
    result.transport = text::toUpper(osip::orEmpty(header->protocol));
    result.host = stripBrackets(osip::orEmpty(header->host));
    if (header->port != nullptr) {
        result.port = text::parseUnsigned<std::uint16_t>(header->port);
    }
    if (const auto* branch = osip::findParam(&header->via_params, "branch")) {
        result.branch = osip::orEmpty(branch->gvalue);
    }
    if (const auto* received = osip::findParam(&header->via_params, "received")) {
        result.received = stripBrackets(osip::orEmpty(received->gvalue));
    }
    if (const auto* rport = osip::findParam(&header->via_params, "rport")) {
        result.rport = true;
        if (rport->gvalue != nullptr) {
            result.rportValue = text::parseUnsigned<std::uint16_t>(rport->gvalue);
        }
    }
    return result;
}

std::string SipMessage::contactUri() const {
    if (!m_message || osip_list_size(&m_message->contacts) == 0) {
        return {};
    }
    return uriOf(osip::listAt<osip_contact_t>(&m_message->contacts, 0));
}

std::string SipMessage::contentType() const {
    if (!m_message || m_message->content_type == nullptr) {
        return {};
    }
    const auto* type = m_message->content_type;
    return text::toLower(osip::orEmpty(type->type) + "/" + osip::orEmpty(type->subtype));
}

std::optional<int> SipMessage::maxForwards() const {
    const auto value = header("Max-Forwards");
    if (!value) {
        return std::nullopt;
    }
    return text::parseUnsigned<int>(text::trim(*value));
}

std::optional<std::string> SipMessage::header(std::string_view name) const {
    auto values = headers(name);
    if (values.empty()) {
        return std::nullopt;
    }
    return std::move(values.front());
}

std::vector<std::string> SipMessage::headers(std::string_view name) const {
    std::vector<std::string> out;
    if (!m_message) {
        return out;
    }
    const osip_message_t* m = m_message.get();
    const std::string key = canonicalHeaderName(name);
    if (key == "via") {
        appendAll(out, &m->vias, osip_via_to_str);
    } else if (key == "from") {
        appendOne(out, m->from, osip_from_to_str);
    } else if (key == "to") {
        appendOne(out, m->to, osip_to_to_str);
    } else if (key == "call-id") {
        appendOne(out, m->call_id, osip_call_id_to_str);
    } else if (key == "cseq") {
        appendOne(out, m->cseq, osip_cseq_to_str);
    } else if (key == "contact") {
        appendAll(out, &m->contacts, osip_contact_to_str);
    } else if (key == "route") {
        appendAll(out, &m->routes, osip_route_to_str);
    } else if (key == "record-route") {
        appendAll(out, &m->record_routes, osip_record_route_to_str);
    } else if (key == "content-type") {
        appendOne(out, m->content_type, osip_content_type_to_str);
    } else if (key == "content-length") {
        out.push_back(std::to_string(m_body.size()));
    } else if (key == "mime-version") {
        appendOne(out, m->mime_version, osip_content_length_to_str);
    } else if (key == "accept") {
        appendAll(out, &m->accepts, osip_accept_to_str);
    } else if (key == "accept-encoding") {
        appendAll(out, &m->accept_encodings, osip_accept_encoding_to_str);
    } else if (key == "accept-language") {
        appendAll(out, &m->accept_languages, osip_accept_encoding_to_str);
    } else if (key == "alert-info") {
        appendAll(out, &m->alert_infos, osip_call_info_to_str);
    } else if (key == "call-info") {
        appendAll(out, &m->call_infos, osip_call_info_to_str);
    } else if (key == "error-info") {
        appendAll(out, &m->error_infos, osip_call_info_to_str);
    } else if (key == "allow") {
        appendAll(out, &m->allows, osip_content_length_to_str);
    } else if (key == "content-encoding") {
        appendAll(out, &m->content_encodings, osip_content_length_to_str);
    } else if (key == "authorization") {
        appendAll(out, &m->authorizations, osip_authorization_to_str);
    } else if (key == "proxy-authorization") {
        appendAll(out, &m->proxy_authorizations, osip_authorization_to_str);
    } else if (key == "www-authenticate") {
        appendAll(out, &m->www_authenticates, osip_www_authenticate_to_str);
    } else if (key == "proxy-authenticate") {
        appendAll(out, &m->proxy_authenticates, osip_www_authenticate_to_str);
    } else if (key == "authentication-info") {
        appendAll(out, &m->authentication_infos, osip_authentication_info_to_str);
    } else if (key == "proxy-authentication-info") {
        appendAll(out, &m->proxy_authentication_infos, osip_authentication_info_to_str);
    } else {
        const int size = osip_list_size(&m->headers);
        for (int i = 0; i < size; ++i) {
            const auto* h = osip::listAt<osip_header_t>(&m->headers, i);
            if (h != nullptr && h->hname != nullptr && canonicalHeaderName(h->hname) == key) {
                out.push_back(osip::orEmpty(h->hvalue));
            }
        }
    }
    return out;
}

bool SipMessage::addHeader(std::string_view name, std::string_view value) {
    if (!m_message || canonicalHeaderName(name) == "content-length") {
        return false;
    }
    const std::string n(name);
    const std::string v = osip::toOsip(value);
    if (osip_message_set_header(m_message.get(), n.c_str(), v.c_str()) != 0) {
        return false;
    }
    markChanged();
    return true;
}

void SipMessage::removeHeader(std::string_view name) {
    if (!m_message) {
        return;
    }
    const std::string key = canonicalHeaderName(name);
    for (int i = osip_list_size(&m_message->headers) - 1; i >= 0; --i) {
        auto* h = osip::listAt<osip_header_t>(&m_message->headers, i);
        if (h != nullptr && h->hname != nullptr && canonicalHeaderName(h->hname) == key) {
            osip_list_remove(&m_message->headers, i);
            osip_header_free(h);
        }
    }
    markChanged();
}

void SipMessage::setBody(std::string body, std::string_view contentType) {
    m_body = std::move(body);
    if (!m_message) {
        return;
    }
    if (m_message->content_type != nullptr) {
        osip_content_type_free(m_message->content_type);
        m_message->content_type = nullptr;
    }
    if (!contentType.empty()) {
        const std::string type(contentType);
        osip_message_set_content_type(m_message.get(), type.c_str());
    }
    markChanged();
}

bool SipMessage::setToTag(std::string_view tag) {
    if (!m_message || m_message->to == nullptr || !toTag().empty()) {
        return false;
    }
    osip_uri_param_add(&m_message->to->gen_params, osip_strdup("tag"), osip::duplicate(tag));
    markChanged();
    return true;
}

bool SipMessage::stampTopVia(std::string_view received, std::optional<std::uint16_t> rport) {
    if (viaCount() == 0) {
        return false;
    }
    auto* header = osip::listAt<osip_via_t>(&m_message->vias, 0);
    if (auto* param = osip::findParam(&header->via_params, "received")) {
        osip::freeString(param->gvalue);
        param->gvalue = osip::duplicate(received);
    } else {
        osip_uri_param_add(&header->via_params, osip_strdup("received"), osip::duplicate(received));
    }
    if (rport) {
        if (auto* param = osip::findParam(&header->via_params, "rport")) {
            osip::freeString(param->gvalue);
            param->gvalue = osip::duplicate(std::to_string(*rport));
        }
    }
    markChanged();
    return true;
}

std::string SipMessage::toString() const {
    if (!m_message) {
        return {};
    }
    char* text = nullptr;
    std::size_t length = 0;
    // libosip2 caches the serialised form inside the message, hence the non-const API.
    if (osip_message_to_str(const_cast<osip_message_t*>(m_message.get()), &text, &length) != 0 ||
        text == nullptr) {
        osip::freeString(text);
        return {};
    }
    std::string out = osip::fromOsip(std::string(text, length));
    osip::freeString(text);
    // The message holds no libosip2 bodies, so it ends "Content-Length: 0\r\n\r\n": put ours instead.
    constexpr std::string_view kEmptyLength = "Content-Length: 0\r\n\r\n";
    if (out.size() >= kEmptyLength.size() && out.ends_with(kEmptyLength)) {
        out.resize(out.size() - kEmptyLength.size());
    } else if (out.ends_with("\r\n\r\n")) {
        out.resize(out.size() - 2);
    } else {
        return {};
    }
    out += "Content-Length: " + std::to_string(m_body.size()) + "\r\n\r\n";
    out += m_body;
    return out;
}

void SipMessage::markChanged() {
    osip_message_force_update(m_message.get());
}

}  // namespace callvault::server::sip
