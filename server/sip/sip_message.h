#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct osip_message;

namespace callvault::server::sip {

/// Frees an osip_message_t.
struct OsipMessageDeleter {
    void operator()(osip_message* message) const noexcept;
};
using OsipMessagePtr = std::unique_ptr<osip_message, OsipMessageDeleter>;

/// The fields of one Via header value that transports and transactions look at.
struct SipVia {
    std::string protocol;                 ///< "SIP/2.0"
    std::string transport;                ///< upper case: "UDP", "TCP", "TLS", ...
    std::string host;                     ///< sent-by host, IPv6 without brackets
    std::optional<std::uint16_t> port;    ///< sent-by port when given
    std::string branch;                   ///< empty when absent (RFC 2543 peers)
    std::optional<std::string> received;  ///< IPv6 without brackets
    bool rport = false;                   ///< the rport parameter is present (with or without a value)
    std::optional<std::uint16_t> rportValue;
};

/// One SIP request or response: a libosip2 message holding the start line and the header fields, plus the
/// body as raw octets. The body is kept outside libosip2 so it survives byte for byte (multipart, binary,
/// NUL octets); Content-Length is always computed from it. Move-only; `clone()` copies.
class SipMessage {
public:
    SipMessage() = default;
    /// Takes a message without bodies (libosip2's body list is ignored) and the raw body.
    SipMessage(OsipMessagePtr message, std::string body);

    SipMessage(SipMessage&&) noexcept = default;
    SipMessage& operator=(SipMessage&&) noexcept = default;
    SipMessage(const SipMessage&) = delete;
    SipMessage& operator=(const SipMessage&) = delete;
    ~SipMessage() = default;

    SipMessage clone() const;
    bool empty() const { return m_message == nullptr; }
    bool isRequest() const;
    bool isResponse() const;

    // ---- start line
    std::string method() const;      ///< request method, case as received; "" for responses
    std::string requestUri() const;  ///< serialised Request-URI; "" for responses
    int status() const;              ///< response status code; 0 for requests
    std::string reason() const;      ///< response reason phrase

    // ---- header fields
    std::string callId() const;
    std::optional<std::uint32_t> cseqNumber() const;
    std::string cseqMethod() const;
    std::string fromUri() const;
    std::string fromTag() const;  ///< "" when absent
    std::string toUri() const;
    std::string toTag() const;  ///< "" when absent
    std::size_t viaCount() const;
    std::optional<SipVia> topVia() const;
    std::optional<SipVia> via(std::size_t index) const;
    std::string contactUri() const;   ///< URI of the first Contact value; "" when absent or "*"
    std::string contentType() const;  ///< "type/subtype" in lower case, no parameters; "" when absent
    std::optional<int> maxForwards() const;

    /// First value of the header field `name` (case-insensitive; compact forms like "i" or "v" work), as
    /// serialised by libosip2. Works for structured fields (Via, To, Contact...) and unknown ones.
    std::optional<std::string> header(std::string_view name) const;
    /// Every value of `name`, in order.
    std::vector<std::string> headers(std::string_view name) const;

    const std::string& body() const { return m_body; }

    // ---- changes
    /// Adds a header field at the end (unknown fields and known ones alike; parsed by libosip2).
    bool addHeader(std::string_view name, std::string_view value);
    /// Removes every value of an unknown (non-structured) header field `name`.
    void removeHeader(std::string_view name);
    /// Replaces the body and its Content-Type ("" removes the Content-Type).
    void setBody(std::string body, std::string_view contentType);
    /// Sets the To tag when the To header has none; returns false when it already has one.
    bool setToTag(std::string_view tag);
    /// Sets (or replaces) received= and, when the top Via carries rport, its value (RFC 3581).
    bool stampTopVia(std::string_view received, std::optional<std::uint16_t> rport);

    /// The message as sent on the wire, Content-Length computed from the body. "" when libosip2 cannot
    /// serialise it (an empty message, or a required part missing).
    std::string toString() const;

    /// The libosip2 message, for builders. Callers that change it must keep the body outside it.
    osip_message* raw() { return m_message.get(); }
    const osip_message* raw() const { return m_message.get(); }

private:
    void markChanged();

    OsipMessagePtr m_message;
    std::string m_body;
};

/// Canonical lower-case name of a header field: compact forms expanded ("i" → "call-id").
std::string canonicalHeaderName(std::string_view name);

}  // namespace callvault::server::sip
