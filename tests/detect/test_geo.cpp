#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <random>
#include <vector>

#include "detect/geo.h"

namespace seawarden::detect::geo {
namespace {

TEST(Geo, DistanceKnownValues) {
  EXPECT_NEAR(distance_m(0, 0, 1, 0), kMetersPerDegLat, 1e-6);  // one degree of latitude
  EXPECT_NEAR(distance_km(0, 0, 0, 1), 111.195, 0.001);
  EXPECT_NEAR(distance_km(60, 0, 60, 1), 111.195 * 0.5, 0.01);    // small circle ~ cos(60)
  EXPECT_NEAR(distance_km(0, 0, 0, 180), kPi * kEarthRadiusM / 1000, 1e-6);
  EXPECT_EQ(distance_m(12.5, 130.1, 12.5, 130.1), 0.0);
}

TEST(Geo, DistanceAcrossAntimeridianAndPole) {
  EXPECT_NEAR(distance_km(0, 179.9, 0, -179.9), 22.239, 0.001);
  EXPECT_NEAR(distance_km(89.9, 0, 89.9, 180), 22.239, 0.001);  // over the pole
  EXPECT_NEAR(distance_m(89.999, 10, 89.999, -170), 2 * 0.001 * kMetersPerDegLat, 0.01);
}

TEST(Geo, Bearing) {
  EXPECT_NEAR(bearing_deg(0, 0, 1, 0), 0, 1e-9);
  EXPECT_NEAR(bearing_deg(0, 0, 0, 1), 90, 1e-9);
  EXPECT_NEAR(bearing_deg(0, 0, -1, 0), 180, 1e-9);
  EXPECT_NEAR(bearing_deg(0, 0, 0, -1), 270, 1e-9);
  EXPECT_NEAR(bearing_deg(0, 179.5, 0, -179.5), 90, 1e-9);  // east across the antimeridian
}

TEST(Geo, InterpolateTakesShortWayAcrossAntimeridian) {
  const LatLon m = interpolate(10, 179, 12, -179, 0.5);
  EXPECT_NEAR(m.lat, 11, 1e-12);
  EXPECT_NEAR(std::fabs(m.lon), 180, 1e-9);
  const LatLon q = interpolate(10, 179, 12, -179, 0.25);
  EXPECT_NEAR(q.lon, 179.5, 1e-9);
  const LatLon e = interpolate(1, 2, 3, 4, 1.0);
  EXPECT_NEAR(e.lat, 3, 1e-12);
  EXPECT_NEAR(e.lon, 4, 1e-12);
}

TEST(Geo, DistanceToArc) {
  // Point 1 km north of the middle of an equatorial arc.
  const double north = 1000 / kMetersPerDegLat;
  EXPECT_NEAR(distance_to_arc_m(north, 0.5, 0, 0, 0, 1), 1000, 0.01);
  // Beyond the end: distance to the end point.
  EXPECT_NEAR(distance_to_arc_m(0, 2, 0, 0, 0, 1), distance_m(0, 2, 0, 1), 1e-6);
  // Degenerate arc.
  EXPECT_NEAR(distance_to_arc_m(0, 1, 0, 0, 0, 0), distance_m(0, 1, 0, 0), 1e-6);
}

TEST(Geo, BBoxBoundIsALowerBound) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> lat(-80, 80), lon(-180, 180), size(0.01, 20);
  for (int i = 0; i < 2000; ++i) {
    BBox b;
    const double la = lat(rng), lo = std::clamp(lon(rng), -170.0, 150.0);
    b.expand(la, lo);
    b.expand(std::min(89.0, la + size(rng)), std::min(179.9, lo + size(rng)));
    const double plat = lat(rng), plon = lon(rng);
    const double bound = min_distance_to_bbox_m(b, plat, plon);
    // Sample the box densely: no point of it may be nearer than the bound.
    for (int k = 0; k <= 20; ++k)
      for (int m = 0; m <= 20; ++m) {
        const double qlat = b.min_lat + (b.max_lat - b.min_lat) * k / 20;
        const double qlon = b.min_lon + (b.max_lon - b.min_lon) * m / 20;
        ASSERT_LE(bound, distance_m(plat, plon, qlat, qlon) + 1e-6) << i;
      }
  }
}

TEST(Geo, KnotsConversion) {
  EXPECT_NEAR(ms_to_knots(1852, 3.6e6), 1.0, 1e-12);
  EXPECT_EQ(ms_to_knots(100, 0), 0.0);
}

}  // namespace
}  // namespace seawarden::detect::geo

namespace seawarden::detect {
namespace {

// mod360 replaces fmod on the hot path: it must give the very same doubles (the detectors'
// output is compared byte for byte), including at the range edges and beyond the fast range.
TEST(Geo, Mod360IsBitIdenticalToFmod) {
  auto reference = [](double x) {
    double d = std::fmod(x, 360.0);
    if (d < 0) d += 360.0;
    return d;
  };
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> wide(-5000.0, 5000.0), lon(-180.0, 180.0);
  std::vector<double> xs = {0.0, -0.0, 179.99999999999997, 180.0, 359.99999999999994, 360.0, 360.00000000000006,
                            540.0, 719.9999999999999, 720.0, 900.0, 1079.9999999999998, 1080.0, 1e9, -1e-300,
                            -360.0, -720.5};
  for (int i = 0; i < 200000; ++i) xs.push_back(wide(rng));
  for (int i = 0; i < 200000; ++i) xs.push_back(lon(rng) - lon(rng) + 540.0);  // lon_delta's argument
  for (double x : xs) {
    const double want = reference(x), got = geo::mod360(x);
    EXPECT_EQ(std::memcmp(&want, &got, sizeof want), 0) << std::hexfloat << x << " -> " << got << " != " << want;
  }
}

}  // namespace
}  // namespace seawarden::detect
