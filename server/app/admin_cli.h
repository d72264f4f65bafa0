#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace callvault::server {

/// `callvaultd admin <command> [--data-dir DIR | --config FILE] [options]`: `args` are the words after
/// "admin". Works directly on <data-dir>/callvault.db (creating the data directory if needed), so it runs
/// with or without a running server. Results go to `out` as `key: value` lines (list-* print tables),
/// errors to `err`. Returns 0 on success, 1 when refused (unknown company, login taken…), 2 for usage errors.
int runAdminCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace callvault::server
