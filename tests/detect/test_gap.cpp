#include <gtest/gtest.h>

#include "test_pipeline_harness.h"

using namespace seawarden::testing;

TEST(Gap, SilenceLongerThanMinDurationIsOneGap) {
  std::vector<seawarden::ais::Received> m;
  sail(m, 412000001, kT0, kT0 + 2 * kHour, 5 * kMin, 37.0, 124.0, 8);
  sail(m, 412000001, kT0 + 16 * kHour, kT0 + 18 * kHour, 5 * kMin, 37.0, 125.0, 8);
  // A neighbour within 50 km keeps transmitting during the gap.
  sail(m, 412000002, kT0, kT0 + 18 * kHour, 10 * kMin, 37.1, 124.1, 0.5);
  std::sort(m.begin(), m.end(), [](auto& a, auto& b) { return a.meta.rxtime < b.meta.rxtime; });
  auto gaps = of_kind(run(m), "gap");
  ASSERT_EQ(gaps.size(), 1u);
  EXPECT_EQ(gaps[0].vessels, std::vector<std::uint32_t>{412000001});
  EXPECT_EQ(gaps[0].start_ms, kT0 + 2 * kHour);
  EXPECT_EQ(gaps[0].end_ms, kT0 + 16 * kHour);
  EXPECT_NEAR(gaps[0].fields["duration_h"].get<double>(), 14.0, 0.01);
  EXPECT_EQ(gaps[0].fields["vessels_nearby"].get<int>(), 1);
  EXPECT_GT(gaps[0].fields["distance_km"].get<double>(), 50);
}

TEST(Gap, ShortSilenceAndEndOfInputAreNotGaps) {
  std::vector<seawarden::ais::Received> m;
  sail(m, 412000001, kT0, kT0 + 2 * kHour, 5 * kMin, 37.0, 124.0, 8);
  sail(m, 412000001, kT0 + 10 * kHour, kT0 + 11 * kHour, 5 * kMin, 37.0, 124.5, 8);  // 8 h silence
  EXPECT_TRUE(of_kind(run(m), "gap").empty());
}

TEST(Gap, DraughtBeforeAndAfterAreReported) {
  std::vector<seawarden::ais::Received> m;
  Static5 s;
  m.push_back(static5(412000001, kT0, s));
  sail(m, 412000001, kT0 + kMin, kT0 + 2 * kHour, 5 * kMin, 37.0, 124.0, 8);
  sail(m, 412000001, kT0 + 20 * kHour, kT0 + 21 * kHour, 5 * kMin, 37.0, 124.5, 8);
  s.draught = 10.5;
  m.push_back(static5(412000001, kT0 + 21 * kHour + kMin, s));
  auto gaps = of_kind(run(m), "gap");
  ASSERT_EQ(gaps.size(), 1u);
  EXPECT_NEAR(gaps[0].fields["draught_before_m"].get<double>(), 8.0, 1e-4);
  EXPECT_NEAR(gaps[0].fields["draught_after_m"].get<double>(), 10.5, 1e-4);
}
