// Holds items until they can be delivered in sorted order, with memory bounded by a fixed
// number of items rather than by the length of the input. Items are kept in memory up to a
// limit; beyond it the buffer is stably sorted and written to an anonymous temporary file as
// one sorted run, and drain() merges the runs. The merge gives exactly the order a stable sort
// of all items would (ties keep their arrival order), and items come back bit for bit, so
// spilling never changes a result.
//
// Used for the events of a run (output order) and for input that is not in time order
// (`detect --sort`). A Codec supplies the order and the record format:
//   static bool before(const T&, const T&);           // strict weak order
//   static void encode(const T&, std::string& out);    // appends the item's bytes
//   static T decode(std::string_view record);          // throws on a malformed record
// and optionally, when the order is by one integer (it then sorts keys, not the items):
//   static std::int64_t key(const T&);                 // before(a, b) == key(a) < key(b)
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <queue>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace seawarden::detect {

namespace spill {

// An anonymous temporary file in $TMPDIR (else /tmp), already unlinked: freed when closed,
// even after a crash. `prefix` names it while it briefly exists. nullptr when none can be made.
std::FILE* open_anonymous_file(const char* prefix);

// Appends length-prefixed records at the end of `file` as one run, through a buffer.
class RunWriter {
 public:
  explicit RunWriter(std::FILE* file);
  // The buffer to append one record's bytes to, between begin_record() and end_record().
  std::string& begin_record();
  void end_record();
  // Writes out the rest. Returns false (the partial run cut off again) when the disk refused
  // any of it; `offset` receives where the run starts.
  bool finish(long& offset);

 private:
  void write_out();

  std::FILE* file_;
  long offset_;
  bool ok_;
  std::string buf_;
  std::size_t record_at_ = 0;
};

// Reads one run back sequentially through its own buffer. Throws std::runtime_error (naming
// `what`) when the file cannot be read or is cut short.
class RunReader {
 public:
  // `chunk`: bytes read at a time (the merge shares a fixed budget among its runs).
  RunReader(int fd, long offset, std::size_t count, const char* what, std::size_t chunk)
      : fd_(fd), pos_(offset), left_(count), what_(what), chunk_(chunk) {}
  // The next record's bytes (valid until the next call), or false at the end of the run.
  bool next(std::string_view& record);

 private:
  void fill(std::size_t n);

  int fd_;
  long pos_;
  std::size_t left_;
  const char* what_;
  std::size_t chunk_;
  std::string buf_;
  std::size_t at_ = 0;
};

// Read buffer per run when `runs` are merged: a fixed total (32 MB) shared out, within
// 16 KB .. 256 KB, so the merge's memory does not grow with the length of the input.
std::size_t merge_chunk_bytes(std::size_t runs);

}  // namespace spill

template <class T, class Codec>
class SortedSpool {
 public:
  // `what` names the spill file in messages ("event", "message").
  SortedSpool(std::size_t memory_items, const char* what)
      : memory_items_(std::max<std::size_t>(memory_items, 1)), what_(what) {}
  ~SortedSpool() {
    if (file_) std::fclose(file_);
  }
  SortedSpool(const SortedSpool&) = delete;
  SortedSpool& operator=(const SortedSpool&) = delete;

  // Items kept in memory before the next spill (at least 1).
  void set_memory_limit(std::size_t n) { memory_items_ = n ? n : 1; }
  void add(T item) {
    buffered_.push_back(std::move(item));
    if (buffered_.size() >= memory_items_ && !spill_failed_) spill();
  }
  // Delivers every item added so far in order, then empties the spool (reusable after).
  // Throws std::runtime_error when a spill file cannot be read back (disk failure).
  template <class Deliver>
  void drain(Deliver&& deliver);

  std::size_t size() const { return buffered_.size() + spilled_items_; }
  std::size_t runs_spilled() const { return runs_.size(); }
  // True when a spill file could not be written: the items stayed in memory instead.
  bool spill_failed() const { return spill_failed_; }

 private:
  struct Run {
    long offset = 0;  // first byte in the spill file
    std::size_t count = 0;
  };
  void sort_buffer();
  void spill();
  void reset() {  // empty, whatever state a merge was left in
    buffered_.clear();
    runs_.clear();
    spilled_items_ = 0;
    if (file_) std::fclose(file_);
    file_ = nullptr;
  }

  std::size_t memory_items_;
  const char* what_;
  std::vector<T> buffered_;
  std::FILE* file_ = nullptr;  // opened at the first spill
  std::vector<Run> runs_;
  std::size_t spilled_items_ = 0;
  bool spill_failed_ = false;
};

template <class T, class Codec>
void SortedSpool<T, Codec>::sort_buffer() {
  if constexpr (requires(const T& x) { Codec::key(x); }) {
    // Sorting (key, arrival) pairs and moving each item once beats moving large items
    // through every step of a merge sort; the arrival index keeps it stable.
    std::vector<std::pair<std::int64_t, std::size_t>> order(buffered_.size());
    for (std::size_t i = 0; i < buffered_.size(); ++i) order[i] = {Codec::key(buffered_[i]), i};
    if (std::is_sorted(order.begin(), order.end())) return;
    std::sort(order.begin(), order.end());
    std::vector<T> sorted;
    sorted.reserve(buffered_.size());
    for (const auto& o : order) sorted.push_back(std::move(buffered_[o.second]));
    buffered_.swap(sorted);
  } else {
    std::stable_sort(buffered_.begin(), buffered_.end(), Codec::before);
  }
}

template <class T, class Codec>
void SortedSpool<T, Codec>::spill() {
  if (!file_ && !(file_ = spill::open_anonymous_file(what_))) {
    spill_failed_ = true;  // keep everything in memory: slower to grow, but nothing is lost
    return;
  }
  sort_buffer();
  spill::RunWriter run(file_);
  for (const T& item : buffered_) {
    Codec::encode(item, run.begin_record());
    run.end_record();
  }
  long offset = 0;
  if (!run.finish(offset)) {
    spill_failed_ = true;
    return;
  }
  runs_.push_back({offset, buffered_.size()});
  spilled_items_ += buffered_.size();
  buffered_.clear();
}

template <class T, class Codec>
template <class Deliver>
void SortedSpool<T, Codec>::drain(Deliver&& deliver) {
  sort_buffer();
  if (runs_.empty()) {
    try {
      for (const T& item : buffered_) deliver(item);
    } catch (...) {
      buffered_.clear();
      throw;
    }
    buffered_.clear();
    return;
  }
  // K-way merge: every spilled run (in spill order), then the memory buffer as the newest run.
  // Ties go to the older run, which makes the result the stable order of arrival. Whatever
  // happens (a read error, a throwing consumer), the spool ends empty, never half-drained.
  try {
    const int fd = ::fileno(file_);
    const std::size_t chunk = spill::merge_chunk_bytes(runs_.size());
    std::vector<spill::RunReader> readers;
    readers.reserve(runs_.size());
    for (const Run& r : runs_) readers.emplace_back(fd, r.offset, r.count, what_, chunk);
    const std::size_t memory_run = readers.size();
    std::size_t memory_next = 0;
    std::vector<T> head(readers.size() + 1);
    auto advance = [&](std::size_t i) {
      if (i < memory_run) {
        std::string_view record;
        if (!readers[i].next(record)) return false;
        head[i] = Codec::decode(record);
        return true;
      }
      if (memory_next >= buffered_.size()) return false;
      head[i] = std::move(buffered_[memory_next++]);
      return true;
    };
    auto later = [&](std::size_t a, std::size_t b) {  // priority_queue keeps the largest on top
      if (Codec::before(head[a], head[b])) return false;
      if (Codec::before(head[b], head[a])) return true;
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
  } catch (...) {
    reset();
    throw;
  }
  reset();
}

}  // namespace seawarden::detect
