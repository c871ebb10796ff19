// A run split into several inputs, continued through Pipeline::pause/save_state/load_state,
// must find exactly the events of one run over the whole input: encounters, loitering runs,
// zone visits, gaps and identity spans open at a split continue instead of being cut.
#include <algorithm>
#include <array>
#include <cstring>
#include <new>
#include <filesystem>
#include <fstream>
#include <sstream>
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
#include "track/tracker.h"

#include "nmea_parts.h"

namespace {

namespace fs = std::filesystem;
using seawarden::detect::Event;
using seawarden::detect::Pipeline;

struct Scenario {
  fs::path dir;
  seawarden::detect::ZoneSet zones;
  seawarden::screen::ListSet lists;
  std::unique_ptr<seawarden::screen::Matcher> matcher;
};

std::vector<std::string> lines_of(const std::vector<Event>& events) {
  std::vector<std::string> out;
  for (const Event& e : events) out.push_back(seawarden::detect::to_json_line(e));
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<Event> run(Scenario& s, const std::vector<fs::path>& inputs, const seawarden::detect::Config& cfg) {
  std::vector<Event> events;
  std::string state;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    Pipeline p(cfg, &s.zones, s.matcher.get());
    p.on_event = [&](const Event& e) { events.push_back(e); };
    if (!state.empty()) p.load_state(state);
    seawarden::ais::Reader reader([&](const seawarden::ais::Received& r) { p.on_message(r); });
    reader.read_file(inputs[i].string());
    if (i + 1 < inputs.size()) {
      p.pause();
      state = p.save_state();
    } else {
      p.finish();
    }
  }
  return events;
}

TEST(StateContinuation, SplitRunsFindExactlyTheEventsOfOneRun) {
  Scenario s;
  s.dir = fs::temp_directory_path() / ("seawarden-cont-" + std::to_string(::getpid()));
  seawarden::sim::ScenarioOptions options;
  options.seed = 5;
  options.hours = 40;
  options.vessels = 220;
  seawarden::sim::simulate(options, s.dir);
  s.zones = seawarden::detect::load_zones((s.dir / "zones.geojson").string());
  s.lists = seawarden::screen::load_lists({(s.dir / "sanctions" / "sdn.csv").string()});
  s.matcher = std::make_unique<seawarden::screen::Matcher>(s.lists);
  const seawarden::detect::Config cfg;

  const std::vector<Event> whole = run(s, {s.dir / "ais.nmea"}, cfg);
  const std::vector<fs::path> parts = seawarden::testing::split_nmea(s.dir / "ais.nmea", {0.23, 0.5, 0.81}, s.dir);
  const std::vector<Event> pieces = run(s, parts, cfg);

  std::map<std::string, int> kinds;
  for (const Event& e : whole) ++kinds[e.kind];
  EXPECT_GE(kinds.size(), 8u) << "the scenario should exercise most detectors";
  EXPECT_GT(kinds["encounter"], 0);
  const auto a = lines_of(whole), b = lines_of(pieces);
  EXPECT_EQ(a.size(), b.size());
  std::vector<std::string> only_whole, only_pieces;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(only_whole));
  std::set_difference(b.begin(), b.end(), a.begin(), a.end(), std::back_inserter(only_pieces));
  for (std::size_t i = 0; i < only_whole.size() && i < 5; ++i) ADD_FAILURE() << "only in one run: " << only_whole[i];
  for (std::size_t i = 0; i < only_pieces.size() && i < 5; ++i) ADD_FAILURE() << "only in the split run: " << only_pieces[i];

  // The old way (finish() then save_state) cuts what was open at each split: the test above
  // would catch a continuation that silently degraded to it.
  std::vector<Event> cut;
  {
    std::string state;
    for (std::size_t i = 0; i < parts.size(); ++i) {
      Pipeline p(cfg, &s.zones, s.matcher.get());
      p.on_event = [&](const Event& e) { cut.push_back(e); };
      if (!state.empty()) p.load_state(state);
      seawarden::ais::Reader reader([&](const seawarden::ais::Received& r) { p.on_message(r); });
      reader.read_file(parts[i].string());
      p.finish();
      state = p.save_state();
    }
  }
  EXPECT_NE(lines_of(cut), a) << "splitting made no difference: the test proves nothing";
  fs::remove_all(s.dir);
}

TEST(StateContinuation, CorruptStateIsRejectedNotTrusted) {
  const seawarden::detect::Config cfg;
  Pipeline p(cfg, nullptr, nullptr);
  std::string state = p.save_state();
  ASSERT_GT(state.size(), 16u);
  for (std::size_t cut = 8; cut < state.size(); cut += 7) {
    Pipeline q(cfg, nullptr, nullptr);
    EXPECT_THROW(q.load_state(state.substr(0, cut)), std::runtime_error) << cut;
  }
  std::string huge = state;
  // A count far beyond the data must fail cleanly instead of allocating it.
  const std::size_t count_at = 8 + 8 + 6 + 8;  // magic, name length, "tracks", section length
  ASSERT_LT(count_at + 8, huge.size());
  for (int i = 0; i < 8; ++i) huge[count_at + i] = '\x7f';
  Pipeline q(cfg, nullptr, nullptr);
  EXPECT_THROW(q.load_state(huge), std::runtime_error);
}

// A version-1 state (tracks and current identities) of one vessel, as that version wrote it.
std::string v1_state(std::int64_t first_t_ms, float cog = -1) {
  seawarden::detect::StateWriter w;
  w.bytes().assign("SWTRKS01");
  w.size(1);
  w.pod(std::uint32_t{412000001});
  w.pod(first_t_ms);
  w.pod(std::int64_t{1715212860000});  // last
  w.pod(std::uint64_t{2});              // messages
  w.pod(std::uint64_t{2});              // fixes
  w.pod(std::uint8_t{1});               // has_fix
  seawarden::track::Fix fix;
  fix.mmsi = 412000001;
  fix.t_ms = 1715212860000;
  fix.lat = 38.1;
  fix.lon = 124.1;
  fix.cog = cog;
  w.pod(fix);
  struct LegacySegments {
    std::array<seawarden::track::SegmentEnd, seawarden::track::kMaxOpenSegments> open;
    std::uint8_t n_open;
    std::uint32_t next_id;
  } segments{};
  segments.n_open = 1;
  segments.next_id = 2;
  segments.open[0].t_ms = 1715212860000;
  segments.open[0].lat = 38.1f;
  segments.open[0].lon = 124.1f;
  w.pod(segments);
  w.pod(seawarden::track::Identity{});
  return std::move(w.bytes());
}

TEST(StateContinuation, CourseOutOfRangeIsRefused) {
  // Decoding never keeps a course of 360 or more; the angle folds of position_jump rely on it.
  const seawarden::detect::Config cfg;
  Pipeline ok(cfg, nullptr, nullptr);
  EXPECT_NO_THROW(ok.load_state(v1_state(1715212800000, 359.9f)));
  Pipeline wild(cfg, nullptr, nullptr);
  EXPECT_THROW(wild.load_state(v1_state(1715212800000, 1000.0f)), std::runtime_error);
}

TEST(StateContinuation, VersionOneStateIsCheckedLikeVersionTwo) {
  // Fuzzing found a version-1 state with a wild time that loaded, was saved as version 2, and
  // was then refused: both versions must refuse it at once.
  const seawarden::detect::Config cfg;
  Pipeline ok(cfg, nullptr, nullptr);
  ok.load_state(v1_state(1715212800000));
  Pipeline again(cfg, nullptr, nullptr);
  EXPECT_NO_THROW(again.load_state(ok.save_state()));

  Pipeline wild(cfg, nullptr, nullptr);
  EXPECT_THROW(wild.load_state(v1_state(std::int64_t{1} << 60)), std::runtime_error);
}

TEST(StateContinuation, DuplicateTestTimeMustEqualTheLastFix) {
  // The saved format keeps the duplicate test's time beside the last fix's; every version wrote
  // them equal and the record now derives one from the other, so a state where they differ
  // would not behave as when it was saved: it is refused.
  const seawarden::detect::Config cfg;
  Pipeline one(cfg, nullptr, nullptr);
  one.load_state(v1_state(1715212800000));
  std::string state = one.save_state();
  const std::int64_t t = 1715212860000;  // the vessel's last fix (v1_state)
  char pattern[8];
  std::memcpy(pattern, &t, 8);
  const std::string bytes(pattern, 8);
  // The last fix's time sits 8 bytes into the saved Fix (48 bytes); the duplicate test's time
  // follows the Fix, 40 bytes after it.
  std::size_t dedup_at = std::string::npos;
  for (std::size_t at = state.find(bytes); at != std::string::npos; at = state.find(bytes, at + 1))
    if (at + 40 + 8 <= state.size() && state.compare(at + 40, 8, bytes) == 0) dedup_at = at + 40;
  ASSERT_NE(dedup_at, std::string::npos);
  Pipeline same(cfg, nullptr, nullptr);
  EXPECT_NO_THROW(same.load_state(state));
  state[dedup_at] = static_cast<char>(state[dedup_at] ^ 1);
  Pipeline differs(cfg, nullptr, nullptr);
  EXPECT_THROW(differs.load_state(state), std::runtime_error);
}

TEST(StateContinuation, PaddingIsSavedAsZeros) {
  // A struct's padding holds old memory; saved raw, one state gave different bytes run to run
  // and could carry stray memory into the file.
  if (!seawarden::detect::StateWriter::kClearsPadding) GTEST_SKIP() << "this compiler cannot clear padding";
  struct Padded {
    std::uint8_t a;  // 7 bytes of padding follow
    std::int64_t b;
  };
  static_assert(sizeof(Padded) == 16);
  alignas(Padded) unsigned char memory[sizeof(Padded)];
  std::memset(memory, 0xAB, sizeof memory);
  auto* p = new (memory) Padded;  // default-initialised: the padding keeps the 0xAB
  p->a = 1;
  p->b = 2;
  seawarden::detect::StateWriter w;
  w.pod(*p);
  std::vector<Padded> list(3, *p);
  w.pods(list);
  const std::string& bytes = w.bytes();
  ASSERT_EQ(bytes.size(), sizeof(Padded) + 8 + 3 * sizeof(Padded));
  for (std::size_t i = 1; i < 8; ++i) EXPECT_EQ(bytes[i], 0) << "padding byte " << i;
  for (std::size_t k = 0; k < 3; ++k)
    for (std::size_t i = 1; i < 8; ++i) EXPECT_EQ(bytes[sizeof(Padded) + 8 + k * sizeof(Padded) + i], 0);
}

}  // namespace
