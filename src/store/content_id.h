// Identifies an input file by its bytes, so re-ingesting it (under any name) is a no-op.
// The id is "<size>-<crc32>-<adler32>" of the raw (possibly compressed) bytes: two
// independent 32-bit checksums plus the length, computed with zlib at memory speed.
// This guards against accidental re-ingest, not against a crafted collision.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace seawarden::store {

struct ContentId {
  std::uint64_t size = 0;
  std::string id;
};

// Reads the whole file; `progress(bytes_so_far)` is called after each chunk when given.
// Throws std::runtime_error when the file cannot be read.
ContentId content_id_of_file(const std::string& path,
                             const std::function<void(std::uint64_t)>& progress = {});

// The id of bytes already in memory (the same id content_id_of_file gives their file).
ContentId content_id_of_bytes(std::string_view bytes);

// A regular file mapped read-only, so ingest hashes and decodes it from one copy in the
// page cache (read once, no read() copies). mapped() is false when the file is not a
// non-empty regular file or mmap refuses it; callers then read it the ordinary way.
class MappedFile {
 public:
  explicit MappedFile(const std::string& path);  // throws std::runtime_error when it cannot be opened
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  bool mapped() const { return data_ != nullptr; }
  std::string_view bytes() const { return {static_cast<const char*>(data_), size_}; }
  // The content id of the mapped bytes, read in slices that are released once hashed (so a
  // large file is never resident all at once).
  ContentId content_id() const;

 private:
  // Drops the resident pages wholly inside [from, to): they are read back from the file if
  // touched again. Keeps peak memory independent of the file size.
  void release(std::size_t from, std::size_t to) const;

  void* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace seawarden::store
