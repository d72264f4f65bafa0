#include "server/util/tls_certificate.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

namespace callvault::server {
namespace {

template <auto Free>
struct Deleter {
    template <typename T>
    void operator()(T* p) const {
        Free(p);
    }
};
using BioPtr = std::unique_ptr<BIO, Deleter<BIO_free_all>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509_free>>;
using KeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using BignumPtr = std::unique_ptr<BIGNUM, Deleter<BN_free>>;
using ExtensionPtr = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION_free>>;

constexpr int kValidityDays = 3650;

std::string opensslError() {
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    if (code == 0) {
        return "unknown OpenSSL error";
    }
    std::array<char, 256> text{};
    ERR_error_string_n(code, text.data(), text.size());
    return text.data();
}

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw TlsCertificateError("cannot read " + path + ": " + std::strerror(errno));
    }
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

BioPtr memoryBio(const std::string& data) {
    BioPtr bio(BIO_new_mem_buf(data.data(), static_cast<int>(data.size())));
    if (!bio) {
        throw TlsCertificateError("out of memory");
    }
    return bio;
}

X509Ptr parseCertificate(const std::string& pem, const std::string& what) {
    auto bio = memoryBio(pem);
    X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    if (!cert) {
        throw TlsCertificateError(what + " holds no PEM certificate: " + opensslError());
    }
    return cert;
}

KeyPtr parseKey(const std::string& pem, const std::string& what) {
    auto bio = memoryBio(pem);
    KeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
    if (!key) {
        throw TlsCertificateError(what + " holds no unencrypted PEM private key: " + opensslError());
    }
    return key;
}

std::string fingerprintOf(X509* cert) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    if (X509_digest(cert, EVP_sha256(), digest.data(), &length) != 1) {
        throw TlsCertificateError("cannot hash the certificate: " + opensslError());
    }
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string text;
    for (unsigned int i = 0; i < length; ++i) {
        if (i != 0) {
            text += ':';
        }
        text += kHex[digest[i] >> 4];
        text += kHex[digest[i] & 0x0f];
    }
    return text;
}

std::string toPem(X509* cert) {
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_X509(bio.get(), cert) != 1) {
        throw TlsCertificateError("cannot encode the certificate: " + opensslError());
    }
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(size));
}

std::string toPem(EVP_PKEY* key) {
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1) {
        throw TlsCertificateError("cannot encode the private key: " + opensslError());
    }
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(size));
}

/// True for a specific (not wildcard) IPv4 or IPv6 address other than the loopback ones already listed.
bool isExtraIpAddress(const std::string& address) {
    std::array<unsigned char, 16> buffer{};
    const bool v4 = inet_pton(AF_INET, address.c_str(), buffer.data()) == 1;
    const bool v6 = !v4 && inet_pton(AF_INET6, address.c_str(), buffer.data()) == 1;
    if (!v4 && !v6) {
        return false;
    }
    return address != "0.0.0.0" && address != "::" && address != "127.0.0.1" && address != "::1";
}

void addExtension(X509* cert, int nid, const std::string& value) {
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, cert, cert, nullptr, nullptr, 0);
    ExtensionPtr extension(X509V3_EXT_conf_nid(nullptr, &context, nid, value.c_str()));
    if (!extension || X509_add_ext(cert, extension.get(), -1) != 1) {
        throw TlsCertificateError("cannot add the extension " + value + ": " + opensslError());
    }
}

/// Writes `content` to `path` with exactly `mode` (whatever the umask), through a temporary file and a
/// rename so a crash never leaves half a key behind.
void writeFile(const std::string& path, const std::string& content, mode_t mode) {
    const std::string temporary = path + ".tmp";
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    if (fd < 0) {
        throw TlsCertificateError("cannot create " + temporary + ": " + std::strerror(errno));
    }
    bool ok = ::fchmod(fd, mode) == 0;
    std::size_t written = 0;
    while (ok && written < content.size()) {
        const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        ok = n > 0;
        written += ok ? static_cast<std::size_t>(n) : 0;
    }
    ok = ok && ::fsync(fd) == 0;
    ok = ::close(fd) == 0 && ok;
    if (!ok || std::rename(temporary.c_str(), path.c_str()) != 0) {
        const std::string reason = std::strerror(errno);
        std::remove(temporary.c_str());
        throw TlsCertificateError("cannot write " + path + ": " + reason);
    }
}

}  // namespace

TlsCertificate loadTlsCertificate(const std::string& certPath, const std::string& keyPath) {
    TlsCertificate result;
    result.certificatePath = certPath;
    result.keyPath = keyPath;
    result.certificatePem = readFile(certPath);
    result.privateKeyPem = readFile(keyPath);
    const auto cert = parseCertificate(result.certificatePem, certPath);
    const auto key = parseKey(result.privateKeyPem, keyPath);
    if (X509_check_private_key(cert.get(), key.get()) != 1) {
        ERR_clear_error();
        throw TlsCertificateError("the key " + keyPath + " does not belong to the certificate " + certPath);
    }
    result.fingerprint = fingerprintOf(cert.get());
    return result;
}

TlsCertificate generateTlsCertificate(const std::string& dir, const std::string& apiAddress) {
    KeyPtr key(EVP_EC_gen("P-256"));
    X509Ptr cert(X509_new());
    if (!key || !cert) {
        throw TlsCertificateError("cannot make a P-256 key: " + opensslError());
    }
    X509_set_version(cert.get(), 2);  // v3

    // A random positive 127-bit serial, as RFC 5280 asks for unpredictable serials.
    BignumPtr serial(BN_new());
    if (!serial || BN_rand(serial.get(), 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) != 1 ||
        BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get())) == nullptr) {
        throw TlsCertificateError("cannot make a serial number: " + opensslError());
    }
    if (X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0) == nullptr ||
        X509_time_adj_ex(X509_getm_notAfter(cert.get()), kValidityDays, 0, nullptr) == nullptr) {
        throw TlsCertificateError("cannot set the validity: " + opensslError());
    }
    X509_NAME* name = X509_get_subject_name(cert.get());
    const auto addName = [name](const char* field, const char* value) {
        X509_NAME_add_entry_by_txt(name, field, MBSTRING_ASC, reinterpret_cast<const unsigned char*>(value),
                                   -1, -1, 0);
    };
    addName("O", "CallVault");
    addName("CN", "callvaultd");
    X509_set_issuer_name(cert.get(), name);
    X509_set_pubkey(cert.get(), key.get());

    std::string altNames = "DNS:localhost,IP:127.0.0.1,IP:::1";
    if (isExtraIpAddress(apiAddress)) {
        altNames += ",IP:" + apiAddress;
    }
    addExtension(cert.get(), NID_subject_alt_name, altNames);
    addExtension(cert.get(), NID_basic_constraints, "critical,CA:FALSE");
    addExtension(cert.get(), NID_ext_key_usage, "serverAuth");
    addExtension(cert.get(), NID_subject_key_identifier, "hash");
    if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0) {
        throw TlsCertificateError("cannot sign the certificate: " + opensslError());
    }

    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) {
        throw TlsCertificateError("cannot create " + dir + ": " + ec.message());
    }
    std::filesystem::permissions(dir, std::filesystem::perms::owner_all, ec);

    TlsCertificate result;
    result.certificatePath = (std::filesystem::path(dir) / "server.crt").string();
    result.keyPath = (std::filesystem::path(dir) / "server.key").string();
    result.certificatePem = toPem(cert.get());
    result.privateKeyPem = toPem(key.get());
    result.fingerprint = fingerprintOf(cert.get());
    result.generated = true;
    // The key first: a certificate on disk without its key would stop the next start.
    writeFile(result.keyPath, result.privateKeyPem, 0600);
    writeFile(result.certificatePath, result.certificatePem, 0644);
    return result;
}

TlsCertificate loadOrCreateTlsCertificate(const std::string& certPath, const std::string& keyPath,
                                          const std::string& dataDir, const std::string& apiAddress) {
    if (!certPath.empty()) {
        return loadTlsCertificate(certPath, keyPath);
    }
    const auto dir = std::filesystem::path(dataDir) / "tls";
    const auto cert = dir / "server.crt";
    if (std::filesystem::exists(cert)) {
        return loadTlsCertificate(cert.string(), (dir / "server.key").string());
    }
    return generateTlsCertificate(dir.string(), apiAddress);
}

std::string certificateFingerprint(const std::string& pem) {
    const auto cert = parseCertificate(pem, "the text");
    return fingerprintOf(cert.get());
}

}  // namespace callvault::server
