// Splits one MMSI's positions into segments that can each belong to a single ship, in the
// manner of Global Fishing Watch's gpsdio-segment: a new fix joins the open segment whose
// end it continues most plausibly (distance to where dead reckoning from either end puts
// it, compared with what a ship at max_speed could cover); if none can, it opens a segment.
#pragma once

#include <array>
#include <cstdint>

#include "track/fix.h"

namespace seawarden::track {

struct SegmenterParams {
  double max_speed_kn = 30;
  double noise_dist_km = 1;
  std::int64_t max_idle_ms = 24LL * 3600 * 1000;
  std::int64_t buffer_ms = 15LL * 60 * 1000;  // time padding: position noise over short intervals
  double penalty_hours = 4;                    // long intervals count as shorter (ships wander)
  int max_open_segments = 8;
};

inline constexpr int kMaxOpenSegments = 8;

// The end of one open segment: all the segmenter needs to continue it.
struct SegmentEnd {
  std::int64_t t_ms = 0;
  float lat = 0, lon = 0, sog = -1, cog = -1;
  std::uint32_t id = 0;
  std::uint32_t count = 0;
};

// Per-MMSI segmenter state (fixed size: memory bounded by vessels).
// The counts first: with them and open[0] a vessel with one segment touches one cache line here.
struct SegmentSet {
  std::uint8_t n_open = 0;
  std::uint32_t next_id = 1;
  std::array<SegmentEnd, kMaxOpenSegments> open{};
};

struct SegmentDecision {
  std::uint32_t segment = 0;
  bool opened = false;        // the fix opened a new segment
  bool joined_other = false;  // it continued an existing segment other than the previous fix's
};

class Segmenter {
 public:
  explicit Segmenter(const SegmenterParams& params = {});
  // Assigns fix to a segment of `set`; `prev_segment` is the segment of the MMSI's previous fix
  // (0 when none). Updates the set; returns the decision (fix.segment is not modified).
  SegmentDecision assign(SegmentSet& set, const Fix& fix, std::uint32_t prev_segment) const;

  // How well `fix` continues `end` (0 = impossible); exposed for tests.
  double match_metric(const SegmentEnd& end, const Fix& fix) const;

  std::uint64_t segments_opened() const { return opened_; }

 private:
  SegmenterParams p_;
  double buffer_h_;
  double noise_nm_;
  mutable std::uint64_t opened_ = 0;
};

}  // namespace seawarden::track
