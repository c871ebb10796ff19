// Real data: 256 vessels waiting at the Suez Canal, 20-24 March 2021 (movingpandas example data,
// ../shared/data/tracks/suez/boat-positions.csv: ID,time,lon,lat — no speed, no MMSI).
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "detect/encounter.h"
#include "detect/loitering.h"
#include "detect/zone_visit.h"
#include "detect/zones.h"
#include "spatial_fixtures.h"
#include "support/test_data.h"

namespace seawarden::detect {
namespace {

using testing::Feed;

std::int64_t days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<std::int64_t>(era) * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

// "20/03/2021 00:22" (UTC) -> epoch ms; -1 when malformed.
std::int64_t parse_time(const std::string& s) {
  int d, mo, y, h, mi;
  if (std::sscanf(s.c_str(), "%d/%d/%d %d:%d", &d, &mo, &y, &h, &mi) != 5) return -1;
  return (days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60) * 1000;
}

std::vector<track::Fix> load_suez(const std::filesystem::path& path, std::size_t* bad) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);  // header (with a UTF-8 BOM)
  std::vector<track::Fix> fixes;
  while (std::getline(in, line)) {
    std::stringstream ss(line);
    std::string id, time, lon, lat;
    if (!std::getline(ss, id, ',') || !std::getline(ss, time, ',') || !std::getline(ss, lon, ',') ||
        !std::getline(ss, lat, ',')) {
      ++*bad;
      continue;
    }
    const std::int64_t t = parse_time(time);
    if (t < 0) {
      ++*bad;
      continue;
    }
    // Fictional MMSIs built from the file's vessel IDs; no speed in the data (sog = -1).
    fixes.push_back(testing::make_fix(200000000u + std::stoul(id), t, std::stod(lat), std::stod(lon), -1));
  }
  return fixes;
}

TEST(SuezCsv, ParsesTimes) { EXPECT_EQ(parse_time("20/03/2021 00:22"), 1616199720000); }

// The waiting areas, drawn for this test from the chart and from where the data's stopped
// vessels cluster (approximate, generous boxes; lon/lat):
//  * suez-bay: Suez Bay / southern anchorage, with Port Tewfik, Suez port and Adabiya port
//    (29.70-30.02 N, 32.42-32.70 E);
//  * port-said: Port Said outer anchorage (31.28-31.70 N, 32.20-32.50 E) and, as a second part of
//    the MultiPolygon, the harbour and canal entrance with East Port Said's terminal
//    (31.18-31.28 N, 32.28-32.40 E);
//  * great-bitter-lake: where convoys wait mid-canal (30.22-30.45 N, 32.28-32.50 E).
const char* kSuezZones = R"({"type":"FeatureCollection","features":[
 {"type":"Feature","properties":{"id":"suez-bay","name":"Suez Bay anchorage","kind":"anchorage"},
  "geometry":{"type":"Polygon","coordinates":[[[32.42,29.70],[32.70,29.70],[32.70,30.02],[32.42,30.02],[32.42,29.70]]]}},
 {"type":"Feature","properties":{"id":"port-said","name":"Port Said anchorage and harbour","kind":"anchorage"},
  "geometry":{"type":"MultiPolygon","coordinates":[
    [[[32.20,31.28],[32.50,31.28],[32.50,31.70],[32.20,31.70],[32.20,31.28]]],
    [[[32.28,31.18],[32.40,31.18],[32.40,31.28],[32.28,31.28],[32.28,31.18]]]]}},
 {"type":"Feature","properties":{"id":"great-bitter-lake","name":"Great Bitter Lake","kind":"anchorage"},
  "geometry":{"type":"Polygon","coordinates":[[[32.28,30.22],[32.50,30.22],[32.50,30.45],[32.28,30.45],[32.28,30.22]]]}}]})";

struct SuezRun {
  std::vector<Event> encounters, loitering, visits;
  EncounterStats enc_stats;
};

SuezRun run_suez(const std::vector<track::Fix>& fixes, const ZoneSet* zones) {
  EncounterConfig ec;
  LoiteringConfig lc;
  ZoneVisitConfig zc;
  EncounterDetector enc(ec, zones);
  LoiteringDetector loi(lc, ec, zones, &enc);
  ZoneVisitDetector zv(zc, zones);
  Feed feed{{&enc, &loi, &zv}, {}};
  feed.run(fixes);
  return {feed.of_kind("encounter"), feed.of_kind("loitering"), feed.of_kind("zone_visit"), enc.stats()};
}

class Suez : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = seawarden::testing::shared_data("tracks/suez/boat-positions.csv");
    if (!std::filesystem::exists(path_)) GTEST_SKIP() << "shared data not found: " << path_;
    std::size_t bad = 0;
    fixes_ = load_suez(path_, &bad);
    EXPECT_EQ(bad, 0u);
    ASSERT_EQ(fixes_.size(), 22287u);
  }
  std::filesystem::path path_;
  std::vector<track::Fix> fixes_;
};

TEST_F(Suez, PortZonesSuppressEveryEncounterAndLoitering) {
  const ZoneSet zones = ZoneSet::parse(kSuezZones, "suez-test-zones");
  ASSERT_EQ(zones.size(), 3u);
  const SuezRun r = run_suez(fixes_, &zones);
  EXPECT_EQ(r.encounters.size(), 0u);
  EXPECT_EQ(r.loitering.size(), 0u);
  // Candidates existed and the port rule removed them: anchored positions left out of the
  // neighbour search, or close pairs whose midpoint lies near a port.
  const auto near_port = r.enc_stats.near_port_points + r.enc_stats.near_port_contacts + r.enc_stats.rejected_port;
  EXPECT_GT(r.enc_stats.near_port_points, 0u);
  std::map<std::string, std::set<std::uint32_t>> vessels;
  std::size_t calls = 0;
  for (const auto& v : r.visits) {
    vessels[v.fields["zone"]].insert(v.vessels[0]);
    calls += v.fields["port_call"].get<bool>();
  }
  std::printf("[suez] with zones: 0 encounters (%llu grid positions or contacts left out near ports), 0 loitering; "
              "%zu zone visits, "
              "%zu port calls; vessels per zone: suez-bay %zu, port-said %zu, great-bitter-lake %zu\n",
              static_cast<unsigned long long>(near_port), r.visits.size(), calls,
              vessels["suez-bay"].size(), vessels["port-said"].size(), vessels["great-bitter-lake"].size());
  EXPECT_GT(vessels["suez-bay"].size(), 50u);
  EXPECT_GT(vessels["port-said"].size(), 30u);
  EXPECT_GT(calls, 100u);
}

TEST_F(Suez, WithoutZonesTheAnchoredPairsAreFound) {
  const ZoneSet zones = ZoneSet::parse(kSuezZones, "suez-test-zones");
  const SuezRun r = run_suez(fixes_, nullptr);
  // What is detected with no zone information: vessels anchored or moored close together.
  std::vector<double> dists, hours, speeds;
  std::set<std::pair<std::uint32_t, std::uint32_t>> pairs;
  std::map<std::string, int> where;
  for (const auto& e : r.encounters) {
    dists.push_back(e.fields["median_distance_m"].get<double>());
    hours.push_back(e.fields["duration_h"].get<double>());
    for (const auto& s : e.fields["median_speed_kn"]) speeds.push_back(s.get<double>());
    pairs.insert({e.vessels[0], e.vessels[1]});
    std::vector<std::uint32_t> in;
    zones.zones_at(e.lat, e.lon, in);
    where[in.empty() ? "outside" : zones.zone(in[0]).id]++;
    // Every one of them lies inside the waiting areas: the zone rule is what removes them.
    EXPECT_FALSE(in.empty()) << e.lat << "," << e.lon;
  }
  std::sort(dists.begin(), dists.end());
  std::sort(hours.begin(), hours.end());
  std::sort(speeds.begin(), speeds.end());
  ASSERT_GE(r.encounters.size(), 10u);
  std::printf("[suez] without zones: %zu encounters between %zu distinct pairs (suez-bay %d, port-said %d, other %d); "
              "median distance %.0f m (min %.0f, max %.0f); duration median %.1f h (max %.1f); "
              "vessel median speeds <= %.2f kn\n",
              r.encounters.size(), pairs.size(), where["suez-bay"], where["port-said"],
              static_cast<int>(r.encounters.size()) - where["suez-bay"] - where["port-said"], dists[dists.size() / 2],
              dists.front(), dists.back(), hours[hours.size() / 2], hours.back(), speeds.back());
  EXPECT_LT(speeds.back(), 0.5);  // all at anchor or moored
  EXPECT_LE(dists.back(), 500);
  int loiter_inside = 0;
  for (const auto& e : r.loitering) {
    std::vector<std::uint32_t> in;
    zones.zones_at(e.lat, e.lon, in);
    loiter_inside += !in.empty() || zones.distance_to_nearest_km(e.lat, e.lon, {}) < 10;
  }
  std::printf("[suez] without zones: %zu loitering events, %d of them in or within 10 km of the waiting areas\n",
              r.loitering.size(), loiter_inside);
  EXPECT_GE(r.loitering.size(), 100u);
  EXPECT_EQ(loiter_inside, static_cast<int>(r.loitering.size()));
}

}  // namespace
}  // namespace seawarden::detect
