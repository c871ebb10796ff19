#include "detect/event_spool.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <queue>
#include <stdexcept>

#include "detect/event_json.h"
#include "detect/state_io.h"

namespace seawarden::detect {

namespace {

// Record: u32 length of what follows, then the event as the pipeline state encodes it (binary
// times and positions, CBOR fields).
void encode(const Event& e, std::string& out) {
  StateWriter w;
  w.pod(std::uint32_t{0});  // length, patched below
  w.event(e);
  out.swap(w.bytes());
  const auto len = static_cast<std::uint32_t>(out.size() - sizeof(std::uint32_t));
  std::memcpy(out.data(), &len, sizeof len);
}

Event decode(const char* p, std::size_t n) {
  StateReader r(std::string_view(p, n));
  Event e = r.event();
  r.expect_done("event spill file");
  return e;
}

// Reads one spilled run back sequentially through its own buffer.
class RunReader {
 public:
  RunReader(int fd, long offset, std::size_t count) : fd_(fd), pos_(offset), left_(count) {}

  bool next(Event& out) {
    if (left_ == 0) return false;
    std::uint32_t len = 0;
    fill(sizeof len);
    std::memcpy(&len, buf_.data() + at_, sizeof len);
    at_ += sizeof len;
    fill(len);
    out = decode(buf_.data() + at_, len);
    at_ += len;
    --left_;
    return true;
  }

 private:
  static constexpr std::size_t kChunk = 256 * 1024;
  // Makes at least n unread bytes available in buf_ from at_.
  void fill(std::size_t n) {
    if (buf_.size() - at_ >= n) return;
    buf_.erase(0, at_);
    at_ = 0;
    const std::size_t want = std::max(n - buf_.size(), kChunk);
    const std::size_t old = buf_.size();
    buf_.resize(old + want);
    std::size_t got = 0;
    while (got < want) {
      const ssize_t r = ::pread(fd_, buf_.data() + old + got, want - got, pos_);
      if (r < 0 && errno == EINTR) continue;
      if (r < 0) throw std::runtime_error(std::string("event spill file: ") + std::strerror(errno));
      if (r == 0) break;
      got += static_cast<std::size_t>(r);
      pos_ += r;
    }
    buf_.resize(old + got);
    if (buf_.size() < n) throw std::runtime_error("event spill file: truncated");
  }

  int fd_;
  long pos_;
  std::size_t left_;
  std::string buf_;
  std::size_t at_ = 0;
};

std::FILE* open_anonymous_file() {
  const char* dir = std::getenv("TMPDIR");
  std::string path = std::string(dir && *dir ? dir : "/tmp") + "/seawarden-events-XXXXXX";
  const int fd = ::mkstemp(path.data());
  if (fd < 0) return nullptr;
  ::unlink(path.c_str());  // gone from the directory now, freed when closed (even on a crash)
  std::FILE* f = ::fdopen(fd, "w+b");
  if (!f) ::close(fd);
  return f;
}

}  // namespace

EventSpool::EventSpool(std::size_t memory_events) : memory_events_(std::max<std::size_t>(memory_events, 1)) {}

EventSpool::~EventSpool() {
  if (file_) std::fclose(file_);
}

void EventSpool::add(Event&& e) {
  buffered_.push_back(std::move(e));
  if (buffered_.size() >= memory_events_ && !spill_failed_) spill();
}

void EventSpool::sort_buffer() { std::stable_sort(buffered_.begin(), buffered_.end(), event_before); }

void EventSpool::spill() {
  if (!file_ && !(file_ = open_anonymous_file())) {
    spill_failed_ = true;  // keep everything in memory: slower to grow, but nothing is lost
    return;
  }
  sort_buffer();
  std::fseek(file_, 0, SEEK_END);
  const long offset = std::ftell(file_);
  std::string record;
  bool ok = offset >= 0;
  for (const Event& e : buffered_) {
    if (!ok) break;
    encode(e, record);
    ok = std::fwrite(record.data(), 1, record.size(), file_) == record.size();
  }
  ok = ok && std::fflush(file_) == 0;
  if (!ok) {  // disk full or the like: drop the partial run, keep the events in memory
    // Cut the partial run off; if even that fails it is harmless, as no run lists those bytes.
    if (offset >= 0 && ::ftruncate(::fileno(file_), offset) != 0) spill_failed_ = true;
    spill_failed_ = true;
    return;
  }
  runs_.push_back({offset, buffered_.size()});
  spilled_events_ += buffered_.size();
  buffered_.clear();
}

void EventSpool::drain(const std::function<void(const Event&)>& deliver) {
  sort_buffer();
  if (runs_.empty()) {
    for (const Event& e : buffered_) deliver(e);
    buffered_.clear();
    return;
  }
  // K-way merge: every spilled run (in spill order), then the memory buffer as the newest run.
  // Ties go to the older run, which makes the result the stable order of arrival.
  const int fd = ::fileno(file_);
  std::vector<RunReader> readers;
  readers.reserve(runs_.size());
  for (const Run& r : runs_) readers.emplace_back(fd, r.offset, r.count);
  const std::size_t memory_run = readers.size();
  std::size_t memory_next = 0;
  std::vector<Event> head(readers.size() + 1);
  auto advance = [&](std::size_t i) {
    if (i < memory_run) return readers[i].next(head[i]);
    if (memory_next >= buffered_.size()) return false;
    head[i] = std::move(buffered_[memory_next++]);
    return true;
  };
  auto later = [&](std::size_t a, std::size_t b) {  // priority_queue keeps the largest on top
    if (event_before(head[a], head[b])) return false;
    if (event_before(head[b], head[a])) return true;
    return a > b;
  };
  std::priority_queue<std::size_t, std::vector<std::size_t>, decltype(later)> queue(later);
  for (std::size_t i = 0; i < head.size(); ++i)
    if (advance(i)) queue.push(i);
  while (!queue.empty()) {
    const std::size_t i = queue.top();
    queue.pop();
    deliver(head[i]);
    if (advance(i)) queue.push(i);
  }
  buffered_.clear();
  runs_.clear();
  spilled_events_ = 0;
  std::fclose(file_);
  file_ = nullptr;
}

}  // namespace seawarden::detect
