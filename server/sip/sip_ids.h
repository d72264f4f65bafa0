#pragma once

#include <string>
#include <string_view>

namespace callvault::server::sip {

/// A new RFC 3261 branch: the magic cookie "z9hG4bK" and 64 random bits in hex. Thread safe.
std::string newBranch();
/// A new From/To tag: 64 random bits in hex (RFC 3261 §19.3 asks for at least 32). Thread safe.
std::string newTag();
/// A new Call-ID: 128 random bits in hex, then "@host" when `host` is not empty. Thread safe.
std::string newCallId(std::string_view host = {});
/// `host` as it goes into a URI or Via sent-by: an IPv6 address gets [brackets], anything else is unchanged.
std::string uriHost(std::string_view host);

}  // namespace callvault::server::sip
