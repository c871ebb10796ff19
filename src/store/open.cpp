#include "store/open.h"

#include <filesystem>
#include <stdexcept>

#include "store/schema.h"

namespace seawarden::store {

std::unique_ptr<Database> open_store_for_reading(const std::string& path) {
  if (!std::filesystem::exists(path)) throw std::runtime_error("no store at " + path + " (run `seawarden ingest` first)");
  // Read-write connection so a WAL store can be read while it is being written; no writes happen.
  auto db = std::make_unique<Database>(path, Database::Mode::ReadWrite);
  int v = schema_version(*db);
  if (v == 0) throw std::runtime_error(path + " is not a seawarden store");
  if (v > kSchemaVersion) throw std::runtime_error(path + " was written by a newer seawarden (schema " + std::to_string(v) + ")");
  if (v < kSchemaVersion) migrate(*db);
  return db;
}

std::unique_ptr<Database> open_store_for_writing(const std::string& path) {
  auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent);
  auto db = std::make_unique<Database>(path, Database::Mode::ReadWrite);
  migrate(*db);
  return db;
}

}  // namespace seawarden::store
