// Releases observations in receive-time order, tolerating arrival out of order within a
// bounded window. Storage is recycled: no allocation per message once warmed up.
#pragma once

#include <cstdint>
#include <vector>

#include "track/observation.h"

namespace seawarden::track {

class ReorderBuffer {
 public:
  explicit ReorderBuffer(std::int64_t window_ms) : window_ms_(window_ms) {}

  // Slot to fill before push(); valid until the next push()/release.
  Observation& next_slot();
  // Queues the observation written into next_slot(). Returns false (and drops it) when it
  // is older than what has already been released ("late").
  bool push();

  // Calls sink(obs) for every observation that can no longer be overtaken: receive time
  // at most (newest seen - window). Order: receive time, then arrival.
  template <class Sink>
  void release_ready(Sink&& sink) {
    release_until(newest_ - window_ms_, sink);
  }
  // Releases everything (end of input).
  template <class Sink>
  void flush(Sink&& sink) {
    release_until(INT64_MAX, sink);
  }

  std::int64_t released_until() const { return released_until_; }
  std::size_t size() const { return heap_.size(); }
  std::uint64_t late() const { return late_; }

 private:
  struct Entry {
    std::int64_t t;
    std::uint64_t seq;
    std::uint32_t slot;
  };
  static bool later(const Entry& a, const Entry& b) {
    return a.t != b.t ? a.t > b.t : a.seq > b.seq;
  }
  template <class Sink>
  void release_until(std::int64_t limit, Sink& sink);
  void pop_heap_top();

  std::int64_t window_ms_;
  std::int64_t newest_ = INT64_MIN;
  std::int64_t released_until_ = INT64_MIN;
  std::uint64_t seq_ = 0, late_ = 0;
  std::vector<Observation> pool_;
  std::vector<std::uint32_t> free_;
  std::vector<Entry> heap_;
  std::uint32_t pending_slot_ = UINT32_MAX;
};

template <class Sink>
void ReorderBuffer::release_until(std::int64_t limit, Sink& sink) {
  while (!heap_.empty() && heap_.front().t <= limit) {
    Entry top = heap_.front();
    pop_heap_top();
    released_until_ = top.t;
    sink(static_cast<const Observation&>(pool_[top.slot]));
    free_.push_back(top.slot);
  }
}

}  // namespace seawarden::track
