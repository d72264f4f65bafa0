#include "common/crypto/signature.h"

#include <sodium.h>

#include <mutex>
#include <stdexcept>

namespace callvault {
namespace {

constexpr std::string_view kDomainTag = "callvault-recording-v1\n";

void ensureSodium() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (sodium_init() < 0) {
            throw std::runtime_error("libsodium could not be initialised");
        }
    });
}

std::string signedMessage(std::string_view callId, const std::array<std::uint8_t, 32>& fileSha256) {
    std::string message;
    message.reserve(kDomainTag.size() + callId.size() + 1 + fileSha256.size());
    message.append(kDomainTag);
    message.append(callId);
    message.push_back('\n');
    message.append(reinterpret_cast<const char*>(fileSha256.data()), fileSha256.size());
    return message;
}

const unsigned char* bytesOf(const std::string& text) {
    return reinterpret_cast<const unsigned char*>(text.data());
}

}  // namespace

static_assert(crypto_sign_PUBLICKEYBYTES == 32 && crypto_sign_SECRETKEYBYTES == 64 &&
              crypto_sign_BYTES == 64);
static_assert(crypto_hash_sha256_BYTES == 32);

SigningKey generateSigningKey() {
    ensureSodium();
    SigningKey key;
    crypto_sign_keypair(key.publicKey.data(), key.secretKey.data());
    return key;
}

std::array<std::uint8_t, 32> sha256(std::span<const std::uint8_t> bytes) {
    ensureSodium();
    std::array<std::uint8_t, 32> digest{};
    crypto_hash_sha256(digest.data(), bytes.data(), bytes.size());
    return digest;
}

std::string signRecording(const SigningKey& key, std::string_view callId,
                          const std::array<std::uint8_t, 32>& fileSha256) {
    ensureSodium();
    const std::string message = signedMessage(callId, fileSha256);
    std::array<std::uint8_t, crypto_sign_BYTES> signature{};
    crypto_sign_detached(signature.data(), nullptr, bytesOf(message), message.size(), key.secretKey.data());
    return toHex(signature);
}

bool verifyRecording(std::span<const std::uint8_t, 32> publicKey, std::string_view callId,
                     const std::array<std::uint8_t, 32>& fileSha256, std::string_view signatureHex) {
    try {
        ensureSodium();
    } catch (const std::exception&) {
        return false;
    }
    if (signatureHex.size() != 2 * crypto_sign_BYTES) {
        return false;
    }
    const std::optional<std::string> signature = fromHex(signatureHex);
    if (!signature) {
        return false;
    }
    const std::string message = signedMessage(callId, fileSha256);
    return crypto_sign_verify_detached(bytesOf(*signature), bytesOf(message), message.size(),
                                       publicKey.data()) == 0;
}

}  // namespace callvault
