#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace callvault::server {

struct SmtpConfig {
    std::string url;       ///< e.g. "smtp://127.0.0.1:2525" or "smtps://mail.example.com"; empty = no e-mail
    std::string from;      ///< sender address
    std::string username;  ///< optional
    std::string password;  ///< optional
    bool requireTls = false;  ///< STARTTLS required (CURLUSESSL_ALL)
};

/// The SIP B2BUA and its media anchor (`[sip]` in callvaultd.conf; docs/sip.md).
struct SipConfig {
    bool enabled = true;
    std::string address = "127.0.0.1";  ///< IP the SIP transport (UDP and TCP) and the RTP sockets bind to
    std::uint16_t port = 5060;          ///< 0 = any free port
    std::string advertisedHost;         ///< host in our Via/Contact and the SDP's c=; "" = address
    std::string downstream;             ///< leg B of calls without a contact: "sip:ip:port;transport=udp"
    std::map<std::string, std::string> contacts;  ///< dialled number → leg B's URI (sip:user@ip:port)
    std::uint16_t rtpPortMin = 20000;   ///< RTP port range, inclusive (even/odd pairs inside it)
    std::uint16_t rtpPortMax = 29999;
    std::string nodeId = "01";          ///< §5 call-ID node: two of [0-9A-Z]
};

/// Everything callvaultd reads from callvaultd.conf and its flags. Every default works for a local demo.
struct Config {
    std::string dataDir = "./callvault-data";
    std::string apiAddress = "127.0.0.1";
    std::uint16_t apiPort = 8443;          ///< 0 = any free port (written to readyFile)
    std::string tlsCert;                   ///< PEM; empty = <dataDir>/tls/server.crt, made on first start
    std::string tlsKey;
    unsigned threads = 0;                  ///< 0 = one per core
    int sessionIdleSeconds = 1800;         ///< a bearer token idle for longer is refused
    std::size_t maxBodyBytes = 1 << 20;    ///< larger request bodies are answered 413
    int readTimeoutSeconds = 30;           ///< a request not read completely in this time is dropped
    int maxFailedLogins = 5;
    int lockoutSeconds = 15 * 60;
    SmtpConfig smtp;
    SipConfig sip;
    std::string readyFile;  ///< when set, "<port>\n" is written here once the API listens (tests, scripts)
    std::string logLevel = "info";
};

}  // namespace callvault::server
