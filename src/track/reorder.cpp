#include "track/reorder.h"

#include <algorithm>

namespace seawarden::track {

Observation& ReorderBuffer::next_slot() {
  if (pending_slot_ == UINT32_MAX) {
    if (!free_.empty()) {
      pending_slot_ = free_.back();
      free_.pop_back();
    } else {
      pending_slot_ = static_cast<std::uint32_t>(pool_.size());
      pool_.emplace_back();
    }
  }
  return pool_[pending_slot_];
}

bool ReorderBuffer::push() {
  std::uint32_t slot = pending_slot_;
  std::int64_t t = pool_[slot].t_ms;
  if (t < released_until_) {
    ++late_;
    return false;  // keep the slot pending for the next message
  }
  pending_slot_ = UINT32_MAX;
  heap_.push_back({t, seq_++, slot});
  std::push_heap(heap_.begin(), heap_.end(), later);
  if (t > newest_) newest_ = t;
  return true;
}

void ReorderBuffer::pop_heap_top() {
  std::pop_heap(heap_.begin(), heap_.end(), later);
  heap_.pop_back();
}

}  // namespace seawarden::track
