// Reference data an ingest ran with, kept in the store so reports are self-contained:
// the zones (GeoJSON) and the sanctions lists (every entry, with the list's version).
#pragma once

#include <string>

#include "screen/lists.h"
#include "store/sqlite.h"

namespace seawarden::store {

// Stores (replacing by id) every Polygon/MultiPolygon feature of a GeoJSON
// FeatureCollection file. Returns the number of zones stored; throws on unreadable files.
std::size_t store_zones_file(Database& db, const std::string& path);

// Stores each loaded list file as one list version. The version is the file's content id
// (size-CRC32-Adler32, see content_id.h) and the date its modification time, since the
// list formats do not all carry one; an unchanged file is stored once.
// Returns the number of list versions newly stored.
std::size_t store_lists(Database& db, const screen::ListSet& lists);

}  // namespace seawarden::store
