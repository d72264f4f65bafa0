#pragma once

#include <map>
#include <ostream>
#include <stdexcept>
#include <string>

namespace callvault::server::store {
class Store;
}

namespace callvault::server::admin {

/// A value on the command line is missing or breaks a rule (exit code 2).
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// The store refused: unknown company, login taken… (exit code 1).
class RefusedError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Option values by name without "--"; a flag (e.g. "activated") is present with the value "true".
/// Required options are checked by the caller; each command validates the values it reads.
using Options = std::map<std::string, std::string>;

/// Each command writes one `key: value` line per result to `out` (list-* write tables) and appends an
/// audit entry (operator "cli", address "local"). They throw UsageError, RefusedError, or the store's
/// ConflictError / StoreError.
void createCompany(const Options& options, store::Store& store, std::ostream& out);
void createAdmin(const Options& options, store::Store& store, std::ostream& out);
void createProvider(const Options& options, store::Store& store, std::ostream& out);
void addNumber(const Options& options, store::Store& store, std::ostream& out);
void activateNumber(const Options& options, store::Store& store, std::ostream& out);
void listNumbers(const Options& options, store::Store& store, std::ostream& out);
void listCompanies(const Options& options, store::Store& store, std::ostream& out);
/// admin_seed_command.cpp: seed-recordings (needs options["data-dir"], which runAdminCli always sets).
void seedRecordings(const Options& options, store::Store& store, std::ostream& out);
/// admin_purge_command.cpp: purge-expired, one retention run now (§23; the server runs it hourly).
void purgeExpired(const Options& options, store::Store& store, std::ostream& out);

}  // namespace callvault::server::admin
