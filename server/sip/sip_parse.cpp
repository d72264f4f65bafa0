#include "server/sip/sip_parse.h"

#include "server/sip/osip_util.h"
#include "server/sip/sip_message_checks.h"
#include "server/sip/sip_raw_message.h"
#include "server/sip/sip_text.h"

#include <algorithm>
#include <array>

namespace callvault::server::sip {

namespace {

OsipMessagePtr newOsipMessage() {
    osip_message_t* message = nullptr;
    if (osip_message_init(&message) != 0) {
        return nullptr;
    }
    return OsipMessagePtr(message);
}

// Adds one field through libosip2's per-header parser (which may write into the buffers it is given).
bool setField(osip_message_t* message, const SipRawHeader& header) {
    if (message == nullptr) {
        return false;
    }
    std::string name = header.canonical;
    std::string value = osip::toOsip(header.value);
    return osip_message_set_multiple_header(message, name.data(), value.data()) == 0;
}

bool isAnswerField(std::string_view canonical) {
    static constexpr std::array<std::string_view, 5> kFields{"via", "from", "to", "call-id", "cseq"};
    return std::find(kFields.begin(), kFields.end(), canonical) != kFields.end();
}

bool alreadySet(const osip_message_t* m, std::string_view canonical) {
    return (canonical == "from" && m->from != nullptr) || (canonical == "to" && m->to != nullptr) ||
           (canonical == "call-id" && m->call_id != nullptr) || (canonical == "cseq" && m->cseq != nullptr);
}

// A request holding only what an answer copies (Via, From, To, Call-ID, CSeq), each kept when libosip2
// can parse it. Empty when the start line is not a recognisable request.
SipMessage answerableParts(const checks::StartLine& start, const std::vector<SipRawHeader>& headers) {
    if (!start.request || !start.recognised) {
        return {};
    }
    auto message = newOsipMessage();
    if (!message) {
        return {};
    }
    osip_message_set_method(message.get(), osip::duplicate(start.method));
    osip_message_set_version(message.get(), osip::duplicate("SIP/2.0"));
    osip_uri_t* uri = nullptr;
    if (osip_uri_init(&uri) != 0 || osip_uri_parse(uri, "sip:invalid.invalid") != 0) {
        osip_uri_free(uri);
        return {};
    }
    osip_message_set_uri(message.get(), uri);
    for (const auto& h : headers) {
        if (!isAnswerField(h.canonical) || alreadySet(message.get(), h.canonical)) {
            continue;
        }
        // A value that does not parse is left out; libosip2 may have stored part of it, so try on a copy.
        if (setField(newOsipMessage().get(), h)) {
            setField(message.get(), h);
        }
    }
    return SipMessage(std::move(message), std::string());
}

// Names the first header field libosip2 cannot parse on its own, for the failure reason.
std::string firstUnparseableField(const std::vector<SipRawHeader>& headers) {
    for (const auto& h : headers) {
        if (!setField(newOsipMessage().get(), h)) {
            return std::string(h.name);
        }
    }
    return {};
}

SipParseResult refuse(SipParseFailure failure, SipMessage answerable) {
    SipParseResult result;
    result.failure = std::move(failure);
    result.message = std::move(answerable);
    return result;
}

}  // namespace

bool SipParseResult::canAnswer() const {
    return failure.has_value() && message.isRequest() && message.method() != "ACK" &&
           message.viaCount() > 0 && message.raw()->cseq != nullptr;
}

SipParseResult parseSipMessage(std::string_view bytes, const SipParseLimits& limits) {
    osip::ensureInitialised();
    const SipRawMessage raw = scanSipMessage(bytes, limits.maxHeaders);
    checks::StartLine start;
    std::optional<SipParseFailure> startFailure;
    if (!raw.startLine.empty()) {
        startFailure = checks::checkStartLine(raw.startLine, start);
    }
    if (bytes.size() > limits.maxMessageBytes) {
        return refuse({513, "message larger than " + std::to_string(limits.maxMessageBytes) + " octets"},
                      answerableParts(start, raw.headers));
    }
    if (!raw.ok()) {
        return refuse({400, raw.error}, answerableParts(start, raw.headers));
    }
    if (startFailure) {
        return refuse(std::move(*startFailure), answerableParts(start, raw.headers));
    }
    if (auto failure = checks::checkRawHeaders(raw.headers)) {
        return refuse(std::move(*failure), answerableParts(start, raw.headers));
    }

    // RFC 3261 §18.3: the body is Content-Length octets; octets beyond it in a datagram are ignored; a
    // message without Content-Length (allowed on UDP) ends with the datagram.
    std::string_view body = raw.afterHeaders;
    const auto lengthField = std::find_if(raw.headers.begin(), raw.headers.end(), [](const SipRawHeader& h) {
        return h.canonical == "content-length";
    });
    if (lengthField != raw.headers.end()) {
        const auto length = text::parseUnsigned<std::size_t>(lengthField->value);
        if (!length) {
            return refuse({400, "Content-Length is not a non-negative number"},
                          answerableParts(start, raw.headers));
        }
        if (*length > raw.afterHeaders.size()) {
            return refuse({400, "Content-Length " + std::to_string(*length) + " is larger than the body (" +
                                    std::to_string(raw.afterHeaders.size()) + " octets)"},
                          answerableParts(start, raw.headers));
        }
        body = raw.afterHeaders.substr(0, *length);
    }

    // libosip2 sees the start line and the header fields, never Content-Length nor the body: the body is
    // kept byte for byte by SipMessage. A NUL octet can only be here as a quoted-pair (scanSipMessage
    // refused any other).
    std::string head = osip::toOsip(raw.startLine);
    head += "\r\n";
    for (const auto& h : raw.headers) {
        if (h.canonical != "content-length") {
            head += osip::toOsip(h.field);
            head += "\r\n";
        }
    }
    head += "\r\n";
    auto osipMessage = newOsipMessage();
    if (!osipMessage || osip_message_parse(osipMessage.get(), head.data(), head.size()) != 0) {
        const auto field = firstUnparseableField(raw.headers);
        return refuse({400, field.empty() ? "malformed message" : "malformed " + field + " header field"},
                      answerableParts(start, raw.headers));
    }
    SipMessage message(std::move(osipMessage), std::string(body));
    if (auto failure = checks::checkParsedMessage(message)) {
        return refuse(std::move(*failure), std::move(message));
    }
    SipParseResult result;
    result.message = std::move(message);
    return result;
}

}  // namespace callvault::server::sip
