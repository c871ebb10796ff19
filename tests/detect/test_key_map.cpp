#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "detect/key_map.h"

namespace seawarden::detect {
namespace {

struct Track {  // a resampler-like value: key + value fit one slot line
  std::int64_t t = 0;
  double lat = 0, lon = 0;
  float sog = -1;
};

// Random inserts, updates and erases against std::map, with keys that share probe runs (one
// MMSI's segments under HomeShift 32) and enough of them to grow the table several times:
// backward-shift deletion must never lose an entry nor leave a stale one.
template <class Map, class Value, class Make>
void differential(Map& m, Make make) {
  std::mt19937_64 rng(7);
  std::map<std::uint64_t, Value> ref;
  std::uniform_int_distribution<std::uint32_t> mmsi(1, 3000), segment(1, 4);
  std::uniform_int_distribution<int> op(0, 9);
  for (int step = 0; step < 200000; ++step) {
    const std::uint64_t key = (static_cast<std::uint64_t>(mmsi(rng)) << 32) | segment(rng);
    const int o = op(rng);
    if (o < 5) {
      auto [v, fresh] = m.find_or_insert(key);
      ASSERT_EQ(fresh, !ref.count(key)) << key;
      *v = make(step);
      ref[key] = make(step);
    } else if (o < 8) {
      m.erase(key);
      ref.erase(key);
    } else {
      const auto* v = m.find(key);
      const auto it = ref.find(key);
      ASSERT_EQ(v != nullptr, it != ref.end()) << key;
      if (v) {
        ASSERT_EQ(*v, it->second);
      }
    }
    ASSERT_EQ(m.size(), ref.size());
  }
  std::vector<std::uint64_t> keys;
  for (const auto& [k, v] : ref) {
    keys.push_back(k);
    const auto* got = m.find(k);
    ASSERT_NE(got, nullptr);
    EXPECT_EQ(*got, v);
  }
  EXPECT_EQ(m.sorted_keys(), keys);
  EXPECT_GT(keys.size(), 1000u) << "the test should keep many entries alive";
}

TEST(KeyMap, FlatMapAgreesWithStdMap) {
  FlatKeyMap<std::int64_t, 32> m;
  differential<FlatKeyMap<std::int64_t, 32>, std::int64_t>(m, [](int s) { return std::int64_t{s} * 3; });
}

TEST(KeyMap, StoredMapAgreesWithStdMap) {
  KeyMap<std::string> m;
  differential<KeyMap<std::string>, std::string>(m, [](int s) { return std::to_string(s * 7); });
}

TEST(KeyMap, FlatSlotsNeverStraddleCacheLines) {
  // A track (key + 32 bytes) takes a whole line; small values pack several to a line.
  FlatKeyMap<Track> m;
  for (std::uint64_t k = 1; k <= 500; ++k) m.find_or_insert(k).first->t = static_cast<std::int64_t>(k);
  for (std::uint64_t k = 1; k <= 500; ++k) {
    const auto addr = reinterpret_cast<std::uintptr_t>(m.find(k));
    const std::uintptr_t slot = addr - sizeof(std::uint64_t);  // the key precedes the value
    EXPECT_EQ(slot / 64, (slot + sizeof(std::uint64_t) + sizeof(Track) - 1) / 64) << k;
    EXPECT_EQ(m.find(k)->t, static_cast<std::int64_t>(k));
  }
}

TEST(KeyMap, StoredValuesKeepTheirAddressWhileTheTableGrows) {
  KeyMap<std::vector<int>> m;
  std::vector<int>* first = m.find_or_insert(42).first;
  first->push_back(1);
  for (std::uint64_t k = 100; k < 20000; ++k) m.find_or_insert(k);
  EXPECT_EQ(m.find(42), first);
  ASSERT_EQ(first->size(), 1u);
  m.erase(42);
  EXPECT_EQ(m.find(42), nullptr);
  EXPECT_TRUE(m.find_or_insert(42).first->empty()) << "an erased value is reset before reuse";
  const auto even = m.keys_where([](std::uint64_t k, const std::vector<int>&) { return k % 2 == 0 && k < 110; });
  EXPECT_EQ(even, (std::vector<std::uint64_t>{42, 100, 102, 104, 106, 108}));
}

}  // namespace
}  // namespace seawarden::detect
