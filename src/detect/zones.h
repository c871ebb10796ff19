// Named areas from a GeoJSON FeatureCollection (ports, anchorages, territorial seas, ...):
// point-in-zone and distance-to-zone queries for the detectors.
//
// Input: a FeatureCollection whose features have a Polygon or MultiPolygon geometry (holes
// allowed) and properties `id`, `name`, `kind` (port, anchorage, territorial_sea, eez, ...).
// Edges are straight lines in lon/lat (RFC 7946); polygons must not cross the antimeridian
// (split them there, as RFC 7946 §3.1.9 asks) — such features are rejected with a warning.
// A file that is not JSON or not a FeatureCollection throws ZoneError; a bad feature (missing or
// unsupported geometry, ring of < 4 positions, coordinates out of range) is skipped and
// described in warnings(), so one broken feature never hides the rest.
//
// Index: a coarse grid over all zones' bounding boxes picks candidate zones; each zone has its
// own grid whose cells are classified inside / outside / boundary, boundary cells keeping the
// edges that cross them and the inside-ness of the cell centre, so a query costs O(1) plus the
// few local edges (L-shaped path from the cell centre, even-odd rule).
#pragma once

#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "detect/geo.h"

namespace seawarden::detect {

class ZoneError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Zone {
  std::string id, name, kind;
  // Rings of all polygons (outer rings and holes alike: membership is even-odd), each open
  // (first vertex not repeated at the end), vertices as lat/lon.
  std::vector<std::vector<geo::LatLon>> rings;
  int polygon_count = 0;
  geo::BBox bbox;
};

class ZoneSet {
 public:
  ZoneSet() = default;
  // Parses GeoJSON text; `source` names it in messages. Throws ZoneError (see above).
  static ZoneSet parse(std::string_view geojson, const std::string& source = "<zones>");

  std::size_t size() const { return zones_.size(); }
  bool empty() const { return zones_.empty(); }
  const Zone& zone(std::size_t i) const { return zones_[i]; }
  const std::vector<std::string>& warnings() const { return warnings_; }

  // Indices of the zones containing the point (ascending), written to `out` (cleared first).
  void zones_at(double lat, double lon, std::vector<std::uint32_t>& out) const;
  bool contains(std::size_t zone, double lat, double lon) const;

  // Great-circle distance (km) from the point to the nearest zone whose kind is in `kinds`
  // (all zones when empty): 0 inside one, else the distance to the nearest edge (vertices
  // joined by great-circle arcs). Early-out: when no such zone is nearer than `max_km`, returns
  // some value >= max_km without measuring further. +infinity when there is no such zone.
  double distance_to_nearest_km(double lat, double lon, const std::vector<std::string>& kinds,
                                double max_km = std::numeric_limits<double>::infinity()) const;

  // Inside-ness is by straight lat/lon edges, distances are to great-circle arcs: how far (m) a
  // point of a zone's straight edges can be from the arc between the same vertices, i.e. how
  // much the distance may jump across that zone's boundary (metres for harbour-sized polygons,
  // ~1.9 km along a 4-degree east-west edge at 40 N). Measured at nine points of each edge.
  double edge_gap_m(std::size_t zone) const;

  // Same, also returning the nearest zone's index (-1 when none within max_km).
  double nearest(double lat, double lon, const std::vector<std::string>& kinds, double max_km,
                 int* zone_index) const;

 private:
  struct Cell {
    std::uint32_t first = 0, count = 0;  // range in cell_edges (boundary cells only)
    bool centre_inside = false;
  };
  struct Edge {
    double alat, alon, blat, blon;
  };
  struct EdgeGrid {  // per-zone index
    geo::BBox box;
    // Great-circle arcs bulge poleward of their end points (a lot near the poles): the largest
    // such excursion of any edge, to keep the distance search's box bounds valid.
    double arc_bulge_deg = 0;
    std::vector<Edge> edges;  // every ring edge of the zone
    int nx = 1, ny = 1;
    double dx = 1, dy = 1;
    std::vector<Cell> cells;
    std::vector<std::uint32_t> cell_edges;  // indices into edges
  };
  void add_zone(Zone&& z);
  void build_index();
  void build_edge_grid(std::size_t zi);
  bool inside_zone(std::size_t zi, double lat, double lon) const;
  static bool inside_by_ray(const EdgeGrid& g, double lat, double lon);  // the index's fallback for ties
  double distance_to_zone_m(std::size_t zi, double lat, double lon, double best_m) const;

  std::vector<Zone> zones_;
  std::vector<EdgeGrid> grids_;
  std::vector<std::string> warnings_;
  // Coarse global grid of zone bounding boxes.
  geo::BBox all_box_;
  int gnx_ = 0, gny_ = 0;
  double gdx_ = 1, gdy_ = 1;
  std::vector<std::uint32_t> gcell_first_;  // gnx*gny+1 offsets into gcell_zones_
  std::vector<std::uint32_t> gcell_zones_;
};

// Reads and parses a GeoJSON file; throws ZoneError naming the file on any fatal problem.
ZoneSet load_zones(const std::string& path);

// True for the kinds a vessel waits or calls at (port, anchorage).
inline bool is_port_kind(std::string_view kind) { return kind == "port" || kind == "anchorage"; }
// The same kinds as a list, for the distance queries' `kinds`.
inline const std::vector<std::string>& port_kinds() {
  static const std::vector<std::string> kinds = {"port", "anchorage"};
  return kinds;
}

}  // namespace seawarden::detect
