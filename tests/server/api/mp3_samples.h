#pragma once

#include <string>

namespace callvault::test {

/// A real stereo MP3 of about `seconds` (the recorder's encoder on generated conversation audio), different
/// bytes on every call so uploads can be told apart.
std::string freshMp3(double seconds = 1.0);

/// Lower-case hex SHA-256 of `bytes`.
std::string sha256Hex(const std::string& bytes);

}  // namespace callvault::test
