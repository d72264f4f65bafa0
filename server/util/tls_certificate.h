#pragma once

#include <stdexcept>
#include <string>

namespace callvault::server {

/// A certificate or key that cannot be read, parsed or written; the message says which file and why.
class TlsCertificateError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// The server's certificate chain and key, as PEM, and how clients pin it.
struct TlsCertificate {
    std::string certificatePem;  ///< the leaf first, then any chain
    std::string privateKeyPem;
    std::string fingerprint;  ///< SHA-256 of the leaf's DER, "AB:CD:…" (upper case, 32 pairs)
    std::string certificatePath;
    std::string keyPath;
    bool generated = false;  ///< made on this start
};

/// Reads `certPath` / `keyPath` (PEM) and checks that the key belongs to the certificate.
TlsCertificate loadTlsCertificate(const std::string& certPath, const std::string& keyPath);

/// Makes a self-signed P-256 certificate for 10 years (SAN DNS:localhost, IP:127.0.0.1, IP:::1 and
/// `apiAddress` when it is a specific IP address; CA:FALSE; serverAuth) and writes `dir`/server.crt (0644)
/// and `dir`/server.key (0600), creating `dir` (0700) if needed.
TlsCertificate generateTlsCertificate(const std::string& dir, const std::string& apiAddress);

/// The configured files when `certPath` is set; else `<dataDir>/tls/server.crt` and `server.key`,
/// generated first when the certificate file does not exist yet.
TlsCertificate loadOrCreateTlsCertificate(const std::string& certPath, const std::string& keyPath,
                                          const std::string& dataDir, const std::string& apiAddress);

/// SHA-256 of the DER of the first certificate in `pem`, "AB:CD:…".
std::string certificateFingerprint(const std::string& pem);

}  // namespace callvault::server
