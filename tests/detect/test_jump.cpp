#include <algorithm>
#include <cmath>

#include <gtest/gtest.h>

#include "ais/reader.h"
#include "support/test_data.h"
#include "test_pipeline_harness.h"

using namespace seawarden::testing;

TEST(PositionJump, SpoofedExcursionIsOneJump) {
  std::vector<seawarden::ais::Received> m;
  sail(m, 412000001, kT0, kT0 + 3 * kHour, kMin, 37.0, 124.0, 10);
  // Two spoofed reports 100 km north, then back on track.
  m.insert(m.begin() + 61, position(412000001, kT0 + 60 * kMin + 30000, 37.9, 124.17));
  m.insert(m.begin() + 62, position(412000001, kT0 + 60 * kMin + 45000, 37.9, 124.17));
  auto jumps = of_kind(run(m), "position_jump");
  ASSERT_EQ(jumps.size(), 1u);
  EXPECT_EQ(jumps[0].start_ms, kT0 + 60 * kMin);
  EXPECT_EQ(jumps[0].end_ms, kT0 + 60 * kMin + 30000);
  EXPECT_GT(jumps[0].fields["distance_km"].get<double>(), 90);
  EXPECT_TRUE(of_kind(run(m), "mmsi_conflict").empty());
}

TEST(PositionJump, NormalSailingAndSmallNoiseAreNotJumps) {
  std::vector<seawarden::ais::Received> m;
  sail(m, 412000001, kT0, kT0 + 3 * kHour, kMin, 37.0, 124.0, 25);
  m.insert(m.begin() + 30, position(412000001, kT0 + 29 * kMin + 30000, 37.02, 124.0 + 25 * 29.5 / 60 / 60 / 0.7986));
  EXPECT_TRUE(of_kind(run(m), "position_jump").empty());
}

namespace {

// A ship sailing east at 15 kn for 4 h, one report a minute, and at 2 h 30 s one report
// stamped with that time but sent `delay` earlier (the position it had then), moved `north_km`
// off its course line.
std::vector<seawarden::ais::Received> with_delayed_report(std::int64_t delay, double north_km = 0) {
  std::vector<seawarden::ais::Received> m;
  const double lat = 37.0, lon = 124.0, kn = 15;
  sail(m, 412000001, kT0, kT0 + 4 * kHour, kMin, lat, lon, kn);
  const std::int64_t sent = kT0 + 2 * kHour + 30000 - delay;
  const double dlon = kn * (sent - kT0) / 3.6e6 / 60.0 / std::cos(lat * 3.14159265358979 / 180);
  m.insert(m.begin() + 121, position(412000001, kT0 + 2 * kHour + 30000, lat + north_km / 111.2, lon + dlon, kn, 90));
  return m;
}

std::uint64_t delayed_count(const seawarden::detect::PipelineStats& s) {
  std::uint64_t n = 0;
  for (const auto& [what, count] : s.set_aside)
    if (what.find("delayed") != std::string::npos) n += count;
  return n;
}

}  // namespace

TEST(PositionJump, ReportDelayedOnItsWayIsSetAsideNotAJump) {
  seawarden::detect::PipelineStats stats;
  // An hour late: 15 nm back along the course. (The next live report continues the ship's own
  // segment, which is no jump.)
  auto events = run(with_delayed_report(kHour), {}, &stats);
  EXPECT_TRUE(of_kind(events, "position_jump").empty());
  EXPECT_EQ(delayed_count(stats), 1u);

  // Switched off, the same input gives the jump (the test above proves something).
  seawarden::detect::Config all;
  all.position_jump.max_latency_ms = 0;
  EXPECT_FALSE(of_kind(run(with_delayed_report(kHour), all), "position_jump").empty());
}

TEST(PositionJump, DelayedReportOfAShipHeadingNorthAcrossZeroDegrees) {
  // Courses 359 and 1 degrees: the angle test must wrap around north.
  std::vector<seawarden::ais::Received> m;
  const double kn = 14, deg_per_min = kn / 60.0 / 60.0;
  for (int i = 0; i <= 240; ++i)
    m.push_back(position(412000002, kT0 + i * kMin, 37.0 + i * deg_per_min, 124.0, kn, i % 2 ? 359 : 1));
  // At 2 h 30 s, the position of 70 minutes earlier.
  m.insert(m.begin() + 121, position(412000002, kT0 + 120 * kMin + 30000, 37.0 + 50 * deg_per_min, 124.0, kn, 1));
  seawarden::detect::PipelineStats stats;
  EXPECT_TRUE(of_kind(run(m, {}, &stats), "position_jump").empty());
  EXPECT_EQ(delayed_count(stats), 1u);
}

TEST(PositionJump, DelayedLookingJumpsOffTheCourseOrTooFarAreStillJumps) {
  seawarden::detect::PipelineStats stats;
  // Off the course line: 15 nm behind but 12 km to the side (more than 12 degrees).
  EXPECT_FALSE(of_kind(run(with_delayed_report(kHour, 12), {}, &stats), "position_jump").empty());
  // On the course line, but further back than the 2 h latency allowed at that speed.
  EXPECT_FALSE(of_kind(run(with_delayed_report(3 * kHour), {}, &stats), "position_jump").empty());
}

namespace {

// A ship at 14 kn heading east (090) for an hour, then south-east (120); at 2 h 30 s one report
// stamped with that time but sent 70 minutes earlier, on the first leg, moved `north_km` off it.
std::vector<seawarden::ais::Received> turned_with_delayed_report(double north_km) {
  std::vector<seawarden::ais::Received> m;
  const double kn = 14, km_per_min = kn * 1.852 / 60, lat0 = 37.0, lon0 = 124.0;
  const double km_per_deg_lon = 111.2 * std::cos(lat0 * 3.14159265358979 / 180);
  auto at = [&](double minutes, double& lat, double& lon) {  // flat-earth legs (tens of km)
    const double first = std::min(minutes, 60.0), second = std::max(0.0, minutes - 60.0);
    const double east = (first + second * std::sin(120 * 3.14159265358979 / 180)) * km_per_min;
    const double north = second * std::cos(120 * 3.14159265358979 / 180) * km_per_min;
    lat = lat0 + north / 111.2;
    lon = lon0 + east / km_per_deg_lon;
  };
  for (int i = 0; i <= 240; ++i) {
    double lat, lon;
    at(i, lat, lon);
    m.push_back(position(412000003, kT0 + i * kMin, lat, lon, kn, i <= 60 ? 90 : 120));
  }
  double lat, lon;
  at(50.5, lat, lon);
  m.insert(m.begin() + 121, position(412000003, kT0 + 120 * kMin + 30000, lat + north_km / 111.2, lon, kn, 90));
  return m;
}

}  // namespace

TEST(PositionJump, DelayedReportOfAShipThatTurnedSinceIsSetAside) {
  // The delayed report is on the ship's first leg (course 090), the ship now steers 120: the
  // line between them runs between the two courses, as any path turning one way does.
  seawarden::detect::PipelineStats stats;
  EXPECT_TRUE(of_kind(run(turned_with_delayed_report(0), {}, &stats), "position_jump").empty());
  EXPECT_EQ(delayed_count(stats), 1u);

  // The same report 26 km further south, so the line comes from outside the turn: a jump.
  EXPECT_FALSE(of_kind(run(turned_with_delayed_report(-26), {}, &stats), "position_jump").empty());
  // A turn wider than allowed: a jump.
  seawarden::detect::Config narrow;
  narrow.position_jump.latency_max_turn_deg = 20;
  EXPECT_FALSE(of_kind(run(turned_with_delayed_report(0), narrow), "position_jump").empty());
}

namespace {

std::vector<seawarden::detect::Event> run_file(const std::string& path, seawarden::detect::PipelineStats& stats) {
  seawarden::detect::Pipeline p({}, nullptr, nullptr);
  std::vector<seawarden::detect::Event> events;
  p.on_event = [&](const seawarden::detect::Event& e) { events.push_back(e); };
  seawarden::ais::Reader reader([&](const seawarden::ais::Received& r) { p.on_message(r); });
  reader.read_file(path);
  p.finish();
  stats = p.stats();
  return of_kind(events, "position_jump");
}

}  // namespace

TEST(PositionJump, SatelliteCapturesStampedOnArrival) {
  // AMSA's exactEarth-augmented captures: receive times are the arrival at the network, up to
  // ~1.5 h after the report was sent, so delayed batches look like jumps back along the course.
  SEAWARDEN_REQUIRE_DATA(delayed, "ais/amsa/exact-earth-augmented-3.txt");
  seawarden::detect::PipelineStats stats;
  const auto jumps = run_file(delayed, stats);
  EXPECT_GE(delayed_count(stats), 40u);
  EXPECT_LE(jumps.size(), 2u);  // 47 of 48 were delayed reports, 6 of them across a turn

  // One MMSI broadcast by ships 860 km apart is a jump whatever the feed's latency.
  SEAWARDEN_REQUIRE_DATA(shared, "ais/amsa/exact-earth-augmented.txt");
  const auto real = run_file(shared, stats);
  ASSERT_FALSE(real.empty());
  for (const auto& e : real) EXPECT_EQ(e.vessels[0], 273000000u);
}
