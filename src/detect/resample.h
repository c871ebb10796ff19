// Per-vessel resampling of fixes onto a fixed time grid (default 10 minutes), the way Global
// Fishing Watch's encounter pipeline does it, streaming and with bounded memory.
//
// Rules (t0 < t1 consecutive fixes of one track, g a grid time = k * step):
//  * t1 - t0 < max_gap (1 h): every g in (t0, t1] gets the position interpolated linearly in
//    time between the two fixes ("interpolated" points).
//  * otherwise nothing is invented in between; a fix still gives its nearest grid time g
//    (|g - t| <= step/2) its own position when no interpolation covers g ("snapped" points),
//    so a sparsely sampled vessel is not invisible.
//  * speed at g: reported SOG interpolated between the two fixes when both have it, else the
//    one available, else the implied speed of the leg (distance / time), else unknown (-1).
// A track is (MMSI, segment): two transmitters sharing an MMSI never get averaged together.
//
// Grid step g is complete once the watermark passes g + max_gap (no later fix can still
// interpolate into it); complete steps are handed to on_step in time order with all points of
// that step. Track state is dropped max_gap after its last fix, so memory is bounded by the
// vessels active in the last hour plus one hour of grid points.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <queue>
#include <span>
#include <vector>

#include "detect/key_map.h"
#include "detect/min_queue.h"
#include "detect/state_io.h"
#include "track/fix.h"

namespace seawarden::detect {

struct GridPoint {
  std::uint32_t mmsi = 0;
  std::uint32_t segment = 0;
  double lat = 0, lon = 0;
  float speed_kn = -1;        // < 0 when unknown
  bool interpolated = false;  // false: a fix's own position snapped to its nearest grid time
};

struct ResampleParams {
  std::int64_t step_ms = 10 * 60 * 1000;
  std::int64_t max_gap_ms = 60 * 60 * 1000;  // interpolate across gaps strictly shorter
};

struct ResampleStats {
  std::uint64_t fixes = 0, points = 0, steps = 0;
  std::uint64_t out_of_order = 0;  // fix older than its track's last fix: ignored
  std::uint64_t late_points = 0;   // point for a step already handed over: dropped
};

class Resampler {
 public:
  using StepHandler = std::function<void(std::int64_t step_ms, std::span<const GridPoint> points)>;
  using EvictHandler = std::function<void(std::uint32_t mmsi)>;

  explicit Resampler(ResampleParams p = {});

  void add(const track::Fix& fix);
  // No fix older than t_ms will arrive: hand over every step that is now complete.
  void advance(std::int64_t t_ms);
  // A fix of this segment will come soon: start loading its track's slot, which holds the track.
  void prefetch_track(std::uint32_t mmsi, std::uint32_t segment) const {
    tracks_.prefetch_slot(static_cast<std::uint64_t>(mmsi) << 32 | segment);
  }
  // End of input: hand over everything still buffered.
  void finish();
  // Tracks, expiry schedule and buffered steps, for continuing a run (Pipeline::save_state).
  void save_state(StateWriter& out) const;
  void load_state(StateReader& in);

  StepHandler on_step;     // required
  EvictHandler on_evict;   // optional: a track went idle and its state was dropped

  const ResampleParams& params() const { return p_; }
  const ResampleStats& stats() const { return stats_; }
  std::size_t active_tracks() const { return tracks_.size(); }
  std::size_t longest_track_probe() const { return tracks_.max_displacement(); }

 private:
  struct Track {
    std::int64_t t = 0;        // last fix
    double lat = 0, lon = 0;
    float sog = -1;
    float last_speed = -1;     // implied/reported speed of the last leg, for a snapped tail
    std::int64_t emitted = INT64_MIN;  // last grid time given a point
  };
  struct Expiry {
    std::int64_t deadline;
    std::uint64_t key;
    bool operator>(const Expiry& o) const { return deadline > o.deadline; }
  };
  std::int64_t grid_floor(std::int64_t t) const;
  std::int64_t nearest_grid(std::int64_t t) const;
  void emit(std::int64_t g, const GridPoint& p);
  void emit_tail(std::uint64_t key, Track& tr);  // snapped point of the last fix, if pending
  void expire(std::int64_t t_ms);
  void flush_steps(std::int64_t up_to_ms);

  ResampleParams p_;
  ResampleStats stats_;
  // By MMSI << 32 | segment, hashed whole: one MMSI shared by many ships (a default such as
  // 123456789) opens a segment at nearly every fix, and homing a vessel's segments on one slot
  // made a probe run as long as its segments (1,000 ships on one MMSI: 128 us per fix).
  FlatKeyMap<Track> tracks_;
  MinQueue<Expiry> expiry_;
  // Buffered steps: buckets_[i] holds grid time first_step_ + i * step.
  std::deque<std::vector<GridPoint>> buckets_;
  std::vector<std::vector<GridPoint>> spare_;  // recycled bucket storage
  std::int64_t first_step_ = INT64_MIN;       // grid time of buckets_[0]
  std::int64_t done_before_ = INT64_MIN;      // steps < this were handed over
  std::int64_t watermark_ = INT64_MIN;
};

}  // namespace seawarden::detect
