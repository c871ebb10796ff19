// gap: a vessel stops transmitting for at least min_duration (docs/detectors.md).
#pragma once

#include <unordered_map>
#include <vector>

#include "detect/config.h"
#include "detect/key_map.h"
#include "detect/min_queue.h"
#include "detect/track_detector.h"

namespace seawarden::detect {

class GapDetector : public TrackDetector {
 public:
  explicit GapDetector(const GapConfig& cfg) : cfg_(cfg) {}
  const char* kind() const override { return "gap"; }
  void on_track_fix(const track::Vessel& vessel, const VesselInfo& info, const track::Fix& fix,
                    const track::Fix* prev, const track::SegmentDecision& decision,
                    const EventSink& emit) override;
  void on_static(const track::Vessel& vessel, const VesselInfo& info, const track::Observation& obs,
                 const track::IdentityUpdate& update, const EventSink& emit) override;
  void on_watermark(std::int64_t t_ms, const track::Tracker& tracker, const EventSink& emit) override;
  void add_counts(DetectorCounts& counts) const override;
  void finish(const track::Tracker& tracker, const EventSink& emit) override;
  void forget(const track::Tracker& tracker, const track::Vessel& vessel, const VesselInfo& info,
              const EventSink& emit) override;
  void save_state(StateWriter& out) const override;
  void load_state(StateReader& in) override;

  std::size_t watches() const { return watches_.size(); }

 private:
  // A silent vessel whose surroundings are being watched (vessels_nearby).
  struct Watch {
    double lat = 0, lon = 0;
    std::int64_t since_ms = 0;
    float draught_m = 0;
    std::vector<std::uint32_t> nearby;  // distinct MMSIs, ascending, capped
    std::vector<std::uint64_t> cells;
    // Where it sits in each cell's list (kNotListed: nowhere), so leaving a cell costs one swap
    // however many silent vessels the cell lists (a scan there made a dense feed quadratic).
    std::vector<std::uint32_t> cell_pos;
  };
  static constexpr std::uint32_t kNotListed = ~std::uint32_t{0};
  static std::uint64_t cell_of(double lat, double lon);
  void add_watch(const track::Vessel& v, std::int64_t now);
  void drop_watch(std::uint32_t mmsi);
  void leave_cells(std::uint32_t mmsi, Watch& w);
  void index_cell_lists();  // cell_pos of every watch from the lists (after loading a state)
  void emit_pending(std::uint32_t mmsi, const EventSink& emit);
  void heard(std::int64_t t_ms, std::uint32_t mmsi);  // any message of any vessel: tells feed outages
  std::int64_t outage_ms(std::int64_t from, std::int64_t to) const;  // outage time within [from, to]

  GapConfig cfg_;
  KeyMap<Watch> watches_;                      // by MMSI
  // When each watch began (its since_ms), oldest first, to end them at their lifetime without
  // walking every watch at each sweep. Entries of watches gone since are passed over.
  struct WatchStart {
    std::int64_t since_ms;
    std::uint32_t mmsi;
    bool operator>(const WatchStart& o) const { return since_ms != o.since_ms ? since_ms > o.since_ms : mmsi > o.mmsi; }
  };
  MinQueue<WatchStart> watch_starts_;
  // A watch as listed in a grid cell: enough for the box pre-test without touching the Watch.
  struct CellEntry {
    std::uint32_t mmsi;
    float lat, lon, dlat, dlon;
  };
  KeyMap<std::vector<CellEntry>> grid_;  // cell -> watches covering it
  std::unordered_map<std::uint32_t, Event> awaiting_draught_;  // gap events waiting for draught_after
  std::vector<std::uint32_t> saturated_;  // scratch: watches that reached kMaxNearby
  std::int64_t last_sweep_ms_ = INT64_MIN;
  // Feed outages: spans of at least feed_outage with no message of any vessel, in time order.
  // A silence is an outage only after a busy feed: kBusyVessels distinct MMSIs heard in the
  // feed_outage-long window of the last message or the one before (one vessel's own track, or
  // a quiet local receiver, is silent whenever its ships are).
  static constexpr std::size_t kBusyVessels = 5;
  std::int64_t last_heard_ms_ = INT64_MIN;
  std::int64_t window_ = INT64_MIN;                  // index of the current window
  std::int64_t window_end_ms_ = INT64_MIN;           // where it ends (derived from window_ when needed)
  std::vector<std::uint32_t> window_vessels_;        // distinct MMSIs in it, up to kBusyVessels
  std::uint64_t previous_window_vessels_ = 0;        // in the window before it
  std::vector<std::pair<std::int64_t, std::int64_t>> outages_;
  std::uint64_t explained_by_outage_ = 0;
};

}  // namespace seawarden::detect
