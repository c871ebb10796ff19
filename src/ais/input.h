// Chunked reading of a file or stdin ("-"), plain or gzip (detected by zlib).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace seawarden::ais {

// Calls `sink` with successive chunks (up to `chunk_bytes` each) of the decompressed
// content. Throws std::runtime_error naming the path when it cannot be opened or read
// (chunks read before a mid-file error have already been delivered).
void read_input(const std::string& path, const std::function<void(std::string_view)>& sink,
                std::size_t chunk_bytes = std::size_t{1} << 20);

// The bytes read_input will deliver when known before reading: the size of a plain
// (uncompressed) regular file; 0 for stdin, pipes, gzip and anything unreadable.
std::uint64_t plain_file_size(const std::string& path);

}  // namespace seawarden::ais
