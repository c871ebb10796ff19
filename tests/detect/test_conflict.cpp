#include <gtest/gtest.h>

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
