// The tracker's side of forgetting silent vessels: FlatIndex erasure and Tracker::forget_idle.
#include <algorithm>
#include <cstdint>
#include <random>
#include <unordered_map>
#include <vector>

#include <gtest/gtest.h>

#include "track/flat_map.h"
#include "track/tracker.h"

using namespace seawarden::track;

// Against std::unordered_map, through many inserts, erasures and reassignments, including
// keys that share home slots and probe runs that wrap around the table's end.
TEST(FlatIndex, EraseKeepsEveryProbeRunWhole) {
  std::mt19937 rng(3);
  FlatIndex index;
  std::unordered_map<std::uint32_t, std::uint32_t> model;
  for (int step = 0; step < 200000; ++step) {
    const std::uint32_t key = rng() % 3000;  // few keys: dense tables, long runs
    const int op = static_cast<int>(rng() % 3);
    if (op == 0 && !model.count(key)) {
      index.insert(key, static_cast<std::uint32_t>(step));
      model[key] = static_cast<std::uint32_t>(step);
    } else if (op == 1) {
      index.erase(key);
      model.erase(key);
    } else if (model.count(key)) {
      index.assign(key, static_cast<std::uint32_t>(step) + 1);
      model[key] = static_cast<std::uint32_t>(step) + 1;
    }
    if (step % 997 == 0) {
      for (std::uint32_t k = 0; k < 3000; ++k) {
        const auto it = model.find(k);
        ASSERT_EQ(index.find(k), it == model.end() ? FlatIndex::kNone : it->second) << "key " << k << " step " << step;
      }
    }
  }
  EXPECT_EQ(index.size(), model.size());
}

namespace {
struct Recorder : TrackSink {
  std::vector<std::uint32_t> forgotten;
  std::size_t moves = 0;
  void on_fix(const Vessel&, const Fix&, const Fix*, const SegmentDecision&) override {}
  void on_static(const Vessel&, const Observation&, const IdentityUpdate&) override {}
  void on_forget(const Vessel& v) override { forgotten.push_back(v.mmsi); }
  void on_record_moved(std::size_t index, std::size_t from) override { moves += index != from; }
};

Observation report(std::uint32_t mmsi, std::int64_t t) {
  Observation o;
  o.mmsi = mmsi;
  o.t_ms = t;
  o.msg_type = 1;
  o.has_position = o.position_valid = true;
  o.lat = 38;
  o.lon = 124 + t / 1e9;
  o.raw_lat = static_cast<std::int32_t>(o.lat * 600000);
  o.raw_lon = static_cast<std::int32_t>(o.lon * 600000);
  return o;
}
}  // namespace

TEST(Tracker, ForgetIdleFreesRecordsAndKeepsTheOthersFindable) {
  constexpr std::int64_t kDay = 86400000;
  TrackerParams params;
  params.reorder_window_ms = 0;
  params.forget_after_ms = 3 * kDay;
  params.forget_brief_after_ms = 2 * kDay;
  Recorder sink;
  Tracker tracker(params, sink);
  // Vessel k is heard 1 + k % 4 times at day k % 5.
  std::vector<Observation> input;
  for (std::uint32_t k = 0; k < 500; ++k)
    for (std::uint32_t i = 0; i <= k % 4; ++i) input.push_back(report(400000000 + k, (k % 5) * kDay + i * 60000 + k));
  std::sort(input.begin(), input.end(), [](const Observation& a, const Observation& b) { return a.t_ms < b.t_ms; });
  for (const Observation& o : input) tracker.push(o);
  tracker.flush();
  ASSERT_EQ(tracker.vessel_count(), 500u);
  tracker.forget_idle(5 * kDay + 1);
  // Silent since day d: 5 - d days. Brief (1-2 messages): forgotten beyond 2 days (d <= 2);
  // the others beyond 3 days (d <= 1).
  std::size_t expected = 0;
  for (std::uint32_t k = 0; k < 500; ++k) {
    const std::uint32_t d = k % 5, heard = 1 + k % 4;
    const bool gone = heard < 3 ? d <= 2 : d <= 1;
    expected += gone;
    const Vessel* v = tracker.find(400000000 + k);
    ASSERT_EQ(v == nullptr, gone) << k;
    if (v) {
      EXPECT_EQ(v->messages, heard);
    }
  }
  EXPECT_EQ(sink.forgotten.size(), expected);
  EXPECT_EQ(tracker.forgotten(), expected);
  EXPECT_EQ(tracker.vessel_count(), 500 - expected);
  EXPECT_GT(sink.moves, 0u);

  // Heard again past its horizon before any sweep: the same record, reset to a new vessel.
  const Vessel* kept = tracker.find(400000004);  // day 4, heard once
  ASSERT_NE(kept, nullptr);
  tracker.push(report(400000004, 7 * kDay));
  tracker.flush();
  EXPECT_EQ(tracker.find(400000004)->messages, 1u);
  EXPECT_EQ(tracker.find(400000004)->first_t_ms, 7 * kDay);
  EXPECT_EQ(sink.forgotten.back(), 400000004u);
}
