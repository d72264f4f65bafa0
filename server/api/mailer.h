#pragma once

#include "server/app/config.h"

#include <stdexcept>
#include <string>

namespace callvault::server::api {

class MailError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Sends plain-text UTF-8 e-mail through the configured SMTP server with libcurl.
/// Thread safe: each send uses its own curl handle. Blocking: call it off the network threads.
class Mailer {
public:
    explicit Mailer(SmtpConfig config);
    bool configured() const { return !m_config.url.empty(); }
    /// Throws MailError with curl's reason if the server refuses or cannot be reached.
    void send(const std::string& to, const std::string& subject, const std::string& body) const;

private:
    SmtpConfig m_config;
};

}  // namespace callvault::server::api
