// The interface every behaviour detector implements. The pipeline (detect/pipeline.h)
// feeds all detectors the same time-ordered stream of fixes and identity updates,
// advancing a watermark so detectors can close what can no longer change.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "detect/event.h"
#include "detect/state_io.h"
#include "track/fix.h"

namespace seawarden::detect {

using EventSink = std::function<void(Event&&)>;

// What detectors noticed and set aside instead of reporting, by description (for --stats).
using DetectorCounts = std::map<std::string, std::uint64_t>;

// What the pipeline knows of a vessel when it hands over a fix (for evidence fields).
struct VesselInfo {
  std::uint32_t mmsi = 0;
  std::string name, callsign, flag;  // flag: ISO 3166 alpha-2 from the MMSI's MID, or ""
  std::uint32_t imo = 0;
  std::uint8_t shiptype = 0;
  float length_m = 0, beam_m = 0, draught_m = 0;  // 0 when unknown
};

// The saved fields of a VesselInfo, one list for both directions (IO: StateWriter/StateReader).
template <class IO, class Info>
void info_fields(IO& io, Info& v) {
  io.pod(v.mmsi);
  io.text(v.name);
  io.text(v.callsign);
  io.text(v.flag);
  io.pod(v.imo);
  io.pod(v.shiptype);
  io.pod(v.length_m);
  io.pod(v.beam_m);
  io.pod(v.draught_m);
}

class Detector {
 public:
  virtual ~Detector() = default;
  virtual const char* kind() const = 0;
  // A fix, in non-decreasing time order across all vessels (after dedup and reordering);
  // `prev` is the same MMSI's previous fix (any segment), nullptr for its first.
  virtual void on_fix(const track::Fix& fix, const track::Fix* prev, const VesselInfo& vessel,
                      const EventSink& emit) = 0;
  // No fix older than `t_ms` will arrive any more; close what ended before it.
  virtual void on_watermark(std::int64_t t_ms, const EventSink& emit) {}
  // End of input: emit everything still open.
  virtual void finish(const EventSink& emit) = 0;
  // A fix of this vessel will come soon (after some others): start loading its state. `near`
  // is the second call, once the vessel's current segment is known. (Called only on detector
  // types that override it.)
  virtual void prefetch(std::uint32_t mmsi, std::uint32_t segment, bool near) {}
  // What is still open (windows, runs, pending events), so a later run can continue it
  // (Pipeline::save_state); load_state is called on a fresh detector before any fix.
  virtual void save_state(StateWriter& out) const {}
  virtual void load_state(StateReader& in) {}
  // Adds what it noticed and did not report (PipelineStats::set_aside).
  virtual void add_counts(DetectorCounts& counts) const {}
};

}  // namespace seawarden::detect
