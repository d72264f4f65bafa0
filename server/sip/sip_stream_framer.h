#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace callvault::server::sip {

/// What the start of a TCP receive buffer holds.
struct SipFrame {
    enum class Kind {
        NeedMore,   ///< no complete message yet
        Message,    ///< `length` octets form one message
        Skip,       ///< `length` octets of CRLF before a start line, to drop (RFC 3261 §7.5)
        KeepAlive,  ///< a CRLF CRLF ping (RFC 5626 §3.5.1) of `length` octets: answer with one CRLF
        Error,      ///< the stream cannot be framed: answer `status` if possible, then close
    };
    Kind kind = Kind::NeedMore;
    std::size_t length = 0;
    int status = 0;                ///< Error: 400 or 513
    std::string reason;            ///< Error: what is wrong
    std::size_t headerLength = 0;  ///< Error: octets of the header section when known (to answer), else 0
};

/// Frames SIP messages on a stream by Content-Length (RFC 3261 §18.3). A message without Content-Length,
/// with several or a malformed one, or larger than `maxMessageBytes` (header section included) is an Error.
/// Pure function: call it again on the rest of the buffer after consuming `length` octets.
SipFrame frameSipMessage(std::string_view buffer, std::size_t maxMessageBytes);

}  // namespace callvault::server::sip
