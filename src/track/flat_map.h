// Open-addressing hash map from a 32-bit key (an MMSI) to a 32-bit index: one probe
// sequence in a flat array, no allocation per insert beyond amortised growth.
#pragma once

#include <cstdint>
#include <vector>

namespace seawarden::track {

class FlatIndex {
 public:
  static constexpr std::uint32_t kNone = UINT32_MAX;

  FlatIndex() { slots_.assign(1024, Slot{}); }

  std::uint32_t find(std::uint32_t key) const {
    std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash(key) & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.value == kNone) return kNone;
      if (s.key == key) return s.value;
    }
  }

  // Starts loading the key's home slot (a later find() then rarely waits on memory).
  void prefetch(std::uint32_t key) const {
    __builtin_prefetch(&slots_[hash(key) & (slots_.size() - 1)]);
  }

  // Inserts key -> value (key must be absent).
  void insert(std::uint32_t key, std::uint32_t value) {
    if ((size_ + 1) * 2 > slots_.size()) grow();
    place(key, value);
    ++size_;
  }

  // Points a present key at another value.
  void assign(std::uint32_t key, std::uint32_t value) {
    std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash(key) & mask; slots_[i].value != kNone; i = (i + 1) & mask)
      if (slots_[i].key == key) {
        slots_[i].value = value;
        return;
      }
  }

  // Removes a key (if present). Linear probing without tombstones (backward-shift deletion):
  // the later entries of the probe run that may sit in the hole move into it.
  void erase(std::uint32_t key) {
    const std::size_t mask = slots_.size() - 1;
    std::size_t hole = hash(key) & mask;
    for (; slots_[hole].value == kNone || slots_[hole].key != key; hole = (hole + 1) & mask)
      if (slots_[hole].value == kNone) return;
    for (std::size_t i = (hole + 1) & mask; slots_[i].value != kNone; i = (i + 1) & mask) {
      const std::size_t home = hash(slots_[i].key) & mask;
      if (((i - home) & mask) >= ((i - hole) & mask)) {  // its home is not between hole and i
        slots_[hole] = slots_[i];
        hole = i;
      }
    }
    slots_[hole] = Slot{};
    --size_;
  }

  std::size_t size() const { return size_; }
  std::size_t memory_bytes() const { return slots_.capacity() * sizeof(Slot); }

 private:
  struct Slot {
    std::uint32_t key = 0;
    std::uint32_t value = kNone;
  };
  static std::size_t hash(std::uint32_t k) {
    std::uint64_t x = k * 0x9E3779B97F4A7C15ull;
    return static_cast<std::size_t>(x >> 32);
  }
  void place(std::uint32_t key, std::uint32_t value) {
    std::size_t mask = slots_.size() - 1;
    std::size_t i = hash(key) & mask;
    while (slots_[i].value != kNone) i = (i + 1) & mask;
    slots_[i] = Slot{key, value};
  }
  void grow() {
    std::vector<Slot> old;
    old.swap(slots_);
    slots_.assign(old.size() * 2, Slot{});
    for (const Slot& s : old)
      if (s.value != kNone) place(s.key, s.value);
  }

  std::vector<Slot> slots_;
  std::size_t size_ = 0;
};

}  // namespace seawarden::track
