#include "store/config_json.h"

namespace seawarden::store {
namespace {

double hours(std::int64_t ms) { return static_cast<double>(ms) / 3600'000.0; }
double minutes(std::int64_t ms) { return static_cast<double>(ms) / 60'000.0; }

}  // namespace

nlohmann::json config_to_json(const detect::Config& c) {
  nlohmann::json j;
  j["tracks"] = {{"reorder_window_min", minutes(c.tracks.reorder_window_ms)},
                 {"dedup_window_s", static_cast<double>(c.tracks.dedup_window_ms) / 1000}};
  j["segmenter"] = {{"max_speed_kn", c.segmenter.max_speed_kn}, {"noise_dist_km", c.segmenter.noise_dist_km},
                    {"max_idle_h", hours(c.segmenter.max_idle_ms)}, {"max_open_segments", c.segmenter.max_open_segments}};
  j["encounter"] = {{"enabled", c.encounter.enabled}, {"max_distance_m", c.encounter.max_distance_m},
                    {"min_duration_h", hours(c.encounter.min_duration_ms)},
                    {"max_median_speed_kn", c.encounter.max_median_speed_kn},
                    {"min_port_distance_km", c.encounter.min_port_distance_km},
                    {"resample_min", minutes(c.encounter.resample_ms)},
                    {"interpolate_max_gap_min", minutes(c.encounter.interpolate_max_gap_ms)}};
  j["loitering"] = {{"enabled", c.loitering.enabled}, {"max_speed_kn", c.loitering.max_speed_kn},
                    {"min_duration_h", hours(c.loitering.min_duration_ms)},
                    {"min_port_distance_km", c.loitering.min_port_distance_km}};
  j["gap"] = {{"enabled", c.gap.enabled}, {"min_duration_h", hours(c.gap.min_duration_ms)},
              {"nearby_km", c.gap.nearby_km}, {"watch_after_h", hours(c.gap.watch_after_ms)}};
  j["position_jump"] = {{"enabled", c.position_jump.enabled}, {"max_dt_min", minutes(c.position_jump.max_dt_ms)},
                        {"min_speed_kn", c.position_jump.min_speed_kn},
                        {"min_distance_km", c.position_jump.min_distance_km}};
  j["mmsi_conflict"] = {{"enabled", c.mmsi_conflict.enabled}, {"max_dt_min", minutes(c.mmsi_conflict.max_dt_ms)},
                        {"min_distance_km", c.mmsi_conflict.min_distance_km},
                        {"max_quiet_h", hours(c.mmsi_conflict.max_quiet_ms)},
                        {"min_switches", c.mmsi_conflict.min_switches}};
  j["identity_change"] = {{"enabled", c.identity_change.enabled},
                          {"confirmations", c.identity_change.confirmations}};
  j["identity_anomaly"] = {{"enabled", c.identity_anomaly.enabled},
                           {"imo_shared_window_h", hours(c.identity_anomaly.imo_shared_window_ms)}};
  j["draught_change"] = {{"enabled", c.draught_change.enabled}, {"min_delta_m", c.draught_change.min_delta_m},
                         {"confirmations", c.draught_change.confirmations}};
  j["sanctions_hit"] = {{"enabled", c.sanctions_hit.enabled}, {"min_name_score", c.sanctions_hit.min_name_score},
                        {"min_name_length", c.sanctions_hit.min_name_length}};
  j["zone_visit"] = {{"enabled", c.zone_visit.enabled}, {"port_call_max_speed_kn", c.zone_visit.port_call_max_speed_kn}};
  return j;
}

}  // namespace seawarden::store
