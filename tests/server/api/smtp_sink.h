#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace callvault::test {

/// A real SMTP server for tests: Debian's aiosmtpd with its Debugging handler, which prints every message
/// it accepts (headers, X-MailFrom/X-RcptTo and body) to stdout; that output is captured to a file.
/// The constructor starts it on a free loopback port and waits until it accepts connections; the
/// destructor stops it. Check started() before use.
class SmtpSink {
public:
    explicit SmtpSink(std::filesystem::path workDir);
    ~SmtpSink();
    SmtpSink(const SmtpSink&) = delete;
    SmtpSink& operator=(const SmtpSink&) = delete;

    bool started() const { return m_pid > 0 && m_port != 0; }
    std::uint16_t port() const { return m_port; }
    /// "smtp://127.0.0.1:<port>", for callvaultd --smtp-url.
    std::string url() const;

    /// Everything the sink has printed so far.
    std::string output() const;
    /// Waits (polling, at most `timeout`) for a message whose text contains `needle` and returns that message
    /// (from its "MESSAGE FOLLOWS" line to its "END MESSAGE" line); nullopt on timeout.
    std::optional<std::string> waitForMessage(
        const std::string& needle, std::chrono::milliseconds timeout = std::chrono::seconds(10)) const;
    /// The number of complete messages received so far.
    std::size_t messageCount() const;

private:
    std::filesystem::path m_outputPath;
    pid_t m_pid = -1;
    std::uint16_t m_port = 0;
};

/// A loopback TCP port that nothing listened on a moment ago (bind to port 0, read it, close).
std::uint16_t pickFreePort();

}  // namespace callvault::test
