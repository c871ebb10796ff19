// "Is this position at least D km from every port and anchorage?", asked for every vessel at
// every grid step by the encounter and loitering detectors. Exact distances to the zone
// polygons cost microseconds, so answers come from caches of cells: the distance from a
// cell's centre bounds the distance of any point in the cell within the cell's radius
// (distance to a set is 1-Lipschitz). Coarse cells (0.32 degrees) settle the open sea; near
// ports, where they cannot tell, fine cells (0.02 degrees) settle nearly every query; only
// points in fine cells straddling the threshold are measured exactly.
#pragma once

#include <cstdint>

#include "detect/key_map.h"
#include "detect/zones.h"

namespace seawarden::detect {

class PortProximity {
 public:
  // Zones of kind "port" or "anchorage" in `zones` (nullable) count.
  explicit PortProximity(const ZoneSet* zones);

  // False when there is no port or anchorage zone at all: every position is away from ports.
  bool active() const { return active_; }

  // True when the great-circle distance from (lat, lon) to the nearest port or anchorage
  // zone is at least km (always true when !active()).
  bool at_least(double lat, double lon, double km);

  std::uint64_t exact_queries() const { return exact_; }

 private:
  struct CellBound {
    float centre_km = 0;  // distance from the cell centre (capped at cap_km_)
    float radius_km = 0;  // farthest point of the cell from its centre
  };
  // The bound of the cell of `cache` (cells of size_deg) holding the point.
  const CellBound& cell(FlatKeyMap<CellBound>& cache, double size_deg, double lat, double lon);
  // 1: every point of the cell is at least km away; 0: none is; -1: the cell cannot tell.
  int settle(const CellBound& c, double km) const;
  double exact_km(double lat, double lon, double cap_km) const;

  const ZoneSet* zones_;
  bool active_ = false;
  double cap_km_ = 0;  // distances beyond this are not measured (only "far")
  double slack_km_ = 0;  // rounding, plus how far a port edge's chord strays from its arc
  FlatKeyMap<CellBound> coarse_, cache_;  // coarse cells first, fine ones where they cannot tell
  std::uint64_t exact_ = 0;
};

}  // namespace seawarden::detect
