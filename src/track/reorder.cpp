#include "track/reorder.h"

#include <algorithm>

namespace seawarden::track {

namespace {
constexpr std::size_t kMaxSpareBuckets = 4096;

std::int64_t second_of(std::int64_t t_ms) {
  return t_ms >= 0 ? t_ms / 1000 : -((-t_ms + 999) / 1000);
}
}  // namespace

ReorderBuffer::Bucket& ReorderBuffer::bucket_for(std::int64_t second) {
  auto [it, fresh] = buckets_.try_emplace(second);
  if (fresh && !spare_.empty()) {
    it->second.items = std::move(spare_.back());
    spare_.pop_back();
  }
  last_ = &it->second;
  last_second_ = second;
  return it->second;
}

void ReorderBuffer::drop_front_bucket() {
  auto it = buckets_.begin();
  if (last_ == &it->second) last_ = nullptr;
  if (spare_.size() < kMaxSpareBuckets) {
    it->second.items.clear();
    spare_.push_back(std::move(it->second.items));
  }
  buckets_.erase(it);
}

bool ReorderBuffer::push() {
  const std::int64_t t = scratch_.t_ms;
  if (t < released_until_) {
    ++late_;
    return false;
  }
  if (max_jump_ms_ > 0 && newest_ != INT64_MIN) {
    if (t - newest_ > max_jump_ms_) {
      ahead_.push_back(scratch_);
      if (ahead_.size() >= kJumpConfirmations) take_held(true);
      return true;
    }
    if (!ahead_.empty() && ahead_.front().t_ms - t > max_jump_ms_ && ++contradictions_ >= kJumpContradictions) {
      clock_outliers_ += ahead_.size();
      ahead_.clear();
      contradictions_ = 0;
    }
  }
  queue(scratch_);
  // The input may have reached a held message's time step by step (each step under max_jump):
  // it is no longer ahead, and must go in before the clock passes it.
  if (!ahead_.empty()) take_held(false);
  return true;
}

void ReorderBuffer::take_held(bool all) {
  std::size_t kept = 0;
  for (std::size_t i = 0; i < ahead_.size(); ++i) {
    if (all || ahead_[i].t_ms - newest_ <= max_jump_ms_) queue(ahead_[i]);
    else ahead_[kept++] = ahead_[i];
  }
  ahead_.resize(kept);
  if (ahead_.empty()) contradictions_ = 0;
}

void ReorderBuffer::queue(const Observation& o) {
  const std::int64_t t = o.t_ms;
  const std::int64_t second = second_of(t);
  Bucket& b = last_ && last_second_ == second ? *last_ : bucket_for(second);
  if (b.next == b.items.size()) {
    b.sorted = true;  // nothing pending: the new item alone is in order
  } else if (b.items.back().t_ms > t) {
    b.sorted = false;
  }
  b.items.push_back(o);
  ++size_;
  if (t > newest_) newest_ = t;
}

void ReorderBuffer::sort_pending(Bucket& b) {
  // Stable: equal times keep their arrival order.
  std::stable_sort(b.items.begin() + static_cast<std::ptrdiff_t>(b.next), b.items.end(),
                   [](const Observation& x, const Observation& y) { return x.t_ms < y.t_ms; });
  b.sorted = true;
}

}  // namespace seawarden::track
