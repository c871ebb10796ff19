// Forgetting silent vessels ([tracks] forget_after, forget_brief_after): memory follows the
// vessels heard within the horizon, a vessel heard again after it starts anew, and what the
// detectors would have said of a forgotten vessel at the end they say when it is forgotten.
#include <algorithm>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "detect/event_json.h"
#include "test_pipeline_harness.h"

namespace {

using namespace seawarden::testing;
using seawarden::ais::Received;
using seawarden::detect::Config;
using seawarden::detect::Event;
using seawarden::detect::Pipeline;
using seawarden::detect::PipelineStats;

constexpr std::int64_t kDay = 24 * kHour;
constexpr std::uint32_t kShip = 412000001;      // China
constexpr std::uint32_t kWitness = 412000002;   // heard all along: the clock moves on
constexpr std::uint32_t kJunk = 100000001;      // MID 100: not allocated

Config horizons(std::int64_t full_ms, std::int64_t brief_ms) {
  Config cfg;
  cfg.tracks.forget_after_ms = full_ms;
  cfg.tracks.forget_brief_after_ms = brief_ms;
  return cfg;
}

// kShip sails 6 h, falls silent for `silence`, then is heard again; kWitness reports hourly
// throughout; kJunk is heard once at the start.
std::vector<Received> silent_ship(std::int64_t silence) {
  std::vector<Received> msgs;
  const std::int64_t back = kT0 + 6 * kHour + silence;
  for (std::int64_t t = kT0; t <= back + 2 * kHour; t += 10 * kMin) {
    if (t <= kT0 + 6 * kHour || t >= back) msgs.push_back(position(kShip, t, 38.0, 124.0 + (t - kT0) / 3.6e9));
    if ((t - kT0) % kHour == 0) msgs.push_back(position(kWitness, t + 1000, 37.0, 123.0));
    if (t == kT0) msgs.push_back(position(kJunk, t + 2000, 37.5, 123.5));
  }
  return msgs;
}

TEST(Forget, ASilenceBeyondTheHorizonStartsANewVessel) {
  const auto msgs = silent_ship(3 * kDay);
  PipelineStats kept, forgot;
  const auto never = run(msgs, horizons(0, 0), &kept);
  const auto after_2d = run(msgs, horizons(2 * kDay, 2 * kDay), &forgot);

  ASSERT_EQ(of_kind(never, "gap").size(), 1u) << "without forgetting the silence is a gap";
  EXPECT_EQ(of_kind(never, "gap")[0].vessels, std::vector<std::uint32_t>{kShip});
  EXPECT_EQ(kept.forgotten, 0u);
  EXPECT_EQ(kept.vessels, 3u);

  EXPECT_TRUE(of_kind(after_2d, "gap").empty()) << "heard again after the horizon: a new vessel, no gap";
  EXPECT_EQ(forgot.forgotten, 2u) << "the ship during its silence, the junk MMSI after its one message";
  EXPECT_EQ(forgot.vessels, 4u) << "records made: the ship counts twice";
  // What the end of the run says of a vessel is said when it is forgotten, once.
  for (const auto* events : {&never, &after_2d}) {
    const auto anomalies = of_kind(*events, "identity_anomaly");
    ASSERT_EQ(anomalies.size(), 1u);
    EXPECT_EQ(anomalies[0].vessels, std::vector<std::uint32_t>{kJunk});
    EXPECT_EQ(anomalies[0].fields.value("reason", ""), "unallocated_mid");
  }
}

TEST(Forget, AShorterSilenceIsStillAGap) {
  const auto msgs = silent_ship(36 * kHour);
  PipelineStats stats;
  const auto events = run(msgs, horizons(2 * kDay, 2 * kDay), &stats);
  ASSERT_EQ(of_kind(events, "gap").size(), 1u);
  EXPECT_EQ(stats.forgotten, 0u) << "the run is 44 h long: nobody was silent for 2 days";
}

// The brief horizon applies to vessels heard fewer than 3 times and never named, the full one to
// the others (a satellite feed may hear a real ship twice in days, with its static report).
TEST(Forget, BriefVesselsGoFirst) {
  std::vector<Received> msgs;
  for (int i = 0; i < 3; ++i) msgs.push_back(position(kShip, kT0 + i * kMin, 38.0, 124.0));
  msgs.push_back(position(kJunk, kT0, 37.5, 123.5));
  msgs.push_back(static5(412000003, kT0 + kMin, Static5{}));  // named, heard twice
  msgs.push_back(position(412000003, kT0 + 2 * kMin, 37.2, 123.2));
  for (std::int64_t t = kT0 + kHour; t <= kT0 + 4 * kDay; t += kHour) msgs.push_back(position(kWitness, t, 37.0, 123.0));
  PipelineStats stats;
  run(msgs, horizons(5 * kDay, 2 * kDay), &stats);
  EXPECT_EQ(stats.forgotten, 1u) << "the MMSI heard once, not the ship heard three times nor the named one";
  run(msgs, horizons(3 * kDay, 2 * kDay), &stats);
  EXPECT_EQ(stats.forgotten, 3u);
}

// A fleet falling silent for all kinds of spans, with identities that make every per-vessel
// detector keep state (invalid and shared IMOs, draught changes, unallocated MIDs, MMSIs heard
// once or twice), over 9 days.
std::vector<Received> restless_fleet(unsigned seed) {
  std::mt19937 rng(seed);
  std::vector<Received> msgs;
  const std::int64_t end = kT0 + 9 * kDay;
  const std::int64_t silences[] = {30 * kMin, 14 * kHour, 50 * kHour, 3 * kDay + 5 * kHour, 5 * kDay};
  for (std::uint32_t k = 0; k < 160; ++k) {
    const std::uint32_t mmsi = (k % 9 == 0 ? 100000000u : 412000000u) + 1000 * k;
    Static5 id;
    id.name = fmt::format("SHIP {}", k);
    id.callsign = fmt::format("C{}", k);
    id.imo = k % 7 == 0 ? 1234568 : k % 5 == 0 ? 9074729 : 0;  // invalid; shared by several
    const double base_draught = 6.0 + (k % 3);
    double lat = 36.0 + (k % 20) * 0.05, lon = 122.0 + (k / 20) * 0.05;
    std::int64_t t = kT0 + static_cast<std::int64_t>(rng() % (6 * kHour));
    const bool brief = k % 11 == 0;  // heard once or twice, positions only
    const int heard_max = brief ? 1 + static_cast<int>(k % 2) : 1 << 20;
    int heard = 0;
    while (t < end && heard < heard_max) {
      const int burst = 2 + static_cast<int>(rng() % 12);
      for (int i = 0; i < burst && t < end && heard < heard_max; ++i, ++heard) {
        msgs.push_back(position(mmsi, t, lat, lon, 1.0));
        if (i == 0 && !brief) {
          id.draught = base_draught + (rng() % 3 == 0 ? 1.5 : 0.0);  // loaded or discharged while away
          msgs.push_back(static5(mmsi, t + 500, id));
          msgs.push_back(static5(mmsi, t + 20 * kMin, id));
        }
        t += 30 * kMin;
        lat += 0.001;
      }
      t += silences[rng() % std::size(silences)];
    }
  }
  std::stable_sort(msgs.begin(), msgs.end(),
                   [](const Received& a, const Received& b) { return a.meta.rxtime < b.meta.rxtime; });
  return msgs;
}

std::vector<std::string> json_lines(const std::vector<Event>& events) {
  std::vector<std::string> out;
  for (const Event& e : events) out.push_back(seawarden::detect::to_json_line(e));
  std::sort(out.begin(), out.end());
  return out;
}

// Split into runs continued through saved state, the sweeps that free silent vessels come at
// other times (a continued run sweeps at its first watermark): the events must not change.
class ForgetFleet : public ::testing::TestWithParam<unsigned> {};

TEST_P(ForgetFleet, WhenTheSweepRunsChangesNothing) {
  const auto msgs = restless_fleet(GetParam());
  const Config cfg = horizons(3 * kDay, 2 * kDay);
  PipelineStats whole_stats;
  const auto whole = run(msgs, cfg, &whole_stats);
  EXPECT_GT(whole_stats.forgotten, 20u) << "the fleet should exercise forgetting";
  EXPECT_FALSE(of_kind(whole, "gap").empty());
  EXPECT_FALSE(of_kind(whole, "draught_change").empty());
  EXPECT_FALSE(of_kind(whole, "identity_anomaly").empty());

  for (std::size_t parts : {2u, 5u, 13u}) {
    std::vector<Event> split;
    std::string state;
    for (std::size_t p = 0; p < parts; ++p) {
      Pipeline pipe(cfg, nullptr, nullptr);
      pipe.on_event = [&](const Event& e) { split.push_back(e); };
      if (!state.empty()) pipe.load_state(state);
      const std::size_t from = msgs.size() * p / parts, to = msgs.size() * (p + 1) / parts;
      for (std::size_t i = from; i < to; ++i) pipe.on_message(msgs[i]);
      if (p + 1 < parts) {
        pipe.pause();
        state = pipe.save_state();
      } else {
        pipe.finish();
      }
    }
    const auto a = json_lines(whole), b = json_lines(split);
    EXPECT_EQ(a.size(), b.size()) << parts << " parts";
    std::vector<std::string> only_whole, only_split;
    std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(only_whole));
    std::set_difference(b.begin(), b.end(), a.begin(), a.end(), std::back_inserter(only_split));
    for (std::size_t i = 0; i < only_whole.size() && i < 5; ++i) ADD_FAILURE() << parts << " parts, only in one run: " << only_whole[i];
    for (std::size_t i = 0; i < only_split.size() && i < 5; ++i) ADD_FAILURE() << parts << " parts, only split: " << only_split[i];
  }

  // And forgetting changed something: the same fleet remembered has more gaps, fewer records.
  PipelineStats never_stats;
  const auto never = run(msgs, horizons(0, 0), &never_stats);
  EXPECT_GT(of_kind(never, "gap").size(), of_kind(whole, "gap").size());
  EXPECT_LT(never_stats.vessels, whole_stats.vessels);
}

INSTANTIATE_TEST_SUITE_P(Seeds, ForgetFleet, ::testing::Values(11u, 29u, 47u, 83u, 101u, 7919u));

}  // namespace
