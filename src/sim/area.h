// The simulated sea: named area presets, a hand-made catalog of real ports with their
// anchorages, sea waypoints joined by lanes that stay on water, fishing grounds,
// transfer areas, AIS receiving stations, and the zones GeoJSON written for detection.
//
// Coordinates are coarse but chosen at sea: every lane is a straight leg between two
// waypoints that was checked against the coast, so routing over the graph keeps vessels
// off land. Vessels and names are fictional; places are real.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "detect/geo.h"
#include "detect/zones.h"

namespace seawarden::sim {

using detect::geo::LatLon;

struct Port {
  std::string id, name, country;  // country: ISO alpha-2
  LatLon berth;                   // where vessels moor (centre of the port polygon)
  LatLon anchorage;               // centre of the anchorage polygon
  double anchorage_bearing_deg = 0;  // long axis of the anchorage rectangle (towards the approach)
  int approach = -1;              // sea node index that connects it to the lane graph
};

// The anchorage zone of every port is a rectangle this long (along the approach bearing)
// and wide around the anchorage centre.
inline constexpr double kAnchorageLengthKm = 7.0, kAnchorageWidthKm = 4.5;

struct SeaNode {
  std::string id;
  LatLon pos;
};

struct Station {
  std::string id;
  LatLon pos;
};

// A disc of open water (fishing ground or meeting site) reached from a sea node by a
// straight leg.
struct SeaDisc {
  std::string id;
  LatLon centre;
  double radius_km = 10;
  int access = -1;
};

struct ZonePolygon {
  std::string id, name, kind;
  std::vector<LatLon> ring;  // open ring
};

struct Area {
  std::string name;
  double west = 0, south = 0, east = 0, north = 0;
  std::vector<SeaNode> nodes;
  std::vector<std::vector<std::pair<int, double>>> adjacency;  // node -> (node, km)
  std::vector<Port> ports;
  std::vector<Station> stations;
  std::vector<SeaDisc> fishing_grounds;
  std::vector<SeaDisc> meeting_sites;  // transfer areas and other open-water sites
  std::vector<ZonePolygon> zones;
  detect::ZoneSet zone_set;  // the same zones, parsed by the detector's own code

  bool contains(const LatLon& p) const {
    return p.lat >= south && p.lat <= north && p.lon >= west && p.lon <= east;
  }
  // Sea nodes from `from` to `to` (inclusive), shortest by distance; empty when unreachable.
  std::vector<int> route(int from, int to) const;
};

// Builds an area from a preset name (korea-bay, yellow-sea, east-china-sea,
// yellow-east-china-sea) or a bbox
// "W,S,E,N". Throws std::invalid_argument for an unknown name, a malformed box, or a box
// holding fewer than two ports connected by lanes.
Area make_area(const std::string& name_or_bbox);

// The preset names, for help texts.
std::vector<std::string> area_presets();

// GeoJSON FeatureCollection of the area's zones (properties id, name, kind).
std::string zones_geojson(const Area& area);

}  // namespace seawarden::sim
