#include <gtest/gtest.h>

#include "detect/draught_change.h"
#include "test_pipeline_harness.h"

using namespace seawarden::testing;

TEST(DraughtChange, LoadingIsReportedWithSpan) {
  std::vector<seawarden::ais::Received> m;
  Static5 s;
  s.draught = 6.0;
  m.push_back(static5(412000001, kT0, s));
  m.push_back(static5(412000001, kT0 + kHour, s));
  s.draught = 6.3;  // below the threshold: same draught
  m.push_back(static5(412000001, kT0 + 2 * kHour, s));
  s.draught = 9.5;
  m.push_back(static5(412000001, kT0 + 5 * kHour, s));
  m.push_back(static5(412000001, kT0 + 6 * kHour, s));
  auto d = of_kind(run(m), "draught_change");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].start_ms, kT0 + 2 * kHour);
  EXPECT_EQ(d[0].end_ms, kT0 + 5 * kHour);
  EXPECT_NEAR(d[0].fields["from_m"].get<double>(), 6.0, 1e-6);
  EXPECT_NEAR(d[0].fields["to_m"].get<double>(), 9.5, 1e-6);
  EXPECT_NEAR(d[0].fields["delta_m"].get<double>(), 3.5, 1e-6);
  EXPECT_FALSE(d[0].fields.contains("across"));
}

TEST(DraughtChange, CargoEstimate) {
  auto c = seawarden::detect::estimate_cargo(2.0, 180, 30, 80);
  EXPECT_DOUBLE_EQ(c.block_coefficient, 0.80);
  EXPECT_NEAR(c.tonnes, 2.0 * 180 * 30 * 0.8 * 1.025, 1e-6);
  EXPECT_NEAR(c.barrels, c.tonnes / 0.86 * 6.2898, 1e-6);
  EXPECT_DOUBLE_EQ(seawarden::detect::estimate_cargo(1, 100, 20, 70).block_coefficient, 0.75);
  EXPECT_DOUBLE_EQ(seawarden::detect::estimate_cargo(1, 100, 20, 30).block_coefficient, 0.70);
}

TEST(DraughtChange, AcrossGap) {
  std::vector<seawarden::ais::Received> m;
  Static5 s;
  s.draught = 5.0;
  m.push_back(static5(412000001, kT0, s));
  sail(m, 412000001, kT0 + kMin, kT0 + 2 * kHour, 5 * kMin, 37.0, 124.0, 8);
  sail(m, 412000001, kT0 + 20 * kHour, kT0 + 21 * kHour, 5 * kMin, 37.0, 124.5, 8);
  s.draught = 7.0;
  m.push_back(static5(412000001, kT0 + 21 * kHour + kMin, s));
  m.push_back(static5(412000001, kT0 + 21 * kHour + 7 * kMin, s));
  auto d = of_kind(run(m), "draught_change");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].fields["across"], "gap");
}
