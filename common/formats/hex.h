#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace callvault {

/// 0–15 for [0-9a-fA-F], -1 for any other character.
int hexDigitValue(char c);
/// Lowercase hex, two characters a byte.
std::string toHex(std::span<const std::uint8_t> bytes);
/// Raw bytes; empty optional for an odd length or a non-hex character (either case accepted).
std::optional<std::string> fromHex(std::string_view hex);

}  // namespace callvault
