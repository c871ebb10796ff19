// Fuzzes detect::ZoneSet::parse, the reader of `--zones` (GeoJSON polygons: ports, anchorages,
// areas), and the queries every detector makes of it: any text must end in ZoneError or in a
// set whose point-in-zone answers agree with a plain even-odd test over all rings, and whose
// distances are never negative, never NaN, and 0 inside a zone.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "detect/zones.h"

namespace {

// The reference: even-odd over every ring of the zone, edges taken as straight lat/lon lines.
bool inside_reference(const seawarden::detect::Zone& z, double lat, double lon) {
  bool inside = false;
  for (const auto& ring : z.rings)
    for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
      const auto& a = ring[i];
      const auto& b = ring[j];
      if ((a.lat > lat) != (b.lat > lat) && lon < a.lon + (lat - a.lat) / (b.lat - a.lat) * (b.lon - a.lon))
        inside = !inside;
    }
  return inside;
}

// Distance (degrees, in the lat/lon plane) from the point to the zone's nearest edge: points
// closer than rounding may fall either side, in the index as in any test.
double edge_distance_deg(const seawarden::detect::Zone& z, double lat, double lon) {
  double best = INFINITY;
  for (const auto& ring : z.rings)
    for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
      const double ax = ring[j].lon, ay = ring[j].lat, bx = ring[i].lon, by = ring[i].lat;
      const double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
      const double t = len2 > 0 ? std::clamp(((lon - ax) * dx + (lat - ay) * dy) / len2, 0.0, 1.0) : 0.0;
      best = std::min(best, std::hypot(lon - (ax + t * dx), lat - (ay + t * dy)));
    }
  return best;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  seawarden::detect::ZoneSet set;
  try {
    set = seawarden::detect::ZoneSet::parse(text, "fuzz");
  } catch (const seawarden::detect::ZoneError&) {
    return 0;
  }
  if (set.empty()) return 0;
  // Query points: each zone's vertices nudged, its box centre, and a fixed spread.
  std::vector<std::pair<double, double>> points = {{0, 0}, {38.1, 124.1}, {-89.9, 179.9}, {89.9, -179.9}};
  for (std::size_t i = 0; i < set.size() && points.size() < 200; ++i) {
    const auto& z = set.zone(i);
    points.push_back({(z.bbox.min_lat + z.bbox.max_lat) / 2, (z.bbox.min_lon + z.bbox.max_lon) / 2});
    for (const auto& ring : z.rings)
      for (std::size_t k = 0; k < ring.size() && k < 8; ++k)
        points.push_back({std::clamp(ring[k].lat + 1e-4, -90.0, 90.0), std::clamp(ring[k].lon - 1e-4, -180.0, 180.0)});
  }
  std::vector<std::uint32_t> at;
  for (const auto& [lat, lon] : points) {
    set.zones_at(lat, lon, at);
    for (std::size_t i = 0; i < set.size(); ++i) {
      const bool listed = std::find(at.begin(), at.end(), i) != at.end();
      if (listed != set.contains(i, lat, lon)) std::abort();
      if (edge_distance_deg(set.zone(i), lat, lon) > 1e-7 && listed != inside_reference(set.zone(i), lat, lon))
        std::abort();
    }
    const double d = set.distance_to_nearest_km(lat, lon, {});
    if (std::isnan(d) || d < 0) std::abort();
    if (!at.empty() && d != 0) std::abort();
    (void)set.distance_to_nearest_km(lat, lon, {"port", "anchorage"}, 10);
  }
  for (std::size_t i = 0; i < set.size(); ++i)
    if (std::isnan(set.edge_gap_m(i)) || set.edge_gap_m(i) < 0) std::abort();
  return 0;
}
