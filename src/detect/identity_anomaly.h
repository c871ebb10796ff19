// identity_anomaly: default_mmsi, mmsi_is_imo, unallocated_mid, invalid_imo, imo_shared (docs/detectors.md).
#pragma once

#include <unordered_map>
#include <vector>

#include "detect/config.h"
#include "detect/key_map.h"
#include "detect/track_detector.h"

namespace seawarden::detect {

class IdentityAnomalyDetector : public TrackDetector {
 public:
  explicit IdentityAnomalyDetector(const IdentityAnomalyConfig& cfg) : cfg_(cfg) {}
  const char* kind() const override { return "identity_anomaly"; }
  void on_static(const track::Vessel& vessel, const VesselInfo& info, const track::Observation& obs,
                 const track::IdentityUpdate& update, const EventSink& emit) override;
  void finish(const track::Tracker& tracker, const EventSink& emit) override;
  void forget(const track::Tracker& tracker, const track::Vessel& vessel, const VesselInfo& info,
              const EventSink& emit) override;
  void prefetch(const track::Observation& obs, bool near) override {
    if (!(obs.report.has & track::StaticReport::kImo)) return;
    if (near) by_imo_.prefetch_value(obs.report.imo);
    else by_imo_.prefetch_slot(obs.report.imo);
  }
  void save_state(StateWriter& out) const override;
  void load_state(StateReader& in) override;

 private:
  struct Span {
    std::uint32_t imo = 0;
    std::int64_t first_ms = 0, last_ms = 0;
    bool shared = false;
    // Its vessel was forgotten and its event given then: still one of the others of the IMO's
    // holders, not reported again (in the padding: the saved layout is unchanged).
    bool reported = false;
  };
  using Holders = std::vector<std::pair<std::uint32_t, Span>>;  // of one IMO: (MMSI, span)
  void report_vessel(const track::Vessel& v, const EventSink& emit) const;  // what its MMSI says
  void report_invalid_imo(const track::Vessel& v, const Span& s, const EventSink& emit) const;
  // The holders of an IMO other than `mmsi` flagged as sharing it (imo_shared's other_mmsis).
  static std::vector<std::uint32_t> others_sharing(const Holders& holders, std::uint32_t mmsi);
  void emit_event(const track::Vessel& v, const char* reason, std::int64_t start, std::int64_t end,
                  nlohmann::json extra, const EventSink& emit) const;

  IdentityAnomalyConfig cfg_;
  std::unordered_map<std::uint32_t, Span> invalid_imo_;              // MMSI -> invalid IMO seen
  KeyMap<Holders> by_imo_;  // IMO -> (MMSI, span)
  // imo_shared events of forgotten vessels, given at the end with the other MMSIs sharing then
  // (as if the vessel had stayed: its own flag cannot change once it is silent for longer than
  // the window, the others' can).
  std::vector<Event> shared_forgotten_;
};

}  // namespace seawarden::detect
