#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

/// The line grammar of RFC 4566, shared by the SDP parser and the SDP rewriter.
namespace callvault::server::sip::sdp {

/// "<type>=<value>"; views point into the body.
struct Line {
    char type = 0;
    std::string_view value;
    std::string_view text;  ///< the whole line without its line end
};

/// The body's lines (CRLF or bare LF ends; empty lines skipped). nullopt when a line is not
/// "<lower-case letter>=<value>".
std::optional<std::vector<Line>> splitLines(std::string_view body);

/// `text` split at runs of SP.
std::vector<std::string_view> splitWords(std::string_view text);

/// o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>
struct Origin {
    std::string user, sessionId, sessionVersion, networkType, addressType, address;
};
std::optional<Origin> parseOrigin(std::string_view value);

/// c=<nettype> <addrtype> <connection-address>; a multicast "/ttl[/n]" suffix is dropped from `address`.
struct Connection {
    std::string networkType, addressType, address;
};
std::optional<Connection> parseConnection(std::string_view value);

/// m=<media> <port>[/<number of ports>] <proto> <fmt> ...
struct MediaLine {
    std::string type;
    std::uint16_t port = 0;
    std::string protocol;
    std::vector<std::string> formats;
};
std::optional<MediaLine> parseMediaLine(std::string_view value);

/// "IP6" when `address` is an IPv6 address, else "IP4".
std::string_view addressTypeOf(std::string_view address);

}  // namespace callvault::server::sip::sdp
