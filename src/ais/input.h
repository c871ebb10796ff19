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

// The whole content of a file read at start-up (settings, zones): throws std::runtime_error
// naming the path (and `what` it was to be) when it cannot be read or holds more than
// `max_bytes`, so a wrong file given by mistake (a 10 GB capture as --zones) is refused before
// it fills memory.
std::string read_whole_file(const std::string& path, std::uint64_t max_bytes, const char* what);

// The bytes read_input will deliver when known before reading: the size of a plain
// (uncompressed) regular file; 0 for stdin, pipes, gzip and anything unreadable.
std::uint64_t plain_file_size(const std::string& path);

}  // namespace seawarden::ais
