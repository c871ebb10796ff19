// identity_change: confirmed changes of broadcast name, callsign, imo, shiptype, and flag
// hopping (one IMO under MMSIs of different flags). See docs/detectors.md.
#pragma once

#include <set>
#include <unordered_map>

#include "detect/config.h"
#include "detect/key_map.h"
#include "detect/track_detector.h"

namespace seawarden::detect {

class IdentityChangeDetector : public TrackDetector {
 public:
  explicit IdentityChangeDetector(const IdentityChangeConfig& cfg) : cfg_(cfg) {}
  const char* kind() const override { return "identity_change"; }
  void on_static(const track::Vessel& vessel, const VesselInfo& info, const track::Observation& obs,
                 const track::IdentityUpdate& update, const EventSink& emit) override;
  void finish(const track::Tracker&, const EventSink&) override {}
  void prefetch(const track::Observation& obs, bool near) override {
    if (!(obs.report.has & track::StaticReport::kImo)) return;
    if (near) imo_holder_.prefetch_value(obs.report.imo);
    else imo_holder_.prefetch_slot(obs.report.imo);
  }
  void save_state(StateWriter& out) const override;
  void load_state(StateReader& in) override;

 private:
  struct ImoHolder {
    std::uint32_t mmsi = 0;
    char flag[3] = {};
  };
  IdentityChangeConfig cfg_;
  KeyMap<ImoHolder> imo_holder_;  // IMO -> last MMSI broadcasting it
  std::set<std::pair<std::uint32_t, std::uint32_t>> hops_reported_;  // (IMO, MMSI)
};

}  // namespace seawarden::detect
