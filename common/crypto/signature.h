#pragma once

#include "common/formats/hex.h"

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace callvault {

/// §14 and DESIGN.md: Ed25519 (libsodium) over
///   "callvault-recording-v1\n" + call ID + "\n" + SHA-256(mp3 bytes)
/// The signature is 64 bytes, written as 128 lowercase hex characters in the CDR.
struct SigningKey {
    std::array<std::uint8_t, 32> publicKey{};
    std::array<std::uint8_t, 64> secretKey{};
};

SigningKey generateSigningKey();
std::array<std::uint8_t, 32> sha256(std::span<const std::uint8_t> bytes);

std::string signRecording(const SigningKey& key, std::string_view callId,
                          const std::array<std::uint8_t, 32>& fileSha256);
bool verifyRecording(std::span<const std::uint8_t, 32> publicKey, std::string_view callId,
                     const std::array<std::uint8_t, 32>& fileSha256, std::string_view signatureHex);


}  // namespace callvault
