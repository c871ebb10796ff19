#include "ais/input.h"

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <sys/stat.h>
#include <vector>

namespace seawarden::ais {

void read_input(const std::string& path, const std::function<void(std::string_view)>& sink,
                std::size_t chunk_bytes) {
  const bool is_stdin = path == "-";
  const char* shown = is_stdin ? "<stdin>" : path.c_str();
  // gzdopen closes its descriptor, so stdin is duplicated first.
  const int fd = is_stdin ? ::dup(STDIN_FILENO) : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error(std::string("cannot open ") + shown + ": " + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    throw std::runtime_error(std::string("cannot read ") + shown + ": is a directory");
  }
  gzFile gz = ::gzdopen(fd, "rb");
  if (gz == nullptr) {
    ::close(fd);
    throw std::runtime_error(std::string("cannot open ") + shown + ": out of memory");
  }
  std::unique_ptr<gzFile_s, int (*)(gzFile)> guard(gz, ::gzclose);
  ::gzbuffer(gz, 256 * 1024);
  if (chunk_bytes < 4096) chunk_bytes = 4096;
  std::vector<char> buf(chunk_bytes);
  for (;;) {
    const int n = ::gzread(gz, buf.data(), static_cast<unsigned>(buf.size()));
    if (n > 0) sink(std::string_view(buf.data(), static_cast<std::size_t>(n)));
    if (n < static_cast<int>(buf.size())) {
      int err = Z_OK;
      const char* msg = ::gzerror(gz, &err);
      if (n < 0 || (err != Z_OK && err != Z_STREAM_END)) {
        const std::string why = err == Z_ERRNO ? std::strerror(errno) : (msg ? msg : "read error");
        throw std::runtime_error(std::string("cannot read ") + shown + ": " + why);
      }
      if (n == 0 || ::gzeof(gz)) break;
    }
  }
}

}  // namespace seawarden::ais
