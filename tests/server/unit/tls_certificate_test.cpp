#include "server/util/tls_certificate.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <arpa/inet.h>
#include <sys/stat.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <regex>
#include <set>
#include <sstream>

namespace callvault::server {
namespace {

namespace fs = std::filesystem;

struct X509Free {
    void operator()(X509* p) const { X509_free(p); }
};
struct NamesFree {
    void operator()(GENERAL_NAMES* p) const { GENERAL_NAMES_free(p); }
};
using X509Ptr = std::unique_ptr<X509, X509Free>;

X509Ptr parse(const std::string& pem) {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())),
                                                  &BIO_free);
    return X509Ptr(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
}

unsigned mode(const fs::path& path) {
    struct stat info {};
    EXPECT_EQ(::stat(path.c_str(), &info), 0);
    return info.st_mode & 07777U;
}

/// The IP addresses of the subjectAltName, as text.
std::set<std::string> ipAltNames(X509* cert) {
    std::set<std::string> result;
    std::unique_ptr<GENERAL_NAMES, NamesFree> names(
        static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr)));
    for (int i = 0; names && i < sk_GENERAL_NAME_num(names.get()); ++i) {
        const GENERAL_NAME* name = sk_GENERAL_NAME_value(names.get(), i);
        if (name->type == GEN_IPADD) {
            const ASN1_OCTET_STRING* ip = name->d.iPAddress;
            std::array<char, 64> text{};
            const int family = ip->length == 4 ? AF_INET : AF_INET6;
            inet_ntop(family, ip->data, text.data(), text.size());
            result.insert(text.data());
        } else if (name->type == GEN_DNS) {
            const auto* dns = name->d.dNSName;
            result.insert("DNS:" + std::string(reinterpret_cast<const char*>(dns->data),
                                               static_cast<std::size_t>(dns->length)));
        }
    }
    return result;
}

class TlsCertificateTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() / ("callvault-tls-" + std::to_string(std::random_device()()));
        fs::create_directories(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }
    fs::path m_dir;
};

TEST_F(TlsCertificateTest, GeneratesFilesWithTheRightModes) {
    const auto cert = generateTlsCertificate((m_dir / "tls").string(), "127.0.0.1");
    EXPECT_TRUE(cert.generated);
    EXPECT_EQ(mode(m_dir / "tls" / "server.crt"), 0644U);
    EXPECT_EQ(mode(m_dir / "tls" / "server.key"), 0600U);
    EXPECT_EQ(mode(m_dir / "tls"), 0700U);
    std::ifstream in(m_dir / "tls" / "server.crt");
    std::ostringstream content;
    content << in.rdbuf();
    const std::string onDisk = content.str();
    EXPECT_EQ(onDisk, cert.certificatePem);
}

TEST_F(TlsCertificateTest, CertificateIsForLoopbackAndAServer) {
    const auto generated = generateTlsCertificate(m_dir.string(), "0.0.0.0");
    const auto cert = parse(generated.certificatePem);
    ASSERT_TRUE(cert);
    const auto names = ipAltNames(cert.get());
    EXPECT_TRUE(names.count("127.0.0.1")) << "no IP SAN 127.0.0.1";
    EXPECT_TRUE(names.count("DNS:localhost"));
    EXPECT_FALSE(names.count("0.0.0.0"));
    EXPECT_EQ(X509_check_ip_asc(cert.get(), "127.0.0.1", 0), 1);
    EXPECT_EQ(X509_check_host(cert.get(), "localhost", 0, 0, nullptr), 1);
    EXPECT_EQ(X509_check_ca(cert.get()), 0);  // CA:FALSE
    EXPECT_EQ(X509_check_purpose(cert.get(), X509_PURPOSE_SSL_SERVER, 0), 1);
    EXPECT_NE(X509_get_extended_key_usage(cert.get()) & XKU_SSL_SERVER, 0U);
    // About ten years of validity.
    int days = 0;
    int seconds = 0;
    ASSERT_EQ(
        ASN1_TIME_diff(&days, &seconds, X509_get0_notBefore(cert.get()), X509_get0_notAfter(cert.get())), 1);
    EXPECT_GE(days, 3650);
    EXPECT_LE(days, 3660);
    // P-256 key.
    EVP_PKEY* key = X509_get0_pubkey(cert.get());
    ASSERT_NE(key, nullptr);
    EXPECT_EQ(EVP_PKEY_get_bits(key), 256);
    EXPECT_TRUE(EVP_PKEY_is_a(key, "EC"));
}

TEST_F(TlsCertificateTest, SpecificApiAddressIsInTheAltNames) {
    const auto generated = generateTlsCertificate(m_dir.string(), "192.0.2.7");
    const auto names = ipAltNames(parse(generated.certificatePem).get());
    EXPECT_TRUE(names.count("192.0.2.7"));
    EXPECT_TRUE(names.count("127.0.0.1"));
}

TEST_F(TlsCertificateTest, FingerprintIsTheSha256OfTheDer) {
    const auto generated = generateTlsCertificate(m_dir.string(), "127.0.0.1");
    EXPECT_TRUE(std::regex_match(generated.fingerprint, std::regex("([0-9A-F]{2}:){31}[0-9A-F]{2}")))
        << generated.fingerprint;

    const auto cert = parse(generated.certificatePem);
    unsigned char* der = nullptr;
    const int length = i2d_X509(cert.get(), &der);
    ASSERT_GT(length, 0);
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int digestLength = 0;
    ASSERT_EQ(EVP_Digest(der, static_cast<std::size_t>(length), digest.data(), &digestLength, EVP_sha256(),
                         nullptr),
              1);
    OPENSSL_free(der);
    std::string expected;
    for (unsigned int i = 0; i < digestLength; ++i) {
        std::array<char, 4> hex{};
        std::snprintf(hex.data(), hex.size(), i == 0 ? "%02X" : ":%02X", digest[i]);
        expected += hex.data();
    }
    EXPECT_EQ(generated.fingerprint, expected);
    EXPECT_EQ(certificateFingerprint(generated.certificatePem), expected);
}

TEST_F(TlsCertificateTest, LoadOrCreateGeneratesOnceThenReuses) {
    const auto first = loadOrCreateTlsCertificate("", "", m_dir.string(), "127.0.0.1");
    EXPECT_TRUE(first.generated);
    EXPECT_TRUE(fs::exists(m_dir / "tls" / "server.crt"));
    const auto second = loadOrCreateTlsCertificate("", "", m_dir.string(), "127.0.0.1");
    EXPECT_FALSE(second.generated);
    EXPECT_EQ(second.fingerprint, first.fingerprint);
    EXPECT_EQ(second.privateKeyPem, first.privateKeyPem);
}

TEST_F(TlsCertificateTest, ConfiguredFilesAreLoaded) {
    const auto made = generateTlsCertificate((m_dir / "elsewhere").string(), "127.0.0.1");
    const auto loaded =
        loadOrCreateTlsCertificate(made.certificatePath, made.keyPath, m_dir.string(), "127.0.0.1");
    EXPECT_FALSE(loaded.generated);
    EXPECT_EQ(loaded.fingerprint, made.fingerprint);
    EXPECT_FALSE(fs::exists(m_dir / "tls")) << "nothing is generated when files are configured";
}

TEST_F(TlsCertificateTest, MismatchedOrBrokenFilesAreRefused) {
    const auto a = generateTlsCertificate((m_dir / "a").string(), "127.0.0.1");
    const auto b = generateTlsCertificate((m_dir / "b").string(), "127.0.0.1");
    EXPECT_NE(a.fingerprint, b.fingerprint);
    EXPECT_THROW(loadTlsCertificate(a.certificatePath, b.keyPath), TlsCertificateError);
    EXPECT_THROW(loadTlsCertificate((m_dir / "missing.crt").string(), a.keyPath), TlsCertificateError);
    std::ofstream(m_dir / "garbage.pem") << "not a certificate";
    EXPECT_THROW(loadTlsCertificate((m_dir / "garbage.pem").string(), a.keyPath), TlsCertificateError);
    EXPECT_THROW(loadTlsCertificate(a.certificatePath, (m_dir / "garbage.pem").string()),
                 TlsCertificateError);
    EXPECT_THROW(certificateFingerprint("junk"), TlsCertificateError);
}

}  // namespace
}  // namespace callvault::server
