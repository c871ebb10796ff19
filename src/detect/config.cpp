#include "detect/config.h"

#include <cmath>
#include <functional>
#include <map>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "ais/input.h"

namespace seawarden::detect {

std::int64_t parse_duration_ms(std::string_view text) {
  if (text.empty()) throw std::invalid_argument("empty duration");
  std::int64_t total = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t start = i;
    while (i < text.size() && ((text[i] >= '0' && text[i] <= '9') || text[i] == '.')) ++i;
    if (start == i) throw std::invalid_argument("bad duration '" + std::string(text) + "'");
    double value = std::stod(std::string(text.substr(start, i - start)));
    std::size_t unit_start = i;
    while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) ++i;
    std::string_view unit = text.substr(unit_start, i - unit_start);
    double scale;
    if (unit == "ms") scale = 1;
    else if (unit == "s") scale = kSecondMs;
    else if (unit == "m" || unit == "min") scale = kMinuteMs;
    else if (unit == "h") scale = kHourMs;
    else if (unit == "d") scale = kDayMs;
    else throw std::invalid_argument("bad duration unit in '" + std::string(text) + "' (use ms, s, m, h, d)");
    // Far beyond any setting's range (checked by the caller), and where llround would overflow.
    constexpr double kMaxMs = 1e15;  // ~31,700 years
    if (!(value * scale <= kMaxMs) || static_cast<double>(total) + value * scale > kMaxMs)
      throw std::invalid_argument("duration '" + std::string(text) + "' is too long");
    total += static_cast<std::int64_t>(std::llround(value * scale));
  }
  return total;
}

namespace {

using Setter = std::function<void(const toml::node&, const std::string& key)>;

[[noreturn]] void bad(const std::string& key, const std::string& what) {
  throw std::runtime_error("detection config: " + key + ": " + what);
}

Setter number(double& out) {
  return [&out](const toml::node& n, const std::string& key) {
    auto v = n.value<double>();
    if (!v) bad(key, "expected a number");
    if (!std::isfinite(*v)) bad(key, "must be a finite number (TOML's nan and inf are not settings)");
    out = *v;
  };
}
Setter integer(int& out) {
  return [&out](const toml::node& n, const std::string& key) {
    auto v = n.value<std::int64_t>();
    if (!v) bad(key, "expected an integer");
    if (*v < -1'000'000'000 || *v > 1'000'000'000) bad(key, fmt::format("out of range (got {})", *v));
    out = static_cast<int>(*v);
  };
}
Setter boolean(bool& out) {
  return [&out](const toml::node& n, const std::string& key) {
    if (auto v = n.value<bool>()) out = *v;
    else bad(key, "expected true or false");
  };
}
Setter duration(std::int64_t& out) {
  return [&out](const toml::node& n, const std::string& key) {
    if (auto s = n.value<std::string>()) {
      try {
        out = parse_duration_ms(*s);
      } catch (const std::exception& e) {
        bad(key, e.what());
      }
    } else {
      bad(key, "expected a duration string such as \"2h\" or \"10m\"");
    }
  };
}

using Section = std::map<std::string, Setter>;

std::map<std::string, Section> schema(Config& c) {
  return {
      {"tracks",
       {{"reorder_window", duration(c.tracks.reorder_window_ms)},
        {"dedup_window", duration(c.tracks.dedup_window_ms)},
        {"max_clock_jump", duration(c.tracks.max_clock_jump_ms)},
        {"forget_after", duration(c.tracks.forget_after_ms)},
        {"forget_brief_after", duration(c.tracks.forget_brief_after_ms)}}},
      {"segmenter",
       {{"max_speed_kn", number(c.segmenter.max_speed_kn)},
        {"noise_dist_km", number(c.segmenter.noise_dist_km)},
        {"max_idle", duration(c.segmenter.max_idle_ms)},
        {"max_open_segments", integer(c.segmenter.max_open_segments)}}},
      {"gap",
       {{"enabled", boolean(c.gap.enabled)},
        {"min_duration", duration(c.gap.min_duration_ms)},
        {"nearby_km", number(c.gap.nearby_km)},
        {"watch_after", duration(c.gap.watch_after_ms)},
        {"feed_outage", duration(c.gap.feed_outage_ms)}}},
      {"position_jump",
       {{"enabled", boolean(c.position_jump.enabled)},
        {"max_dt", duration(c.position_jump.max_dt_ms)},
        {"min_speed_kn", number(c.position_jump.min_speed_kn)},
        {"min_distance_km", number(c.position_jump.min_distance_km)},
        {"max_latency", duration(c.position_jump.max_latency_ms)},
        {"latency_max_angle_deg", number(c.position_jump.latency_max_angle_deg)},
        {"latency_max_turn_deg", number(c.position_jump.latency_max_turn_deg)}}},
      {"mmsi_conflict",
       {{"enabled", boolean(c.mmsi_conflict.enabled)},
        {"max_dt", duration(c.mmsi_conflict.max_dt_ms)},
        {"min_distance_km", number(c.mmsi_conflict.min_distance_km)},
        {"max_quiet", duration(c.mmsi_conflict.max_quiet_ms)},
        {"min_switches", integer(c.mmsi_conflict.min_switches)}}},
      {"identity_change",
       {{"enabled", boolean(c.identity_change.enabled)},
        {"confirmations", integer(c.identity_change.confirmations)}}},
      {"identity_anomaly",
       {{"enabled", boolean(c.identity_anomaly.enabled)},
        {"imo_shared_window", duration(c.identity_anomaly.imo_shared_window_ms)}}},
      {"draught_change",
       {{"enabled", boolean(c.draught_change.enabled)},
        {"min_delta_m", number(c.draught_change.min_delta_m)},
        {"confirmations", integer(c.draught_change.confirmations)}}},
      {"sanctions_hit",
       {{"enabled", boolean(c.sanctions_hit.enabled)},
        {"min_name_score", number(c.sanctions_hit.min_name_score)},
        {"min_name_length", integer(c.sanctions_hit.min_name_length)}}},
      {"encounter",
       {{"enabled", boolean(c.encounter.enabled)},
        {"max_distance_m", number(c.encounter.max_distance_m)},
        {"min_duration", duration(c.encounter.min_duration_ms)},
        {"max_median_speed_kn", number(c.encounter.max_median_speed_kn)},
        {"min_port_distance_km", number(c.encounter.min_port_distance_km)},
        {"resample", duration(c.encounter.resample_ms)},
        {"interpolate_max_gap", duration(c.encounter.interpolate_max_gap_ms)},
        {"crowd_limit", integer(c.encounter.crowd_limit)}}},
      {"loitering",
       {{"enabled", boolean(c.loitering.enabled)},
        {"max_speed_kn", number(c.loitering.max_speed_kn)},
        {"min_duration", duration(c.loitering.min_duration_ms)},
        {"min_port_distance_km", number(c.loitering.min_port_distance_km)}}},
      {"zone_visit",
       {{"enabled", boolean(c.zone_visit.enabled)},
        {"port_call_max_speed_kn", number(c.zone_visit.port_call_max_speed_kn)}}},
  };
}

// A setting outside these bounds is refused at load, with its key: beyond them a value means
// nothing at sea or makes a detector's work explode (an encounter radius of 10,000 km compares
// every pair of vessels; a 1 ms resampling grid holds 600,000 points per 10 minutes).
// One bound check for numbers and durations; `show` writes a value as the file would. NaN fails
// both comparisons, so it is refused too.
template <class T, class Show>
void check_range(T v, T lo, T hi, const char* key, bool above_lo, Show show) {
  if ((above_lo ? v > lo : v >= lo) && v <= hi) return;
  bad(key, fmt::format("must be {} {} and at most {} (got {})", above_lo ? "above" : "at least", show(lo), show(hi),
                       show(v)));
}

void check(double v, double lo, double hi, const char* key, bool above_lo = false) {
  check_range(v, lo, hi, key, above_lo, [](double x) { return x; });
}

std::string duration_text(std::int64_t ms) {
  if (ms % kDayMs == 0 && ms) return fmt::format("{}d", ms / kDayMs);
  if (ms % kHourMs == 0 && ms) return fmt::format("{}h", ms / kHourMs);
  if (ms % kMinuteMs == 0 && ms) return fmt::format("{}m", ms / kMinuteMs);
  if (ms % kSecondMs == 0) return fmt::format("{}s", ms / kSecondMs);
  return fmt::format("{}ms", ms);
}

void check_duration(std::int64_t ms, std::int64_t lo, std::int64_t hi, const char* key, bool above_lo = false) {
  check_range(ms, lo, hi, key, above_lo, duration_text);
}

void validate(const Config& c) {
  constexpr std::int64_t kYearMs = 365 * kDayMs;
  constexpr double kHalfEarthKm = 20040;  // no two points are farther apart
  // Tracks: a window held in memory (longer disorder is what --sort is for).
  check_duration(c.tracks.reorder_window_ms, 0, kDayMs, "tracks.reorder_window");
  check_duration(c.tracks.dedup_window_ms, 0, kHourMs, "tracks.dedup_window");
  check_duration(c.tracks.max_clock_jump_ms, 0, kYearMs, "tracks.max_clock_jump");
  // Forgetting: 0 (never), or longer than every window a detector keeps open for a silent vessel
  // (a zone visit closes after 24 h of silence), and for the full horizon than the gap threshold.
  const std::pair<std::int64_t, const char*> horizons[] = {{c.tracks.forget_after_ms, "tracks.forget_after"},
                                                            {c.tracks.forget_brief_after_ms, "tracks.forget_brief_after"}};
  for (auto [ms, key] : horizons)
    if (ms != 0) check_duration(ms, 2 * kDayMs, 10 * kYearMs, key);
  if (c.gap.enabled && c.tracks.forget_after_ms != 0 && c.tracks.forget_after_ms < c.gap.min_duration_ms)
    bad("tracks.forget_after", fmt::format("must be 0 or at least gap.min_duration ({}), or no gap is ever found "
                                           "(got {})",
                                           duration_text(c.gap.min_duration_ms), duration_text(c.tracks.forget_after_ms)));
  check(c.segmenter.max_speed_kn, 0, 1000, "segmenter.max_speed_kn", true);
  check(c.segmenter.noise_dist_km, 0, 100, "segmenter.noise_dist_km");
  check_duration(c.segmenter.max_idle_ms, 0, kYearMs, "segmenter.max_idle", true);
  check(c.segmenter.max_open_segments, 1, 64, "segmenter.max_open_segments");
  check_duration(c.gap.min_duration_ms, 0, kYearMs, "gap.min_duration", true);
  check(c.gap.nearby_km, 0, 500, "gap.nearby_km");  // each watch registers in the cells the circle covers
  check_duration(c.gap.watch_after_ms, 0, kYearMs, "gap.watch_after");
  check_duration(c.gap.feed_outage_ms, 0, kYearMs, "gap.feed_outage");
  check_duration(c.position_jump.max_dt_ms, 0, 7 * kDayMs, "position_jump.max_dt", true);
  check(c.position_jump.min_speed_kn, 0, 100000, "position_jump.min_speed_kn", true);
  check(c.position_jump.min_distance_km, 0, kHalfEarthKm, "position_jump.min_distance_km");
  check_duration(c.position_jump.max_latency_ms, 0, kDayMs, "position_jump.max_latency");
  check(c.position_jump.latency_max_angle_deg, 0, 45, "position_jump.latency_max_angle_deg");
  check(c.position_jump.latency_max_turn_deg, 0, 90, "position_jump.latency_max_turn_deg");
  // The directions taken as "along the path" (ahead and behind) must leave some out, or every
  // jump a speed could cover would be set aside.
  if (!(c.position_jump.latency_max_turn_deg + 2 * c.position_jump.latency_max_angle_deg < 120))
    bad("position_jump.latency_max_turn_deg", "plus twice latency_max_angle_deg must be under 120");
  check_duration(c.mmsi_conflict.max_dt_ms, 0, 7 * kDayMs, "mmsi_conflict.max_dt", true);
  check(c.mmsi_conflict.min_distance_km, 0, kHalfEarthKm, "mmsi_conflict.min_distance_km");
  check_duration(c.mmsi_conflict.max_quiet_ms, 0, kYearMs, "mmsi_conflict.max_quiet", true);
  check(c.mmsi_conflict.min_switches, 1, 1000, "mmsi_conflict.min_switches");
  check(c.identity_change.confirmations, 1, 100, "identity_change.confirmations");
  check_duration(c.identity_anomaly.imo_shared_window_ms, 0, kYearMs, "identity_anomaly.imo_shared_window");
  check(c.draught_change.min_delta_m, 0, 30, "draught_change.min_delta_m", true);
  check(c.draught_change.confirmations, 1, 100, "draught_change.confirmations");
  check(c.sanctions_hit.min_name_score, 0, 1, "sanctions_hit.min_name_score", true);
  check(c.sanctions_hit.min_name_length, 1, 100, "sanctions_hit.min_name_length");
  // Encounters: the neighbour grid's cells are the radius wide, so its cost grows with it; a
  // transfer needs the ships alongside. Port distances beyond 200 km are never measured exactly
  // fast (PortProximity's cap) and mean no port nearby anyway.
  check(c.encounter.max_distance_m, 0, 10000, "encounter.max_distance_m", true);
  check_duration(c.encounter.min_duration_ms, 0, kYearMs, "encounter.min_duration", true);
  check(c.encounter.max_median_speed_kn, 0, 50, "encounter.max_median_speed_kn");
  check(c.encounter.min_port_distance_km, 0, 200, "encounter.min_port_distance_km");
  check_duration(c.encounter.resample_ms, kMinuteMs, kHourMs, "encounter.resample");
  check_duration(c.encounter.interpolate_max_gap_ms, 0, kDayMs, "encounter.interpolate_max_gap");
  check(c.encounter.crowd_limit, 0, 100000, "encounter.crowd_limit");
  check(c.loitering.max_speed_kn, 0, 50, "loitering.max_speed_kn");
  check_duration(c.loitering.min_duration_ms, 0, kYearMs, "loitering.min_duration", true);
  check(c.loitering.min_port_distance_km, 0, 200, "loitering.min_port_distance_km");
  // An IMO is shared when a vessel broadcasts it again within the window after another vessel
  // did: a vessel forgotten within the window would leave that comparison after its own events
  // were given, so the window must end before either horizon.
  for (auto [ms, key] : horizons)
    if (c.identity_anomaly.enabled && ms != 0 && c.identity_anomaly.imo_shared_window_ms > ms)
      bad("identity_anomaly.imo_shared_window", fmt::format("must be at most {} ({}) (got {})", key, duration_text(ms),
                                                            duration_text(c.identity_anomaly.imo_shared_window_ms)));
  check(c.zone_visit.port_call_max_speed_kn, 0, 50, "zone_visit.port_call_max_speed_kn");
}

}  // namespace

Config parse_config(std::string_view toml_text) {
  Config config;
  toml::table root;
  try {
    root = toml::parse(toml_text);
  } catch (const toml::parse_error& e) {
    std::ostringstream msg;
    msg << "detection config: " << e.description() << " at line " << e.source().begin.line;
    throw std::runtime_error(msg.str());
  }
  auto sections = schema(config);
  for (const auto& [section_name, node] : root) {
    std::string section(section_name.str());
    auto it = sections.find(section);
    if (it == sections.end()) bad(section, "unknown section");
    const toml::table* table = node.as_table();
    if (!table) bad(section, "expected a [section]");
    for (const auto& [key_name, value] : *table) {
      std::string key(key_name.str());
      auto setter = it->second.find(key);
      if (setter == it->second.end()) bad(section + "." + key, "unknown key");
      setter->second(value, section + "." + key);
    }
  }
  validate(config);
  return config;
}

Config load_config(const std::string& path) {
  const std::string text = ais::read_whole_file(path, 1 << 20, "detection config");  // the full file is 5 KB
  try {
    return parse_config(text);
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(path + ": " + e.what());
  }
}

}  // namespace seawarden::detect
