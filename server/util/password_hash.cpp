#include "server/util/password_hash.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <stdexcept>

namespace callvault::server {
namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
constexpr std::size_t kOneTimePasswordLength = 12;

void ensureSodium() {
    // sodium_init is idempotent and thread safe; it returns 1 when already initialised.
    if (sodium_init() < 0) {
        throw std::runtime_error("libsodium could not be initialised");
    }
}

}  // namespace

std::string hashPassword(std::string_view password) {
    ensureSodium();
    std::array<char, crypto_pwhash_STRBYTES> out{};
    if (crypto_pwhash_str(out.data(), password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
        throw std::runtime_error("out of memory while hashing a password");
    }
    return std::string(out.data());
}

bool verifyPassword(const std::string& hash, std::string_view password) {
    ensureSodium();
    if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) {
        return false;
    }
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string generateOneTimePassword() {
    ensureSodium();
    const auto isDigit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
    const auto isLetter = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; };
    for (;;) {
        std::string password;
        password.reserve(kOneTimePasswordLength);
        for (std::size_t i = 0; i < kOneTimePasswordLength; ++i) {
            password.push_back(kAlphabet[randombytes_uniform(static_cast<std::uint32_t>(kAlphabet.size()))]);
        }
        // Redraw the rare all-letters or all-digits draw rather than bias single positions.
        if (std::any_of(password.begin(), password.end(), isDigit) &&
            std::any_of(password.begin(), password.end(), isLetter)) {
            return password;
        }
    }
}

}  // namespace callvault::server
