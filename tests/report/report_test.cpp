// Report pages from a hand-made store: content, links, coastlines, clipping.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "report/coastline.h"
#include "report/report.h"
#include "report/report_fixture.h"
#include "store/open.h"

namespace seawarden::report {
namespace {

double ring_area(const std::vector<LonLat>& r) {
  double a = 0;
  for (std::size_t i = 0; i < r.size(); ++i) {
    const auto& p = r[i];
    const auto& q = r[(i + 1) % r.size()];
    a += p.lon * q.lat - q.lon * p.lat;
  }
  return std::fabs(a) / 2;
}

TEST(ReportCoastline, ClipsRingsToTheBox) {
  std::vector<LonLat> square{{0, 0}, {4, 0}, {4, 4}, {0, 4}};
  auto clipped = clip_ring(square, 2, -1, 10, 3);
  EXPECT_NEAR(ring_area(clipped), 2 * 3, 1e-9);
  EXPECT_TRUE(clip_ring(square, 5, 5, 6, 6).empty());
}

TEST(ReportCoastline, KoreaIsLand) {
  if (!coastline_available()) GTEST_SKIP() << "this build has no coastline data (npm unreachable at build time)";
  auto rings = land_rings(124, 37, 128, 40);
  ASSERT_FALSE(rings.empty());
  double area = 0;
  for (const auto& r : rings) area += ring_area(r);
  // The box is roughly half land (Korean peninsula) in degrees squared; the sea is not.
  EXPECT_GT(area, 3.0);
  EXPECT_LT(area, 11.0);
  EXPECT_TRUE(land_rings(150, -40, 151, -39).empty());  // Tasman Sea
}

TEST(ReportPages, CasePageShowsMapTimelinesIdentitiesHitsAndThresholds) {
  testing::ReportFixture fx;
  auto db = store::open_store_for_reading(fx.db_path);
  auto html = case_page(*db, fx.encounter_id);
  EXPECT_NE(html.find("Case " + std::to_string(fx.encounter_id) + ": encounter"), std::string::npos);
  EXPECT_NE(html.find("class=\"map\""), std::string::npos);
  EXPECT_NE(html.find("class=\"track\""), std::string::npos);
  EXPECT_NE(html.find("Test transfer area"), std::string::npos);  // the nearby zone
  EXPECT_NE(html.find("Speed over ground"), std::string::npos);
  EXPECT_NE(html.find("Reported draught"), std::string::npos);
  EXPECT_NE(html.find("CHON MA"), std::string::npos);
  EXPECT_NE(html.find("36001"), std::string::npos);  // the sanctions entry
  EXPECT_NE(html.find("<th>Identifiers</th><td>agree: imo; differ: callsign</td>"), std::string::npos);
  EXPECT_NE(html.find("Thresholds of the encounter detector"), std::string::npos);
  EXPECT_NE(html.find("max_distance_m"), std::string::npos);
  if (coastline_available()) {
    EXPECT_NE(html.find("class=\"land\""), std::string::npos);
  }
  EXPECT_EQ(html.find("http://"), html.find("http://www.w3.org/2000/svg"));  // no network resources
  EXPECT_EQ(html.find("https://"), std::string::npos);
  EXPECT_THROW(case_page(*db, 999999), std::runtime_error);
}

TEST(ReportPages, WritesIndexCasesAndVessels) {
  testing::ReportFixture fx;
  auto db = store::open_store_for_reading(fx.db_path);
  ReportOptions o;
  o.out_dir = (fx.dir / "out").string();
  o.all = true;
  auto r = write_reports(*db, o);
  EXPECT_EQ(r.cases, 3u);
  EXPECT_EQ(r.vessels, 2u);
  EXPECT_EQ(r.pages.size(), 1u + 3u + 2u);
  for (const auto& p : r.pages) EXPECT_TRUE(std::filesystem::exists(p)) << p;
  auto index = index_page(*db);
  EXPECT_NE(index.find("table class=\"sortable\" id=\"cases\""), std::string::npos);
  EXPECT_NE(index.find(case_file(fx.hit_id)), std::string::npos);
  // Most significant first: the sanctions hit is listed before the gap.
  EXPECT_LT(index.find(case_file(fx.hit_id)), index.find(case_file(fx.gap_id)));
  ReportOptions one;
  one.out_dir = (fx.dir / "one").string();
  one.event_id = fx.gap_id;
  EXPECT_EQ(write_reports(*db, one).cases, 1u);
  ReportOptions vessel;
  vessel.out_dir = (fx.dir / "vessel").string();
  vessel.vessel = "CHON MA";
  EXPECT_EQ(write_reports(*db, vessel).cases, 2u);
}

}  // namespace
}  // namespace seawarden::report
