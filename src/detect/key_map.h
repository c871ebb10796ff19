// Open-addressing map from a 64-bit key (an MMSI, a vessel pair low << 32 | high, a cell) to a
// value kept in a chunked, recycled store. The detectors look up per-vessel or per-pair state at
// every fix or grid step; one linear probe in a flat slot array costs far fewer cache misses than
// std::unordered_map's bucket + node chain. Values never move (references stay valid until their
// key is erased); erased values are reset and their places reused. Entries are visited through
// key snapshots (keys_where), so the map may change while they are handled.
#pragma once

#include <algorithm>
#include <cstdint>
#include <deque>
#include <utility>
#include <vector>

namespace seawarden::detect {

// Full 64-bit mix (murmur3's finaliser) for open-addressing tables. Keys here are structured
// (MMSI << 32 | segment, row << 32 | column, vessel pairs): a plain multiplicative hash leaves
// the low bits that pick the slot depending on only a few key bits, piling keys into long runs.
inline std::size_t mix_key(std::uint64_t k) {
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdull;
  k ^= k >> 33;
  k *= 0xc4ceb9fe1a85ec53ull;
  k ^= k >> 33;
  return static_cast<std::size_t>(k);
}

// HomeShift: the home slot is chosen by key >> HomeShift, so keys that differ only in their low
// bits (one vessel's segments: MMSI << 32 | segment) share a probe run, and the slot can be
// prefetched knowing the high part alone.
template <class V, int HomeShift = 0>
class KeyMap {
 public:
  static constexpr std::uint64_t kEmpty = ~std::uint64_t{0};  // the one key that cannot be stored

  KeyMap() { slots_.assign(kInitialSlots, Slot{}); }

  V* find(std::uint64_t key) {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = home(key, mask);; i = (i + 1) & mask) {
      if (slots_[i].key == key) return &values_[slots_[i].index];
      if (slots_[i].key == kEmpty) return nullptr;
    }
  }
  const V* find(std::uint64_t key) const { return const_cast<KeyMap*>(this)->find(key); }
  bool contains(std::uint64_t key) const { return find(key) != nullptr; }
  // Starts loading the key's home slot; prefetch_value() later starts loading its value.
  void prefetch_slot(std::uint64_t key) const { __builtin_prefetch(&slots_[home(key, slots_.size() - 1)]); }
  void prefetch_value(std::uint64_t key) const {
    if (const V* v = find(key)) {
      const char* p = reinterpret_cast<const char*>(v);
      __builtin_prefetch(p);
      if constexpr (sizeof(V) > 64) __builtin_prefetch(p + 64);  // values here span at most two lines hot
    }
  }
  V& operator[](std::uint64_t key) { return *find_or_insert(key).first; }

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

  // Keys (ascending) of the entries for which pred(key, value) holds: to erase or emit after.
  template <class P>
  std::vector<std::uint64_t> keys_where(P&& pred) {
    std::vector<std::uint64_t> out;
    for (const Slot& s : slots_)
      if (s.key != kEmpty && pred(s.key, values_[s.index])) out.push_back(s.key);
    std::sort(out.begin(), out.end());
    return out;
  }

  // Every key, ascending (saving state in a deterministic order).
  std::vector<std::uint64_t> sorted_keys() const {
    std::vector<std::uint64_t> out;
    out.reserve(size_);
    for (const Slot& s : slots_)
      if (s.key != kEmpty) out.push_back(s.key);
    std::sort(out.begin(), out.end());
    return out;
  }

  void clear() { *this = KeyMap{}; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

 private:
  static constexpr std::size_t kInitialSlots = 64;
  struct Slot {
    std::uint64_t key = kEmpty;
    std::uint32_t index = 0;
  };
  static std::size_t home(std::uint64_t k, std::size_t mask) { return mix_key(k >> HomeShift) & mask; }
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
