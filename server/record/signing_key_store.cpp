#include "server/record/signing_key_store.h"

#include "server/record/file_io.h"
#include "server/record/recording_error.h"

#include <sodium.h>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace callvault::server::record {
namespace {

constexpr std::string_view kSecretHeader = "callvault-recording-signing-key-v1";
constexpr std::string_view kBegin = "-----BEGIN CALLVAULT RECORDING PUBLIC KEY-----";
constexpr std::string_view kEnd = "-----END CALLVAULT RECORDING PUBLIC KEY-----";

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
        s.remove_suffix(1);
    }
    return s;
}

std::string secretText(const SigningKey& key) {
    return std::string(kSecretHeader) + "\n" + toHex(key.secretKey) + "\n";
}

SigningKey parseSecret(const std::filesystem::path& path, std::string_view text) {
    const auto newline = text.find('\n');
    if (newline == std::string_view::npos || trim(text.substr(0, newline)) != kSecretHeader) {
        throw RecordingError(path.string() + " is not a CallVault recording-signing key");
    }
    auto bytes = fromHex(trim(text.substr(newline + 1)));
    if (!bytes || bytes->size() != 64) {
        throw RecordingError(path.string() + " holds a malformed key");
    }
    SigningKey key;
    std::copy(bytes->begin(), bytes->end(), reinterpret_cast<char*>(key.secretKey.data()));
    sodium_memzero(bytes->data(), bytes->size());
    // The secret key is seed ‖ public key; re-deriving from the seed proves both halves belong together.
    std::array<std::uint8_t, 64> derivedSecret{};
    if (sodium_init() < 0 ||
        crypto_sign_seed_keypair(key.publicKey.data(), derivedSecret.data(), key.secretKey.data()) != 0 ||
        derivedSecret != key.secretKey) {
        sodium_memzero(derivedSecret.data(), derivedSecret.size());
        throw RecordingError(path.string() + " holds an inconsistent key pair");
    }
    sodium_memzero(derivedSecret.data(), derivedSecret.size());
    return key;
}

void prepareFolder(const std::filesystem::path& dir) {
    makeDirectories(dir, 0700);
    if (::chmod(dir.c_str(), 0700) != 0) {
        throw RecordingError("cannot restrict " + dir.string() + ": " + std::strerror(errno));
    }
}

void requirePrivate(const std::filesystem::path& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) {
        throw RecordingError("cannot inspect " + path.string() + ": " + std::strerror(errno));
    }
    if ((info.st_mode & 077) != 0) {
        throw RecordingError(path.string() + " is readable by group or others; check it has not leaked, then "
                             "chmod 600 it");
    }
}

void exportPublicKey(const std::filesystem::path& dataDir, const SigningKey& key) {
    const std::filesystem::path path = signingPublicKeyPath(dataDir);
    const std::string text = formatPublicKey(key.publicKey);
    std::error_code ec;
    if (std::filesystem::exists(path, ec)) {
        const auto existing = parsePublicKey(readWholeFile(path));
        if (existing && *existing == key.publicKey) {
            return;
        }
    }
    writeFileAtomically(path, text, 0644);
}

}  // namespace

std::filesystem::path signingKeyPath(const std::filesystem::path& dataDir) {
    return dataDir / "keys" / "recording-signing.key";
}

std::filesystem::path signingPublicKeyPath(const std::filesystem::path& dataDir) {
    return dataDir / "keys" / "recording-signing.pub";
}

SigningKey loadOrCreateSigningKey(const std::filesystem::path& dataDir) {
    const std::filesystem::path path = signingKeyPath(dataDir);
    prepareFolder(path.parent_path());
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        const SigningKey created = generateSigningKey();
        std::filesystem::path temp = path;
        temp += ".new";
        ::unlink(temp.c_str());
        {
            UniqueFd fd = createNewFile(temp, 0600);
            const std::string text = secretText(created);
            writeAll(fd.get(), std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()), temp);
            syncFd(fd.get(), temp);
            fd.close(temp);
        }
        try {
            moveNoReplace(temp, path);  // a concurrent first start may have won: then its key is loaded below
        } catch (const RecordingError&) {
            ::unlink(temp.c_str());
            if (!std::filesystem::exists(path, ec)) {
                throw;
            }
        }
        syncDirectory(path.parent_path());
    }
    requirePrivate(path);
    SigningKey key = parseSecret(path, readWholeFile(path));
    exportPublicKey(dataDir, key);
    return key;
}

std::string formatPublicKey(std::span<const std::uint8_t, 32> publicKey) {
    std::string text =
        "# CallVault recording-signing public key (Ed25519, hex).\n"
        "# A recording is authentic when the CDR signature verifies over\n"
        "# \"callvault-recording-v1\\n\" || call ID || \"\\n\" || SHA-256(MP3 bytes).\n";
    text += kBegin;
    text += "\n";
    text += toHex(publicKey);
    text += "\n";
    text += kEnd;
    text += "\n";
    return text;
}

std::optional<std::array<std::uint8_t, 32>> parsePublicKey(std::string_view text) {
    std::string_view body = trim(text);
    const auto begin = text.find(kBegin);
    if (begin != std::string_view::npos) {
        const auto end = text.find(kEnd, begin);
        if (end == std::string_view::npos) {
            return std::nullopt;
        }
        body = trim(text.substr(begin + kBegin.size(), end - begin - kBegin.size()));
    }
    const auto bytes = fromHex(body);
    if (!bytes || bytes->size() != 32) {
        return std::nullopt;
    }
    std::array<std::uint8_t, 32> key{};
    std::copy(bytes->begin(), bytes->end(), reinterpret_cast<char*>(key.data()));
    return key;
}

}  // namespace callvault::server::record
