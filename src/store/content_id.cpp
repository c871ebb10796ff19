#include "store/content_id.h"

#include <zlib.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <vector>

namespace seawarden::store {

ContentId content_id_of_file(const std::string& path, const std::function<void(std::uint64_t)>& progress) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) throw std::runtime_error("cannot open " + path + ": " + std::strerror(errno));
  std::vector<unsigned char> buf(1 << 20);
  uLong crc = crc32(0, nullptr, 0), adl = adler32(0, nullptr, 0);
  std::uint64_t size = 0;
  while (true) {
    std::size_t n = std::fread(buf.data(), 1, buf.size(), f.get());
    if (n > 0) {
      crc = crc32(crc, buf.data(), static_cast<uInt>(n));
      adl = adler32(adl, buf.data(), static_cast<uInt>(n));
      size += n;
      if (progress) progress(size);
    }
    if (n < buf.size()) {
      if (std::ferror(f.get())) throw std::runtime_error("cannot read " + path + ": " + std::strerror(errno));
      break;
    }
  }
  char id[64];
  std::snprintf(id, sizeof id, "%llu-%08lx-%08lx", static_cast<unsigned long long>(size), crc, adl);
  return {size, id};
}

}  // namespace seawarden::store
