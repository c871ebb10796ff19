// Distances for the track layer: haversine for reported figures, a flat-earth
// approximation (accurate to well under 1% below a few hundred km) for hot-path tests.
#pragma once

#include <cmath>

namespace seawarden::track {

inline constexpr double kEarthRadiusKm = 6371.0088;
inline constexpr double kDegToRad = 3.14159265358979323846 / 180.0;
inline constexpr double kKmPerNm = 1.852;

inline double wrap_lon_delta(double d) {
  if (d > 180) d -= 360;
  else if (d < -180) d += 360;
  return d;
}

inline double haversine_km(double lat1, double lon1, double lat2, double lon2) {
  double dlat = (lat2 - lat1) * kDegToRad, dlon = wrap_lon_delta(lon2 - lon1) * kDegToRad;
  double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
             std::cos(lat1 * kDegToRad) * std::cos(lat2 * kDegToRad) * std::sin(dlon / 2) *
                 std::sin(dlon / 2);
  return 2 * kEarthRadiusKm * std::asin(std::sqrt(std::fmin(1.0, a)));
}

// An upper bound of haversine_km without trigonometry: the great circle is no longer than the
// path along a meridian then a parallel, and a parallel's arc is at most R x dlon. For skipping
// the exact distance when the bound already settles a "farther than" test.
inline double distance_upper_bound_km(double lat1, double lon1, double lat2, double lon2) {
  return kEarthRadiusKm * kDegToRad * (std::fabs(lat2 - lat1) + std::fabs(wrap_lon_delta(lon2 - lon1)));
}

// Nautical miles per degree: latitude 60; longitude 60 cos(lat).
inline double flat_distance_nm(double lat1, double lon1, double lat2, double lon2) {
  double dy = (lat2 - lat1) * 60.0;
  double dx = wrap_lon_delta(lon2 - lon1) * 60.0 * std::cos(0.5 * (lat1 + lat2) * kDegToRad);
  return std::sqrt(dx * dx + dy * dy);
}

// Implied speed in knots for `km` covered in `dt_ms` (a floor of 1 s avoids division by 0).
inline double implied_speed_kn(double km, double dt_ms) {
  double hours = std::fmax(dt_ms, 1000.0) / 3.6e6;
  return km / kKmPerNm / hours;
}

}  // namespace seawarden::track
