// "Certainly absent" test for a small set of 64-bit keys (the vessels a detector holds state
// for) in a table of counters small enough to stay in cache: most fixes belong to vessels the
// detector keeps nothing for, and a miss in its state map costs a trip to memory. maybe()
// false is exact; true may be a collision (then the map answers). Counting, so keys can leave.
#pragma once

#include <cstdint>
#include <vector>

#include "detect/key_map.h"

namespace seawarden::detect {

class PresenceFilter {
 public:
  PresenceFilter() : counts_(kMinSlots, 0) {}

  bool maybe(std::uint64_t key) const { return counts_[slot(key)] != 0; }
  void prefetch(std::uint64_t key) const { __builtin_prefetch(&counts_[slot(key)]); }
  void add(std::uint64_t key) {
    ++counts_[slot(key)];
    ++size_;
  }
  void remove(std::uint64_t key) {
    --counts_[slot(key)];
    --size_;
  }
  // Keeps collisions rare as the set grows: call with every key when needs_growth().
  bool needs_growth() const { return size_ * 4 > counts_.size(); }
  void rebuild(const std::vector<std::uint64_t>& keys) {
    std::size_t n = kMinSlots;
    while (keys.size() * 8 > n) n *= 2;
    counts_.assign(n, 0);
    size_ = 0;
    for (std::uint64_t k : keys) add(k);
  }

 private:
  static constexpr std::size_t kMinSlots = std::size_t{1} << 15;  // 64 KB of counters
  std::size_t slot(std::uint64_t key) const { return mix_key(key) & (counts_.size() - 1); }
  std::vector<std::uint16_t> counts_;  // a vessel is counted once: no overflow below 65,535 per slot
  std::size_t size_ = 0;
};

}  // namespace seawarden::detect
