#include "detect/port_proximity.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "detect/geo.h"

namespace seawarden::detect {

namespace {
const std::vector<std::string> kPortKinds = {"port", "anchorage"};
constexpr double kCellDeg = 0.02;
// Coarse cells (16 x 16 fine ones, radius ~25 km at the equator) settle the open sea, where
// most positions are, so fine cells (an exact distance each) are only measured near ports.
constexpr double kCoarseCellDeg = 16 * kCellDeg;
// Beyond this, only "far" matters: thresholds are tens of km at most in practice, and a cell's
// radius (~1.6 km) must fit under the cap for the bound to settle a query.
constexpr double kCapKm = 200;
// Slack for the rounding of stored bounds and of the edge-distance formulas.
constexpr double kSlackKm = 0.01;
// A runaway cache (a global feed over years of data) is simply dropped and rebuilt.
constexpr std::size_t kMaxCells = 4'000'000;
}  // namespace

PortProximity::PortProximity(const ZoneSet* zones) : zones_(zones), cap_km_(kCapKm) {
  if (!zones_) return;
  for (std::size_t i = 0; i < zones_->size(); ++i)
    if (std::find(kPortKinds.begin(), kPortKinds.end(), zones_->zone(i).kind) != kPortKinds.end()) active_ = true;
}

double PortProximity::exact_km(double lat, double lon, double cap_km) const {
  return zones_->distance_to_nearest_km(lat, lon, kPortKinds, cap_km);
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
  if (c.centre_km >= cap_km_) return km <= cap_km_ - c.radius_km - kSlackKm ? 1 : -1;
  if (c.centre_km - c.radius_km - kSlackKm >= km) return 1;
  if (c.centre_km + c.radius_km + kSlackKm < km) return 0;
  return -1;
}

bool PortProximity::at_least(double lat, double lon, double km) {
  if (!active_) return true;
  if (const int coarse = settle(cell(coarse_, kCoarseCellDeg, lat, lon), km); coarse >= 0) return coarse == 1;
  if (const int fine = settle(cell(cache_, kCellDeg, lat, lon), km); fine >= 0) return fine == 1;
  ++exact_;
  return exact_km(lat, lon, km + 1) >= km;
}

}  // namespace seawarden::detect
