// Releases observations in receive-time order, tolerating arrival out of order within a
// bounded window. Observations are kept in per-second buckets in arrival order, so the
// usual nearly-ordered feed is appended and read back sequentially (no heap, no pointer
// chasing); a bucket is sorted (stably, by time) only when something arrived out of order
// within it. Storage is recycled: no allocation per message once warmed up.
//
// A message dated more than max_jump after the newest so far is held apart, not allowed to move
// the clock: one wrong receiver time (a clock gone wrong, a corrupt tag block) would otherwise
// release everything at once and turn every later message into a late one. It goes in once
// kJumpConfirmations such messages agree that time has moved on (a feed resuming after an
// outage, a sparse track), or at the end of input; it is dropped, as a clock outlier, once
// kJumpContradictions later messages are still at the old time.
#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "track/observation.h"

namespace seawarden::track {

class ReorderBuffer {
 public:
  // max_jump_ms 0: no message is held apart.
  explicit ReorderBuffer(std::int64_t window_ms, std::int64_t max_jump_ms = 0)
      : window_ms_(window_ms), max_jump_ms_(max_jump_ms) {}

  // Slot to fill before push(); valid until the next push().
  Observation& next_slot() { return scratch_; }
  // Queues the observation written into next_slot(). Returns false (and drops it) when it
  // is older than what has already been released ("late").
  bool push();

  // Calls sink(obs) for every observation that can no longer be overtaken: receive time
  // at most (newest seen - window). Order: receive time, then arrival.
  // `ahead(obs, distance)` is called for observations kFarAhead, kMidAhead and kNearAhead
  // places before their release (within a bucket), so the caller can prefetch in stages the
  // state they will touch (index slots, then records, then what the records point to).
  template <class Sink, class Ahead>
  void release_ready(Sink&& sink, Ahead&& ahead) {
    if (newest_ != INT64_MIN) release_until(newest_ - window_ms_, sink, ahead);
  }
  template <class Sink>
  void release_ready(Sink&& sink) {
    release_ready(sink, [](const Observation&, int) {});
  }
  // Releases everything (end of input).
  template <class Sink>
  void flush(Sink&& sink) {
    take_held(true);  // nothing contradicted them
    auto none = [](const Observation&, int) {};
    release_until(INT64_MAX, sink, none);
  }

  // What is still held, in the order a restored buffer must receive it (bucket by bucket,
  // arrival order within one), and the clock to restore with it (for continuing a run).
  template <class F>
  void for_each_pending(F&& f) const {
    for (const auto& [second, b] : buckets_)
      for (std::size_t i = b.next; i < b.items.size(); ++i) f(b.items[i]);
    for (const Observation& o : ahead_) f(o);  // a continued run takes them as pending
  }
  std::int64_t newest() const { return newest_; }
  void restore_clock(std::int64_t released_until, std::int64_t newest) {
    released_until_ = released_until;
    newest_ = newest;
  }

  static constexpr int kFarAhead = 24, kMidAhead = 16, kNearAhead = 8;
  static constexpr std::size_t kJumpConfirmations = 3, kJumpContradictions = 3;

  std::int64_t released_until() const { return released_until_; }
  std::size_t size() const { return size_ + ahead_.size(); }
  std::uint64_t late() const { return late_; }
  std::uint64_t clock_outliers() const { return clock_outliers_; }

 private:
  struct Bucket {
    std::vector<Observation> items;  // arrival order until sorted
    std::size_t next = 0;            // items before this index were released
    bool sorted = true;              // items from `next` on are in non-decreasing time
  };
  template <class Sink, class Ahead>
  void release_until(std::int64_t limit, Sink& sink, Ahead& ahead);
  Bucket& bucket_for(std::int64_t second);
  void drop_front_bucket();
  static void sort_pending(Bucket& b);
  void queue(const Observation& o);  // into its bucket; advances the clock
  // Held messages go in: all of them (time has moved on), or those the clock has come within
  // max_jump of.
  void take_held(bool all);

  std::int64_t window_ms_;
  std::int64_t max_jump_ms_;
  std::vector<Observation> ahead_;  // held apart: dated more than max_jump_ms_ after newest_
  std::size_t contradictions_ = 0;  // later messages still at the old time
  std::uint64_t clock_outliers_ = 0;
  std::int64_t newest_ = INT64_MIN;
  std::int64_t released_until_ = INT64_MIN;
  std::uint64_t late_ = 0;
  std::size_t size_ = 0;
  Observation scratch_;
  std::map<std::int64_t, Bucket> buckets_;  // by whole second of receive time
  Bucket* last_ = nullptr;                  // the bucket of the last push (usually the next too)
  std::int64_t last_second_ = 0;
  std::vector<std::vector<Observation>> spare_;
};

template <class Sink, class Ahead>
void ReorderBuffer::release_until(std::int64_t limit, Sink& sink, Ahead& ahead) {
  while (!buckets_.empty()) {
    Bucket& b = buckets_.begin()->second;
    if (!b.sorted) sort_pending(b);
    while (b.next < b.items.size() && b.items[b.next].t_ms <= limit) {
      if (b.next + kFarAhead < b.items.size()) ahead(b.items[b.next + kFarAhead], kFarAhead);
      if (b.next + kMidAhead < b.items.size()) ahead(b.items[b.next + kMidAhead], kMidAhead);
      if (b.next + kNearAhead < b.items.size()) ahead(b.items[b.next + kNearAhead], kNearAhead);
      const Observation& o = b.items[b.next++];
      --size_;
      released_until_ = o.t_ms;
      sink(o);
    }
    if (b.next < b.items.size()) return;  // the rest is newer than the limit
    drop_front_bucket();
  }
}

}  // namespace seawarden::track
