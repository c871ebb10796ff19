// Internal interface of the detectors that work on the track layer's output directly
// (gap, position_jump, mmsi_conflict, identity_*, draught_change, sanctions_hit): they
// see the previous fix, the segmenter's decision and identity updates, and other
// detectors' events, which the generic Detector interface does not carry.
#pragma once

#include <cstdint>

#include "detect/detector.h"
#include "track/tracker.h"

namespace seawarden::detect {

// The per-message hooks (on_track_fix, on_static, prefetch) are called only on detector types
// that override them: the pipeline reads that from the type when it adds the detector.
class TrackDetector {
 public:
  virtual ~TrackDetector() = default;
  virtual const char* kind() const = 0;
  virtual void on_track_fix(const track::Vessel& vessel, const VesselInfo& info, const track::Fix& fix,
                            const track::Fix* prev, const track::SegmentDecision& decision,
                            const EventSink& emit) {}
  virtual void on_static(const track::Vessel& vessel, const VesselInfo& info,
                         const track::Observation& obs, const track::IdentityUpdate& update,
                         const EventSink& emit) {}
  // An event of any detector (including this one), when emitted.
  virtual void on_event(const Event& event) {}
  virtual void on_watermark(std::int64_t t_ms, const track::Tracker& tracker, const EventSink& emit) {}
  virtual void finish(const track::Tracker& tracker, const EventSink& emit) = 0;
  // The vessel is forgotten (TrackSink::on_forget; its record still whole): report what finish()
  // would report of it and drop its state, as for a vessel never seen.
  virtual void forget(const track::Tracker& tracker, const track::Vessel& vessel, const VesselInfo& info,
                      const EventSink& emit) {}
  // A static report (obs.has_static) will come soon: start loading the state it will touch,
  // first the map slot (near = false), a few messages later the value (near = true).
  virtual void prefetch(const track::Observation& obs, bool near) {}
  // See Detector::save_state.
  virtual void save_state(StateWriter& out) const {}
  virtual void load_state(StateReader& in) {}
  // Adds what it set aside instead of reporting (DetectorCounts).
  virtual void add_counts(DetectorCounts& counts) const {}
};

// Identity fields shared by every event of one vessel.
void add_identity_fields(const VesselInfo& info, nlohmann::json& fields);

}  // namespace seawarden::detect
