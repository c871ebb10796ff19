// Identifies an input file by its bytes, so re-ingesting it (under any name) is a no-op.
// The id is "<size>-<crc32>-<adler32>" of the raw (possibly compressed) bytes: two
// independent 32-bit checksums plus the length, computed with zlib at memory speed.
// This guards against accidental re-ingest, not against a crafted collision.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

namespace seawarden::store {

struct ContentId {
  std::uint64_t size = 0;
  std::string id;
};

// Reads the whole file; `progress(bytes_so_far)` is called after each chunk when given.
// Throws std::runtime_error when the file cannot be read.
ContentId content_id_of_file(const std::string& path,
                             const std::function<void(std::uint64_t)>& progress = {});

}  // namespace seawarden::store
