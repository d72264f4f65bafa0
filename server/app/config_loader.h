#pragma once

#include "server/app/config.h"

#include <string>
#include <string_view>
#include <vector>

namespace callvault::server {

/// What callvaultd should do after reading its command line.
enum class StartAction { Run, ShowHelp, ShowVersion };

/// The outcome of reading the flags and the optional --config file.
struct ConfigLoadResult {
    StartAction action = StartAction::Run;
    Config config;      ///< defaults, overridden by the file, overridden by the flags
    std::string text;   ///< the help or version text for ShowHelp / ShowVersion
    std::string error;  ///< non-empty: refuse to start, print it on stderr and exit 2
    bool ok() const { return error.empty(); }
};

/// Parses callvaultd's options (`args` without the program name). Pure apart from reading the file named by
/// --config. File keys are the flag names grouped in INI sections: `--api-port` is `port` in `[api]`,
/// `--smtp-url` is `url` in `[smtp]`, `--session-idle-seconds` is `session-idle-seconds` in `[auth]`, and
/// `--data-dir`, `--threads`, `--ready-file`, `--log-level` stand before any section (see configFileKey()).
/// Every value is checked (range, number, known name); the first problem is returned as `error`.
ConfigLoadResult loadConfig(const std::vector<std::string>& args);

/// The key in callvaultd.conf for the long flag `flag` ("api-port" → "api.port"); empty if unknown.
std::string configFileKey(std::string_view flag);

/// Every configurable long flag, in help order (without --config, --help, --version).
std::vector<std::string> configFlags();

/// callvaultd's version, e.g. "0.1.0".
std::string_view versionString();

}  // namespace callvault::server
