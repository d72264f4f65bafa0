#pragma once

#include "tests/server/api/api_fixture.h"

#include <filesystem>

namespace callvault::test {

/// The provisioned world's data directory (of a stopped server) and its ids.
struct CachedWorld {
    World world;
    std::filesystem::path dataDir;  ///< copy it; never start a server on it
};

/// The world for this build of callvaultd and of the tests. The first caller builds it (about ten seconds:
/// logins and password changes hash with Argon2id) under an exclusive file lock in the temp folder; later
/// callers, in this or any other test process, reuse it. Throws ProvisionError when it cannot be built.
CachedWorld cachedWorld();

}  // namespace callvault::test
