#pragma once

#include "server/sip/sip_transport_types.h"

#include <string>

namespace callvault::server::sip {

/// What the server says about itself in answers to OPTIONS (RFC 3261 §11.2).
struct OptionsResponderConfig {
    std::string allow = "INVITE, ACK, CANCEL, BYE, OPTIONS, UPDATE, INFO";
    std::string accept = "application/sdp";
    std::string acceptEncoding = "identity";
    std::string acceptLanguage = "en";
    std::string supported;  ///< option tags; "" = none (the header is still sent, empty)
    std::string serverName = "CallVault";
};

/// Answers OPTIONS addressed to the server itself with 200 OK and Allow, Accept, Accept-Encoding,
/// Accept-Language, Supported and Server: an out-of-dialog OPTIONS (no To tag) whose Request-URI has no user
/// part, or any OPTIONS with Max-Forwards 0 (we are its last hop, RFC 3261 §16.3 and RFC 4475 §3.3.11).
/// Other messages are left to the next handler.
class OptionsResponder : public SipMessageHandler {
public:
    explicit OptionsResponder(OptionsResponderConfig config = {});

    bool handle(SipIncoming& incoming, SipSender& sender) override;

    /// True when `request` is an OPTIONS this responder answers.
    static bool isForUs(const SipMessage& request);
    /// The 200 OK for `request`.
    SipMessage answer(const SipMessage& request) const;

private:
    OptionsResponderConfig m_config;
};

}  // namespace callvault::server::sip
