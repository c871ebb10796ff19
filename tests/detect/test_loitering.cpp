#include <gtest/gtest.h>

#include "detect/loitering.h"
#include "spatial_fixtures.h"

namespace seawarden::detect {
namespace {

using namespace testing;

constexpr double kLat = 38.5, kLon = 124.9;

// Runs loitering standalone and, separately, sharing an encounter detector: both must agree.
std::vector<Event> detect(const std::vector<track::Fix>& fixes, const ZoneSet* zones = nullptr,
                          std::vector<Event>* encounters = nullptr) {
  LoiteringConfig lc;
  EncounterConfig ec;
  LoiteringDetector alone(lc, ec, zones);
  Feed a{{&alone}, {}};
  a.run(fixes);
  EncounterDetector enc(ec, zones);
  LoiteringDetector shared(lc, ec, zones, &enc);
  Feed b{{&shared, &enc}, {}};  // loitering finishes first: must still see every step
  b.run(fixes);
  const auto la = a.of_kind("loitering"), lb = b.of_kind("loitering");
  EXPECT_EQ(la.size(), lb.size());
  for (std::size_t i = 0; i < std::min(la.size(), lb.size()); ++i) {
    EXPECT_EQ(la[i].start_ms, lb[i].start_ms);
    EXPECT_EQ(la[i].end_ms, lb[i].end_ms);
  }
  if (encounters) *encounters = b.of_kind("encounter");
  return la;
}

std::vector<track::Fix> drifting(double knots, std::int64_t dur, double lat = kLat, double lon = kLon) {
  std::vector<track::Fix> f;
  steaming_east(f, 412000001, lat, lon, knots, kT0, kT0 + dur);
  return f;
}

TEST(Loitering, SlowForFourHours) {
  const auto ev = detect(drifting(0.5, 4 * kHour));
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].vessels, std::vector<std::uint32_t>{412000001});
  EXPECT_EQ(ev[0].start_ms, kT0);
  EXPECT_EQ(ev[0].end_ms, kT0 + 4 * kHour);
  EXPECT_DOUBLE_EQ(ev[0].fields["duration_h"].get<double>(), 4.0);
  EXPECT_NEAR(ev[0].fields["median_speed_kn"].get<double>(), 0.5, 0.01);
  EXPECT_TRUE(ev[0].fields["port_distance_km"].is_null());  // no zones given
}

TEST(Loitering, DurationAndSpeedEdges) {
  EXPECT_TRUE(detect(drifting(0.5, 4 * kHour - kMin)).empty());
  EXPECT_EQ(detect(drifting(1.9, 5 * kHour)).size(), 1u);
  EXPECT_TRUE(detect(drifting(2.1, 5 * kHour)).empty());
}

TEST(Loitering, NotAloneIsAnEncounterInstead) {
  auto f = drifting(0.2, 5 * kHour);
  const auto b = offset(kLat, kLon, 300, 0);
  steaming_east(f, 445000002, b.lat, b.lon, 0.2, kT0, kT0 + 5 * kHour);
  std::vector<Event> enc;
  EXPECT_TRUE(detect(f, nullptr, &enc).empty());
  EXPECT_EQ(enc.size(), 1u);
}

TEST(Loitering, PartnerPartOfTheTimeSplitsTheRun) {
  // Alone 0-5 h, partner alongside 5-6 h, alone again 6-11 h: two loitering periods.
  auto f = drifting(0.0, 11 * kHour);
  const auto b = offset(kLat, kLon, 100, 0);
  stationary(f, 445000002, b.lat, b.lon, kT0 + 5 * kHour, kT0 + 6 * kHour);
  const auto ev = detect(f);
  ASSERT_EQ(ev.size(), 2u);
  EXPECT_EQ(ev[0].end_ms, kT0 + 5 * kHour - 10 * kMin);
  EXPECT_EQ(ev[1].start_ms, kT0 + 6 * kHour + 10 * kMin);
}

TEST(Loitering, AtAnchorNearPortIsNotLoitering) {
  const ZoneSet zones = rect_zones({{"anch", "anchorage", 124.85, 38.45, 124.95, 38.5}});
  // Inside the anchorage, 9.9 km and 10.1 km north of it.
  EXPECT_TRUE(detect(drifting(0.0, 6 * kHour, 38.47, 124.9), &zones).empty());
  for (double km : {9.9, 10.1}) {
    const auto p = offset(kLat, kLon, km * 1000, 0);
    const auto ev = detect(drifting(0.0, 6 * kHour, p.lat, p.lon), &zones);
    EXPECT_EQ(ev.size(), km < 10 ? 0u : 1u) << km;
    if (!ev.empty()) {
      EXPECT_NEAR(ev[0].fields["port_distance_km"].get<double>(), 10.1, 0.02);
    }
  }
}

TEST(Loitering, ShipSteamingPastIsNoPartner) {
  // A 12 kn ship passes 100 m away in the middle of a 5 h loitering period: still one period.
  auto f = drifting(0.2, 5 * kHour);
  const auto start = offset(kLat, kLon, 100, -12 * 1852.0 * 0.5);  // 30 min west of the meeting point
  steaming_east(f, 445000002, start.lat, start.lon, 12, kT0 + 2 * kHour, kT0 + 3 * kHour, kMin);
  const auto ev = detect(f);
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].start_ms, kT0);
  EXPECT_EQ(ev[0].end_ms, kT0 + 5 * kHour);
}

TEST(Loitering, DataGapEndsTheRun) {
  // Slow for 3 h, silent 2 h, slow for 3 h: neither period reaches 4 h.
  auto f = drifting(0.3, 3 * kHour);
  std::vector<track::Fix> later;
  steaming_east(later, 412000001, kLat, kLon, 0.3, kT0 + 5 * kHour, kT0 + 8 * kHour);
  f.insert(f.end(), later.begin(), later.end());
  EXPECT_TRUE(detect(f).empty());
}

}  // namespace
}  // namespace seawarden::detect
