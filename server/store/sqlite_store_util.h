#pragma once

#include "server/store/sqlite_db.h"

#include <cstdint>
#include <string_view>

namespace callvault::server::store {

/// The current time, Unix seconds / milliseconds.
std::int64_t nowSeconds();
std::int64_t nowMilliseconds();

/// What to tell the caller for each kind of constraint a write may break.
struct ConflictMessages {
    std::string_view unique = "a row with these values already exists";  ///< UNIQUE / PRIMARY KEY
    std::string_view reference = "a referenced item does not exist in this company";  ///< FOREIGN KEY
    std::string_view check = "the values break a rule of the data store";             ///< CHECK / NOT NULL
};

/// Rethrows a constraint violation as ConflictError with the matching message, anything else as is.
[[noreturn]] void rethrowAsConflict(const SqliteError& error, const ConflictMessages& messages);

}  // namespace callvault::server::store
