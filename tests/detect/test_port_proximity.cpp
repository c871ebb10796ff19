#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "detect/port_proximity.h"
#include "detect/zones.h"
#include "spatial_fixtures.h"

namespace seawarden::detect {
namespace {

// Two ports and an anchorage (the kinds that count) and a territorial sea (which does not).
constexpr const char* kZones = R"({"type":"FeatureCollection","features":[
 {"type":"Feature","properties":{"id":"p1","name":"Port A","kind":"port"},
  "geometry":{"type":"Polygon","coordinates":[[[124.30,39.60],[124.42,39.60],[124.42,39.70],[124.30,39.70],[124.30,39.60]]]}},
 {"type":"Feature","properties":{"id":"p2","name":"Port B","kind":"port"},
  "geometry":{"type":"Polygon","coordinates":[[[125.10,38.70],[125.30,38.72],[125.25,38.85],[125.10,38.70]]]}},
 {"type":"Feature","properties":{"id":"a1","name":"Anchorage","kind":"anchorage"},
  "geometry":{"type":"Polygon","coordinates":[[[123.00,38.00],[123.05,38.00],[123.05,38.04],[123.00,38.04],[123.00,38.00]]]}},
 {"type":"Feature","properties":{"id":"t1","name":"Sea","kind":"territorial_sea"},
  "geometry":{"type":"Polygon","coordinates":[[[122.0,37.0],[127.0,37.0],[127.0,41.0],[122.0,41.0],[122.0,37.0]]]}}
]})";

// The cached answer (coarse cells, fine cells, exact fallback) must be the exact answer for
// every point and threshold: near the ports, on the open sea, and far beyond the 200 km cap.
TEST(PortProximity, CachedAnswersEqualExactDistances) {
  const ZoneSet zones = ZoneSet::parse(kZones);
  PortProximity near(&zones);
  ASSERT_TRUE(near.active());
  const std::vector<std::string>& kinds = port_kinds();
  std::mt19937 rng(17);
  std::uniform_real_distribution<double> lat(36.0, 42.0), lon(121.0, 128.0), jitter(-0.3, 0.3),
      far_lat(20.0, 60.0), far_lon(100.0, 160.0);
  const std::vector<std::pair<double, double>> anchors = {{39.65, 124.36}, {38.75, 125.2}, {38.02, 123.02}};
  int checked = 0, near_threshold = 0;
  std::uint64_t usual_exact = 0, near_exact = 0;
  for (int i = 0; i < 30000; ++i) {
    double la, lo;
    if (i % 3 == 0) {  // clustered around a port, where thresholds are straddled
      const auto& [alat, alon] = anchors[static_cast<std::size_t>(i / 3) % anchors.size()];
      la = alat + jitter(rng);
      lo = alon + jitter(rng);
    } else if (i % 3 == 1) {
      la = lat(rng);
      lo = lon(rng);
    } else {
      la = far_lat(rng);
      lo = far_lon(rng);
    }
    const double exact = zones.distance_to_nearest_km(la, lo, kinds);
    // The usual thresholds (tens of km at most) first: the cells must settle nearly all of them.
    for (double km : {0.5, 2.0, 5.0, 10.0, 30.0}) {
      EXPECT_EQ(near.at_least(la, lo, km), exact >= km) << la << "," << lo << " km " << km << " exact " << exact;
      ++checked;
      if (std::abs(exact - km) < 1.0) ++near_threshold;
    }
    usual_exact = near.exact_queries();
    // Thresholds near and past the cap (200 km) are measured exactly more often, still right.
    for (double km : {100.0, 199.0, 250.0})
      EXPECT_EQ(near.at_least(la, lo, km), exact >= km) << la << "," << lo << " km " << km << " exact " << exact;
    near_exact += near.exact_queries() - usual_exact;
  }
  EXPECT_GT(near_threshold, 100) << "the points should often sit close to a threshold";
  const std::uint64_t usual = near.exact_queries() - near_exact;
  EXPECT_GT(usual, 0u) << "some points straddle a threshold within a fine cell";
  EXPECT_LT(usual, static_cast<std::uint64_t>(checked) / 20) << "the cells settle nearly every query";
}

// A zone is entered by its straight lat/lon edges but measured to its great-circle arcs: along
// a 4-degree east-west edge at 40.5 N the two are ~1.9 km apart, so the distance jumps across
// the edge. The cached answers must still equal the exact ones right there. (The edge is off
// the 0.02-degree cell rows, so cells straddle it.)
TEST(PortProximity, LongEdgesKeepCachedAnswersExact) {
  const ZoneSet zones = testing::rect_zones({{"a", "anchorage", 120.0, 40.0, 124.0, 40.513}});
  PortProximity near(&zones);
  const std::vector<std::string>& kinds = port_kinds();
  std::mt19937 rng(23);
  std::uniform_real_distribution<double> lon(120.5, 123.5), dlat(-0.05, 0.05);
  int jumps = 0;
  for (int i = 0; i < 20000; ++i) {
    const double la = 40.513 + dlat(rng), lo = lon(rng);
    const double exact = zones.distance_to_nearest_km(la, lo, kinds);
    if (la > 40.513 && exact > 0.5) ++jumps;  // just outside the straight edge, yet far from the arc
    for (double km : {0.3, 1.0, 1.7, 2.5, 5.0})
      EXPECT_EQ(near.at_least(la, lo, km), exact >= km) << la << "," << lo << " km " << km << " exact " << exact;
  }
  EXPECT_GT(jumps, 100) << "the test should sample the strip between the straight edge and its arc";
}

TEST(PortProximity, WithoutPortsEverythingIsAway) {
  const ZoneSet zones = ZoneSet::parse(R"({"type":"FeatureCollection","features":[
   {"type":"Feature","properties":{"id":"t1","name":"Sea","kind":"territorial_sea"},
    "geometry":{"type":"Polygon","coordinates":[[[122.0,37.0],[127.0,37.0],[127.0,41.0],[122.0,37.0]]]}}]})");
  PortProximity near(&zones);
  EXPECT_FALSE(near.active());
  EXPECT_TRUE(near.at_least(38.0, 124.0, 1000.0));
  PortProximity none(nullptr);
  EXPECT_TRUE(none.at_least(38.0, 124.0, 5.0));
}

}  // namespace
}  // namespace seawarden::detect
