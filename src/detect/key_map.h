// Open-addressing map from a vessel-pair key (low MMSI << 32 | high MMSI) to a value kept in a
// dense, recycled vector. The encounter detector looks up every close pair at every grid step;
// one linear probe in a flat slot array costs far fewer cache misses than std::unordered_map's
// bucket + node chain. Erased values are reset and their places reused.
#pragma once

#include <cstdint>
#include <deque>
#include <utility>
#include <vector>

namespace seawarden::detect {

template <class V>
class PairMap {
 public:
  static constexpr std::uint64_t kEmpty = ~std::uint64_t{0};  // never a pair key (low < high)

  PairMap() { slots_.assign(1024, Slot{}); }

  V* find(std::uint64_t key) {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = home(key, mask);; i = (i + 1) & mask) {
      if (slots_[i].key == key) return &values_[slots_[i].index];
      if (slots_[i].key == kEmpty) return nullptr;
    }
  }

  // Returns the value for key and whether it was absent (then default-constructed).
  std::pair<V*, bool> find_or_insert(std::uint64_t key) {
    if ((size_ + 1) * 2 > slots_.size()) grow();
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = home(key, mask);
    for (; slots_[i].key != kEmpty; i = (i + 1) & mask)
      if (slots_[i].key == key) return {&values_[slots_[i].index], false};
    std::uint32_t index;
    if (!free_.empty()) {
      index = free_.back();
      free_.pop_back();
    } else {
      index = static_cast<std::uint32_t>(values_.size());
      values_.emplace_back();
    }
    slots_[i] = Slot{key, index};
    ++size_;
    return {&values_[index], true};
  }

  void erase(std::uint64_t key) {
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = home(key, mask);
    for (; slots_[i].key != key; i = (i + 1) & mask)
      if (slots_[i].key == kEmpty) return;
    values_[slots_[i].index] = V{};  // release its memory now (keeping it cost ~50% peak RSS)
    free_.push_back(slots_[i].index);
    --size_;
    // Backward-shift deletion: pull later entries of the probe run into the hole.
    for (std::size_t j = (i + 1) & mask; slots_[j].key != kEmpty; j = (j + 1) & mask) {
      const std::size_t h = home(slots_[j].key, mask);
      if (((j - h) & mask) >= ((j - i) & mask)) {
        slots_[i] = slots_[j];
        i = j;
      }
    }
    slots_[i] = Slot{};
  }

  template <class F>
  void for_each_key(F&& f) const {
    for (const Slot& s : slots_)
      if (s.key != kEmpty) f(s.key);
  }

  std::size_t size() const { return size_; }

 private:
  struct Slot {
    std::uint64_t key = kEmpty;
    std::uint32_t index = 0;
  };
  static std::size_t home(std::uint64_t k, std::size_t mask) {
    return static_cast<std::size_t>((k * 0x9E3779B97F4A7C15ull) >> 24) & mask;
  }
  void grow() {
    std::vector<Slot> old;
    old.swap(slots_);
    slots_.assign(old.size() * 2, Slot{});
    const std::size_t mask = slots_.size() - 1;
    for (const Slot& s : old) {
      if (s.key == kEmpty) continue;
      std::size_t i = home(s.key, mask);
      while (slots_[i].key != kEmpty) i = (i + 1) & mask;
      slots_[i] = s;
    }
  }

  std::vector<Slot> slots_;
  std::deque<V> values_;  // chunked: no doubling peak, no moves on growth
  std::vector<std::uint32_t> free_;
  std::size_t size_ = 0;
};

}  // namespace seawarden::detect
