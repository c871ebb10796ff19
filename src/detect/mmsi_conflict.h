// mmsi_conflict: two segments of one MMSI active at once far apart (docs/detectors.md).
#pragma once

#include <unordered_map>
#include <vector>

#include "detect/config.h"
#include "detect/track_detector.h"

namespace seawarden::detect {

class MmsiConflictDetector : public TrackDetector {
 public:
  explicit MmsiConflictDetector(const MmsiConflictConfig& cfg) : cfg_(cfg) {}
  const char* kind() const override { return "mmsi_conflict"; }
  void on_track_fix(const track::Vessel& vessel, const VesselInfo& info, const track::Fix& fix,
                    const track::Fix* prev, const track::SegmentDecision& decision,
                    const EventSink& emit) override;
  void on_watermark(std::int64_t t_ms, const track::Tracker& tracker, const EventSink& emit) override;
  void finish(const track::Tracker& tracker, const EventSink& emit) override;
  void forget(const track::Tracker& tracker, const track::Vessel& vessel, const VesselInfo& info,
              const EventSink& emit) override;
  void save_state(StateWriter& out) const override;
  void load_state(StateReader& in) override;

  // Start of the MMSI's current (or last) conflict period once it has enough switches;
  // INT64_MIN when none. Used by position_jump to drop jumps that were a second transmitter.
  std::int64_t confirmed_since(std::uint32_t mmsi, std::int64_t* last_switch_ms = nullptr) const;
  // Start of an open period that does not have enough switches yet; INT64_MIN when none.
  std::int64_t unconfirmed_since(std::uint32_t mmsi) const;

 private:
  struct Period {
    std::int64_t start_ms = 0, last_ms = 0;
    double lat = 0, lon = 0, other_lat = 0, other_lon = 0;
    double max_km = 0;
    int switches = 0;
    std::vector<std::uint32_t> segments;
    VesselInfo info;
  };
  void close(std::uint32_t mmsi, Period& p, const EventSink& emit);

  MmsiConflictConfig cfg_;
  std::unordered_map<std::uint32_t, Period> open_;
  std::unordered_map<std::uint32_t, std::pair<std::int64_t, std::int64_t>> confirmed_;  // start, last
  // At most the smallest `last` in open_ / confirmed_ (exact after each sweep, lowered as
  // entries come): a watermark sweeps a map only when its oldest entry can have expired,
  // instead of walking every node each minute.
  std::int64_t oldest_open_ms_ = INT64_MAX, oldest_confirmed_ms_ = INT64_MAX;
};

}  // namespace seawarden::detect
