#include <gtest/gtest.h>

#include <map>

#include "detect/resample.h"
#include "spatial_fixtures.h"

namespace seawarden::detect {
namespace {

using namespace testing;

struct Collected {
  std::vector<std::int64_t> step_times;
  std::map<std::int64_t, std::vector<GridPoint>> points;
};

Collected run(const std::vector<track::Fix>& fixes, ResampleParams p = {}) {
  Collected c;
  Resampler r(p);
  r.on_step = [&](std::int64_t t, std::span<const GridPoint> pts) {
    if (!c.step_times.empty()) {
      EXPECT_GT(t, c.step_times.back());  // time order
    }
    c.step_times.push_back(t);
    c.points[t].assign(pts.begin(), pts.end());
  };
  for (const auto& f : fixes) r.add(f);
  r.finish();
  return c;
}

TEST(Resample, OffGridStartEmitsFromTheFirstGridTimeAfterIt) {
  // The first fix (07 min) is nearer the next grid time (10) than the last (00), so it gives no
  // point of its own; nor does the second (08), which comes before 10. The third (23) must give
  // interpolated points at 10 and 20, counted from the track's grid, not from its (empty) past.
  const auto b = offset(10, 20, 1600, 0);  // 1,600 m north over the 16 minutes
  const auto c = run({make_fix(1, kT0 + 7 * kMin, 10, 20, -1), make_fix(1, kT0 + 8 * kMin, 10, 20, -1),
                      make_fix(1, kT0 + 23 * kMin, b.lat, b.lon, -1)});
  ASSERT_EQ(c.points.size(), 2u);
  for (int k : {1, 2}) {
    const auto& pts = c.points.at(kT0 + k * 10 * kMin);
    ASSERT_EQ(pts.size(), 1u);
    EXPECT_TRUE(pts[0].interpolated);
    EXPECT_NEAR(geo::distance_m(10, 20, pts[0].lat, pts[0].lon), 1600.0 * (k * 10 - 8) / 15.0, 0.5);
  }
}

TEST(Resample, FiftyMinuteGapIsInterpolated) {
  // Two fixes 50 min apart, 5000 m apart due north; grid-aligned.
  const auto b = offset(10, 20, 5000, 0);
  const auto c = run({make_fix(1, kT0, 10, 20, -1), make_fix(1, kT0 + 50 * kMin, b.lat, b.lon, -1)});
  ASSERT_EQ(c.points.size(), 6u);  // 0, 10, ..., 50
  for (int k = 0; k <= 5; ++k) {
    const auto& pts = c.points.at(kT0 + k * 10 * kMin);
    ASSERT_EQ(pts.size(), 1u);
    EXPECT_NEAR(geo::distance_m(10, 20, pts[0].lat, pts[0].lon), 1000.0 * k, 0.5);
    EXPECT_EQ(pts[0].interpolated, k > 0);
    if (k > 0) {
      EXPECT_NEAR(pts[0].speed_kn, 5000 / 1852.0 / (50 / 60.0), 1e-3);  // implied
    }
  }
}

TEST(Resample, SeventyMinuteGapIsNotInterpolated) {
  const auto b = offset(10, 20, 5000, 0);
  const auto c = run({make_fix(1, kT0, 10, 20, 3), make_fix(1, kT0 + 70 * kMin, b.lat, b.lon, 4)});
  // Only each fix's own nearest grid time: kT0 and kT0 + 70 min.
  ASSERT_EQ(c.points.size(), 2u);
  EXPECT_FALSE(c.points.at(kT0)[0].interpolated);
  EXPECT_FALSE(c.points.at(kT0 + 70 * kMin)[0].interpolated);
  EXPECT_FLOAT_EQ(c.points.at(kT0 + 70 * kMin)[0].speed_kn, 4);
}

TEST(Resample, OffGridFixesSnapAndInterpolateReportedSpeed) {
  // Fixes at +3 min and +27 min: grid times 10 and 20 interpolated; reported SOG interpolated.
  const auto c = run({make_fix(1, kT0 + 3 * kMin, 0, 0, 2), make_fix(1, kT0 + 27 * kMin, 0, 0.01, 4)});
  ASSERT_TRUE(c.points.count(kT0));  // first fix snapped back to its nearest grid time
  ASSERT_TRUE(c.points.count(kT0 + 10 * kMin));
  ASSERT_TRUE(c.points.count(kT0 + 20 * kMin));
  ASSERT_TRUE(c.points.count(kT0 + 30 * kMin));  // tail: last fix's nearest grid time
  EXPECT_FALSE(c.points.count(kT0 + 40 * kMin));
  EXPECT_NEAR(c.points.at(kT0 + 10 * kMin)[0].speed_kn, 2 + 2 * 7.0 / 24, 1e-5);
  EXPECT_NEAR(c.points.at(kT0 + 10 * kMin)[0].lon, 0.01 * 7 / 24, 1e-9);
}

TEST(Resample, SegmentsAreSeparateTracks) {
  auto a = make_fix(1, kT0, 0, 0), b = make_fix(1, kT0 + 10 * kMin, 1, 1), c = make_fix(1, kT0 + 20 * kMin, 0, 0.001);
  b.segment = 2;
  const auto r = run({a, b, c});
  // Segment 0 interpolates between its own fixes, never towards segment 2's position.
  for (const auto& p : r.points.at(kT0 + 10 * kMin))
    if (p.segment == 0) {
      EXPECT_NEAR(p.lat, 0, 1e-12);
    }
  EXPECT_EQ(r.points.at(kT0 + 10 * kMin).size(), 2u);
}

TEST(Resample, StreamingHandsOverCompleteStepsAndForgetsIdleTracks) {
  Resampler r;
  std::vector<std::int64_t> steps;
  std::vector<std::uint32_t> evicted;
  r.on_step = [&](std::int64_t t, std::span<const GridPoint>) { steps.push_back(t); };
  r.on_evict = [&](std::uint32_t m) { evicted.push_back(m); };
  for (std::uint32_t v = 1; v <= 100; ++v) r.add(make_fix(v, kT0, 0, v * 0.01));
  EXPECT_EQ(r.active_tracks(), 100u);
  r.add(make_fix(1, kT0 + 30 * kMin, 0, 0.01));
  EXPECT_TRUE(steps.empty());  // nothing complete yet: a fix up to 1 h later may interpolate
  r.advance(kT0 + 61 * kMin);
  ASSERT_EQ(steps.size(), 1u);  // step kT0 complete
  EXPECT_EQ(steps[0], kT0);
  EXPECT_EQ(r.active_tracks(), 1u);  // 99 vessels silent for an hour were dropped
  EXPECT_EQ(evicted.size(), 99u);
  r.advance(kT0 + 3 * kHour);
  EXPECT_EQ(r.active_tracks(), 0u);
  EXPECT_EQ(steps.back(), kT0 + 30 * kMin);
}

TEST(Resample, OutOfOrderAndBadPositionsAreIgnored) {
  Resampler r;
  std::size_t n = 0;
  r.on_step = [&](std::int64_t, std::span<const GridPoint> pts) { n += pts.size(); };
  r.add(make_fix(1, kT0 + 20 * kMin, 0, 0));
  r.add(make_fix(1, kT0 + 10 * kMin, 0, 0));
  r.add(make_fix(2, kT0 + 20 * kMin, 91, 181));
  r.finish();
  EXPECT_EQ(r.stats().out_of_order, 1u);
  EXPECT_EQ(n, 1u);
}

TEST(Resample, ManySegmentsOfOneMmsiAreNotOneProbeRun) {
  // A default MMSI shared by many ships opens a segment at nearly every fix; their tracks must
  // not pile up on one home slot (a lookup then walked all of them: 128 us per fix).
  Resampler r;
  r.on_step = [](std::int64_t, std::span<const GridPoint>) {};
  for (std::uint32_t s = 1; s <= 5000; ++s) {
    track::Fix f = make_fix(123456789, kT0 + s * 500, 30 + s * 0.001, 120);
    f.segment = s;
    r.add(f);
  }
  EXPECT_EQ(r.active_tracks(), 5000u);
  EXPECT_LT(r.longest_track_probe(), 64u);
  r.finish();
}

}  // namespace
}  // namespace seawarden::detect
