// Loitering: one vessel slower than max_speed_kn (2 kn) for at least min_duration (4 h), alone
// (no possible encounter partner at the time: no other vessel within the encounter distance,
// 500 m, that is itself slower than the encounter speed, 2 kn — a ship steaming past does not
// end a loitering period), farther than
// min_port_distance_km (10 km) from any zone of kind "port" or "anchorage" — so ships at anchor
// in or near a port/anchorage are not loitering.
//
// Works on the same 10-minute grid as encounters (resample.h). A loitering period is a run of
// grid steps where the vessel is slow (known speed < max_speed_kn) and alone; a step where it
// is fast, has a partner within range, or has unknown speed ends the run; up to
// EncounterDetector::kMaxSeparationSteps (2) steps without any position (data gap) are bridged.
// start/end = first/last step of the run; duration = end - start. A step nearer than
// min_port_distance_km to a port or anchorage is not a loitering step (it ends the run, as a
// port stay is no loitering); the run's median position (the event lat/lon) is checked again
// when it closes. One event per run.
//
// Pass the pipeline's EncounterDetector as `shared` to reuse its resampling and neighbour search
// (then this detector's own on_fix only records identities); without it, it runs its own.
#pragma once

#include <memory>
#include <optional>

#include "detect/encounter.h"
#include "detect/presence_filter.h"

namespace seawarden::detect {

struct LoiteringStats {
  std::uint64_t runs = 0, events = 0, rejected_short = 0, rejected_port = 0;
  std::uint64_t near_port_steps = 0;  // slow and alone, but too near a port to count
};

class LoiteringDetector : public Detector {
 public:
  LoiteringDetector(const LoiteringConfig& cfg, const EncounterConfig& encounter_cfg, const ZoneSet* zones,
                    EncounterDetector* shared = nullptr);
  const char* kind() const override { return "loitering"; }
  void on_fix(const track::Fix& fix, const track::Fix* prev, const VesselInfo& vessel,
              const EventSink& emit) override;
  void on_watermark(std::int64_t t_ms, const EventSink& emit) override;
  void finish(const EventSink& emit) override;
  void save_state(StateWriter& out) const override;
  void load_state(StateReader& in) override;

  // Use the pipeline's identities instead of recording them from every fix.
  void set_identity_source(IdentitySource source) { identity_source_ = std::move(source); }

  const LoiteringStats& stats() const { return stats_; }
  std::size_t open_runs() const { return runs_.size(); }

 private:
  struct Run {
    std::int64_t first_ms = 0, last_ms = 0;
    std::vector<float> speed;
    std::vector<double> lat, lon;
    VesselIdentity id;
  };
  void on_step(const StepView& step);
  void close_run(std::uint32_t mmsi, Run& r);
  void drain(const EventSink& emit);
  void erase_run(std::unordered_map<std::uint32_t, Run>::iterator it);
  void rebuild_filter();

  LoiteringConfig cfg_;
  std::int64_t step_ms_;
  const ZoneSet* zones_;
  PortProximity ports_;
  IdentitySource identity_source_;
  EncounterDetector* shared_;
  // Own resampling + neighbour search when not sharing the encounter detector's.
  std::unique_ptr<Resampler> resampler_;
  std::unique_ptr<NeighbourGrid> grid_;
  std::vector<std::uint8_t> has_partner_;
  IdentityCache ids_;
  std::int64_t last_id_gc_ms_ = INT64_MIN;
  std::unordered_map<std::uint32_t, Run> runs_;
  PresenceFilter with_runs_;  // the MMSIs of runs_, answering "certainly not" from cache
  std::vector<std::uint32_t> closing_;
  std::vector<Event> pending_;
  LoiteringStats stats_;
};

}  // namespace seawarden::detect
