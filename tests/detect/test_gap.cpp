#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "detect/event_json.h"
#include "test_pipeline_harness.h"

using namespace seawarden::testing;

TEST(Gap, SilenceLongerThanMinDurationIsOneGap) {
  std::vector<seawarden::ais::Received> m;
  sail(m, 412000001, kT0, kT0 + 2 * kHour, 5 * kMin, 37.0, 124.0, 8);
  sail(m, 412000001, kT0 + 16 * kHour, kT0 + 18 * kHour, 5 * kMin, 37.0, 125.0, 8);
  // A neighbour within 50 km keeps transmitting during the gap.
  sail(m, 412000002, kT0, kT0 + 18 * kHour, 10 * kMin, 37.1, 124.1, 0.5);
  std::sort(m.begin(), m.end(), [](auto& a, auto& b) { return a.meta.rxtime < b.meta.rxtime; });
  auto gaps = of_kind(run(m), "gap");
  ASSERT_EQ(gaps.size(), 1u);
  EXPECT_EQ(gaps[0].vessels, std::vector<std::uint32_t>{412000001});
  EXPECT_EQ(gaps[0].start_ms, kT0 + 2 * kHour);
  EXPECT_EQ(gaps[0].end_ms, kT0 + 16 * kHour);
  EXPECT_NEAR(gaps[0].fields["duration_h"].get<double>(), 14.0, 0.01);
  EXPECT_EQ(gaps[0].fields["vessels_nearby"].get<int>(), 1);
  EXPECT_GT(gaps[0].fields["distance_km"].get<double>(), 50);
}

TEST(Gap, ShortSilenceAndEndOfInputAreNotGaps) {
  std::vector<seawarden::ais::Received> m;
  sail(m, 412000001, kT0, kT0 + 2 * kHour, 5 * kMin, 37.0, 124.0, 8);
  sail(m, 412000001, kT0 + 10 * kHour, kT0 + 11 * kHour, 5 * kMin, 37.0, 124.5, 8);  // 8 h silence
  EXPECT_TRUE(of_kind(run(m), "gap").empty());
}

TEST(Gap, DraughtBeforeAndAfterAreReported) {
  std::vector<seawarden::ais::Received> m;
  Static5 s;
  m.push_back(static5(412000001, kT0, s));
  sail(m, 412000001, kT0 + kMin, kT0 + 2 * kHour, 5 * kMin, 37.0, 124.0, 8);
  sail(m, 412000001, kT0 + 20 * kHour, kT0 + 21 * kHour, 5 * kMin, 37.0, 124.5, 8);
  s.draught = 10.5;
  m.push_back(static5(412000001, kT0 + 21 * kHour + kMin, s));
  auto gaps = of_kind(run(m), "gap");
  ASSERT_EQ(gaps.size(), 1u);
  EXPECT_NEAR(gaps[0].fields["draught_before_m"].get<double>(), 8.0, 1e-4);
  EXPECT_NEAR(gaps[0].fields["draught_after_m"].get<double>(), 10.5, 1e-4);
}

namespace {

// A busy feed: six ships at anchor far apart, one report each every 10 minutes from t0 to t1,
// except while the feed is down ([down_from, down_to): no message at all).
void fleet(std::vector<seawarden::ais::Received>& m, std::int64_t t1, std::int64_t down_from, std::int64_t down_to) {
  for (std::uint32_t k = 0; k < 6; ++k) {
    const std::uint32_t mmsi = 413000001 + k;
    sail(m, mmsi, kT0, down_from - kMin, 10 * kMin, 30.0 + k, 120.0, 0.1);
    sail(m, mmsi, down_to, t1, 10 * kMin, 30.0 + k, 120.0, 0.1);
  }
}

std::vector<seawarden::detect::Event> run_sorted(std::vector<seawarden::ais::Received>& m,
                                                 const seawarden::detect::Config& cfg,
                                                 seawarden::detect::PipelineStats* stats = nullptr) {
  std::stable_sort(m.begin(), m.end(), [](auto& a, auto& b) { return a.meta.rxtime < b.meta.rxtime; });
  return run(m, cfg, stats);
}

// The messages before `cut` in one run, saved, and the rest in a run continuing it: the events of both.
std::vector<seawarden::detect::Event> run_cut(const std::vector<seawarden::ais::Received>& m, std::int64_t cut) {
  std::vector<seawarden::detect::Event> events;
  const seawarden::detect::Config cfg;
  std::string state;
  {
    seawarden::detect::Pipeline p(cfg, nullptr, nullptr);
    p.on_event = [&](const seawarden::detect::Event& e) { events.push_back(e); };
    for (const auto& x : m)
      if (x.meta.rxtime < cut) p.on_message(x);
    p.pause();
    state = p.save_state();
  }
  seawarden::detect::Pipeline q(cfg, nullptr, nullptr);
  q.on_event = [&](const seawarden::detect::Event& e) { events.push_back(e); };
  q.load_state(state);
  for (const auto& x : m)
    if (x.meta.rxtime >= cut) q.on_message(x);
  q.finish();
  return events;
}

}  // namespace

// A feed outage silences every ship at once: that is no evidence of any ship going dark. Before,
// a 14-hour outage of a simulated 150-ship feed gave 150 gaps (5 real ones).
TEST(Gap, AFeedOutageIsNotAGapOfEveryShip) {
  std::vector<seawarden::ais::Received> m;
  fleet(m, kT0 + 40 * kHour, kT0 + 10 * kHour, kT0 + 24 * kHour);
  seawarden::detect::PipelineStats stats;
  EXPECT_TRUE(of_kind(run_sorted(m, {}, &stats), "gap").empty());
  EXPECT_EQ(stats.set_aside["AIS gaps explained by a feed outage (no message of any vessel)"], 6u);
  // With the test switched off, every ship has its gap, as before.
  seawarden::detect::Config off;
  off.gap.feed_outage_ms = 0;
  EXPECT_EQ(of_kind(run_sorted(m, off), "gap").size(), 6u);
}

// Only the silence outside outages counts toward min_duration; what is left is reported, with
// the outage's share as evidence.
TEST(Gap, SilenceBeyondAnOutageIsStillAGap) {
  for (const std::int64_t silent_until : {22 * kHour, 28 * kHour}) {  // 20 h or 26 h of silence
    std::vector<seawarden::ais::Received> m;
    fleet(m, kT0 + 40 * kHour, kT0 + 10 * kHour, kT0 + 20 * kHour);  // a 10 h outage
    sail(m, 412000001, kT0, kT0 + 2 * kHour, 10 * kMin, 37.0, 124.0, 8);
    sail(m, 412000001, kT0 + silent_until, kT0 + 40 * kHour, 10 * kMin, 37.0, 125.0, 8);
    const auto gaps = of_kind(run_sorted(m, {}), "gap");
    if (silent_until == 22 * kHour) {
      EXPECT_TRUE(gaps.empty()) << "20 h of silence, 10 of them an outage, is under 12 h";
      continue;
    }
    ASSERT_EQ(gaps.size(), 1u);
    EXPECT_EQ(gaps[0].vessels, std::vector<std::uint32_t>{412000001});
    EXPECT_NEAR(gaps[0].fields["feed_outage_h"].get<double>(), 10.0, 0.2);
    EXPECT_NEAR(gaps[0].fields["duration_h"].get<double>(), 26.0, 0.01);
  }
}

// One vessel's own track (an analyst's extract) or a quiet receiver is silent whenever its ships
// are: a silence is an outage only after a busy feed.
TEST(Gap, AQuietFeedHasNoOutages) {
  std::vector<seawarden::ais::Received> m;
  sail(m, 412000001, kT0, kT0 + 2 * kHour, kMin / 6, 37.0, 124.0, 8);  // every 10 s: busy, but one ship
  sail(m, 412000001, kT0 + 16 * kHour, kT0 + 18 * kHour, kMin / 6, 37.0, 125.0, 8);
  EXPECT_EQ(of_kind(run_sorted(m, {}), "gap").size(), 1u);
}

// A run saved during an outage and continued (daily files) knows the outage and the feed's
// recent business: the same gaps as one run. (An earlier state, without them, still loads:
// StateContinuation tests the fixture saved before this section changed.)
TEST(Gap, AnOutageAcrossASavedStateIsStillKnown) {
  std::vector<seawarden::ais::Received> m;
  fleet(m, kT0 + 40 * kHour, kT0 + 10 * kHour, kT0 + 24 * kHour);
  sail(m, 412000001, kT0, kT0 + 2 * kHour, 10 * kMin, 37.0, 124.0, 8);  // silent 2 h - 30 h: 16 h off the outage
  sail(m, 412000001, kT0 + 30 * kHour, kT0 + 40 * kHour, 10 * kMin, 37.0, 125.0, 8);
  std::stable_sort(m.begin(), m.end(), [](auto& a, auto& b) { return a.meta.rxtime < b.meta.rxtime; });
  const auto whole = of_kind(run(m), "gap");
  ASSERT_EQ(whole.size(), 1u);

  for (const std::int64_t cut : {kT0 + 9 * kHour + 55 * kMin, kT0 + 24 * kHour + 5 * kMin}) {  // before, after the outage
    const auto events = run_cut(m, cut);
    const auto gaps = of_kind(events, "gap");
    ASSERT_EQ(gaps.size(), 1u) << "cut at " << (cut - kT0) / kMin << " min";
    EXPECT_EQ(seawarden::detect::to_json_line(gaps[0]), seawarden::detect::to_json_line(whole[0]));
  }
}

// Many silent vessels watched in the same cells, leaving them in another order than they came
// (a cell's list is reordered as each one leaves), once by reappearing and once by reaching the
// cap of nearby vessels; and the same across a saved state.
TEST(Gap, ManyWatchesInOneCellCountTheirNeighbours) {
  for (const int passing : {30, 130}) {
    std::vector<seawarden::ais::Received> m;
    fleet(m, kT0 + 20 * kHour, kT0 + 20 * kHour, kT0 + 20 * kHour);  // a busy feed far away: no outage
    constexpr int kSilent = 60;
    for (int k = 0; k < kSilent; ++k) {
      const std::uint32_t mmsi = 412100000 + static_cast<std::uint32_t>(k);
      const double lat = 37.0 + 0.01 * (k % 8), lon = 124.0 + 0.01 * (k / 8);
      sail(m, mmsi, kT0, kT0 + kHour, 10 * kMin, lat, lon, 0.1);
      const std::int64_t back = kT0 + 14 * kHour + ((k * 37) % kSilent) * kMin;  // a shuffled order
      sail(m, mmsi, back, back + kHour, 10 * kMin, lat, lon, 0.1);
    }
    for (int k = 0; k < passing; ++k)
      sail(m, 445100000 + static_cast<std::uint32_t>(k), kT0 + 3 * kHour, kT0 + 5 * kHour, 10 * kMin,
           36.8 + 0.004 * k, 123.9, 6);
    std::stable_sort(m.begin(), m.end(), [](auto& a, auto& b) { return a.meta.rxtime < b.meta.rxtime; });
    const auto gaps = of_kind(run(m), "gap");
    ASSERT_EQ(gaps.size(), static_cast<std::size_t>(kSilent)) << passing;
    // Each one counts the ships that passed and the silent ones that came back before it.
    for (const auto& g : gaps) {
      const int rank = static_cast<int>((g.vessels[0] - 412100000) * 37 % kSilent);
      EXPECT_EQ(g.fields["vessels_nearby"], std::min(passing + rank, 100)) << g.vessels[0];
    }

    // Cut while the vessels are watched and some have left their cells.
    const std::int64_t cut = kT0 + 4 * kHour;
    const auto events = run_cut(m, cut);
    const auto continued = of_kind(events, "gap");
    ASSERT_EQ(continued.size(), gaps.size());
    for (std::size_t i = 0; i < gaps.size(); ++i)
      EXPECT_EQ(seawarden::detect::to_json_line(continued[i]), seawarden::detect::to_json_line(gaps[i]));
  }
}
