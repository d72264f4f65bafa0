#pragma once

// Helpers shared by the sip_* unit tests: the RFC 4475 / RFC 5118 torture files and small raw messages.

#include "server/sip/sip_parse.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace callvault::server::sip::test {

/// Parses a message that must be well formed (a test failure, with the reason and the text, if not).
inline SipMessage parse(const std::string& wire) {
    auto result = parseSipMessage(wire);
    EXPECT_TRUE(result.ok()) << (result.failure ? result.failure->reason : "") << "\n" << wire;
    return std::move(result.message);
}

inline std::string tortureDir() {
    return std::string(CALLVAULT_TEST_DATA_DIR) + "/sip-torture";
}

/// The exact bytes of tests/data/sip-torture/<relativePath>.
inline std::string readTortureFile(std::string_view relativePath) {
    // stdio rather than iostreams: GCC 12 flags std::istreambuf_iterator with -Wnull-dereference.
    const std::string path = tortureDir() + "/" + std::string(relativePath);
    const std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
    if (!file) {
        throw std::runtime_error("cannot read " + path);
    }
    std::string bytes;
    char chunk[4096];
    std::size_t n = 0;
    while ((n = std::fread(chunk, 1, sizeof chunk, file.get())) > 0) {
        bytes.append(chunk, n);
    }
    return bytes;
}

/// The RFC 5118 archive as published is not wire-ready (see tests/data/sip-torture/README.md): bare LF line
/// ends, two files without the empty line after the header section, two Content-Length values that do not
/// match their bodies. This makes the wire form the RFC text describes: CRLF line ends, the empty line, and
/// Content-Length set to the body's length. RFC 4475 files are used as they are.
inline std::string rfc5118WireForm(std::string_view archived) {
    std::string wire;
    for (std::size_t i = 0; i < archived.size(); ++i) {
        if (archived[i] == '\n' && (i == 0 || archived[i - 1] != '\r')) {
            wire += "\r\n";
        } else {
            wire += archived[i];
        }
    }
    auto end = wire.find("\r\n\r\n");
    if (end == std::string::npos) {
        wire += "\r\n";
        end = wire.find("\r\n\r\n");
    }
    const auto bodyLength = wire.size() - (end + 4);
    const auto length = wire.find("\r\nContent-Length: ");
    if (length != std::string::npos && length < end) {
        const auto valueStart = length + std::string_view("\r\nContent-Length: ").size();
        const auto valueEnd = wire.find("\r\n", valueStart);
        wire.replace(valueStart, valueEnd - valueStart, std::to_string(bodyLength));
    }
    return wire;
}

/// A torture file as a test sends it: RFC 4475 as archived, RFC 5118 in its wire form.
inline std::string tortureMessage(std::string_view relativePath) {
    const std::string bytes = readTortureFile(relativePath);
    return relativePath.starts_with("rfc5118/") ? rfc5118WireForm(bytes) : bytes;
}

/// A well-formed OPTIONS; `extra` header lines (each ending in CRLF) go before Content-Length.
inline std::string optionsRequest(std::string_view branch = "z9hG4bK-test-1",
                                  std::string_view via = "192.0.2.1:5060", std::string_view extra = {}) {
    std::string m = "OPTIONS sip:192.0.2.10 SIP/2.0\r\n";
    m += "Via: SIP/2.0/UDP " + std::string(via) + ";branch=" + std::string(branch) + "\r\n";
    m += "Max-Forwards: 70\r\n";
    m += "From: <sip:alice@example.com>;tag=a1\r\n";
    m += "To: <sip:192.0.2.10>\r\n";
    m += "Call-ID: options-1@example.com\r\n";
    m += "CSeq: 7 OPTIONS\r\n";
    m += std::string(extra);
    m += "Content-Length: 0\r\n\r\n";
    return m;
}

}  // namespace callvault::server::sip::test
