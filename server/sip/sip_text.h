#pragma once

#include <charconv>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>

/// Character classes and small string helpers from the RFC 3261 §25 grammar.
namespace callvault::server::sip::text {

inline constexpr std::string_view kCrlf = "\r\n";

std::string toLower(std::string_view text);
std::string toUpper(std::string_view text);
bool iequals(std::string_view a, std::string_view b);
/// Without leading and trailing SP, HTAB, CR and LF.
std::string_view trim(std::string_view text);

/// token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
bool isTokenChar(char c);
bool isToken(std::string_view text);
bool isDigits(std::string_view text);
bool isWhitespace(char c);  ///< SP or HTAB

/// A decimal number made only of digits that fits in T; nullopt otherwise (no sign, no spaces).
template <typename T>
std::optional<T> parseUnsigned(std::string_view text) {
    if (!isDigits(text)) {
        return std::nullopt;
    }
    T value{};
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

/// `text` as the inside of a quoted-string (backslash-escapes '"' and '\\', drops CR and LF).
std::string quote(std::string_view text);

}  // namespace callvault::server::sip::text
