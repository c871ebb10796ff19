// sanctions_hit: a vessel whose broadcast IMO, MMSI, call sign or name matches a listed
// vessel, through the screening engine's vessel lookup (docs/detectors.md).
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "detect/config.h"
#include "detect/track_detector.h"

namespace seawarden::screen {
class Matcher;
}

namespace seawarden::detect {

class SanctionsHitDetector : public TrackDetector {
 public:
  SanctionsHitDetector(const SanctionsHitConfig& cfg, const screen::Matcher& matcher)
      : cfg_(cfg), matcher_(matcher) {}
  const char* kind() const override { return "sanctions_hit"; }
  void on_track_fix(const track::Vessel& vessel, const VesselInfo& info, const track::Fix& fix,
                    const track::Fix* prev, const track::SegmentDecision& decision,
                    const EventSink& emit) override;
  void on_static(const track::Vessel& vessel, const VesselInfo& info, const track::Observation& obs,
                 const track::IdentityUpdate& update, const EventSink& emit) override;
  void finish(const track::Tracker& tracker, const EventSink& emit) override;
  void forget(const track::Tracker& tracker, const track::Vessel& vessel, const VesselInfo& info,
              const EventSink& emit) override;
  void save_state(StateWriter& out) const override;
  void load_state(StateReader& in) override;

 private:
  struct Hit {
    std::string list, entry_id, matched_on, listed_name, value;  // value: the matching broadcast identity
    double score = 0;
    std::int64_t first_ms = 0, last_ms = 0;
    // The entry's first IMO, MMSI and call sign, and which of the three agree with / differ from
    // the broadcast identity that matched last (bits 0-2); unknown for hits of an older state.
    std::string listed[3];
    std::uint8_t agrees = 0, differs = 0;
    bool agreement_known = false;
  };
  void query(const track::Vessel& vessel, std::int64_t t_ms, const track::StaticReport* report);
  void report(const track::Vessel& v, const std::vector<Hit>& hits, const EventSink& emit) const;
  void refresh_last(const track::Vessel& vessel, const track::Observation& obs);

  SanctionsHitConfig cfg_;
  const screen::Matcher& matcher_;
  std::unordered_map<std::uint32_t, std::vector<Hit>> hits_;
};

}  // namespace seawarden::detect
