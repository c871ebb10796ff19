// End-to-end: simulated scenarios (several seeds, >= 200 vessels over 48 h) through the
// whole pipeline, compared with the simulator's ground truth. An event matches a truth
// event of the same kind, the same vessel set and an overlapping time span (instantaneous
// events: within the tolerance below). Precision and recall must be >= 0.95 for every kind.
#include <cstdio>
#include <fstream>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "ais/csv_writer.h"
#include "ais/reader.h"
#include "detect/config.h"
#include "detect/event_json.h"
#include "detect/pipeline.h"
#include "detect/zones.h"
#include "screen/lists.h"
#include "screen/matcher.h"
#include "sim/simulator.h"
#include "support/test_data.h"

namespace {

using seawarden::detect::Event;
using seawarden::detect::to_json_line;

constexpr std::int64_t kToleranceMs = 10 * 60 * 1000;  // slack around instantaneous/short events

bool overlaps(const Event& a, const Event& b) {
  return a.start_ms <= b.end_ms + kToleranceMs && b.start_ms <= a.end_ms + kToleranceMs;
}

std::set<std::uint32_t> vessel_set(const Event& e) { return {e.vessels.begin(), e.vessels.end()}; }

// Every number of an event line is written short: at most 6 decimals (positions to 0.11 m, the
// rest to their unit), never a float's tail (6.099999904632568), a binary fraction's
// (62.300000000000004) or digits a shorter form reads back as (37.553172000000004).
void expect_short_numbers(const std::string& line) {
  EXPECT_EQ(seawarden::testing::long_decimal_number(line), "") << line;
}

struct Score {
  int truth = 0, detected = 0, recalled = 0, precise = 0;
};

// spill_after: events held in memory before the pipeline spills a sorted run to disk (0: default).
std::vector<Event> run_detect(const std::filesystem::path& dir, std::size_t spill_after = 0,
                              const char* input = "ais.nmea") {
  seawarden::detect::Config config;
  auto zones = seawarden::detect::load_zones((dir / "zones.geojson").string());
  seawarden::screen::ListSet lists = seawarden::screen::load_lists({(dir / "sanctions" / "sdn.csv").string()});
  seawarden::screen::Matcher matcher(lists);
  seawarden::detect::Pipeline pipeline(config, &zones, &matcher);
  if (spill_after) pipeline.set_event_memory_limit(spill_after);
  std::vector<Event> events;
  pipeline.on_event = [&](const Event& e) { events.push_back(e); };
  seawarden::ais::Reader reader([&](const seawarden::ais::Received& r) { pipeline.on_message(r); });
  reader.read_file((dir / input).string());
  pipeline.finish();
  return events;
}

void compare(const std::vector<Event>& truth, const std::vector<Event>& found,
             std::map<std::string, Score>& scores, bool verbose) {
  for (const Event& t : truth) {
    Score& s = scores[t.kind];
    ++s.truth;
    bool hit = false;
    for (const Event& f : found)
      if (f.kind == t.kind && vessel_set(f) == vessel_set(t) && overlaps(f, t)) hit = true;
    if (hit) ++s.recalled;
    else if (verbose)
      std::printf("  missed %s %u %lld..%lld %s\n", t.kind.c_str(), t.vessels.empty() ? 0 : t.vessels[0],
                  static_cast<long long>(t.start_ms), static_cast<long long>(t.end_ms), t.fields.dump().c_str());
  }
  for (const Event& f : found) {
    Score& s = scores[f.kind];
    ++s.detected;
    bool hit = false;
    for (const Event& t : truth)
      if (f.kind == t.kind && vessel_set(f) == vessel_set(t) && overlaps(f, t)) hit = true;
    if (hit) ++s.precise;
    else if (verbose)
      std::printf("  false %s %u %lld..%lld %s\n", f.kind.c_str(), f.vessels.empty() ? 0 : f.vessels[0],
                  static_cast<long long>(f.start_ms), static_cast<long long>(f.end_ms), f.fields.dump().c_str());
  }
}

TEST(SimulatedScenarios, PrecisionAndRecallPerKind) {
  std::map<std::string, Score> scores;
  const bool verbose = std::getenv("SEAWARDEN_VERBOSE") != nullptr;
  for (std::uint64_t seed : {1, 2, 3}) {
    auto dir = std::filesystem::temp_directory_path() / ("seawarden-sim-" + std::to_string(seed) + "-" +
                                                         std::to_string(::getpid()));
    seawarden::sim::ScenarioOptions options;
    options.seed = seed;
    options.hours = 48;
    options.vessels = 220;
    auto result = seawarden::sim::simulate(options, dir);
    std::vector<Event> found = run_detect(dir);
    if (verbose) std::printf("seed %llu: %zu truth, %zu detected\n", static_cast<unsigned long long>(seed),
                             result.truth.size(), found.size());
    compare(result.truth, found, scores, verbose);
    if (seed == 1) {
      std::set<std::string> kinds;
      for (const Event& e : found) {
        expect_short_numbers(to_json_line(e));
        kinds.insert(e.kind);
      }
      EXPECT_GE(kinds.size(), 9u) << "the number form is checked on too few kinds";
      // Spilling events to disk in many small sorted runs must not change one byte of output.
      std::vector<Event> spilled = run_detect(dir, 97);
      ASSERT_EQ(spilled.size(), found.size());
      EXPECT_GT(found.size(), 10 * 97u) << "too few events to exercise several runs";
      for (std::size_t i = 0; i < found.size(); ++i)
        ASSERT_EQ(to_json_line(spilled[i]), to_json_line(found[i])) << "event " << i;
    }
    std::filesystem::remove_all(dir);
  }
  std::printf("%-18s %6s %8s %9s %7s\n", "kind", "truth", "detected", "precision", "recall");
  for (const auto& [kind, s] : scores) {
    double p = s.detected ? static_cast<double>(s.precise) / s.detected : 1.0;
    double r = s.truth ? static_cast<double>(s.recalled) / s.truth : 1.0;
    std::printf("%-18s %6d %8d %9.3f %7.3f\n", kind.c_str(), s.truth, s.detected, p, r);
  }
  for (const auto& [kind, s] : scores) {
    double p = s.detected ? static_cast<double>(s.precise) / s.detected : 1.0;
    double r = s.truth ? static_cast<double>(s.recalled) / s.truth : 1.0;
    EXPECT_GE(p, 0.95) << kind;
    EXPECT_GE(r, 0.95) << kind;
  }
  EXPECT_GT(scores.size(), 5u);
}

// Normal traffic alone (fishing, pair trawling, anchored ships, close passings, DPRK trade) with
// its list of companies, people and absent ships: every detector runs, and nothing but the zone
// visits of the truth may come out (a false encounter, gap, jump or sanctions hit fails).
TEST(SimulatedScenarios, NormalTrafficGivesNoFalseEvents) {
  seawarden::sim::ScenarioOptions options;
  options.seed = 4;
  options.hours = 36;
  options.vessels = 300;
  options.area = "yellow-east-china-sea";
  options.inject = false;
  auto dir = std::filesystem::temp_directory_path() / ("seawarden-sim-normal-" + std::to_string(::getpid()));
  auto result = seawarden::sim::simulate(options, dir);
  std::vector<Event> found = run_detect(dir);  // loads the scenario's sanctions list
  std::filesystem::remove_all(dir);
  std::map<std::string, Score> scores;
  compare(result.truth, found, scores, std::getenv("SEAWARDEN_VERBOSE") != nullptr);
  ASSERT_EQ(scores.size(), 1u) << "only zone visits are expected";
  const Score& z = scores.at("zone_visit");
  EXPECT_GT(z.truth, 100);
  EXPECT_EQ(z.detected, z.truth);
  EXPECT_EQ(z.precise, z.detected);
  EXPECT_EQ(z.recalled, z.truth);
}

}  // namespace

// seawarden's own CSV of a scenario (decode --format csv) gives the events its NMEA gives, to
// the byte: every message with a CSV row is read back as it was decoded (positions at the
// resolution they were sent, static reports repeated as sent, MMSI 0 kept).
TEST(SimulatedScenarios, OwnCsvGivesTheEventsOfItsNmea) {
  seawarden::sim::ScenarioOptions options;
  options.seed = 7;
  options.hours = 24;
  options.vessels = 220;
  auto dir = std::filesystem::temp_directory_path() / ("seawarden-sim-csv-" + std::to_string(::getpid()));
  seawarden::sim::simulate(options, dir);
  {
    std::string csv;
    seawarden::ais::CsvWriterOptions opt;
    seawarden::ais::append_csv_header(opt, csv);
    seawarden::ais::Reader reader([&](const seawarden::ais::Received& r) { seawarden::ais::append_csv_row(r, opt, csv); });
    reader.read_file((dir / "ais.nmea").string());
    std::ofstream(dir / "ais.csv", std::ios::binary) << csv;
  }
  const std::vector<Event> from_nmea = run_detect(dir), from_csv = run_detect(dir, 0, "ais.csv");
  std::filesystem::remove_all(dir);
  EXPECT_GT(from_nmea.size(), 100u);
  ASSERT_EQ(from_csv.size(), from_nmea.size());
  for (std::size_t i = 0; i < from_nmea.size(); ++i)
    ASSERT_EQ(to_json_line(from_csv[i]), to_json_line(from_nmea[i])) << "event " << i;
}
