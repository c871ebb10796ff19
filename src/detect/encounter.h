// Encounter (possible ship-to-ship transfer), after Global Fishing Watch's published definition:
// two vessels within max_distance_m (500 m) of each other for at least min_duration (2 h), the
// median speed of each under max_median_speed_kn (2 kn), at least min_port_distance_km (10 km)
// from any zone of kind "port" or "anchorage".
//
// How: every vessel is resampled onto a fixed grid (resample_ms, 10 min; interpolated across
// gaps shorter than interpolate_max_gap_ms, 1 h — see resample.h). Each grid step, once
// complete, goes through a grid hash (spatial_index.h) that yields the pairs within 500 m in
// O(vessels + pairs). A pair is "in contact" at every step it is within range; contact
// continues across at most kMaxSeparationSteps (2) consecutive steps without it (apart, or one
// vessel without a position) — a brief separation of up to 20 min does not split one
// encounter; a third step apart ends it. start/end = first/last step in contact; duration =
// end - start (so 2 h = 13 grid points in contact). Medians are over the steps in contact;
// speeds of unknown value are left out, and a vessel with no known speed cannot qualify.
// Ports: a step counts as contact only when the two vessels' midpoint is at least
// min_port_distance_km from every port/anchorage zone, so ships moored or anchored side by side
// in a port never make a pair; the median midpoint (the event lat/lon) is checked again when
// the pair closes. Positions nearer a port than that minus max_distance cannot be in a counted
// contact nor be a loitering vessel's partner, so they are left out of the neighbour search
// altogether: the crowds of a busy anchorage cost nothing (see port_proximity.h).
//
// Streaming: memory is the resampler's hour of buffered steps plus the open pairs.
// Steps are finalised when the watermark passes them by interpolate_max_gap; events are
// emitted when a pair closes (at the latest kMaxSeparationSteps + 1 steps after contact ends).
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "detect/config.h"
#include "detect/detector.h"
#include "detect/key_map.h"
#include "detect/port_proximity.h"
#include "detect/resample.h"
#include "detect/small_vec.h"
#include "detect/spatial_index.h"
#include "detect/zones.h"
#include "track/observation.h"

namespace seawarden::detect {

// What the spatial detectors remember of a vessel's identity for their evidence.
// Held inline (AIS names have at most 20 characters, call signs 7, flags are ISO alpha-2): an
// identity copied into each of the many short-lived candidate pairs of a dense fleet then
// allocates nothing.
struct VesselIdentity {
  track::FixedText<20> name;
  track::FixedText<7> callsign;
  track::FixedText<3> flag;
  std::uint32_t imo = 0;
  std::int64_t last_seen_ms = 0;
  nlohmann::json to_json(std::uint32_t mmsi) const;
  void save(StateWriter& out) const;
  void load(StateReader& in);
};

// The saved fields of a VesselIdentity, one list for both directions (IO: StateWriter or
// StateReader).
template <class IO, class Id>
void identity_fields(IO& io, Id& id) {
  io.text(id.name);
  io.text(id.callsign);
  io.text(id.flag);
  io.pod(id.imo);
  io.pod(id.last_seen_ms);
}

// Latest identity per MMSI, dropped some time after the vessel's last fix.
class IdentityCache {
 public:
  void update(const VesselInfo& v, std::int64_t t_ms);
  const VesselIdentity* find(std::uint32_t mmsi) const;
  // Drops entries not seen since before t_ms (call rarely: O(entries)).
  void drop_older_than(std::int64_t t_ms);
  void erase(std::uint32_t mmsi) { map_.erase(mmsi); }
  std::size_t size() const { return map_.size(); }
  void save(StateWriter& out) const;
  void load(StateReader& in);

 private:
  std::unordered_map<std::uint32_t, VesselIdentity> map_;
};

// One complete grid step as the encounter detector saw it (shared with loitering).
struct StepView {
  std::int64_t t_ms = 0;
  std::span<const GridPoint> points;
  // 1 when a possible encounter partner is there: another MMSI within max_distance_m, both
  // slower than max_median_speed_kn (a ship steaming past at 12 kn is no transfer partner).
  std::span<const std::uint8_t> has_partner;
};

inline bool is_partner(const GridPoint& a, const GridPoint& b, double max_speed_kn) {
  return a.mmsi != b.mmsi && a.speed_kn >= 0 && b.speed_kn >= 0 && a.speed_kn < max_speed_kn &&
         b.speed_kn < max_speed_kn;
}

// Where the spatial detectors find a vessel's current identity (the pipeline's registry): they
// need it only when a pair or a run opens, so nothing is copied per fix. nullptr when unknown.
using IdentitySource = std::function<const VesselInfo*(std::uint32_t mmsi)>;
VesselIdentity identity_of(const VesselInfo& v);

struct EncounterStats {
  std::uint64_t steps = 0, close_pair_steps = 0, pairs_opened = 0, events = 0;
  std::uint64_t near_port_points = 0, near_port_contacts = 0;
  std::uint64_t rejected_short = 0, rejected_speed = 0, rejected_port = 0;
  std::uint64_t crowded_points = 0;  // grid positions in a crowd (EncounterConfig::crowd_limit)
};

class EncounterDetector : public Detector {
 public:
  static constexpr int kMaxSeparationSteps = 2;

  EncounterDetector(const EncounterConfig& cfg, const ZoneSet* zones);
  const char* kind() const override { return "encounter"; }
  void on_fix(const track::Fix& fix, const track::Fix* prev, const VesselInfo& vessel,
              const EventSink& emit) override;
  void on_watermark(std::int64_t t_ms, const EventSink& emit) override;
  void finish(const EventSink& emit) override;
  void save_state(StateWriter& out) const override;
  void load_state(StateReader& in) override;
  void add_counts(DetectorCounts& counts) const override;
  void prefetch(std::uint32_t mmsi, std::uint32_t segment, bool near) override {
    // At the near stage the segment is known (the vessel's last fix's: nearly always the next's).
    if (near) resampler_.prefetch_track(mmsi, segment);
  }

  // Called for every complete step, in time order, after this detector processed it.
  void add_step_listener(std::function<void(const StepView&)> listener);
  // Hands over every buffered step now (end of input), without closing open pairs.
  void flush_steps();
  // A step listener needs has_partner to be exact for positions at least km from ports.
  void need_partners_beyond_km(double km);
  // Use the pipeline's identities instead of recording them from every fix.
  void set_identity_source(IdentitySource source) { identity_source_ = std::move(source); }
  // Identity of a vessel as known now (source or own cache); nullptr when unknown.
  const VesselIdentity* current_identity(std::uint32_t mmsi, VesselIdentity& scratch) const;

  const EncounterStats& stats() const { return stats_; }
  const ResampleStats& resample_stats() const { return resampler_.stats(); }
  std::size_t open_pairs() const { return pairs_.size(); }

 private:
  // One grid step in contact, kept in a single vector (one allocation stream per pair).
  struct Sample {
    double mid_lat, mid_lon;
    float dist_m, speed_a, speed_b;
  };
  struct PairState {
    std::int64_t first_ms = 0, last_ms = 0;
    SmallVec<Sample, 2> samples;  // most pairs in a dense fleet last a step or two
    double start_lat = 0, start_lon = 0, end_lat = 0, end_lon = 0;
    VesselIdentity id_a, id_b;
  };
  void on_step(std::int64_t t_ms, std::span<const GridPoint> points);
  void close_pair(std::uint64_t key, PairState& s);
  void close_stale(std::int64_t step_ms);
  std::vector<std::uint64_t>& touched_bucket(std::int64_t t);
  void drain(const EventSink& emit);
  void collect_identities(std::int64_t t_ms);

  EncounterConfig cfg_;
  const ZoneSet* zones_;
  PortProximity ports_;
  double exclusion_km_;  // positions nearer a port than this stay out of the neighbour search
  std::vector<GridPoint> kept_;
  std::vector<std::uint32_t> kept_index_;
  IdentitySource identity_source_;
  Resampler resampler_;
  NeighbourGrid grid_;
  IdentityCache ids_;
  KeyMap<PairState> pairs_;  // key: low MMSI << 32 | high MMSI
  std::vector<std::uint8_t> has_partner_;
  std::vector<std::function<void(const StepView&)>> listeners_;
  std::vector<Event> pending_;
  std::vector<std::uint64_t> closing_;
  // Keys whose last_ms was set to each step time, oldest first: close_stale only looks at the
  // buckets that fell behind the separation limit instead of scanning every open pair.
  std::deque<std::pair<std::int64_t, std::vector<std::uint64_t>>> touched_;
  std::vector<std::vector<std::uint64_t>> spare_buckets_;
  std::int64_t last_sweep_ms_ = INT64_MIN;
  std::int64_t last_id_gc_ms_ = INT64_MIN;
  EncounterStats stats_;
};

// Median of the values (copy; NaN-free input); -1 when empty.
double median_of(std::vector<float> v);
double median_of(std::vector<double> v);
// Median longitude, unwrapped around the first value so a cluster straddling the antimeridian
// gives a longitude in the cluster (not ~0); result in [-180, 180).
double median_lon(const std::vector<double>& lons);

}  // namespace seawarden::detect
