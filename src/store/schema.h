// The store's versioned schema. Each migration moves the database from version N-1 to
// N (PRAGMA user_version) inside one transaction; opening a store applies the missing ones.
#pragma once

#include <cstdint>

#include "store/sqlite.h"

namespace seawarden::store {

class ChunkEncoder;

inline constexpr int kSchemaVersion = 3;

// Applies every migration newer than the database's version, up to `target` (tests build
// old stores with it). Throws when the database was written by a newer seawarden
// (version > kSchemaVersion).
void migrate(Database& db, int target = kSchemaVersion);

// The database's schema version (0 for an empty file).
int schema_version(Database& db);

// Writing one compressed chunk of a vessel's track (table track_chunks): the statement, then
// one call per chunk. Shared by the writer and the migration that created the table.
Statement prepare_chunk_insert(Database& db);
void insert_chunk(Statement& insert, std::int64_t mmsi, const ChunkEncoder& chunk);

}  // namespace seawarden::store
