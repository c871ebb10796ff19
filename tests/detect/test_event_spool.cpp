// EventSpool: events come back in exactly the order and with exactly the content a stable sort
// of everything in memory would give, however small the memory bound (many spilled runs).
#include <algorithm>
#include <cstring>
#include <random>
#include <vector>

#include <stdexcept>

#include <gtest/gtest.h>

#include "detect/event_json.h"
#include "detect/event_spool.h"

namespace {

using seawarden::detect::Event;
using seawarden::detect::EventSpool;

std::vector<Event> random_events(std::size_t n, std::uint32_t seed) {
  std::mt19937 rng(seed);
  const char* kinds[] = {"encounter", "gap", "zone_visit", "identity_change"};
  std::vector<Event> out;
  for (std::size_t i = 0; i < n; ++i) {
    Event e;
    e.kind = kinds[rng() % 4];
    // Few distinct keys, so many events tie and only their arrival order separates them.
    e.start_ms = 1715212800000 + static_cast<std::int64_t>(rng() % 40) * 600000;
    e.end_ms = e.start_ms + static_cast<std::int64_t>(rng() % 3) * 600000;
    e.vessels = {412000000u + static_cast<std::uint32_t>(rng() % 5)};
    if (e.kind == "encounter") e.vessels.push_back(445000000u + static_cast<std::uint32_t>(rng() % 5));
    e.lat = 38.0 + std::uniform_real_distribution<double>(0, 1)(rng);  // full precision kept
    e.lon = 124.0 + std::uniform_real_distribution<double>(0, 1)(rng);
    e.fields["arrival"] = i;
    e.fields["distance_km"] = std::uniform_real_distribution<double>(0, 500)(rng);
    e.fields["name"] = i % 7 ? "OCEAN STAR" : "\xEB\xB0\x94\xEB\x8B\xA4";  // non-ASCII too
    e.fields["evidence"] = {{"points", {1, 2, 3}}, {"note", nullptr}, {"ok", true}};
    out.push_back(std::move(e));
  }
  return out;
}

void expect_same(const Event& a, const Event& b, std::size_t i) {
  ASSERT_EQ(a.kind, b.kind) << i;
  ASSERT_EQ(a.start_ms, b.start_ms) << i;
  ASSERT_EQ(a.end_ms, b.end_ms) << i;
  ASSERT_EQ(a.vessels, b.vessels) << i;
  ASSERT_EQ(std::memcmp(&a.lat, &b.lat, sizeof a.lat), 0) << i;
  ASSERT_EQ(std::memcmp(&a.lon, &b.lon, sizeof a.lon), 0) << i;
  ASSERT_EQ(a.fields, b.fields) << i;
}

void check(std::size_t n, std::size_t memory_events, std::uint32_t seed) {
  std::vector<Event> events = random_events(n, seed);
  std::vector<Event> expected = events;
  std::stable_sort(expected.begin(), expected.end(), seawarden::detect::event_before);
  EventSpool spool(memory_events);
  for (Event& e : events) spool.add(std::move(e));
  EXPECT_EQ(spool.size(), n);
  if (memory_events < n) {
    EXPECT_GE(spool.runs_spilled(), (n - 1) / memory_events);
  }
  std::vector<Event> got;
  spool.drain([&](const Event& e) { got.push_back(e); });
  ASSERT_EQ(got.size(), expected.size());
  for (std::size_t i = 0; i < got.size(); ++i) expect_same(got[i], expected[i], i);
  EXPECT_EQ(spool.size(), 0u);
  EXPECT_FALSE(spool.spill_failed());
}

TEST(EventSpool, InMemoryIsAStableSort) { check(500, 100000, 1); }
TEST(EventSpool, ManySpilledRunsMergeToTheStableSort) { check(2000, 37, 2); }
TEST(EventSpool, OneEventPerRun) { check(300, 1, 3); }
TEST(EventSpool, RunBoundaryExactlyAtTheEnd) { check(400, 100, 4); }

TEST(EventSpool, ReusableAfterDrain) {
  EventSpool spool(10);
  std::vector<Event> first = random_events(55, 5);
  for (Event& e : first) spool.add(std::move(e));
  std::size_t n = 0;
  spool.drain([&](const Event&) { ++n; });
  EXPECT_EQ(n, 55u);
  std::vector<Event> second = random_events(23, 6);
  std::vector<Event> expected = second;
  std::stable_sort(expected.begin(), expected.end(), seawarden::detect::event_before);
  for (Event& e : second) spool.add(std::move(e));
  std::vector<Event> got;
  spool.drain([&](const Event& e) { got.push_back(e); });
  ASSERT_EQ(got.size(), 23u);
  for (std::size_t i = 0; i < got.size(); ++i) expect_same(got[i], expected[i], i);
}

TEST(EventSpool, UnwritableTempDirKeepsEventsInMemory) {
  const char* old = std::getenv("TMPDIR");
  std::string saved = old ? old : "";
  ::setenv("TMPDIR", "/nonexistent/seawarden-spool-test", 1);
  EventSpool spool(4);
  std::vector<Event> events = random_events(50, 7);
  std::vector<Event> expected = events;
  std::stable_sort(expected.begin(), expected.end(), seawarden::detect::event_before);
  for (Event& e : events) spool.add(std::move(e));
  if (old) ::setenv("TMPDIR", saved.c_str(), 1);
  else ::unsetenv("TMPDIR");
  EXPECT_TRUE(spool.spill_failed());
  EXPECT_EQ(spool.runs_spilled(), 0u);
  std::vector<Event> got;
  spool.drain([&](const Event& e) { got.push_back(e); });
  ASSERT_EQ(got.size(), expected.size());
  for (std::size_t i = 0; i < got.size(); ++i) expect_same(got[i], expected[i], i);
}

}  // namespace

TEST(EventSpool, AFailedDrainLeavesItEmptyAndUsable) {
  for (std::size_t memory : {std::size_t{1000}, std::size_t{7}}) {  // in memory, then spilled runs
    EventSpool spool(memory);
    for (Event& e : random_events(100, 5)) spool.add(std::move(e));
    int delivered = 0;
    EXPECT_THROW(spool.drain([&](const Event&) {
      if (++delivered == 10) throw std::runtime_error("consumer failed");
    }),
                 std::runtime_error);
    EXPECT_EQ(spool.size(), 0u) << memory;  // nothing half-drained to deliver twice
    EXPECT_EQ(spool.runs_spilled(), 0u);
    for (Event& e : random_events(30, 6)) spool.add(std::move(e));
    std::size_t again = 0;
    spool.drain([&](const Event&) { ++again; });
    EXPECT_EQ(again, 30u) << memory;
  }
}
