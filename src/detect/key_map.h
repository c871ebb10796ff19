// Open-addressing maps from a 64-bit key (an MMSI, a vessel pair low << 32 | high, a cell) to a
// value. The detectors look up per-vessel or per-pair state at every fix or grid step; one
// linear probe in a flat slot array costs far fewer cache misses than std::unordered_map's
// bucket + node chain. FlatKeyMap keeps small plain values in the slots (one line per lookup,
// values move); KeyMap keeps them apart in a chunked, recycled store (values never move:
// references stay valid until their key is erased). Entries are visited through key snapshots
// (keys_where, sorted_keys), so the map may change while they are handled.
#pragma once

#include <algorithm>
#include <cstdint>
#include <deque>
#include <type_traits>
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

// Open addressing with each value inside its slot (linear probing, backward-shift deletion):
// one cache line per lookup for small trivially copyable values looked up at nearly every fix
// (a resampled track, a cell's bound). Values move when the table grows or an entry is erased,
// so a pointer from find() lasts only until the next insert or erase.
//
// HomeShift: the home slot is chosen by key >> HomeShift, so keys that differ only in their low
// bits (one vessel's segments: MMSI << 32 | segment) share a probe run, and the slot can be
// prefetched knowing the high part alone.
template <class V, int HomeShift = 0>
class FlatKeyMap {
  static_assert(std::is_trivially_copyable_v<V>);

 public:
  static constexpr std::uint64_t kEmpty = ~std::uint64_t{0};  // the one key that cannot be stored

  FlatKeyMap() { slots_.assign(kInitialSlots, Slot{}); }

  V* find(std::uint64_t key) {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = home(key, mask);; i = (i + 1) & mask) {
      if (slots_[i].key == key) return &slots_[i].value;
      if (slots_[i].key == kEmpty) return nullptr;
    }
  }
  const V* find(std::uint64_t key) const { return const_cast<FlatKeyMap*>(this)->find(key); }
  // Starts loading the key's home slot.
  void prefetch_slot(std::uint64_t key) const { __builtin_prefetch(&slots_[home(key, slots_.size() - 1)]); }

  // Returns the value for key and whether it was absent (then value-initialised).
  std::pair<V*, bool> find_or_insert(std::uint64_t key) {
    if ((size_ + 1) * 2 > slots_.size()) grow();
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = home(key, mask);
    for (; slots_[i].key != kEmpty; i = (i + 1) & mask)
      if (slots_[i].key == key) return {&slots_[i].value, false};
    slots_[i] = Slot{key, V{}};
    ++size_;
    return {&slots_[i].value, true};
  }

  // Removes key; returns whether it was there.
  bool erase(std::uint64_t key) {
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = home(key, mask);
    for (; slots_[i].key != key; i = (i + 1) & mask)
      if (slots_[i].key == kEmpty) return false;
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
    return true;
  }

  // f(key, value) for every entry, in slot order (the map must not change meanwhile).
  template <class F>
  void for_each(F&& f) const {
    for (const Slot& s : slots_)
      if (s.key != kEmpty) f(s.key, s.value);
  }

  // Every key, ascending (saving state in a deterministic order).
  std::vector<std::uint64_t> sorted_keys() const {
    std::vector<std::uint64_t> out;
    out.reserve(size_);
    for_each([&](std::uint64_t k, const V&) { out.push_back(k); });
    std::sort(out.begin(), out.end());
    return out;
  }

  // The farthest any entry sits from its home slot: a lookup's worst probe (O(slots), for tests
  // and diagnostics). Keys that share home slots make it grow with their number.
  std::size_t max_displacement() const {
    const std::size_t mask = slots_.size() - 1;
    std::size_t worst = 0;
    for (std::size_t i = 0; i < slots_.size(); ++i)
      if (slots_[i].key != kEmpty) worst = std::max(worst, (i - home(slots_[i].key, mask)) & mask);
    return worst;
  }

  void clear() { *this = FlatKeyMap{}; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

 private:
  static constexpr std::size_t kInitialSlots = 64;
  // Aligned to its size rounded up to a power of two (at most a line): no slot straddles lines.
  static constexpr std::size_t slot_align() {
    const std::size_t raw = sizeof(std::uint64_t) + sizeof(V);
    std::size_t a = alignof(std::uint64_t) > alignof(V) ? alignof(std::uint64_t) : alignof(V);
    while (a < raw && a < 64) a *= 2;
    return a;
  }
  struct alignas(slot_align()) Slot {
    std::uint64_t key = kEmpty;
    V value{};
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
  std::size_t size_ = 0;
};

// The same index with the values kept apart in a chunked, recycled store: for values that are
// large or own memory (vectors, strings) and must not move — references stay valid until their
// key is erased; erased values are reset and their places reused.
template <class V, int HomeShift = 0>
class KeyMap {
 public:
  static constexpr std::uint64_t kEmpty = FlatKeyMap<std::uint32_t, HomeShift>::kEmpty;

  V* find(std::uint64_t key) {
    const std::uint32_t* at = index_.find(key);
    return at ? &values_[*at] : nullptr;
  }
  const V* find(std::uint64_t key) const { return const_cast<KeyMap*>(this)->find(key); }
  bool contains(std::uint64_t key) const { return index_.find(key) != nullptr; }
  // Starts loading the key's home slot; prefetch_value() later starts loading its value.
  void prefetch_slot(std::uint64_t key) const { index_.prefetch_slot(key); }
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
    auto [at, fresh] = index_.find_or_insert(key);
    if (!fresh) return {&values_[*at], false};
    if (!free_.empty()) {
      *at = free_.back();
      free_.pop_back();
    } else {
      *at = static_cast<std::uint32_t>(values_.size());
      values_.emplace_back();
    }
    return {&values_[*at], true};
  }

  void erase(std::uint64_t key) {
    const std::uint32_t* at = index_.find(key);
    if (!at) return;
    const std::uint32_t i = *at;
    values_[i] = V{};  // release its memory now (keeping it cost ~50% peak RSS)
    free_.push_back(i);
    index_.erase(key);
  }

  // f(key, value) for every entry, in slot order (values may change, the map must not).
  template <class F>
  void for_each(F&& f) {
    index_.for_each([&](std::uint64_t k, std::uint32_t i) { f(k, values_[i]); });
  }

  // Keys (ascending) of the entries for which pred(key, value) holds: to erase or emit after.
  template <class P>
  std::vector<std::uint64_t> keys_where(P&& pred) {
    std::vector<std::uint64_t> out;
    index_.for_each([&](std::uint64_t k, std::uint32_t i) {
      if (pred(k, values_[i])) out.push_back(k);
    });
    std::sort(out.begin(), out.end());
    return out;
  }

  // Every key, ascending (saving state in a deterministic order).
  std::vector<std::uint64_t> sorted_keys() const { return index_.sorted_keys(); }

  void clear() { *this = KeyMap{}; }
  std::size_t size() const { return index_.size(); }
  bool empty() const { return index_.empty(); }

 private:
  FlatKeyMap<std::uint32_t, HomeShift> index_;  // key -> place in values_
  std::deque<V> values_;  // chunked: no doubling peak, no moves on growth
  std::vector<std::uint32_t> free_;
};

}  // namespace seawarden::detect
