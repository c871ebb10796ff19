// Detection settings: one section per stage/detector, every default documented in
// config/detect.toml and docs/detectors.md. Durations are held in milliseconds.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace seawarden::detect {

inline constexpr std::int64_t kSecondMs = 1000;
inline constexpr std::int64_t kMinuteMs = 60 * kSecondMs;
inline constexpr std::int64_t kHourMs = 60 * kMinuteMs;
inline constexpr std::int64_t kDayMs = 24 * kHourMs;

struct TracksConfig {
  std::int64_t reorder_window_ms = 5 * kMinuteMs;  // out-of-order tolerance
  std::int64_t dedup_window_ms = 2 * kSecondMs;    // same report from several stations
  std::int64_t max_clock_jump_ms = kHourMs;        // a message further ahead waits for others to agree (0: off)
  // A vessel silent longer than this is forgotten: its state is freed and, heard again, it
  // starts anew (no gap across that silence). Memory then follows the vessels heard within the
  // horizon, not every MMSI ever seen. 0: never.
  std::int64_t forget_after_ms = 90 * kDayMs;
  // The same for vessels heard fewer than 3 times and never named (no IMO, name or call sign):
  // mostly MMSIs of corrupted messages.
  std::int64_t forget_brief_after_ms = 2 * kDayMs;
};

struct SegmenterConfig {
  double max_speed_kn = 30;          // implied speed above which a fix cannot continue a segment
  double noise_dist_km = 1;          // distance slack for GPS noise
  std::int64_t max_idle_ms = kDayMs; // a segment with no fix for this long closes
  int max_open_segments = 8;         // per MMSI
};

struct GapConfig {
  bool enabled = true;
  std::int64_t min_duration_ms = 12 * kHourMs;
  double nearby_km = 50;                  // radius for vessels_nearby
  std::int64_t watch_after_ms = kHourMs;  // silence after which nearby vessels are counted
  // The whole input silent at least this long is a feed outage, not ships going dark: a gap is
  // reported only if it lasts min_duration without the outages in it. 0 = no such test.
  std::int64_t feed_outage_ms = kHourMs;
};

struct PositionJumpConfig {
  bool enabled = true;
  std::int64_t max_dt_ms = kHourMs;
  double min_speed_kn = 50;
  double min_distance_km = 10;
  // A jump straight along the vessel's own course (both fixes' courses within the angle of the
  // line between them, similar speeds), as far as that speed covers in at most
  // `max_latency_ms`, is a report that reached the receiving network late (satellite AIS,
  // merged feeds stamped on arrival), not a jump: set aside and counted. 0 = report all.
  std::int64_t max_latency_ms = 2 * kHourMs;
  double latency_max_angle_deg = 12;
  // A ship that turned between the two fixes: the line between them must lie between its two
  // courses (widened by latency_max_angle_deg), which may differ by at most this much.
  double latency_max_turn_deg = 45;
};

struct MmsiConflictConfig {
  bool enabled = true;
  std::int64_t max_dt_ms = kHourMs;
  double min_distance_km = 50;
  std::int64_t max_quiet_ms = 12 * kHourMs;
  int min_switches = 4;
};

struct IdentityChangeConfig {
  bool enabled = true;
  int confirmations = 2;
};

struct IdentityAnomalyConfig {
  bool enabled = true;
  std::int64_t imo_shared_window_ms = kDayMs;
};

struct DraughtChangeConfig {
  bool enabled = true;
  double min_delta_m = 0.5;
  int confirmations = 2;
};

struct SanctionsHitConfig {
  bool enabled = true;
  double min_name_score = 0.92;
  int min_name_length = 4;
};

struct EncounterConfig {
  bool enabled = true;
  double max_distance_m = 500;
  std::int64_t min_duration_ms = 2 * kHourMs;
  double max_median_speed_kn = 2;
  double min_port_distance_km = 10;
  std::int64_t resample_ms = 10 * kMinuteMs;
  std::int64_t interpolate_max_gap_ms = kHourMs;
  // More positions than this in one neighbour-grid cell (about max_distance_m square) at a step
  // is a crowd (a harbour's moored fleet, ships spoofed onto one point): left out of the pair
  // search, which stays linear in vessels whatever the input. 0: no limit.
  int crowd_limit = 20;
};

struct LoiteringConfig {
  bool enabled = true;
  double max_speed_kn = 2;
  std::int64_t min_duration_ms = 4 * kHourMs;
  double min_port_distance_km = 10;
};

struct ZoneVisitConfig {
  bool enabled = true;
  double port_call_max_speed_kn = 1;
};

struct Config {
  TracksConfig tracks;
  SegmenterConfig segmenter;
  GapConfig gap;
  PositionJumpConfig position_jump;
  MmsiConflictConfig mmsi_conflict;
  IdentityChangeConfig identity_change;
  IdentityAnomalyConfig identity_anomaly;
  DraughtChangeConfig draught_change;
  SanctionsHitConfig sanctions_hit;
  EncounterConfig encounter;
  LoiteringConfig loitering;
  ZoneVisitConfig zone_visit;
};

// "90s", "10m", "2h", "1d", "500ms", "1h30m" -> milliseconds. Throws std::invalid_argument.
std::int64_t parse_duration_ms(std::string_view text);

// Parses TOML text over the defaults. Unknown sections/keys and bad values throw
// std::runtime_error naming the key.
Config parse_config(std::string_view toml_text);

// Reads and parses a file; throws std::runtime_error with a clear message.
Config load_config(const std::string& path);

}  // namespace seawarden::detect
