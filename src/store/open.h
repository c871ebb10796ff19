// Opening a store for reading or for ingest, with a clear error when it is not one.
#pragma once

#include <memory>
#include <string>

#include "store/sqlite.h"

namespace seawarden::store {

// Opens an existing store read-only; throws std::runtime_error when the file is missing
// or not a seawarden store (schema version 0) or newer than this program.
std::unique_ptr<Database> open_store_for_reading(const std::string& path);
// Opens or creates a store and applies the schema migrations.
std::unique_ptr<Database> open_store_for_writing(const std::string& path);

}  // namespace seawarden::store
