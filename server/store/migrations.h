#pragma once

#include "server/store/sqlite_db.h"

namespace callvault::server::store {

/// The schema version this build writes: the number of migrations it knows.
int latestSchemaVersion();

/// The database's schema version (PRAGMA user_version; 0 for a new file).
int schemaVersion(Database& db);

/// Applies the migrations after the database's version up to `targetVersion`, each in its own transaction
/// together with the new user_version, so a failure leaves the last complete version behind.
/// Throws StoreError when the database is newer than this build (it was written by a later release and
/// must not be touched) or when `targetVersion` is outside 0..latestSchemaVersion().
void migrate(Database& db, int targetVersion);

/// migrate(db, latestSchemaVersion()).
void migrate(Database& db);

}  // namespace callvault::server::store
