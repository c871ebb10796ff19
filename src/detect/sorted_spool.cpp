#include "detect/sorted_spool.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace seawarden::detect::spill {

namespace {
constexpr std::size_t kWriteChunk = 1 << 20;
constexpr std::size_t kMergeBudget = std::size_t{32} << 20;
constexpr std::size_t kMinReadChunk = 16 * 1024, kMaxReadChunk = 256 * 1024;
}  // namespace

std::size_t merge_chunk_bytes(std::size_t runs) {
  return std::clamp(kMergeBudget / std::max<std::size_t>(runs, 1), kMinReadChunk, kMaxReadChunk);
}

std::FILE* open_anonymous_file(const char* prefix) {
  const char* dir = std::getenv("TMPDIR");
  std::string path = std::string(dir && *dir ? dir : "/tmp") + "/seawarden-" + prefix + "-XXXXXX";
  const int fd = ::mkostemp(path.data(), O_CLOEXEC);
  if (fd < 0) return nullptr;
  ::unlink(path.c_str());  // gone from the directory now, freed when closed (even on a crash)
  std::FILE* f = ::fdopen(fd, "w+b");
  if (!f) ::close(fd);
  return f;
}

RunWriter::RunWriter(std::FILE* file) : file_(file) {
  std::fseek(file_, 0, SEEK_END);
  offset_ = std::ftell(file_);
  ok_ = offset_ >= 0;
}

std::string& RunWriter::begin_record() {
  record_at_ = buf_.size();
  buf_.append(sizeof(std::uint32_t), '\0');  // length, patched by end_record()
  return buf_;
}

void RunWriter::end_record() {
  const auto len = static_cast<std::uint32_t>(buf_.size() - record_at_ - sizeof(std::uint32_t));
  std::memcpy(buf_.data() + record_at_, &len, sizeof len);
  if (buf_.size() >= kWriteChunk) write_out();
}

void RunWriter::write_out() {
  if (ok_ && !buf_.empty()) ok_ = std::fwrite(buf_.data(), 1, buf_.size(), file_) == buf_.size();
  buf_.clear();
}

bool RunWriter::finish(long& offset) {
  write_out();
  ok_ = ok_ && std::fflush(file_) == 0;
  offset = offset_;
  // Disk full or the like: cut the partial run off. If even that fails it is harmless, as no
  // run lists those bytes.
  if (!ok_ && offset_ >= 0) (void)!::ftruncate(::fileno(file_), offset_);
  return ok_;
}

bool RunReader::next(std::string_view& record) {
  if (left_ == 0) return false;
  std::uint32_t len = 0;
  fill(sizeof len);
  std::memcpy(&len, buf_.data() + at_, sizeof len);
  at_ += sizeof len;
  fill(len);
  record = std::string_view(buf_.data() + at_, len);
  at_ += len;
  --left_;
  return true;
}

// Makes at least n unread bytes available in buf_ from at_.
void RunReader::fill(std::size_t n) {
  if (buf_.size() - at_ >= n) return;
  buf_.erase(0, at_);
  at_ = 0;
  const std::size_t want = std::max(n - buf_.size(), chunk_);
  const std::size_t old = buf_.size();
  buf_.resize(old + want);
  std::size_t got = 0;
  while (got < want) {
    const ssize_t r = ::pread(fd_, buf_.data() + old + got, want - got, pos_);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) throw std::runtime_error(std::string(what_) + " spill file: " + std::strerror(errno));
    if (r == 0) break;
    got += static_cast<std::size_t>(r);
    pos_ += r;
  }
  buf_.resize(old + got);
  if (buf_.size() < n) throw std::runtime_error(std::string(what_) + " spill file: truncated");
}

}  // namespace seawarden::detect::spill
