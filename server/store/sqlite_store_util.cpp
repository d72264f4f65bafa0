#include "server/store/sqlite_store_util.h"

#include <sqlite3.h>

#include <chrono>
#include <ctime>
#include <string>

namespace callvault::server::store {

std::int64_t nowSeconds() {
    return static_cast<std::int64_t>(std::time(nullptr));
}

std::int64_t nowMilliseconds() {
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    return std::chrono::duration_cast<std::chrono::milliseconds>(now).count();
}

void rethrowAsConflict(const SqliteError& error, const ConflictMessages& messages) {
    switch (error.code()) {
        case SQLITE_CONSTRAINT_UNIQUE:
        case SQLITE_CONSTRAINT_PRIMARYKEY:
            throw ConflictError(std::string(messages.unique));
        case SQLITE_CONSTRAINT_FOREIGNKEY:
            throw ConflictError(std::string(messages.reference));
        case SQLITE_CONSTRAINT_CHECK:
        case SQLITE_CONSTRAINT_NOTNULL:
            throw ConflictError(std::string(messages.check));
        default:
            throw error;
    }
}

}  // namespace callvault::server::store
