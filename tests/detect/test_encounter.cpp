#include <gtest/gtest.h>

#include <set>

#include "detect/encounter.h"
#include "spatial_fixtures.h"

namespace seawarden::detect {
namespace {

using namespace testing;

constexpr double kLat = 38.5, kLon = 124.9;  // open sea (Korea Bay)

std::vector<Event> detect(const std::vector<track::Fix>& fixes, const ZoneSet* zones = nullptr,
                          EncounterDetector** out = nullptr) {
  static EncounterConfig cfg;
  auto det = std::make_unique<EncounterDetector>(cfg, zones);
  Feed feed{{det.get()}, {}};
  feed.run(fixes);
  EXPECT_EQ(det->open_pairs(), 0u);
  return feed.events;
}

// Vessel 1 at the reference point, vessel 2 `d` metres north, both stationary for `dur`.
std::vector<track::Fix> pair_at(double d, std::int64_t dur, double lat = kLat, double lon = kLon) {
  std::vector<track::Fix> f;
  const auto b = offset(lat, lon, d, 0);
  stationary(f, 412000001, lat, lon, kT0, kT0 + dur);
  stationary(f, 445000002, b.lat, b.lon, kT0, kT0 + dur);
  return f;
}

TEST(Encounter, DistanceThreshold499vs501) {
  const auto yes = detect(pair_at(499, 3 * kHour));
  ASSERT_EQ(yes.size(), 1u);
  EXPECT_EQ(yes[0].kind, "encounter");
  EXPECT_EQ(yes[0].vessels, (std::vector<std::uint32_t>{412000001, 445000002}));
  EXPECT_NEAR(yes[0].fields["median_distance_m"].get<double>(), 499, 0.2);
  EXPECT_NEAR(yes[0].fields["min_distance_m"].get<double>(), 499, 0.2);
  EXPECT_TRUE(detect(pair_at(501, 3 * kHour)).empty());
}

TEST(Encounter, DurationThreshold1h59vs2h) {
  EXPECT_TRUE(detect(pair_at(200, 2 * kHour - kMin)).empty());
  const auto yes = detect(pair_at(200, 2 * kHour));
  ASSERT_EQ(yes.size(), 1u);
  EXPECT_EQ(yes[0].start_ms, kT0);
  EXPECT_EQ(yes[0].end_ms, kT0 + 2 * kHour);
  EXPECT_DOUBLE_EQ(yes[0].fields["duration_h"].get<double>(), 2.0);
  EXPECT_EQ(yes[0].fields["points"].get<int>(), 13);
}

TEST(Encounter, MedianSpeedThreshold) {
  for (double knots : {1.9, 2.1}) {
    std::vector<track::Fix> f;
    const auto b = offset(kLat, kLon, 150, 0);
    steaming_east(f, 412000001, kLat, kLon, knots, kT0, kT0 + 3 * kHour);
    steaming_east(f, 445000002, b.lat, b.lon, knots, kT0, kT0 + 3 * kHour);
    const auto ev = detect(f);
    if (knots < 2) {
      ASSERT_EQ(ev.size(), 1u);
      EXPECT_NEAR(ev[0].fields["median_speed_kn"][0].get<double>(), 1.9, 0.01);
      EXPECT_NEAR(ev[0].fields["vessel_info"][1]["median_speed_kn"].get<double>(), 1.9, 0.01);
    } else {
      EXPECT_TRUE(ev.empty());
    }
  }
}

TEST(Encounter, PortDistanceThreshold) {
  // A small port square whose northern edge is at kLat; encounters 9.9 / 10.1 km north of it.
  const ZoneSet zones = rect_zones({{"nampo", "port", 124.85, 38.45, 124.95, 38.5},
                                     {"ts", "territorial_sea", 124, 38, 126, 39}});
  for (double km : {9.9, 10.1}) {
    std::vector<track::Fix> f;
    const auto a = offset(kLat, kLon, km * 1000 - 100, 0), b = offset(kLat, kLon, km * 1000 + 100, 0);
    stationary(f, 412000001, a.lat, a.lon, kT0, kT0 + 3 * kHour);
    stationary(f, 445000002, b.lat, b.lon, kT0, kT0 + 3 * kHour);
    const auto ev = detect(f, &zones);
    if (km < 10) {
      EXPECT_TRUE(ev.empty());
    } else {
      ASSERT_EQ(ev.size(), 1u);
      EXPECT_NEAR(ev[0].fields["port_distance_km"].get<double>(), 10.1, 0.02);
    }
  }
}

TEST(Encounter, GapOf50MinIsInterpolated70MinIsNot) {
  for (std::int64_t every : {50 * kMin, 70 * kMin}) {
    std::vector<track::Fix> f;
    const auto b = offset(kLat, kLon, 200, 0);
    stationary(f, 412000001, kLat, kLon, kT0, kT0 + 6 * kHour);
    stationary(f, 445000002, b.lat, b.lon, kT0, kT0 + 6 * kHour, every);
    const auto ev = detect(f);
    if (every < kHour) {
      ASSERT_EQ(ev.size(), 1u);
      EXPECT_GE(ev[0].fields["duration_h"].get<double>(), 5.8);
    } else {
      // Only the sparse vessel's own fixes give it positions, 70 min apart: never 2 h in contact.
      EXPECT_TRUE(ev.empty());
    }
  }
}

std::vector<track::Fix> apart_between(std::int64_t apart_from, std::int64_t apart_to) {
  std::vector<track::Fix> f;
  stationary(f, 412000001, kLat, kLon, kT0, kT0 + 8 * kHour);
  const auto near = offset(kLat, kLon, 200, 0), far = offset(kLat, kLon, 5000, 0);
  for (std::int64_t t = kT0; t <= kT0 + 8 * kHour; t += 10 * kMin) {
    const bool away = t >= apart_from && t < apart_to;
    f.push_back(make_fix(445000002, t, away ? far.lat : near.lat, away ? far.lon : near.lon, 0.1f));
  }
  return f;
}

TEST(Encounter, BriefSeparationDoesNotSplit) {
  // Two grid steps apart (20 min) in the middle: one encounter over the whole period.
  const auto ev = detect(apart_between(kT0 + 3 * kHour, kT0 + 3 * kHour + 20 * kMin));
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].start_ms, kT0);
  EXPECT_EQ(ev[0].end_ms, kT0 + 8 * kHour);
}

TEST(Encounter, LongSeparationGivesTwoEncounters) {
  const auto ev = detect(apart_between(kT0 + 3 * kHour, kT0 + 5 * kHour));
  ASSERT_EQ(ev.size(), 2u);
  EXPECT_EQ(ev[0].start_ms, kT0);
  EXPECT_EQ(ev[0].end_ms, kT0 + 3 * kHour - 10 * kMin);
  EXPECT_EQ(ev[1].start_ms, kT0 + 5 * kHour);
  EXPECT_EQ(ev[1].end_ms, kT0 + 8 * kHour);
}

TEST(Encounter, ThreeRaftedVesselsGiveThreePairs) {
  std::vector<track::Fix> f;
  const auto b = offset(kLat, kLon, 60, 0), c = offset(kLat, kLon, 0, 60);
  stationary(f, 300000003, kLat, kLon, kT0, kT0 + 4 * kHour);
  stationary(f, 100000001, b.lat, b.lon, kT0, kT0 + 4 * kHour);
  stationary(f, 200000002, c.lat, c.lon, kT0, kT0 + 4 * kHour);
  const auto ev = detect(f);
  ASSERT_EQ(ev.size(), 3u);
  std::set<std::vector<std::uint32_t>> pairs;
  for (const auto& e : ev) pairs.insert(e.vessels);
  EXPECT_EQ(pairs, (std::set<std::vector<std::uint32_t>>{
                       {100000001, 200000002}, {100000001, 300000003}, {200000002, 300000003}}));
}

TEST(Encounter, ACrowdOnOnePointMakesNoPairs) {
  // 40 ships shown on one spot (positions spoofed onto one point, or a harbour's moored fleet
  // without zones) and, 20 km away, two ships alongside each other.
  std::vector<track::Fix> f = pair_at(100, 4 * kHour);
  const auto crowd = offset(kLat, kLon, 20000, 0);
  for (std::uint32_t i = 0; i < 40; ++i) stationary(f, 500000000 + i, crowd.lat, crowd.lon, kT0, kT0 + 4 * kHour);
  std::sort(f.begin(), f.end(), [](const track::Fix& a, const track::Fix& b) { return a.t_ms < b.t_ms; });

  EncounterConfig cfg;
  auto run_with = [&](int limit, DetectorCounts& counts) {
    cfg.crowd_limit = limit;
    EncounterDetector det(cfg, nullptr);
    Feed feed{{&det}, {}};
    feed.run(f);
    EXPECT_EQ(det.open_pairs(), 0u);
    det.add_counts(counts);
    return feed.events;
  };
  DetectorCounts counts;
  const auto limited = run_with(20, counts);
  ASSERT_EQ(limited.size(), 1u);
  EXPECT_EQ(limited[0].vessels, (std::vector<std::uint32_t>{412000001, 445000002}));
  ASSERT_EQ(counts.size(), 1u);
  EXPECT_NE(counts.begin()->first.find("crowd (over 20"), std::string::npos) << counts.begin()->first;
  EXPECT_GE(counts.begin()->second, 40u * 24);  // 40 positions at each of the 25 grid steps

  DetectorCounts none;
  const auto unlimited = run_with(0, none);
  EXPECT_EQ(unlimited.size(), 1u + 40 * 39 / 2);
  EXPECT_TRUE(none.empty());
}

TEST(Encounter, EvidenceCarriesIdentities) {
  EncounterConfig cfg;
  EncounterDetector det(cfg, nullptr);
  std::vector<Event> out;
  EventSink sink = [&](Event&& e) { out.push_back(std::move(e)); };
  auto fixes = pair_at(300, 3 * kHour);
  std::stable_sort(fixes.begin(), fixes.end(), [](auto& a, auto& b) { return a.t_ms < b.t_ms; });
  for (const auto& f : fixes) {
    VesselInfo v;
    v.mmsi = f.mmsi;
    v.name = f.mmsi == 412000001 ? "YU JONG 2" : "NEW KONK";
    v.imo = f.mmsi == 412000001 ? 8605026 : 9036387;
    v.flag = f.mmsi == 412000001 ? "CN" : "PA";
    det.on_fix(f, nullptr, v, sink);
  }
  det.finish(sink);
  ASSERT_EQ(out.size(), 1u);
  const auto& vi = out[0].fields["vessel_info"];
  EXPECT_EQ(vi[0]["name"], "YU JONG 2");
  EXPECT_EQ(vi[0]["imo"], 8605026);
  EXPECT_EQ(vi[1]["flag"], "PA");
  EXPECT_NEAR(out[0].lat, offset(kLat, kLon, 150, 0).lat, 1e-6);
  EXPECT_TRUE(out[0].fields.contains("start_lat"));
  EXPECT_TRUE(out[0].fields.contains("end_lon"));
}

TEST(Encounter, StreamingEmitsBeforeEndOfInputAndForgetsPairs) {
  EncounterConfig cfg;
  EncounterDetector det(cfg, nullptr);
  std::vector<Event> out;
  EventSink sink = [&](Event&& e) { out.push_back(std::move(e)); };
  auto fixes = pair_at(100, 3 * kHour);
  // Then the two part and keep reporting far apart for 3 more hours.
  const auto far = offset(kLat, kLon, 20000, 0);
  stationary(fixes, 412000001, kLat, kLon, kT0 + 3 * kHour + 10 * kMin, kT0 + 6 * kHour);
  stationary(fixes, 445000002, far.lat, far.lon, kT0 + 3 * kHour + 10 * kMin, kT0 + 6 * kHour);
  std::stable_sort(fixes.begin(), fixes.end(), [](auto& a, auto& b) { return a.t_ms < b.t_ms; });
  for (const auto& f : fixes) {
    det.on_fix(f, nullptr, info_of(f.mmsi), sink);
    det.on_watermark(f.t_ms, sink);
  }
  EXPECT_EQ(out.size(), 1u);  // emitted while the stream is still running
  EXPECT_EQ(det.open_pairs(), 0u);
  det.finish(sink);
  EXPECT_EQ(out.size(), 1u);
}

TEST(Encounter, AcrossTheAntimeridianAndNearThePole) {
  for (const auto& [lat, lon] : std::vector<std::pair<double, double>>{{-16.5, 179.9995}, {84.0, 20.0}}) {
    std::vector<track::Fix> f;
    const auto b = offset(lat, lon, 0, 150);  // 150 m east: across 180 for the first case
    stationary(f, 412000001, lat, lon, kT0, kT0 + 3 * kHour);
    stationary(f, 445000002, b.lat, geo::wrap_lon(b.lon), kT0, kT0 + 3 * kHour);
    const auto ev = detect(f);
    ASSERT_EQ(ev.size(), 1u) << lat;
    EXPECT_NEAR(ev[0].fields["median_distance_m"].get<double>(), 150, 0.5);
    EXPECT_NEAR(std::fabs(geo::lon_delta(lon, ev[0].lon)), 0, 0.01) << ev[0].lon;  // not ~0 deg
  }
}

TEST(Encounter, MedianLongitudeStraddlingTheAntimeridian) {
  const double m = median_lon({179.9, -179.9, 179.95, -179.95});
  EXPECT_NEAR(std::fabs(m), 180, 1e-9);
  EXPECT_NEAR(median_lon({10, 11, 12}), 11, 1e-12);
  EXPECT_NEAR(median_of(std::vector<float>{3, 1, 2, 10}), 2.5, 1e-6);
}

TEST(Encounter, SameMmsiTwoSegmentsIsNotAnEncounter) {
  std::vector<track::Fix> f;
  stationary(f, 412000001, kLat, kLon, kT0, kT0 + 3 * kHour);
  for (auto g : std::vector<track::Fix>(f)) {
    g.segment = 1;
    g.lat += 0.001;
    f.push_back(g);
  }
  EXPECT_TRUE(detect(f).empty());
}

}  // namespace
}  // namespace seawarden::detect
