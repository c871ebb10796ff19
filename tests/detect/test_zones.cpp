#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "detect/zones.h"
#include "spatial_fixtures.h"

namespace seawarden::detect {
namespace {

std::string fc(const std::string& features) {
  return R"({"type":"FeatureCollection","features":[)" + features + "]}";
}

// Brute-force even-odd ray test over every ring (reference for the indexed one).
bool brute_inside(const Zone& z, double lat, double lon) {
  bool in = false;
  for (const auto& r : z.rings)
    for (std::size_t i = 0, j = r.size() - 1; i < r.size(); j = i++)
      if ((r[i].lat > lat) != (r[j].lat > lat) &&
          lon < (r[j].lon - r[i].lon) * (lat - r[i].lat) / (r[j].lat - r[i].lat) + r[i].lon)
        in = !in;
  return in;
}

const char* kSquareWithHole = R"({"type":"Feature","properties":{"id":"P1","name":"Port One","kind":"port"},
  "geometry":{"type":"Polygon","coordinates":[
    [[10,50],[11,50],[11,51],[10,51],[10,50]],
    [[10.4,50.4],[10.6,50.4],[10.6,50.6],[10.4,50.6],[10.4,50.4]]]}})";

TEST(Zones, PolygonWithHole) {
  const ZoneSet zs = ZoneSet::parse(fc(kSquareWithHole));
  ASSERT_EQ(zs.size(), 1u);
  EXPECT_TRUE(zs.warnings().empty());
  const Zone& z = zs.zone(0);
  EXPECT_EQ(z.id, "P1");
  EXPECT_EQ(z.name, "Port One");
  EXPECT_EQ(z.kind, "port");
  EXPECT_EQ(z.rings.size(), 2u);
  EXPECT_EQ(z.rings[0].size(), 4u);  // closing position dropped
  EXPECT_TRUE(zs.contains(0, 50.2, 10.2));
  EXPECT_FALSE(zs.contains(0, 50.5, 10.5));  // in the hole
  EXPECT_TRUE(zs.contains(0, 50.39, 10.5));  // just outside the hole
  EXPECT_FALSE(zs.contains(0, 51.01, 10.5));
  std::vector<std::uint32_t> out;
  zs.zones_at(50.5, 10.5, out);
  EXPECT_TRUE(out.empty());
  zs.zones_at(50.9, 10.9, out);
  EXPECT_EQ(out, std::vector<std::uint32_t>{0});
  // From the hole's centre the nearest edges are its sides, 0.1 deg of longitude away.
  EXPECT_NEAR(zs.distance_to_nearest_km(50.5, 10.5, {}), 11.1195 * std::cos(50.5 * geo::kDegToRad), 0.01);
  EXPECT_EQ(zs.distance_to_nearest_km(50.2, 10.2, {"port"}), 0.0);
}

TEST(Zones, MultiPolygonAndKinds) {
  const ZoneSet zs = ZoneSet::parse(fc(std::string(kSquareWithHole) + R"(,
    {"type":"Feature","properties":{"id":7,"name":"Two Lagoons","kind":"anchorage"},
     "geometry":{"type":"MultiPolygon","coordinates":[
       [[[20,0],[20.1,0],[20.1,0.1],[20,0.1],[20,0]]],
       [[[21,0],[21.1,0],[21.1,0.1],[21,0.1],[21,0]]]]}},
    {"type":"Feature","properties":{"id":"TS","kind":"territorial_sea"},
     "geometry":{"type":"Polygon","coordinates":[[[19,-1],[23,-1],[23,1],[19,1],[19,-1]]]}})"));
  ASSERT_EQ(zs.size(), 3u);
  EXPECT_EQ(zs.zone(1).id, "7");  // numeric ids become strings
  EXPECT_EQ(zs.zone(1).polygon_count, 2);
  std::vector<std::uint32_t> out;
  zs.zones_at(0.05, 21.05, out);
  EXPECT_EQ(out, (std::vector<std::uint32_t>{1, 2}));
  zs.zones_at(0.05, 20.5, out);  // between the two parts
  EXPECT_EQ(out, (std::vector<std::uint32_t>{2}));
  // Kinds filter: from between the lagoons, the nearest anchorage part is 0.4 deg away.
  const double d = zs.distance_to_nearest_km(0.05, 20.5, {"port", "anchorage"});
  EXPECT_NEAR(d, 0.4 * 111.195, 0.05);
  EXPECT_EQ(zs.distance_to_nearest_km(0.05, 20.5, {"territorial_sea"}), 0.0);
  EXPECT_TRUE(std::isinf(zs.distance_to_nearest_km(0, 0, {"eez"})));
  int idx = -2;
  zs.nearest(0.05, 20.5, {"anchorage"}, 1000, &idx);
  EXPECT_EQ(idx, 1);
}

TEST(Zones, EarlyOutReturnsAtLeastTheLimit) {
  const ZoneSet zs = ZoneSet::parse(fc(kSquareWithHole));
  const double exact = zs.distance_to_nearest_km(40, 10.5, {});
  EXPECT_NEAR(exact, 10 * 111.195, 0.5);
  EXPECT_GE(zs.distance_to_nearest_km(40, 10.5, {}, 50), 50);
  EXPECT_NEAR(zs.distance_to_nearest_km(40, 10.5, {}, 5000), exact, 1e-9);
}

TEST(Zones, BadInputIsReportedNotFatal) {
  EXPECT_THROW(ZoneSet::parse("{not json", "z.geojson"), ZoneError);
  // A missing file or a directory is a ZoneError naming it.
  EXPECT_THROW(load_zones("/nonexistent/zones.geojson"), ZoneError);
  EXPECT_THROW(load_zones("/tmp"), ZoneError);
  // A geometry type that is not a string skips that feature (it threw nlohmann's type_error).
  const ZoneSet typed = ZoneSet::parse(fc(R"({"type":"Feature","properties":{"id":"t"},"geometry":{"type":5,"coordinates":[]}})"));
  EXPECT_TRUE(typed.empty());
  ASSERT_EQ(typed.warnings().size(), 1u);
  // A number beyond double (found by fuzz_zones) is nlohmann's out_of_range, not a parse_error.
  EXPECT_THROW(ZoneSet::parse(fc(R"({"type":"Feature","properties":{"id":"x"},"geometry":{"type":"Polygon",
    "coordinates":[[[1e999,0],[1,0],[1,1],[1e999,0]]]}})"), "z.geojson"), ZoneError);
  try {
    ZoneSet::parse(R"({"type":"Feature"})", "z.geojson");
    FAIL();
  } catch (const ZoneError& e) {
    EXPECT_NE(std::string(e.what()).find("z.geojson: not a GeoJSON FeatureCollection"), std::string::npos);
  }
  EXPECT_THROW(load_zones("/nonexistent/zones.geojson"), ZoneError);
  const ZoneSet zs = ZoneSet::parse(fc(std::string(kSquareWithHole) + R"(,
    {"type":"Feature","properties":{"id":"pt"},"geometry":{"type":"Point","coordinates":[1,2]}},
    {"type":"Feature","properties":{"id":"short"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,1],[0,0]]]}},
    {"type":"Feature","properties":{"id":"range"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,95],[2,0],[0,0]]]}},
    {"type":"Feature","properties":{"id":"text"},"geometry":{"type":"Polygon","coordinates":[[["a",0],[1,1],[2,0],["a",0]]]}},
    {"type":"Feature","properties":{"id":"am"},"geometry":{"type":"Polygon","coordinates":[[[179,0],[-179,0],[-179,1],[179,1],[179,0]]]}},
    {"type":"Feature","properties":{"id":"nogeom"}},
    42,
    {"type":"Feature","properties":{"name":"no id"},"geometry":{"type":"Polygon","coordinates":[[[5,5],[6,5],[6,6],[5,5]]]}})"));
  ASSERT_EQ(zs.size(), 2u);  // the good square and the id-less triangle
  EXPECT_EQ(zs.zone(1).id, "zone-8");
  EXPECT_EQ(zs.warnings().size(), 8u);
  std::string all;
  for (const auto& w : zs.warnings()) all += w + "\n";
  EXPECT_NE(all.find("\"Point\" is not Polygon"), std::string::npos) << all;
  EXPECT_NE(all.find("fewer than 4 positions"), std::string::npos) << all;
  EXPECT_NE(all.find("out of range"), std::string::npos) << all;
  EXPECT_NE(all.find("antimeridian"), std::string::npos) << all;
  EXPECT_NE(all.find("no geometry"), std::string::npos) << all;
}

TEST(Zones, EmptySetAnswersSafely) {
  const ZoneSet zs = ZoneSet::parse(fc(""));
  std::vector<std::uint32_t> out{5};
  zs.zones_at(0, 0, out);
  EXPECT_TRUE(out.empty());
  EXPECT_TRUE(std::isinf(zs.distance_to_nearest_km(0, 0, {})));
}

// Appends ",[lon,lat]" (no comma before the first): piece by piece, as "[" + ... trips GCC 12's
// -Wrestrict false positive.
void append_point(std::string& out, int i, double lon, double lat) {
  if (i) out += ',';
  out += '[';
  out += std::to_string(lon);
  out += ',';
  out += std::to_string(lat);
  out += ']';
}

// A many-vertex star with a hole near the pole: the grid index must agree with a brute-force
// even-odd test everywhere, and distances with a brute-force scan of all edges.
TEST(Zones, IndexMatchesBruteForceNearPole) {
  std::string ring, hole;
  const int n = 400;
  for (int i = 0; i <= n; ++i) {
    const double a = 2 * geo::kPi * (i % n) / n;
    const double r = (i % 2 ? 1.0 : 2.2) * (1 + 0.3 * std::sin(7 * a));
    append_point(ring, i, 20 + 6 * r * std::cos(a), 86 + 0.8 * r * std::sin(a));
    const double h = 0.25;
    append_point(hole, i, 20 + 6 * h * std::cos(-a), 86 + 0.8 * h * std::sin(-a));
  }
  const ZoneSet zs = ZoneSet::parse(
      fc(R"({"type":"Feature","properties":{"id":"star","kind":"anchorage"},"geometry":{"type":"Polygon","coordinates":[[)" +
         ring + "],[" + hole + "]]}}"));
  ASSERT_EQ(zs.size(), 1u) << (zs.warnings().empty() ? "" : zs.warnings()[0]);
  const Zone& z = zs.zone(0);
  std::mt19937 rng(3);
  std::uniform_real_distribution<double> lat(82.5, 89.5), lon(2, 38);
  int inside = 0;
  for (int i = 0; i < 20000; ++i) {
    const double la = lat(rng), lo = lon(rng);
    const bool b = brute_inside(z, la, lo);
    inside += b;
    ASSERT_EQ(zs.contains(0, la, lo), b) << la << "," << lo;
  }
  EXPECT_GT(inside, 1000);
  for (int i = 0; i < 300; ++i) {
    const double la = lat(rng), lo = lon(rng);
    double best = brute_inside(z, la, lo) ? 0 : 1e18;
    if (best > 0)
      for (const auto& r : z.rings)
        for (std::size_t k = 0; k < r.size(); ++k) {
          const auto& a = r[k];
          const auto& b = r[(k + 1) % r.size()];
          best = std::min(best, geo::distance_to_arc_m(la, lo, a.lat, a.lon, b.lat, b.lon));
        }
    ASSERT_NEAR(zs.distance_to_nearest_km(la, lo, {}), best / 1000, 1e-9);
  }
}

// Harbour polygons have round coordinates, and so do the index's cell centres: a point on the
// latitude of a horizontal edge is common. Found by fuzz_zones: (38.0501, 124.0999), 11 m inside
// the triangular hole below, was placed in the zone, as the path from its cell centre (which lay
// on the hole's bottom edge) counted that edge once more than the centre's own scanline had.
// Every tie now follows one rule, the one brute_inside follows: a point is taken a hair east and
// a hair north of where it is.
TEST(Zones, TiesOnRoundCoordinatesFollowTheBruteForceRule) {
  const ZoneSet zs = ZoneSet::parse(fc(R"({"type":"Feature","properties":{"id":"a","kind":"port"},
    "geometry":{"type":"Polygon","coordinates":[[[124,38],[124.2,38],[124.2,38.2],[124,38.2],[124,38]],
      [[124.05,38.05],[124.1,38.05],[124.1,38.1],[124.05,38.05]]]}},
    {"type":"Feature","properties":{"id":"b","kind":"anchorage"},
    "geometry":{"type":"Polygon","coordinates":[[[124.3,38],[124.6,38],[124.6,38.15],[124.3,38.15],[124.3,38]],
      [[124.35,38.05],[124.45,38.05],[124.45,38.1],[124.35,38.1],[124.35,38.05]]]}})"));
  ASSERT_EQ(zs.size(), 2u);
  EXPECT_FALSE(zs.contains(0, 38.0501, 124.0999));
  std::mt19937 rng(5);
  std::uniform_int_distribution<int> lat(37990, 38210), lon(123990, 124610);  // in 1e-3 degrees
  std::uniform_int_distribution<int> fine(0, 9);
  int ties = 0, checked = 0;
  for (int i = 0; i < 200000; ++i) {
    // Points on a 1e-4 degree grid, a third of them on the 0.05 grid of the vertices' latitudes.
    const double la = i % 3 == 0 ? std::round(lat(rng) / 50.0) * 0.05 : (lat(rng) * 10 + fine(rng)) / 1e4;
    const double lo = (lon(rng) * 10 + fine(rng)) / 1e4;
    for (std::size_t z = 0; z < zs.size(); ++z) {
      const Zone& zone = zs.zone(z);
      // Off the one diagonal edge, where the two tests compute a crossing by different formulas.
      if (z == 0 && std::fabs((la - 38.05) - (lo - 124.05)) < 1e-9 && lo >= 124.05 && lo <= 124.1) continue;
      ++checked;
      for (const auto& r : zone.rings)
        for (const auto& v : r) ties += v.lat == la;
      ASSERT_EQ(zs.contains(z, la, lo), brute_inside(zone, la, lo)) << "zone " << z << " at " << la << "," << lo;
    }
  }
  EXPECT_GT(checked, 390000);
  EXPECT_GT(ties, 10000);  // points on a vertex's latitude were tried
}

}  // namespace
}  // namespace seawarden::detect

namespace seawarden::detect {
namespace {

// The gap between a zone's straight lat/lon edges and their great-circle arcs: for an east-west
// edge of 4 degrees at 40.5 N the arc's midpoint lies north of the straight edge (tan of its
// latitude is tan 40.5 / cos 2), ~1.9 km; for a harbour-sized square, metres.
TEST(Zones, EdgeGapBetweenStraightEdgesAndArcs) {
  const ZoneSet zs = testing::rect_zones({{"wide", "anchorage", 120, 40, 124, 40.5},
                                          {"small", "port", 124.3, 39.6, 124.42, 39.7}});
  const double mid_deg = std::atan(std::tan(40.5 * geo::kDegToRad) / std::cos(2 * geo::kDegToRad)) / geo::kDegToRad;
  EXPECT_NEAR(zs.edge_gap_m(0), (mid_deg - 40.5) * geo::kMetersPerDegLat, 20);
  EXPECT_LT(zs.edge_gap_m(1), 5.0);
  EXPECT_GT(zs.edge_gap_m(1), 0.0);
}

}  // namespace
}  // namespace seawarden::detect
