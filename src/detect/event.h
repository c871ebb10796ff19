// A finding: one behaviour of one or two vessels over a time span, with its evidence.
// Serialized as one JSON object per line (the `detect` output contract).
#pragma once

#include <cmath>
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

// `v` rounded to `decimals` (0-9) places, for evidence fields. Divides by the exact power of ten
// rather than multiplying by its inexact inverse, so the result is the double nearest the decimal
// and prints as it (62.3, not 62.300000000000004). Floats go through double first.
inline double round_decimals(double v, int decimals) {
  static constexpr double kPow10[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
  const double p = kPow10[decimals];
  return std::round(v * p) / p;
}

// A position inside an event's evidence ({"lat":..,"lon":..}), to the 6 decimals (0.11 m) of the
// event's own lat/lon, so that one point reads the same in both places.
inline nlohmann::json position_json(double lat, double lon) {
  return {{"lat", round_decimals(lat, 6)}, {"lon", round_decimals(lon, 6)}};
}

}  // namespace seawarden::detect
