#include "detect/geo.h"

namespace seawarden::detect::geo {

double distance_m(double lat1, double lon1, double lat2, double lon2) {
  const double p1 = lat1 * kDegToRad, p2 = lat2 * kDegToRad;
  const double dp = p2 - p1, dl = lon_delta(lon1, lon2) * kDegToRad;
  const double s1 = std::sin(dp * 0.5), s2 = std::sin(dl * 0.5);
  const double h = std::min(1.0, s1 * s1 + std::cos(p1) * std::cos(p2) * s2 * s2);
  return 2.0 * kEarthRadiusM * std::asin(std::sqrt(h));
}

double bearing_deg(double lat1, double lon1, double lat2, double lon2) {
  const double p1 = lat1 * kDegToRad, p2 = lat2 * kDegToRad;
  const double dl = lon_delta(lon1, lon2) * kDegToRad;
  const double y = std::sin(dl) * std::cos(p2);
  const double x = std::cos(p1) * std::sin(p2) - std::sin(p1) * std::cos(p2) * std::cos(dl);
  double b = std::atan2(y, x) / kDegToRad;
  if (b < 0) b += 360.0;
  return b >= 360.0 ? 0.0 : b;
}

LatLon interpolate(double lat1, double lon1, double lat2, double lon2, double f) {
  return {lat1 + (lat2 - lat1) * f, wrap_lon(lon1 + lon_delta(lon1, lon2) * f)};
}

double min_distance_to_bbox_m(const BBox& box, double lat, double lon) {
  if (box.empty()) return 1e18;
  double lat_part = 0;
  if (lat < box.min_lat) lat_part = (box.min_lat - lat) * kMetersPerDegLat;
  else if (lat > box.max_lat) lat_part = (lat - box.max_lat) * kMetersPerDegLat;
  double lon_part = 0;
  if (lon < box.min_lon || lon > box.max_lon) {
    const double d = std::min(std::fabs(lon_delta(lon, box.min_lon)), std::fabs(lon_delta(lon, box.max_lon)));
    // Distance to the great circle through the nearer bounding meridian: a lower bound.
    const double s = std::min(1.0, std::fabs(std::sin(d * kDegToRad)) * std::cos(lat * kDegToRad));
    lon_part = d >= 90 ? 0.0 : kEarthRadiusM * std::asin(s);
  }
  return std::max(lat_part, lon_part);
}

namespace {
struct Vec3 {
  double x, y, z;
};
Vec3 unit(double lat, double lon) {
  const double p = lat * kDegToRad, l = lon * kDegToRad;
  return {std::cos(p) * std::cos(l), std::cos(p) * std::sin(l), std::sin(p)};
}
Vec3 cross(const Vec3& a, const Vec3& b) {
  return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
}
double dot(const Vec3& a, const Vec3& b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
}  // namespace

double distance_to_arc_m(double plat, double plon, double alat, double alon, double blat, double blon) {
  const Vec3 a = unit(alat, alon), b = unit(blat, blon), p = unit(plat, plon);
  Vec3 n = cross(a, b);
  const double nn = std::sqrt(dot(n, n));
  const double to_ends = std::min(distance_m(plat, plon, alat, alon), distance_m(plat, plon, blat, blon));
  if (nn < 1e-15) return to_ends;  // degenerate arc (a == b)
  n = {n.x / nn, n.y / nn, n.z / nn};
  // The foot of the perpendicular lies on the arc iff it is "after" a and "before" b.
  if (dot(cross(a, p), n) >= 0 && dot(cross(p, b), n) >= 0) {
    const double s = std::clamp(dot(p, n), -1.0, 1.0);
    return std::min(to_ends, std::fabs(std::asin(s)) * kEarthRadiusM);
  }
  return to_ends;
}

}  // namespace seawarden::detect::geo
