// position_jump: an impossible move of one identity that the segmenter did not explain as
// a second ship (docs/detectors.md).
#pragma once

#include <deque>

#include "detect/config.h"
#include "detect/mmsi_conflict.h"
#include "detect/track_detector.h"

namespace seawarden::detect {

class PositionJumpDetector : public TrackDetector {
 public:
  // `conflicts` (nullable) tells which jumps were really a second transmitter.
  PositionJumpDetector(const PositionJumpConfig& cfg, const MmsiConflictDetector* conflicts)
      : cfg_(cfg), conflicts_(conflicts) {}
  const char* kind() const override { return "position_jump"; }
  void on_track_fix(const track::Vessel& vessel, const VesselInfo& info, const track::Fix& fix,
                    const track::Fix* prev, const track::SegmentDecision& decision,
                    const EventSink& emit) override;
  void on_watermark(std::int64_t t_ms, const track::Tracker& tracker, const EventSink& emit) override;
  void finish(const track::Tracker& tracker, const EventSink& emit) override;
  void save_state(StateWriter& out) const override;
  void load_state(StateReader& in) override;
  void add_counts(DetectorCounts& counts) const override;

 private:
  void resolve(Event& e, const EventSink& emit);
  bool explained_by_latency(const track::Fix& a, const track::Fix& b, double km) const;
  PositionJumpConfig cfg_;
  const MmsiConflictDetector* conflicts_;
  std::deque<Event> pending_;  // candidates, in time order, until max_dt has passed
  std::uint64_t delayed_reports_ = 0;  // jumps set aside as reports delayed on their way
};

}  // namespace seawarden::detect
