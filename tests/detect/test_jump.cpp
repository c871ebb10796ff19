#include <gtest/gtest.h>

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
