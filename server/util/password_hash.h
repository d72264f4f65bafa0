#pragma once

#include <string>
#include <string_view>

namespace callvault::server {

/// Argon2id hash of `password` in libsodium's string format ("$argon2id$v=19$m=65536,t=2,p=1$…"),
/// interactive limits. Throws std::runtime_error if libsodium cannot allocate the memory it needs.
/// Blocking (~50 ms and 64 MiB): call it off the network threads.
std::string hashPassword(std::string_view password);

/// True when `password` matches `hash` (made by hashPassword). A malformed hash is simply "no match".
bool verifyPassword(const std::string& hash, std::string_view password);

/// A random 12-character password from an unambiguous alphabet (no 0/O, 1/l/I), with at least one
/// letter and one digit, so it passes checkPassword. Given out once; the user must change it.
std::string generateOneTimePassword();

}  // namespace callvault::server
