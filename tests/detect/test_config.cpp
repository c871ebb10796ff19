#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

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

// A setting out of its bounds is refused with its key named: beyond them a value means nothing
// at sea or makes a detector's work explode. Before these checks an encounter radius of inf
// crashed detect, and 1e7 m or a 1 ms resampling grid never finished on 20 MB of input.
TEST(Config, RefusesSettingsOutsideTheirBounds) {
  auto refused = [](const std::string& toml, const std::string& key) {
    try {
      parse_config(toml);
    } catch (const std::runtime_error& e) {
      return std::string(e.what()).find(key) != std::string::npos ? std::string() : std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_EQ(refused("[encounter]\nmax_distance_m = inf\n", "encounter.max_distance_m: must be a finite"), "");
  EXPECT_EQ(refused("[encounter]\nmax_distance_m = nan\n", "encounter.max_distance_m"), "");
  EXPECT_EQ(refused("[encounter]\nmax_distance_m = 1e7\n", "encounter.max_distance_m: must be above 0 and at most 10000"), "");
  EXPECT_EQ(refused("[encounter]\nmax_distance_m = -5\n", "encounter.max_distance_m"), "");
  EXPECT_EQ(refused("[encounter]\nresample = \"1ms\"\n", "encounter.resample: must be at least 1m and at most 1h (got 1ms)"), "");
  EXPECT_EQ(refused("[gap]\nnearby_km = 1e6\n", "gap.nearby_km"), "");
  EXPECT_EQ(refused("[gap]\nnearby_km = -inf\n", "gap.nearby_km"), "");
  EXPECT_EQ(refused("[tracks]\nreorder_window = \"100000d\"\n", "tracks.reorder_window"), "");
  EXPECT_EQ(refused("[gap]\nmin_duration = \"99999999999999999999d\"\n", "gap.min_duration: duration"), "");
  EXPECT_EQ(refused("[segmenter]\nmax_open_segments = 9999999999999\n", "segmenter.max_open_segments: out of range (got 9999999999999)"), "");
  EXPECT_EQ(refused("[sanctions_hit]\nmin_name_score = 1.5\n", "sanctions_hit.min_name_score"), "");
  EXPECT_EQ(refused("[draught_change]\nmin_delta_m = 0\n", "draught_change.min_delta_m"), "");
  EXPECT_EQ(refused("[loitering]\nmin_port_distance_km = 500\n", "loitering.min_port_distance_km"), "");
  EXPECT_EQ(refused("[zone_visit]\nport_call_max_speed_kn = -1\n", "zone_visit.port_call_max_speed_kn"), "");
  EXPECT_EQ(refused("[mmsi_conflict]\nmin_switches = 0\n", "mmsi_conflict.min_switches"), "");
  // The bounds themselves are settings.
  EXPECT_NO_THROW(parse_config("[encounter]\nmax_distance_m = 10000\nresample = \"1h\"\nmin_port_distance_km = 0\n"
                               "[gap]\nnearby_km = 500\n[tracks]\nreorder_window = \"1d\"\n"
                               "[sanctions_hit]\nmin_name_score = 1\n"));
  EXPECT_NO_THROW(parse_config("[encounter]\nresample = \"1m\"\n[tracks]\nreorder_window = \"0s\"\n"));
  // Zero switches these off and stays a setting.
  EXPECT_NO_THROW(parse_config("[gap]\nnearby_km = 0\n[identity_anomaly]\nimo_shared_window = \"0s\"\n"));
  EXPECT_EQ(refused("[tracks]\nforget_after = \"1d\"\n", "tracks.forget_after: must be at least 2d"), "");
  EXPECT_EQ(refused("[tracks]\nforget_brief_after = \"1h\"\n", "tracks.forget_brief_after"), "");
  EXPECT_EQ(refused("[tracks]\nforget_after = \"3d\"\n[gap]\nmin_duration = \"5d\"\n",
                    "tracks.forget_after: must be 0 or at least gap.min_duration (5d)"), "");
  EXPECT_NO_THROW(parse_config("[tracks]\nforget_after = \"0s\"\nforget_brief_after = \"0s\"\n"));
  // The shared-IMO window ends before a silent vessel is forgotten.
  EXPECT_EQ(refused("[identity_anomaly]\nimo_shared_window = \"3d\"\n",
                    "identity_anomaly.imo_shared_window: must be at most tracks.forget_brief_after (2d) (got 3d)"), "");
  EXPECT_EQ(refused("[identity_anomaly]\nimo_shared_window = \"10d\"\n[tracks]\nforget_brief_after = \"0s\"\n"
                    "forget_after = \"5d\"\n",
                    "identity_anomaly.imo_shared_window: must be at most tracks.forget_after (5d)"), "");
  EXPECT_NO_THROW(parse_config("[identity_anomaly]\nimo_shared_window = \"3d\"\n[tracks]\nforget_brief_after = \"3d\"\n"));
  EXPECT_NO_THROW(parse_config("[identity_anomaly]\nimo_shared_window = \"3d\"\nenabled = false\n"));
  EXPECT_NO_THROW(parse_config("[tracks]\nforget_after = \"3d\"\n[gap]\nmin_duration = \"5d\"\nenabled = false\n"));
  EXPECT_EQ(refused("[segmenter]\nmax_open_segments = 65\n", "segmenter.max_open_segments: must be at least 1 and at most 64 (got 65)"), "");
}

// A file far larger than any settings file (a capture given by mistake) is refused before it
// is read into memory, naming the file.
TEST(Config, AFileTooLargeToBeSettingsIsRefused) {
  const auto path = std::filesystem::temp_directory_path() / "seawarden-big-config.toml";
  {
    std::ofstream out(path);
    const std::string line = "# " + std::string(1000, 'x') + "\n";
    for (int i = 0; i < 1100; ++i) out << line;
  }
  try {
    load_config(path.string());
    ADD_FAILURE() << "accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(path.string() + ": "), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("more than a detection config can be"), std::string::npos) << e.what();
  }
  std::filesystem::remove(path);
  EXPECT_THROW(load_config((std::filesystem::temp_directory_path() / "no-such-config.toml").string()), std::runtime_error);
}

TEST(Config, ShippedFileHasEveryDefault) {
  auto path = std::filesystem::path(SEAWARDEN_SOURCE_DIR) / "config" / "detect.toml";
  Config shipped = load_config(path.string());
  Config defaults;
  EXPECT_EQ(shipped.tracks.reorder_window_ms, defaults.tracks.reorder_window_ms);
  EXPECT_EQ(shipped.tracks.forget_after_ms, defaults.tracks.forget_after_ms);
  EXPECT_EQ(shipped.tracks.forget_brief_after_ms, defaults.tracks.forget_brief_after_ms);
  EXPECT_EQ(shipped.segmenter.max_speed_kn, defaults.segmenter.max_speed_kn);
  EXPECT_EQ(shipped.gap.min_duration_ms, defaults.gap.min_duration_ms);
  EXPECT_EQ(shipped.encounter.resample_ms, defaults.encounter.resample_ms);
  EXPECT_EQ(shipped.loitering.min_duration_ms, defaults.loitering.min_duration_ms);
  EXPECT_EQ(shipped.mmsi_conflict.min_switches, defaults.mmsi_conflict.min_switches);
  EXPECT_EQ(shipped.sanctions_hit.min_name_score, defaults.sanctions_hit.min_name_score);
  EXPECT_THROW(load_config("/nonexistent/detect.toml"), std::runtime_error);
}
