#include "store/content_id.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <vector>

namespace seawarden::store {
namespace {

struct Checksums {
  uLong crc = crc32(0, nullptr, 0), adl = adler32(0, nullptr, 0);
  std::uint64_t size = 0;
  void add(const unsigned char* p, std::size_t n) {
    size += n;
    // Both checksums per 64 KiB piece while it is in cache: one trip through memory, not two.
    while (n > 0) {
      auto part = static_cast<uInt>(std::min<std::size_t>(n, std::size_t{1} << 16));
      crc = crc32(crc, p, part);
      adl = adler32(adl, p, part);
      p += part;
      n -= part;
    }
  }
  ContentId id() const {
    char text[64];
    std::snprintf(text, sizeof text, "%llu-%08lx-%08lx", static_cast<unsigned long long>(size), crc, adl);
    return {size, text};
  }
};

}  // namespace

ContentId content_id_of_file(const std::string& path, const std::function<void(std::uint64_t)>& progress) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) throw std::runtime_error("cannot open " + path + ": " + std::strerror(errno));
  std::vector<unsigned char> buf(1 << 20);
  Checksums sums;
  while (true) {
    std::size_t n = std::fread(buf.data(), 1, buf.size(), f.get());
    if (n > 0) {
      sums.add(buf.data(), n);
      if (progress) progress(sums.size);
    }
    if (n < buf.size()) {
      if (std::ferror(f.get())) throw std::runtime_error("cannot read " + path + ": " + std::strerror(errno));
      break;
    }
  }
  return sums.id();
}

ContentId content_id_of_bytes(std::string_view bytes) {
  Checksums sums;
  sums.add(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  return sums.id();
}

MappedFile::MappedFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error("cannot open " + path + ": " + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
    void* p = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    if (p != MAP_FAILED) {
      data_ = p;
      size_ = static_cast<std::size_t>(st.st_size);
      ::madvise(p, size_, MADV_SEQUENTIAL);
    }
  }
  ::close(fd);
}

void MappedFile::release(std::size_t from, std::size_t to) const {
  if (!data_) return;
  const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  from = (from + page - 1) / page * page;
  to = std::min(to, size_) / page * page;
  if (to > from) ::madvise(static_cast<char*>(data_) + from, to - from, MADV_DONTNEED);
}

ContentId MappedFile::content_id() const {
  constexpr std::size_t kSlice = std::size_t{32} << 20;
  Checksums sums;
  const auto* p = static_cast<const unsigned char*>(data_);
  for (std::size_t i = 0; i < size_; i += kSlice) {
    const std::size_t n = std::min(kSlice, size_ - i);
    sums.add(p + i, n);
    release(i, i + n);
  }
  return sums.id();
}

MappedFile::~MappedFile() {
  if (data_) ::munmap(data_, size_);
}

}  // namespace seawarden::store
