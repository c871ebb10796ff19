// The scenario model: physical vessels (plans), the AIS transmitters that report them
// (emitters: one MMSI each, with an identity timeline), injected behaviours, and the
// fictional sanctions list. Built deterministically from a seed by build_scenario().
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "detect/event.h"
#include "sim/area.h"
#include "sim/plan.h"
#include "sim/simulator.h"

namespace seawarden::sim {

// What an emitter broadcasts as static data from `from_ms` on.
struct Identity {
  std::int64_t from_ms = INT64_MIN;
  std::string name, callsign, destination;
  std::uint32_t imo = 0;
  std::uint8_t shiptype = 0;
  float draught_m = 0;
  std::uint16_t to_bow = 0, to_stern = 0;
  std::uint8_t to_port = 0, to_starboard = 0;
};

struct Spoof {
  std::int64_t t_ms = 0;  // first spoofed transmission slot at or after this time
  int count = 2;          // received spoofed reports
  double east_km = 0, north_km = 0;
};

enum class Role : std::uint8_t { Normal, Clone };

struct Emitter {
  std::uint32_t mmsi = 0;
  bool class_b = false;
  int plan = -1;
  Role role = Role::Normal;
  bool sends_static = true;
  std::int64_t on_ms = INT64_MIN, off_ms = INT64_MAX;  // transmitting interval
  std::vector<std::pair<std::int64_t, std::int64_t>> silences;  // AIS switched off [a, b)
  std::vector<Identity> identity;  // by from_ms ascending (first from INT64_MIN)
  std::vector<Spoof> spoofs;
  std::string label;  // behaviour, for the summary/debugging
};

// One row of the fictional SDN list (vessel entries carry identifiers in Remarks).
struct ListEntry {
  int ent_num = 0;
  std::string name, type, program, callsign, vessel_type, flag, remarks;
  std::string tonnage, grt, owner;
  std::vector<std::string> aka;
  std::uint32_t imo = 0, mmsi = 0;
  bool match_by_name = false;  // vessel entries: the name is a matching key too
};

struct Scenario {
  ScenarioOptions options;
  Area area;
  std::int64_t start_ms = 0, end_ms = 0;
  std::vector<Plan> plans;
  std::vector<Emitter> emitters;
  std::vector<detect::Event> designed;  // encounter and loitering events, known by design
  std::vector<ListEntry> sanctions;
  std::map<std::string, int> composition;  // vessel counts by behaviour
  std::map<std::string, int> injected;     // injected behaviours by kind
};

Scenario build_scenario(const ScenarioOptions& options);

bool imo_check_digit_ok(std::uint32_t imo);

}  // namespace seawarden::sim
