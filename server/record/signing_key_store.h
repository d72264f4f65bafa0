#pragma once

#include "common/crypto/signature.h"

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace callvault::server::record {

/// The server's Ed25519 recording-signing key pair under `<data>/keys/` (folder 0700):
///   recording-signing.key  secret key, 0600 (a header line, then 128 hex characters: seed ‖ public key)
///   recording-signing.pub  public key as PEM-like text, for the offline verifier and auditors
std::filesystem::path signingKeyPath(const std::filesystem::path& dataDir);
std::filesystem::path signingPublicKeyPath(const std::filesystem::path& dataDir);

/// Loads the key pair, or creates it on first start. Re-exports the public key file when it is missing or
/// differs. Throws RecordingError when the secret file is unreadable, malformed, inconsistent, or readable by
/// group/others (it may have leaked; the operator must look, not the server silently "fix" it).
SigningKey loadOrCreateSigningKey(const std::filesystem::path& dataDir);

/// "-----BEGIN CALLVAULT RECORDING PUBLIC KEY-----\n<64 hex>\n-----END …-----\n" with a comment before it.
std::string formatPublicKey(std::span<const std::uint8_t, 32> publicKey);
/// Accepts the text above (anything outside the BEGIN/END lines is ignored) or a bare 64-hex line.
std::optional<std::array<std::uint8_t, 32>> parsePublicKey(std::string_view text);

}  // namespace callvault::server::record
