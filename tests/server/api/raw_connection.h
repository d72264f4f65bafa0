#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace callvault::test {

/// What came back on a raw connection.
struct RawReply {
    std::string data;                      ///< every byte received (decrypted for TLS)
    bool closed = false;                   ///< the server closed the connection (EOF, close_notify or reset)
    std::chrono::milliseconds elapsed{0};  ///< from the start of the read to the close or the timeout

    /// The status code of an HTTP response at the start of `data`, or 0.
    int httpStatus() const;
};

/// A connection to 127.0.0.1:<port> that sends exactly the bytes it is given, for requests no HTTP client
/// would send (200 header lines, half a request, garbage). With `tls` the OpenSSL handshake verifies the
/// server against `caFile` (peer and IP address). All operations are blocking and bounded.
class RawConnection {
public:
    RawConnection(std::uint16_t port, const std::filesystem::path& caFile, bool tls = true);
    ~RawConnection();
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;

    /// False when the connection or the TLS handshake failed; error() says why.
    bool ok() const { return m_error.empty(); }
    const std::string& error() const { return m_error; }

    /// Writes all of `bytes` (5 s at most); false if the server refused them (for example it had closed).
    bool send(std::string_view bytes);
    /// Reads until the server closes the connection or `timeout` passes.
    RawReply readUntilClosed(std::chrono::milliseconds timeout);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    std::string m_error;
};

}  // namespace callvault::test
