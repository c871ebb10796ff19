// The GeoJSON exports (`events --format geojson`, `vessel --format geojson`) open in GDAL,
// the reader QGIS uses (and kepler.gl reads the same RFC 7946 FeatureCollection): ogrinfo
// must see every feature with its geometry type and typed columns. Also checked without
// GDAL: RFC 7946 structure (lon,lat order within range, no NaN, flat properties).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "store/open.h"
#include "store/store_test_util.h"
#include "store/writer.h"
#include "support/test_data.h"

namespace seawarden::store {
namespace {

using testing::make_event;
using testing::make_fix;
using testing::kT0;
using testing::TempDir;


std::string run(const std::string& cmd) {
  std::string out;
  std::FILE* p = ::popen((cmd + " 2>&1").c_str(), "r");
  if (!p) return out;
  char buf[4096];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  ::pclose(p);
  return out;
}

bool have_ogrinfo() { return run("command -v ogrinfo").find("ogrinfo") != std::string::npos; }

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The value after "key: " on ogrinfo's summary line that starts with it.
std::string summary_value(const std::string& text, const std::string& key) {
  auto at = text.find("\n" + key + ": ");
  if (at == std::string::npos) return "";
  at += key.size() + 3;
  return text.substr(at, text.find('\n', at) - at);
}

// RFC 7946 checks of a FeatureCollection: returns the number of features.
std::size_t check_rfc7946(const std::string& text) {
  auto j = nlohmann::json::parse(text);
  EXPECT_EQ(j["type"], "FeatureCollection");
  EXPECT_TRUE(j["features"].is_array());
  auto check_position = [](const nlohmann::json& p) {
    ASSERT_TRUE(p.is_array());
    ASSERT_EQ(p.size(), 2u);  // lon, lat (no altitude)
    ASSERT_TRUE(p[0].is_number() && p[1].is_number()) << p.dump();
    double lon = p[0].get<double>(), lat = p[1].get<double>();
    EXPECT_TRUE(std::isfinite(lon) && std::isfinite(lat));
    EXPECT_GE(lon, -180);
    EXPECT_LE(lon, 180);
    EXPECT_GE(lat, -90);
    EXPECT_LE(lat, 90);
    EXPECT_GT(lon, 100) << "longitude first: the test data lies east of 100E, north of the equator";
  };
  for (const auto& f : j["features"]) {
    EXPECT_EQ(f["type"], "Feature");
    const auto& g = f["geometry"];
    if (g["type"] == "Point") {
      check_position(g["coordinates"]);
    } else {
      EXPECT_EQ(g["type"], "LineString");
      EXPECT_GE(g["coordinates"].size(), 2u);
      for (const auto& p : g["coordinates"]) check_position(p);
    }
    EXPECT_TRUE(f["properties"].is_object());
    for (const auto& [k, v] : f["properties"].items())
      EXPECT_FALSE(v.is_object() || v.is_array()) << k << ": nested values become JSON text (flat columns)";
  }
  return j["features"].size();
}

class GeoJsonExports : public ::testing::Test {
 protected:
  void SetUp() override {
    db_path = dir.file("cases.db");
    auto db = open_store_for_writing(db_path);
    StoreWriter w(*db);
    FileRecord f;
    f.run_id = w.start_run("t", "", "[]", "{}");
    f.content_id = "geo";
    w.begin_file(f);
    for (int i = 0; i < 300; ++i) {
      w.on_fix(make_fix(412000001, kT0 + i * 60'000LL, 38.5 + i * 1e-3, 124.5 + i * 1e-3));
      // Segment 2 starts after a 3 h silence: two lines for this vessel.
      std::int64_t t = kT0 + i * 60'000LL + (i >= 150 ? 3 * 3600'000LL : 0);
      w.on_fix(make_fix(445000002, t, 38.0, 124.0 + i * 1e-3, 10, i >= 150 ? 2 : 1));
    }
    auto enc = make_event("encounter", kT0 + 3600'000, kT0 + 3 * 3600'000, {412000001, 445000002}, 38.55, 124.55);
    enc.fields = {{"median_distance_m", 120.5}, {"duration_h", 2.0}, {"pairs", nlohmann::json::array({1, 2})}};
    w.on_event(enc);
    auto gap = make_event("gap", kT0 + 150 * 60'000LL, kT0 + 150 * 60'000LL + 3 * 3600'000, {445000002}, 38.0, 124.15);
    gap.fields = {{"distance_km", 0.5}, {"reason", "silence"}};
    w.on_event(gap);
    auto visit = make_event("zone_visit", kT0, kT0 + 600'000, {412000001}, 38.5, 124.5);
    visit.fields = {{"zone", "port-x"}, {"zone_name", "Port \"X\", east"}, {"port_call", true}, {"min_speed_kn", nullptr}};
    w.on_event(visit);
    w.commit_file(f, "");
  }
  std::string bin() const { return ::seawarden::testing::seawarden_binary().string(); }
  TempDir dir;
  std::string db_path;
};

TEST_F(GeoJsonExports, EventsOpenInGdalWithEveryFeatureAndTypedColumns) {
  const std::string out = dir.file("events.geojson");
  ASSERT_EQ(std::system((bin() + " events --db " + db_path + " --format geojson --out " + out).c_str()), 0);
  EXPECT_EQ(check_rfc7946(slurp(out)), 3u);
  if (!have_ogrinfo()) GTEST_SKIP() << "ogrinfo (Debian gdal-bin) not installed: RFC 7946 structure checked only";
  auto info = run("ogrinfo -ro -al -so " + out);
  EXPECT_EQ(summary_value(info, "Feature Count"), "3") << info;
  EXPECT_EQ(summary_value(info, "Geometry"), "Point") << info;
  EXPECT_NE(info.find("WGS 84"), std::string::npos) << info;  // GeoJSON's CRS, lon/lat
  EXPECT_NE(info.find("kind: String"), std::string::npos) << info;
  EXPECT_NE(info.find("start: DateTime"), std::string::npos) << info;  // ISO-8601 times are recognised
  EXPECT_NE(info.find("duration_h: Real"), std::string::npos) << info;
  EXPECT_NE(info.find("mmsi: Integer"), std::string::npos) << info;
  // Every feature's values read back: the quoted zone name and the encounter's distance.
  auto all = run("ogrinfo -ro -al -q " + out);
  EXPECT_NE(all.find("Port \"X\", east"), std::string::npos) << all;
  EXPECT_NE(all.find("median_distance_m (Real) = 120.5"), std::string::npos) << all;
  EXPECT_EQ(all.find("ERROR"), std::string::npos) << all;
}

TEST_F(GeoJsonExports, VesselTracksOpenInGdalAsLinesAndPoints) {
  const std::string out = dir.file("vessel.geojson");
  ASSERT_EQ(std::system((bin() + " vessel --db " + db_path + " 445000002 --format geojson > " + out).c_str()), 0);
  // Two track segments (LineStrings) and the vessel's two events (Points).
  EXPECT_EQ(check_rfc7946(slurp(out)), 4u);
  if (!have_ogrinfo()) GTEST_SKIP() << "ogrinfo (Debian gdal-bin) not installed: RFC 7946 structure checked only";
  auto info = run("ogrinfo -ro -al -so " + out);
  EXPECT_EQ(summary_value(info, "Feature Count"), "4") << info;
  // Mixed geometries in one layer, as GeoJSON allows; QGIS splits them by type on loading.
  auto lines = run("ogrinfo -ro -al -q -where \"OGR_GEOMETRY='LINESTRING'\" " + out);
  std::size_t line_features = 0;
  for (std::size_t at = lines.find("LINESTRING ("); at != std::string::npos; at = lines.find("LINESTRING (", at + 1))
    ++line_features;
  EXPECT_EQ(line_features, 2u) << lines;
  EXPECT_NE(lines.find("positions (Integer) = 150"), std::string::npos) << lines;
  EXPECT_EQ(info.find("ERROR"), std::string::npos) << info;
}

TEST_F(GeoJsonExports, VesselCsvListsEveryStoredPosition) {
  auto csv = run(bin() + " vessel --db " + db_path + " 445000002 --format csv");
  EXPECT_EQ(csv.substr(0, csv.find('\n')), "mmsi,time,lat,lon,sog_kn,cog_deg,heading,status,segment");
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 1 + 300);
  EXPECT_NE(csv.find("\n445000002,2024-05-09T00:00:00Z,38.000000,124.000000,10.0,90.0,,0,1\n"), std::string::npos)
      << csv.substr(0, 300);
  EXPECT_NE(csv.find(",2\n"), std::string::npos);  // the second segment
}

}  // namespace
}  // namespace seawarden::store
