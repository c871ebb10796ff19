// The detection pipeline: AIS messages -> track layer (reorder, dedup, segments,
// identities) -> every detector -> events, ordered by start time. Usable directly as an
// ais::Reader handler.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ais/message.h"
#include "detect/config.h"
#include "detect/detector.h"
#include "detect/event.h"
#include "track/fix.h"

namespace seawarden::screen {
class Matcher;
}

namespace seawarden::detect {

class ZoneSet;

struct PipelineStats {
  std::uint64_t messages = 0, without_rxtime = 0, ignored = 0, late = 0, duplicates = 0;
  std::uint64_t late_before_resume = 0;  // of `late`, before where a continued run had got to
  std::uint64_t clock_outliers = 0;      // dated far ahead of the rest and left out ([tracks] max_clock_jump)
  std::uint64_t bad_position = 0, fixes = 0, static_reports = 0;
  std::uint64_t vessels = 0, segments = 0, events = 0;  // vessels: records made (see forgotten)
  // Vessels forgotten after a silence beyond [tracks] forget_after (or forget_brief_after): a
  // vessel heard again after that counts twice in `vessels`.
  std::uint64_t forgotten = 0;
  std::map<std::string, std::uint64_t> events_by_kind;
  DetectorCounts set_aside;  // what detectors noticed and did not report, by description
  std::uint64_t crowded_points = 0;  // encounter grid positions in a crowd (one of set_aside)
  std::int64_t first_t_ms = INT64_MAX, last_t_ms = INT64_MIN;  // receive-time span of fixes
  std::size_t state_bytes = 0;  // approximate memory held by the track layer
  // Sorted runs of events written to a temporary file to keep memory bounded (see
  // event_spool.h), and whether writing one failed (the events then stayed in memory).
  std::size_t event_spill_runs = 0;
  bool event_spill_failed = false;
  // The same for messages held by sort_input().
  std::size_t input_spill_runs = 0;
  bool input_spill_failed = false;
  // Messages still in the reorder window after pause(): a continued run takes them on.
  std::uint64_t held = 0;
};

// A warning for a run that left messages out as late (older than what the reorder window had
// already released), saying why and what to do; empty when none were. `sorted`: the run used
// sort_input(), so the late ones can only precede where a continued run (loaded state) had got to.
std::string late_messages_warning(const PipelineStats& stats, std::int64_t reorder_window_ms, bool sorted);

// A warning for a run that left messages out because they carry no receive time (a raw
// receiver log without tag blocks, time prefixes or its GPS clock's sentences); empty when
// none did. Without it a run of such input ends silently with no events.
std::string untimed_messages_warning(const PipelineStats& stats);

// A note for a run whose encounter or loitering detector is to keep away from ports but has no
// zone of kind port or anchorage to measure from (no --zones, or none of those kinds): every
// ship waiting at anchor then counts. Empty when the zones allow it or those detectors are off.
std::string port_exclusion_note(const Config& config, const ZoneSet* zones);

// A warning for a run that left out messages dated far ahead of the rest of the input (see
// track::ReorderBuffer); empty when none were. Without the hold one such time made every later
// message late.
std::string clock_outliers_warning(const PipelineStats& stats, std::int64_t max_jump_ms);

// A note for a run in which crowds (EncounterConfig::crowd_limit) made no encounter pairs: a
// harbour without zones, or positions spoofed onto one point, which the analyst should know of.
// Empty when there was none.
std::string crowd_note(const PipelineStats& stats, const Config& config);

// What a finished or paused run tells the analyst on stderr, in order: the warnings above (late,
// untimed, clock outliers) and the crowd note. `sorted`: as for late_messages_warning.
struct RunMessage {
  bool warning;  // else a note
  std::string text;
};
std::vector<RunMessage> run_messages(const PipelineStats& stats, const Config& config, bool sorted);

// What a run says when input_out_of_order() makes it read its input again, sorted.
std::string reread_notice(const PipelineStats& stats, std::int64_t reorder_window_ms);

// True when at least 1% of the messages were late for a reason sorting this run's input removes:
// input out of time order as a whole (several receivers' files one after the other, a CSV sorted
// by vessel). Fewer are the usual stragglers of satellite or multi-station feeds; messages before
// where a continued run had got to (late_before_resume) are not counted.
bool input_out_of_order(const PipelineStats& stats);

class Pipeline {
 public:
  // zones and matcher are nullable (no zone_visit / no sanctions_hit without them); both must
  // outlive the pipeline.
  Pipeline(const Config& cfg, const ZoneSet* zones, const screen::Matcher* matcher);
  ~Pipeline();
  Pipeline(const Pipeline&) = delete;
  Pipeline& operator=(const Pipeline&) = delete;

  void on_message(const ais::Received& rec);
  // Flushes the reorder buffer, closes every detector, then delivers all events in order
  // (start time, end time, kind, vessels) to on_event.
  void finish();

  std::function<void(const Event&)> on_event;
  std::function<void(const track::Fix&, const VesselInfo&)> on_fix;
  std::function<void(std::uint32_t mmsi, std::int64_t t_ms, const VesselInfo&)> on_identity;

  const PipelineStats& stats() const;
  // Events held in memory before a sorted run is written to a temporary file (default
  // EventSpool::kDefaultMemoryEvents); the output does not depend on it.
  void set_event_memory_limit(std::size_t events);

  // For input not in time order (several receivers' files one after the other, a CSV export
  // sorted by vessel), which the reorder window would mostly drop as late: every message is
  // held instead (beyond `memory_messages`, 128 bytes each, in sorted runs in a temporary
  // file) and the whole input goes to the track layer in receive-time order (ties in arrival
  // order) at finish() or pause(). Call before the first message.
  static constexpr std::size_t kDefaultSortMemory = std::size_t{1} << 19;
  void sort_input(std::size_t memory_messages = kDefaultSortMemory);

  // Instead of finish() when the input continues in a later run: delivers the events closed
  // so far (in order) and keeps open windows, pending events and the reorder window for
  // save_state(). Events still open come in the run that closes them.
  void pause();

  // Everything a later run needs to continue (after pause(): as if the input had not been
  // split; after finish(): tracks, segments and identities only, the windows being closed).
  std::string save_state() const;
  // Restores what save_state() wrote (before the first message), with the same detector
  // configuration (sections of detectors disabled since are dropped; zones matched by id).
  // Throws std::runtime_error on a corrupt or foreign blob.
  void load_state(std::string_view blob);

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace seawarden::detect
