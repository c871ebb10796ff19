#include <gtest/gtest.h>

#include "detect/zone_visit.h"
#include "spatial_fixtures.h"

namespace seawarden::detect {
namespace {

using namespace testing;

// A 0.1 x 0.1 degree port at (38.45..38.55 N, 124.85..124.95 E) with a hole (a pier), and a
// large territorial sea around it.
const ZoneSet& zones() {
  static const ZoneSet z = ZoneSet::parse(R"({"type":"FeatureCollection","features":[
    {"type":"Feature","properties":{"id":"P","name":"Port","kind":"port"},
     "geometry":{"type":"Polygon","coordinates":[[[124.85,38.45],[124.95,38.45],[124.95,38.55],[124.85,38.55],[124.85,38.45]],
       [[124.89,38.49],[124.91,38.49],[124.91,38.51],[124.89,38.51],[124.89,38.49]]]}},
    {"type":"Feature","properties":{"id":"TS","name":"Sea","kind":"territorial_sea"},
     "geometry":{"type":"MultiPolygon","coordinates":[[[[124,38],[126,38],[126,39],[124,39],[124,38]]]]}}]})");
  return z;
}

std::vector<Event> visits(const std::vector<track::Fix>& fixes, const std::string& zone) {
  ZoneVisitConfig cfg;
  ZoneVisitDetector det(cfg, &zones());
  Feed feed{{&det}, {}};
  VesselInfo info;
  info.name = "CHON MA SAN";
  info.imo = 8660313;
  feed.run(fixes, &info);
  std::vector<Event> r;
  for (auto& e : feed.events)
    if (e.fields["zone"] == zone) r.push_back(e);
  return r;
}

// West -> east along 38.47 N at `knots`, reporting every `every`.
std::vector<track::Fix> transit(double knots, std::int64_t every, std::int64_t dur) {
  std::vector<track::Fix> f;
  for (std::int64_t t = kT0; t <= kT0 + dur; t += every) {
    const double east_km = knots * 1.852 * static_cast<double>(t - kT0) / kHour;
    const auto p = offset(38.47, 124.80, 0, east_km * 1000);
    f.push_back(make_fix(412000001, t, p.lat, p.lon, static_cast<float>(knots)));
  }
  return f;
}

TEST(ZoneVisit, DenseTransitInterpolatesEntryAndExit) {
  // 10 kn, a fix every 10 min; the port spans 124.85..124.95 E (about 8.7 km at 38.47 N).
  const auto ev = visits(transit(10, 10 * kMin, 3 * kHour), "P");
  ASSERT_EQ(ev.size(), 1u);
  const double km_per_deg = geo::kMetersPerDegLat / 1000 * std::cos(38.47 * geo::kDegToRad);
  const double kmh = 10 * 1.852;
  const auto expect_entry = kT0 + static_cast<std::int64_t>(0.05 * km_per_deg / kmh * kHour);
  const auto expect_exit = kT0 + static_cast<std::int64_t>(0.15 * km_per_deg / kmh * kHour);
  EXPECT_NEAR(static_cast<double>(ev[0].start_ms), static_cast<double>(expect_entry), 30e3);
  EXPECT_NEAR(static_cast<double>(ev[0].end_ms), static_cast<double>(expect_exit), 30e3);
  EXPECT_TRUE(ev[0].fields["entry_interpolated"].get<bool>());
  EXPECT_TRUE(ev[0].fields["exit_interpolated"].get<bool>());
  EXPECT_EQ(ev[0].fields["exit_reason"], "crossing");
  EXPECT_EQ(ev[0].fields["zone_name"], "Port");
  EXPECT_EQ(ev[0].fields["zone_kind"], "port");
  EXPECT_FALSE(ev[0].fields["port_call"].get<bool>());  // 10 kn: passing through
  EXPECT_NEAR(ev[0].fields["min_speed_kn"].get<double>(), 10, 1e-3);
  EXPECT_EQ(ev[0].fields["name"], "CHON MA SAN");
  EXPECT_EQ(ev[0].fields["imo"], 8660313);
  EXPECT_EQ(visits(transit(10, 10 * kMin, 3 * kHour), "TS").size(), 1u);  // MultiPolygon zone too
}

TEST(ZoneVisit, SparseSamplingUsesFixesNotGuesses) {
  // A fix every 2 h at 2 kn: crossing times cannot be interpolated; entry = first fix inside,
  // exit = last fix inside.
  auto f = transit(1.5, 2 * kHour, 16 * kHour);
  const auto ev = visits(f, "P");
  ASSERT_EQ(ev.size(), 1u);
  std::int64_t first_in = -1, last_in = -1;
  for (const auto& x : f)
    if (zones().contains(0, x.lat, x.lon)) {
      if (first_in < 0) first_in = x.t_ms;
      last_in = x.t_ms;
    }
  ASSERT_GT(first_in, 0);
  EXPECT_EQ(ev[0].start_ms, first_in);
  EXPECT_EQ(ev[0].end_ms, last_in);
  EXPECT_FALSE(ev[0].fields["entry_interpolated"].get<bool>());
  EXPECT_EQ(ev[0].fields["exit_reason"], "after_gap");
}

TEST(ZoneVisit, PortCallWhenStoppedAndOpenAtEnd) {
  std::vector<track::Fix> f;
  stationary(f, 412000001, 38.46, 124.86, kT0, kT0 + 5 * kHour, 10 * kMin, 0.2f);
  const auto ev = visits(f, "P");
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].start_ms, kT0);
  EXPECT_EQ(ev[0].end_ms, kT0 + 5 * kHour);  // open at the end: last fix inside
  EXPECT_EQ(ev[0].fields["exit_reason"], "end_of_input");
  EXPECT_TRUE(ev[0].fields["port_call"].get<bool>());
  EXPECT_DOUBLE_EQ(ev[0].fields["dwell_h"].get<double>(), 5.0);
  EXPECT_EQ(ev[0].fields["fixes"].get<int>(), 31);
}

TEST(ZoneVisit, HoleIsOutside) {
  std::vector<track::Fix> f;
  stationary(f, 412000001, 38.50, 124.90, kT0, kT0 + kHour);  // on the pier (hole)
  EXPECT_TRUE(visits(f, "P").empty());
  EXPECT_EQ(visits(f, "TS").size(), 1u);
}

TEST(ZoneVisit, IdleVesselClosesAfterADay) {
  ZoneVisitConfig cfg;
  ZoneVisitDetector det(cfg, &zones());
  std::vector<Event> out;
  EventSink sink = [&](Event&& e) { out.push_back(std::move(e)); };
  const track::Fix first = make_fix(1, kT0, 38.46, 124.86, 0);
  det.on_fix(first, nullptr, info_of(1), sink);
  det.on_fix(make_fix(1, kT0 + kHour, 38.46, 124.86, 0), &first, info_of(1), sink);
  det.on_watermark(kT0 + 20 * kHour, sink);
  EXPECT_TRUE(out.empty());
  det.on_watermark(kT0 + 26 * kHour, sink);
  EXPECT_EQ(out.size(), 2u);  // port and territorial sea, both ending at the last fix
  for (const auto& e : out) {
    EXPECT_EQ(e.end_ms, kT0 + kHour);
    EXPECT_EQ(e.fields["exit_reason"], "idle");
  }
  EXPECT_EQ(det.tracked_vessels(), 0u);
}

TEST(ZoneVisit, NoZonesNoWork) {
  ZoneVisitConfig cfg;
  ZoneVisitDetector det(cfg, nullptr);
  std::vector<Event> out;
  EventSink sink = [&](Event&& e) { out.push_back(std::move(e)); };
  det.on_fix(make_fix(1, kT0, 38.46, 124.86, 0), nullptr, info_of(1), sink);
  det.finish(sink);
  EXPECT_TRUE(out.empty());
}

}  // namespace
}  // namespace seawarden::detect
