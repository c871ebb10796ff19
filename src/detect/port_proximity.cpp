#include "detect/port_proximity.h"

#include <algorithm>
#include <cmath>

#include "detect/geo.h"

namespace seawarden::detect {

namespace {
constexpr double kCellDeg = 0.02;
// Coarse cells (16 x 16 fine ones, radius ~25 km at the equator) settle the open sea, where
// most positions are, so fine cells (an exact distance each) are only measured near ports.
constexpr double kCoarseCellDeg = 16 * kCellDeg;
constexpr double kCoarseMaxLat = 89.0;
// Beyond this, only "far" matters: thresholds are tens of km at most in practice, and a cell's
// radius (~1.6 km) must fit under the cap for the bound to settle a query.
constexpr double kCapKm = 200;
// Slack for the rounding of stored bounds and of the edge-distance formulas (plus, per zone
// set, the gap between straight and great-circle edges: see the constructor).
constexpr double kSlackKm = 0.01;
// A runaway cache (a global feed over years of data) is simply dropped and rebuilt.
constexpr std::size_t kMaxCells = 4'000'000;
}  // namespace

PortProximity::PortProximity(const ZoneSet* zones) : zones_(zones), cap_km_(kCapKm), slack_km_(kSlackKm) {
  if (!zones_) return;
  // Across a zone's boundary the distance can jump by the gap between its straight edges and
  // their arcs (ZoneSet::edge_gap_m): the cell bounds must allow for it.
  double gap_m = 0;
  for (std::size_t i = 0; i < zones_->size(); ++i) {
    if (!is_port_kind(zones_->zone(i).kind)) continue;
    active_ = true;
    gap_m = std::max(gap_m, zones_->edge_gap_m(i));
  }
  slack_km_ += gap_m * 1.25 / 1000.0;
}

double PortProximity::exact_km(double lat, double lon, double cap_km) const {
  return zones_->distance_to_nearest_km(lat, lon, port_kinds(), cap_km);
}

const PortProximity::CellBound& PortProximity::cell(FlatKeyMap<CellBound>& cache, double size_deg, double lat,
                                                    double lon) {
  const auto row = static_cast<std::int64_t>(std::floor(lat / size_deg));
  const auto col = static_cast<std::int64_t>(std::floor(lon / size_deg));
  // Offsets keep both halves non-negative and the key away from KeyMap's empty marker.
  const std::uint64_t key = (static_cast<std::uint64_t>(row + (1 << 20)) << 32) |
                            static_cast<std::uint64_t>(col + (1 << 20));
  if (CellBound* hit = cache.find(key)) return *hit;
  if (cache.size() >= kMaxCells) cache = FlatKeyMap<CellBound>{};
  const double lat0 = row * size_deg, lon0 = col * size_deg;
  const double clat = lat0 + size_deg / 2, clon = lon0 + size_deg / 2;
  double radius_m = 0;
  for (double a : {lat0, lat0 + size_deg})
    for (double b : {lon0, lon0 + size_deg}) radius_m = std::max(radius_m, geo::distance_m(clat, clon, a, b));
  CellBound& c = *cache.find_or_insert(key).first;
  c.centre_km = static_cast<float>(std::min(exact_km(clat, clon, cap_km_), cap_km_));
  c.radius_km = static_cast<float>(radius_m / 1000.0);
  return c;
}

int PortProximity::settle(const CellBound& c, double km) const {
  if (c.centre_km >= cap_km_) return km <= cap_km_ - c.radius_km - slack_km_ ? 1 : -1;
  if (c.centre_km - c.radius_km - slack_km_ >= km) return 1;
  if (c.centre_km + c.radius_km + slack_km_ < km) return 0;
  return -1;
}

bool PortProximity::at_least(double lat, double lon, double km) {
  if (!active_) return true;
  // Coarse rows do not end at the poles (90 / 0.32 is not whole): a cell there would have its
  // centre beyond the pole, where the distance bounds do not hold. Polar waters use fine cells.
  if (std::fabs(lat) < kCoarseMaxLat)
    if (const int coarse = settle(cell(coarse_, kCoarseCellDeg, lat, lon), km); coarse >= 0) return coarse == 1;
  if (const int fine = settle(cell(cache_, kCellDeg, lat, lon), km); fine >= 0) return fine == 1;
  ++exact_;
  return exact_km(lat, lon, km + 1) >= km;
}

}  // namespace seawarden::detect
