// draught_change: the type-5 draught changes by at least min_delta_m; tells whether the
// change happened across an encounter, a port call or a gap, and for encounters estimates
// the cargo moved (docs/detectors.md).
#pragma once

#include <unordered_map>
#include <vector>

#include "detect/config.h"
#include "detect/key_map.h"
#include "detect/track_detector.h"

namespace seawarden::detect {

struct CargoEstimate {
  double tonnes = 0, barrels = 0, block_coefficient = 0;
};
// |delta| x length x beam x Cb x sea-water density; barrels as medium crude (0.86 t/m3).
CargoEstimate estimate_cargo(double delta_m, double length_m, double beam_m, std::uint8_t shiptype);
extern const char* const kCargoAssumptions;

class DraughtChangeDetector : public TrackDetector {
 public:
  explicit DraughtChangeDetector(const DraughtChangeConfig& cfg) : cfg_(cfg) {}
  const char* kind() const override { return "draught_change"; }
  void on_static(const track::Vessel& vessel, const VesselInfo& info, const track::Observation& obs,
                 const track::IdentityUpdate& update, const EventSink& emit) override;
  void on_event(const Event& event) override;
  void finish(const track::Tracker& tracker, const EventSink& emit) override;
  void forget(const track::Tracker& tracker, const track::Vessel& vessel, const VesselInfo& info,
              const EventSink& emit) override;
  void prefetch(const track::Observation& obs, bool near) override {
    if (!(obs.report.has & track::StaticReport::kDraught)) return;
    if (near) state_.prefetch_value(obs.mmsi);
    else state_.prefetch_slot(obs.mmsi);
  }
  void save_state(StateWriter& out) const override;
  void load_state(StateReader& in) override;

 private:
  struct State {
    float baseline = 0;
    std::int64_t baseline_last_ms = 0;
    float candidate = 0;
    std::int64_t candidate_first_ms = 0;
    int candidate_count = 0;
  };
  struct Context {  // an event a change may have happened across
    std::uint8_t kind;  // kEncounter, kPortCall or kGap
    // For an encounter whose partner has been forgotten: whether it reported draught and
    // dimensions (kPartnerSized / kPartnerUnsized), as its record said then; kPartnerLive while
    // its record is the tracker's. (A byte that was padding: earlier states load with 0 here.)
    std::uint8_t partner_snapshot = kPartnerLive;
    std::int64_t start_ms, end_ms;
    std::uint32_t partner;
  };
  static constexpr std::uint8_t kEncounter = 0, kPortCall = 1, kGap = 2;
  static constexpr std::uint8_t kPartnerLive = 0, kPartnerSized = 1, kPartnerUnsized = 2;
  // Says across what the change happened, and estimates the cargo of one across an encounter.
  void resolve(Event& e, const track::Tracker& tracker) const;

  DraughtChangeConfig cfg_;
  KeyMap<State> state_;  // by MMSI
  std::vector<Event> pending_;  // resolved at the end, once every encounter is known
  KeyMap<std::vector<Context>> context_;  // by MMSI
};

}  // namespace seawarden::detect
