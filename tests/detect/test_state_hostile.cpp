// A saved state is input like any other (a --load-state file, a store's pipeline_state row): any
// time in it replaced by a sentinel must be refused as corrupt or load into a pipeline that runs
// on and finishes with sound events. make test runs this under AddressSanitizer and
// UndefinedBehaviorSanitizer, where an overflow or a read out of bounds aborts it.
#include <algorithm>
#include <climits>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include <unistd.h>

#include <gtest/gtest.h>

#include "ais/reader.h"
#include "detect/config.h"
#include "detect/event_json.h"
#include "detect/pipeline.h"
#include "detect/state_io.h"
#include "detect/zones.h"
#include "screen/lists.h"
#include "screen/matcher.h"
#include "sim/simulator.h"

#include "nmea_parts.h"

namespace {

namespace fs = std::filesystem;
using seawarden::detect::Event;
using seawarden::detect::Pipeline;

TEST(HostileState, TimesReplacedBySentinelsAreRefusedOrHarmless) {
  const fs::path dir = fs::temp_directory_path() / ("seawarden-hostile-" + std::to_string(::getpid()));
  seawarden::sim::ScenarioOptions options;
  options.seed = 9;
  options.hours = 30;
  options.vessels = 60;
  seawarden::sim::simulate(options, dir);
  const auto zones = seawarden::detect::load_zones((dir / "zones.geojson").string());
  const auto lists = seawarden::screen::load_lists({(dir / "sanctions" / "sdn.csv").string()});
  const seawarden::screen::Matcher matcher(lists);
  const seawarden::detect::Config cfg;
  // 70 % of the feed, then its next 2,000 lines.
  const auto parts = seawarden::testing::split_nmea(dir / "ais.nmea", {0.7}, dir, 2000);
  const fs::path& head = parts[0];
  const fs::path& tail = parts[1];

  // A state with every detector's work open: 21 hours in, paused.
  std::string state;
  std::int64_t first_ms = INT64_MAX, last_ms = INT64_MIN;
  {
    Pipeline p(cfg, &zones, &matcher);
    seawarden::ais::Reader reader([&](const seawarden::ais::Received& r) {
      if (r.meta.rxtime > 0) first_ms = std::min(first_ms, r.meta.rxtime), last_ms = std::max(last_ms, r.meta.rxtime);
      p.on_message(r);
    });
    reader.read_file(head.string());
    p.pause();
    state = p.save_state();
  }
  ASSERT_LT(first_ms, last_ms);

  // Where the state holds a time of the run (8 bytes read as one in the run's span, give or
  // take two days): every one of them, at most 300 spread over the state.
  constexpr std::int64_t kTwoDays = 2 * 86400000LL;
  std::vector<std::size_t> at;
  for (std::size_t i = 0; i + 8 <= state.size(); ++i) {
    std::int64_t t;
    std::memcpy(&t, state.data() + i, 8);
    if (t >= first_ms - kTwoDays && t <= last_ms + kTwoDays) at.push_back(i);
  }
  ASSERT_GT(at.size(), 100u) << "the state should hold many times";
  const std::size_t stride = (at.size() + 299) / 300;

  int refused = 0, loaded = 0;
  for (std::size_t k = 0; k < at.size(); k += stride) {
    for (const std::int64_t sentinel : {INT64_MAX, INT64_MIN}) {
      std::string bad = state;
      std::memcpy(bad.data() + at[k], &sentinel, 8);
      Pipeline p(cfg, &zones, &matcher);
      std::vector<Event> events;
      p.on_event = [&](const Event& e) { events.push_back(e); };
      try {
        p.load_state(bad);
      } catch (const std::runtime_error&) {
        ++refused;
        continue;
      }
      ++loaded;
      seawarden::ais::Reader reader([&](const seawarden::ais::Received& r) { p.on_message(r); });
      reader.read_file(tail.string());
      p.finish();
      for (const Event& e : events) {
        ASSERT_FALSE(seawarden::detect::to_json_line(e).empty());
        ASSERT_LE(e.start_ms, e.end_ms) << "offset " << at[k] << ": " << seawarden::detect::to_json_line(e);
        ASSERT_GT(e.start_ms, first_ms - kTwoDays) << "offset " << at[k] << ": " << seawarden::detect::to_json_line(e);
        ASSERT_LT(e.end_ms, last_ms + kTwoDays) << "offset " << at[k] << ": " << seawarden::detect::to_json_line(e);
        ASSERT_FALSE(e.vessels.empty());
      }
    }
  }
  // Most times are messages' and are refused as sentinels; some legitimately may be one (no
  // sweep yet, no step handed over) and load.
  EXPECT_GT(refused, loaded) << refused << " refused, " << loaded << " loaded";
  EXPECT_GT(loaded, 0);
  fs::remove_all(dir);
}

// An event in a state names its vessels and spans message times in order.
TEST(HostileState, EventsWithoutVesselsOrTimesAreRefused) {
  Event good;
  good.kind = "gap";
  good.start_ms = 1715212800000;
  good.end_ms = good.start_ms + 3600000;
  good.vessels = {412000001};
  const auto round_trip = [](const Event& e) {
    seawarden::detect::StateWriter w;
    w.event(e);
    seawarden::detect::StateReader r(w.bytes());
    return r.event();
  };
  EXPECT_EQ(round_trip(good).vessels, good.vessels);
  Event e = good;
  e.vessels.clear();
  EXPECT_THROW(round_trip(e), std::runtime_error);
  e = good;
  e.vessels = {1, 2, 3};
  EXPECT_THROW(round_trip(e), std::runtime_error);
  e = good;
  e.start_ms = INT64_MIN;
  EXPECT_THROW(round_trip(e), std::runtime_error);
  e = good;
  e.end_ms = INT64_MAX;
  EXPECT_THROW(round_trip(e), std::runtime_error);
  e = good;
  std::swap(e.start_ms, e.end_ms);
  EXPECT_THROW(round_trip(e), std::runtime_error);
}

}  // namespace
