// A finding: one behaviour of one or two vessels over a time span, with its evidence.
// Serialized as one JSON object per line (the `detect` output contract).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace seawarden::detect {

struct Event {
  std::string kind;                 // encounter, loitering, gap, mmsi_conflict, ...
  std::int64_t start_ms = 0;        // UTC epoch milliseconds
  std::int64_t end_ms = 0;          // equal to start_ms for an instantaneous event
  std::vector<std::uint32_t> vessels;  // MMSIs: two for an encounter, one otherwise
  double lat = 0, lon = 0;          // representative position
  nlohmann::json fields = nlohmann::json::object();  // kind-specific evidence, top level on output
};

}  // namespace seawarden::detect
