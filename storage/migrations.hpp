// The database schema as numbered migrations, and the code that brings a database up
// to date. PRAGMA user_version holds the number of migrations applied. A migration,
// once released, is never edited: a change to the schema is a new migration.
#pragma once

#include "storage/database.hpp"

namespace planbot::storage {

int schema_version(Database& database);  // PRAGMA user_version
int latest_schema_version();             // the number of migrations this build knows

// Applies each missing migration in its own transaction, together with its
// user_version. Refuses (StorageError) a database from a newer planbot, before
// touching it.
void migrate(Database& database);

}  // namespace planbot::storage
