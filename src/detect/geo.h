// Small spherical-earth geometry used by the spatial detectors: great-circle distance,
// bearing, interpolation along a short leg, and lat/lon bounding boxes.
// All angles in degrees (WGS84 lat/lon treated on a sphere of mean radius; error < 0.5%).
#pragma once

#include <algorithm>
#include <cmath>

namespace seawarden::detect::geo {

inline constexpr double kEarthRadiusM = 6371008.8;  // IUGG mean radius
inline constexpr double kPi = 3.14159265358979323846;
inline constexpr double kDegToRad = kPi / 180.0;
inline constexpr double kMetersPerDegLat = kEarthRadiusM * kDegToRad;  // ~111195 m
inline constexpr double kMetersPerNauticalMile = 1852.0;

inline double ms_to_knots(double meters, double millis) {
  return millis > 0 ? (meters / kMetersPerNauticalMile) / (millis / 3.6e6) : 0.0;
}

// x modulo 360 into [0, 360), exactly as fmod (+ 360 when negative) computes it. Angles and
// longitudes shifted by 540 land in [0, 1080): there one or two exact subtractions (Sterbenz:
// x - 360 is exact for x in [180, 720], x - 720 for x in [360, 1440]) replace the library's
// fmod, which was ~2% of all instructions of `detect`.
inline double mod360(double x) {
  if (x >= 0 && x < 1080.0) {
    if (x >= 720.0) return x - 720.0;
    if (x >= 360.0) return x - 360.0;
    return x;
  }
  double d = std::fmod(x, 360.0);
  if (d < 0) d += 360.0;
  return d;
}

// Longitude difference b - a folded into [-180, 180) (the short way round).
inline double lon_delta(double a, double b) { return mod360(b - a + 540.0) - 180.0; }

// Normalises a longitude into [-180, 180).
inline double wrap_lon(double lon) { return lon_delta(0.0, lon); }

// Great-circle (haversine) distance in metres; exact on the sphere at any range.
double distance_m(double lat1, double lon1, double lat2, double lon2);
inline double distance_km(double lat1, double lon1, double lat2, double lon2) {
  return distance_m(lat1, lon1, lat2, lon2) / 1000.0;
}

// Initial great-circle bearing from point 1 to point 2, degrees in [0, 360).
double bearing_deg(double lat1, double lon1, double lat2, double lon2);

struct LatLon {
  double lat = 0, lon = 0;
};

// Position at fraction f (0..1) of the way from 1 to 2. Linear in lat/lon (taking the short
// way across the antimeridian) — accurate for the short legs (< 1 h of sailing) it is used on.
LatLon interpolate(double lat1, double lon1, double lat2, double lon2, double f);

// Axis-aligned lat/lon box; antimeridian-free (min_lon <= max_lon).
struct BBox {
  double min_lat = 90, max_lat = -90, min_lon = 180, max_lon = -180;
  bool empty() const { return min_lat > max_lat; }
  void expand(double lat, double lon) {
    min_lat = std::min(min_lat, lat);
    max_lat = std::max(max_lat, lat);
    min_lon = std::min(min_lon, lon);
    max_lon = std::max(max_lon, lon);
  }
  void expand(const BBox& o) {
    if (o.empty()) return;
    expand(o.min_lat, o.min_lon);
    expand(o.max_lat, o.max_lon);
  }
  bool contains(double lat, double lon) const {
    return lat >= min_lat && lat <= max_lat && lon >= min_lon && lon <= max_lon;
  }
  bool intersects(const BBox& o) const {
    return !(o.min_lat > max_lat || o.max_lat < min_lat || o.min_lon > max_lon || o.max_lon < min_lon);
  }
};

// A lower bound of the great-circle distance (metres) from a point to anything inside the box:
// 0 inside; otherwise the distance to the nearest box corner/edge measured conservatively.
double min_distance_to_bbox_m(const BBox& box, double lat, double lon);

// Great-circle distance (metres) from point p to the arc a-b (shortest path on the sphere,
// clamped to the arc's end points). Exact on the sphere.
double distance_to_arc_m(double plat, double plon, double alat, double alon, double blat, double blon);

}  // namespace seawarden::detect::geo
