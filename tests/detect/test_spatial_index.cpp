#include <gtest/gtest.h>

#include <random>
#include <set>

#include "detect/spatial_index.h"

namespace seawarden::detect {
namespace {

using PairSet = std::set<std::pair<std::size_t, std::size_t>>;

PairSet indexed(const std::vector<GridPoint>& pts, double radius) {
  NeighbourGrid g(radius);
  g.build(pts);
  PairSet s;
  g.for_each_pair([&](std::size_t i, std::size_t j, double d) {
    EXPECT_LT(i, j);
    EXPECT_LE(d, radius);
    EXPECT_TRUE(s.insert({i, j}).second) << "pair reported twice";
  });
  return s;
}

PairSet brute(const std::vector<GridPoint>& pts, double radius) {
  PairSet s;
  for (std::size_t i = 0; i < pts.size(); ++i)
    for (std::size_t j = i + 1; j < pts.size(); ++j)
      if (geo::distance_m(pts[i].lat, pts[i].lon, pts[j].lat, pts[j].lon) <= radius) s.insert({i, j});
  return s;
}

// Random clusters so that many pairs are near the radius.
std::vector<GridPoint> cluster(std::mt19937& rng, double lat, double lon, int n, double spread_deg) {
  std::uniform_real_distribution<double> u(-spread_deg, spread_deg);
  std::vector<GridPoint> pts;
  for (int i = 0; i < n; ++i) {
    GridPoint p;
    p.mmsi = static_cast<std::uint32_t>(i + 1);
    p.lat = std::clamp(lat + u(rng), -90.0, 90.0);
    p.lon = geo::wrap_lon(lon + u(rng) / std::max(0.02, std::cos(p.lat * geo::kDegToRad)));
    pts.push_back(p);
  }
  return pts;
}

TEST(SpatialIndex, MatchesBruteForceEverywhere) {
  std::mt19937 rng(11);
  const std::vector<std::pair<double, double>> places = {
      {0, 0}, {38.5, 124.9}, {0, 179.999}, {-12, -180}, {70, 20}, {-75, -60}, {89.99, 0}, {-89.995, 45}, {85, 179.99}};
  for (const auto& [lat, lon] : places)
    for (double radius : {500.0, 50.0}) {
      const auto pts = cluster(rng, lat, lon, 600, radius * 20 / geo::kMetersPerDegLat);
      const auto a = indexed(pts, radius), b = brute(pts, radius);
      EXPECT_EQ(a, b) << "at " << lat << "," << lon << " r=" << radius;
      EXPECT_GT(b.size(), 10u) << "test too sparse at " << lat << "," << lon;
    }
}

TEST(SpatialIndex, ExactThreshold) {
  std::vector<GridPoint> pts(3);
  pts[0].lat = 38.5;
  pts[0].lon = 124.9;
  pts[1] = pts[0];
  pts[1].lat += 499 / geo::kMetersPerDegLat;  // 499 m north
  pts[2] = pts[0];
  pts[2].lat -= 501 / geo::kMetersPerDegLat;  // 501 m south
  const auto s = indexed(pts, 500);
  EXPECT_EQ(s, (PairSet{{0, 1}}));
}

TEST(SpatialIndex, AcrossTheAntimeridian) {
  std::vector<GridPoint> pts(2);
  pts[0].lat = pts[1].lat = -16.5;
  pts[0].lon = 179.999;
  pts[1].lon = -179.999;  // ~213 m apart
  EXPECT_EQ(indexed(pts, 500).size(), 1u);
}

TEST(SpatialIndex, WorkGrowsLinearlyForUniformDensity) {
  // Same density, 4x the area and vessels: candidates tested grow ~4x, not 16x.
  std::mt19937 rng(5);
  auto tested = [&](int n, double side) {
    std::uniform_real_distribution<double> u(0, side);
    std::vector<GridPoint> pts(n);
    for (auto& p : pts) {
      p.lat = u(rng);
      p.lon = u(rng);
    }
    NeighbourGrid g(500);
    g.build(pts);
    g.for_each_pair([](std::size_t, std::size_t, double) {});
    return static_cast<double>(g.candidates_tested());
  };
  const double small = tested(4000, 0.5), big = tested(16000, 1.0);
  EXPECT_GT(small, 0);
  EXPECT_LT(big / small, 6.0);
}

TEST(SpatialIndex, CrowdedCellsMakeNoPairs) {
  // 60 points on one spot (a crowd), a pair 2 km away, and 20 points spread in one cell
  // (exactly the limit: not a crowd).
  std::vector<GridPoint> pts;
  auto add = [&](double lat, double lon) {
    GridPoint p;
    p.mmsi = static_cast<std::uint32_t>(pts.size() + 1);
    p.lat = lat;
    p.lon = lon;
    pts.push_back(p);
  };
  for (int i = 0; i < 60; ++i) add(37.0, 124.0);
  add(37.02, 124.0);
  add(37.0201, 124.0);
  std::vector<std::size_t> spread;
  for (int i = 0; i < 20; ++i) {
    spread.push_back(pts.size());
    add(38.0 + 0.0002 * (i % 5), 125.0 + 0.0002 * (i / 5));
  }
  NeighbourGrid g(500);
  g.build(pts, 20);
  for (std::size_t i = 0; i < 60; ++i) EXPECT_TRUE(g.crowded(i)) << i;
  for (std::size_t i = 60; i < pts.size(); ++i) EXPECT_FALSE(g.crowded(i)) << i;
  EXPECT_EQ(g.crowded_points(), 60u);
  PairSet got;
  g.for_each_pair([&](std::size_t i, std::size_t j, double) { got.insert({i, j}); });
  PairSet want;
  want.insert({60, 61});
  for (std::size_t a = 0; a < spread.size(); ++a)
    for (std::size_t b = a + 1; b < spread.size(); ++b) want.insert({spread[a], spread[b]});
  EXPECT_EQ(got, want);
  // Without a limit every pair of the crowd is there.
  EXPECT_EQ(indexed(pts, 500).size(), want.size() + 60 * 59 / 2);
}

}  // namespace
}  // namespace seawarden::detect
