// `seawarden simulate`: a deterministic scenario generator for AIS in the Yellow Sea region.
// Writes DIR/ais.nmea (tag-blocked NMEA as a shore network would deliver it), DIR/truth.jsonl
// (every event the detectors should find, in the `detect` output format), DIR/zones.geojson and
// DIR/sanctions/{sdn,alt,add}.csv (a fictional list in OFAC's SDN CSV layout).
// See docs/simulator.md.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "detect/event.h"

namespace seawarden::sim {

struct ScenarioOptions {
  std::uint64_t seed = 1;
  double hours = 48;
  int vessels = 300;
  std::string area = "korea-bay";  // preset name or "W,S,E,N"
  std::int64_t start_ms = 1715212800000;  // 2024-05-09T00:00:00Z
  // A shore station forwards at most one position report per vessel per this many seconds
  // (aggregated feeds thin the 2-10 s class A rate like this); 0 keeps every report.
  int feed_interval_s = 60;
  bool inject = true;  // false: normal traffic only (still with zone visits in the truth)
  bool noise = true;   // junk lines, bad checksums, duplicates, out-of-order arrival
};

struct ScenarioResult {
  std::vector<detect::Event> truth;  // sorted as detect writes them
  std::uint64_t vessels = 0, emitters = 0;
  std::uint64_t messages = 0;   // distinct received messages (duplicates counted once)
  std::uint64_t sentences = 0;  // NMEA sentences written (fragments and duplicates included)
  std::uint64_t duplicates = 0, junk_lines = 0, bad_checksums = 0, out_of_order = 0;
  std::uint64_t bytes = 0;
  std::map<std::string, int> composition;        // vessels by behaviour
  std::map<std::string, int> injected;           // injected behaviours by kind
  std::map<std::string, int> truth_by_kind;
  std::vector<std::filesystem::path> files;
  double seconds = 0;
};

// Generates the scenario into out_dir (created if needed). Throws std::invalid_argument for
// bad options and std::runtime_error when a file cannot be written.
ScenarioResult simulate(const ScenarioOptions& options, const std::filesystem::path& out_dir);

}  // namespace seawarden::sim
