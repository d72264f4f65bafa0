#include "server/sip/sip_ids.h"

#include <sodium.h>

#include <array>
#include <cstdint>
#include <stdexcept>

namespace callvault::server::sip {

namespace {

std::string randomHex(std::size_t bytes) {
    // sodium_init is idempotent and thread safe; randombytes_buf never fails once it succeeded.
    if (sodium_init() < 0) {
        throw std::runtime_error("libsodium could not be initialised");
    }
    std::array<unsigned char, 16> buffer{};
    randombytes_buf(buffer.data(), bytes);
    std::array<char, 2 * 16 + 1> hex{};
    sodium_bin2hex(hex.data(), hex.size(), buffer.data(), bytes);
    return std::string(hex.data(), 2 * bytes);
}

}  // namespace

std::string newBranch() {
    return "z9hG4bK" + randomHex(8);
}

std::string newTag() {
    return randomHex(8);
}

std::string newCallId(std::string_view host) {
    std::string id = randomHex(16);
    if (!host.empty()) {
        id += "@";
        id += host;
    }
    return id;
}

std::string uriHost(std::string_view host) {
    if (host.find(':') != std::string_view::npos && !host.starts_with("[")) {
        return "[" + std::string(host) + "]";
    }
    return std::string(host);
}

}  // namespace callvault::server::sip
