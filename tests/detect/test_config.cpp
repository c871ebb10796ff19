#include <gtest/gtest.h>

#include <filesystem>

#include "detect/config.h"

using namespace seawarden::detect;

TEST(Config, Durations) {
  EXPECT_EQ(parse_duration_ms("2h"), 2 * kHourMs);
  EXPECT_EQ(parse_duration_ms("10m"), 10 * kMinuteMs);
  EXPECT_EQ(parse_duration_ms("90s"), 90 * kSecondMs);
  EXPECT_EQ(parse_duration_ms("1d"), kDayMs);
  EXPECT_EQ(parse_duration_ms("1h30m"), 90 * kMinuteMs);
  EXPECT_EQ(parse_duration_ms("500ms"), 500);
  EXPECT_THROW(parse_duration_ms("2 hours"), std::invalid_argument);
  EXPECT_THROW(parse_duration_ms(""), std::invalid_argument);
}

TEST(Config, OverridesAndErrors) {
  Config c = parse_config("[gap]\nmin_duration = \"6h\"\n[encounter]\nmax_distance_m = 800\n");
  EXPECT_EQ(c.gap.min_duration_ms, 6 * kHourMs);
  EXPECT_EQ(c.encounter.max_distance_m, 800);
  EXPECT_EQ(c.tracks.reorder_window_ms, 5 * kMinuteMs);  // default kept
  EXPECT_THROW(parse_config("[gap]\nmin_durration = \"6h\"\n"), std::runtime_error);
  EXPECT_THROW(parse_config("[nope]\nx = 1\n"), std::runtime_error);
  EXPECT_THROW(parse_config("[gap]\nmin_duration = 6\n"), std::runtime_error);
  EXPECT_THROW(parse_config("[gap\n"), std::runtime_error);
  // Delayed-report directions ahead and behind must not cover (nearly) every bearing.
  EXPECT_THROW(parse_config("[position_jump]\nlatency_max_turn_deg = 90\nlatency_max_angle_deg = 45\n"),
               std::runtime_error);
  EXPECT_THROW(parse_config("[position_jump]\nlatency_max_turn_deg = 90\nlatency_max_angle_deg = 15\n"),
               std::runtime_error);
  EXPECT_NO_THROW(parse_config("[position_jump]\nlatency_max_turn_deg = 60\nlatency_max_angle_deg = 20\n"));
}

TEST(Config, ShippedFileHasEveryDefault) {
  auto path = std::filesystem::path(SEAWARDEN_SOURCE_DIR) / "config" / "detect.toml";
  Config shipped = load_config(path.string());
  Config defaults;
  EXPECT_EQ(shipped.tracks.reorder_window_ms, defaults.tracks.reorder_window_ms);
  EXPECT_EQ(shipped.segmenter.max_speed_kn, defaults.segmenter.max_speed_kn);
  EXPECT_EQ(shipped.gap.min_duration_ms, defaults.gap.min_duration_ms);
  EXPECT_EQ(shipped.encounter.resample_ms, defaults.encounter.resample_ms);
  EXPECT_EQ(shipped.loitering.min_duration_ms, defaults.loitering.min_duration_ms);
  EXPECT_EQ(shipped.mmsi_conflict.min_switches, defaults.mmsi_conflict.min_switches);
  EXPECT_EQ(shipped.sanctions_hit.min_name_score, defaults.sanctions_hit.min_name_score);
  EXPECT_THROW(load_config("/nonexistent/detect.toml"), std::runtime_error);
}
