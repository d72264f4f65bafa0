#pragma once

#include "server/app/config.h"

namespace callvault::server {

/// Runs callvaultd in the foreground until SIGTERM or SIGINT: prepares the data directory, opens the store,
/// loads or makes the TLS certificate (printing its fingerprint), serves the HTTPS API on `config.threads`
/// network threads and a 4-thread blocking pool, and writes `config.readyFile` once listening.
/// On a signal it stops accepting, lets requests in flight finish (at most ~5 s) and returns 0;
/// it returns 1 when it cannot start (the reason is logged).
int runServer(const Config& config);

/// The whole of `main`: `callvaultd admin …` goes to the admin CLI, anything else is read as the server's
/// options (help, version, or bad options answered with exit code 2 before anything starts).
int callvaultdMain(int argc, char** argv);

}  // namespace callvault::server
