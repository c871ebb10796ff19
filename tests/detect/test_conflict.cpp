#include <gtest/gtest.h>

#include <algorithm>

#include "test_pipeline_harness.h"

using namespace seawarden::testing;

TEST(MmsiConflict, TwoShipsOneMmsiFarApart) {
  std::vector<seawarden::ais::Received> m;
  sail(m, 412000001, kT0, kT0 + 8 * kHour, 3 * kMin, 37.0, 124.0, 10);
  // A second transmitter 200 km away, between 2 h and 6 h.
  sail(m, 412000001, kT0 + 2 * kHour + 60000, kT0 + 6 * kHour, 3 * kMin, 38.8, 124.0, 10);
  std::stable_sort(m.begin(), m.end(), [](auto& a, auto& b) { return a.meta.rxtime < b.meta.rxtime; });
  auto all = run(m);
  auto c = of_kind(all, "mmsi_conflict");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].vessels, std::vector<std::uint32_t>{412000001});
  EXPECT_NEAR(static_cast<double>(c[0].start_ms), static_cast<double>(kT0 + 2 * kHour), 4 * kMin);
  EXPECT_NEAR(static_cast<double>(c[0].end_ms), static_cast<double>(kT0 + 6 * kHour), 4 * kMin);
  EXPECT_GT(c[0].fields["switches"].get<int>(), 10);
  // The second transmitter's first report is not a position jump.
  EXPECT_TRUE(of_kind(all, "position_jump").empty());
}

TEST(MmsiConflict, OneShipIsNoConflict) {
  std::vector<seawarden::ais::Received> m;
  sail(m, 412000001, kT0, kT0 + 8 * kHour, 3 * kMin, 37.0, 124.0, 10);
  EXPECT_TRUE(of_kind(run(m), "mmsi_conflict").empty());
}

TEST(MmsiConflict, ClosedByTheWatermarkOnceQuietNotOnlyAtTheEnd) {
  // The second transmitter stops after 2 h; the first sails on for 20 h. Once the conflict has
  // been quiet for max_quiet + max_dt (13 h), a watermark closes it: pause() must deliver it
  // while the run is still going (watermark sweeps are skipped only while nothing can expire).
  std::vector<seawarden::ais::Received> m;
  sail(m, 412000001, kT0, kT0 + 20 * kHour, 3 * kMin, 37.0, 124.0, 10);
  sail(m, 412000001, kT0 + 60000, kT0 + 2 * kHour, 3 * kMin, 38.8, 124.0, 10);
  std::stable_sort(m.begin(), m.end(), [](auto& a, auto& b) { return a.meta.rxtime < b.meta.rxtime; });
  seawarden::detect::Config cfg;
  seawarden::detect::Pipeline p(cfg, nullptr, nullptr);
  std::vector<seawarden::detect::Event> delivered;
  p.on_event = [&](const seawarden::detect::Event& e) { delivered.push_back(e); };
  for (const auto& r : m) p.on_message(r);
  p.pause();
  ASSERT_EQ(of_kind(delivered, "mmsi_conflict").size(), 1u) << "still open after 18 quiet hours";
  // Without the quiet time it stays open until the end of the input.
  std::vector<seawarden::ais::Received> short_run(m.begin(), m.end());
  short_run.erase(std::remove_if(short_run.begin(), short_run.end(),
                                 [](const auto& r) { return r.meta.rxtime > kT0 + 10 * kHour; }),
                  short_run.end());
  seawarden::detect::Pipeline q(cfg, nullptr, nullptr);
  std::vector<seawarden::detect::Event> early;
  q.on_event = [&](const seawarden::detect::Event& e) { early.push_back(e); };
  for (const auto& r : short_run) q.on_message(r);
  q.pause();
  EXPECT_TRUE(of_kind(early, "mmsi_conflict").empty());
  q.finish();
  EXPECT_EQ(of_kind(early, "mmsi_conflict").size(), 1u);
}
