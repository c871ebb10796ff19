// zone_visit: every entry -> exit of every zone (zones.h) by a vessel (MMSI).
//
// Sparse sampling (satellite AIS may report every few hours) is handled like this:
//  * entry: when the last fix outside is less than interp_max_gap (1 h) before the first fix
//    inside, the boundary crossing is located on the straight leg between them (bisection,
//    time interpolated) — entry_interpolated: true; otherwise the entry is the first fix inside.
//  * exit: symmetric — the crossing between the last fix inside and the first fix outside when
//    they are less than 1 h apart, else the last fix inside (a vessel silent for days then seen
//    far away did not dwell there all that time). exit_reason: "crossing" or "after_gap".
//  * a vessel silent for idle_close (24 h) while inside, or still inside at the end of input,
//    ends its visit at its last fix inside (exit_reason "idle" / "end_of_input").
// Fields: zone, zone_name, zone_kind, dwell_h (end - start), min_speed_kn (lowest reported SOG
// inside, or implied speed between fixes inside >= 2 min apart when no SOG; null if neither),
// port_call (zone kind port/anchorage and min_speed_kn < port_call_max_speed_kn), fixes inside,
// the vessel's name/imo/callsign/flag. lat/lon = first fix inside.
#pragma once

#include <queue>
#include <unordered_map>
#include <vector>

#include "detect/config.h"
#include "detect/detector.h"
#include "detect/encounter.h"
#include "detect/key_map.h"
#include "detect/min_queue.h"
#include "detect/presence_filter.h"
#include "detect/small_vec.h"
#include "detect/zones.h"

namespace seawarden::detect {

struct ZoneVisitStats {
  std::uint64_t fixes = 0, entries = 0, events = 0;
};

class ZoneVisitDetector : public Detector {
 public:
  static constexpr std::int64_t kInterpolateMaxGapMs = kHourMs;
  static constexpr std::int64_t kIdleCloseMs = kDayMs;

  ZoneVisitDetector(const ZoneVisitConfig& cfg, const ZoneSet* zones);
  const char* kind() const override { return "zone_visit"; }
  void on_fix(const track::Fix& fix, const track::Fix* prev, const VesselInfo& vessel,
              const EventSink& emit) override;
  void on_watermark(std::int64_t t_ms, const EventSink& emit) override;
  void finish(const EventSink& emit) override;
  void save_state(StateWriter& out) const override;
  void load_state(StateReader& in) override;
  void prefetch(std::uint32_t mmsi, std::uint32_t, bool near) override {
    if (!near) {
      present_.prefetch(mmsi);
      vessels_.prefetch_slot(mmsi);
    } else if (present_.maybe(mmsi)) {
      vessels_.prefetch_value(mmsi);
    }
  }

  // Use the pipeline's identities instead of recording them from fixes.
  void set_identity_source(IdentitySource source) { identity_source_ = std::move(source); }

  const ZoneVisitStats& stats() const { return stats_; }
  std::size_t tracked_vessels() const { return vessels_.size(); }

 private:
  struct Visit {
    std::uint32_t zone = 0;
    std::int64_t entry_ms = 0;
    bool entry_interpolated = false;
    double lat = 0, lon = 0;  // first fix inside
    std::int64_t last_ms = 0;
    double last_lat = 0, last_lon = 0;
    float min_speed = -1;
    std::uint32_t fixes = 0;
  };
  // Kept only while the vessel is inside some zone (the entry crossing uses the tracker's
  // previous fix), so the vessels at sea cost no state and no lookup.
  struct Vessel {
    std::int64_t t = 0;  // last fix
    double lat = 0, lon = 0;
    std::uint64_t born = 0;   // tells this record's expiry entries from an earlier record's
    SmallVec<Visit, 2> open;  // sorted by zone
  };
  struct Expiry {
    std::int64_t deadline;
    std::uint32_t mmsi;
    std::uint64_t born;
    bool operator>(const Expiry& o) const { return deadline > o.deadline; }
  };
  Vessel& start_tracking(std::uint32_t mmsi, const track::Fix& fix, const track::Fix* prev);
  void stop_tracking(std::uint32_t mmsi);
  std::int64_t crossing_ms(std::uint32_t zone, const Vessel& from, const track::Fix& to, bool entering) const;
  void close_visit(std::uint32_t mmsi, const Visit& v, std::int64_t end_ms, bool exit_interpolated,
                   const char* reason);
  void expire(std::int64_t t_ms);
  void drain(const EventSink& emit);

  ZoneVisitConfig cfg_;
  const ZoneSet* zones_;
  KeyMap<Vessel> vessels_;  // by MMSI: the vessels inside some zone
  PresenceFilter present_;   // the same MMSIs, answering "certainly not" from cache
  std::uint64_t next_born_ = 0;
  MinQueue<Expiry> expiry_;
  IdentityCache ids_;  // without an identity source
  IdentitySource identity_source_;
  std::vector<std::uint32_t> here_;  // scratch: zones containing the current fix
  std::vector<Visit> next_open_;     // scratch
  std::vector<Event> pending_;
  ZoneVisitStats stats_;
};

}  // namespace seawarden::detect
