// Natural Earth land polygons (1:10m, from world-atlas, embedded at build time; see
// coastline.cmake) for drawing report maps offline.
#pragma once

#include <cstddef>
#include <vector>

namespace seawarden::report {

struct LonLat {
  double lon, lat;
};

// False when the build had no coastline data (maps are then drawn without land).
bool coastline_available();

// Land rings (outer rings and holes; fill with the even-odd rule) meeting the box
// west..east, south..north, clipped to it (so a map stays small).
std::vector<std::vector<LonLat>> land_rings(double west, double south, double east, double north);

// Clips a closed ring to a rectangle (Sutherland-Hodgman; exact for the filled area).
std::vector<LonLat> clip_ring(const std::vector<LonLat>& ring, double west, double south, double east, double north);

}  // namespace seawarden::report
