// The track layer: received messages -> time-ordered, deduplicated fixes assigned to
// segments, plus an identity registry per MMSI. Memory is bounded by the number of
// vessels (one fixed-size record each) and the reorder window.
#pragma once

#include <cstdint>
#include <vector>

#include "ais/message.h"
#include "track/fix.h"
#include "track/flat_map.h"
#include "track/identity.h"
#include "track/observation.h"
#include "track/reorder.h"
#include "track/segmenter.h"

namespace seawarden::track {

struct TrackerParams {
  std::int64_t reorder_window_ms = 5 * 60 * 1000;
  std::int64_t dedup_window_ms = 2000;
  std::int64_t max_clock_jump_ms = 0;  // see ReorderBuffer (0: off)
  int identity_confirmations = 2;
  SegmenterParams segmenter;
  // A vessel silent for longer than this is forgotten (0: never): its next message starts a new
  // record, as if never seen, and Tracker::forget_idle() frees the record meanwhile. Vessels
  // heard fewer than kBriefMessages times and never named (no IMO, name or call sign: mostly
  // MMSIs of corrupted messages) use the second.
  std::int64_t forget_after_ms = 0;
  std::int64_t forget_brief_after_ms = 0;
  static constexpr std::uint64_t kBriefMessages = 3;
};

// Laid out for the position report, the common message: everything it reads or writes (counters,
// last fix, duplicate test, the first open segment) packs into the record's first 128 bytes, and
// records start on a cache line, so a report touches two lines of it. What only static reports
// or rare events use comes after.
struct alignas(64) Vessel {
  std::uint32_t mmsi = 0;
  bool has_fix = false;
  // Duplicate detection: the last position report's raw position and type (its time is
  // last_fix.t_ms, see dedup_t_ms()) and, below, the last static report's hash and time.
  std::uint8_t dedup_type = 0;
  std::int32_t dedup_lat = 0, dedup_lon = 0;
  std::int64_t last_t_ms = INT64_MIN;  // any message used
  std::uint64_t messages = 0, fixes = 0;
  Fix last_fix;
  SegmentSet segments;
  std::int64_t first_t_ms = INT64_MIN;  // any message used (set when messages goes from 0 to 1)
  std::uint64_t static_hash = 0;
  std::int64_t static_t_ms = INT64_MIN;
  IdentityRegistry identity;

  // The time of the last position report, which the duplicate test compares with: every
  // valid one becomes the last fix. INT64_MIN before any.
  std::int64_t dedup_t_ms() const { return has_fix ? last_fix.t_ms : INT64_MIN; }
};

struct TrackerStats {
  std::uint64_t messages = 0;        // handed to the tracker
  std::uint64_t without_rxtime = 0;  // counted, left out of tracks
  std::uint64_t ignored = 0;         // types carrying neither position nor identity
  std::uint64_t late = 0;            // older than the reorder window allows
  // Of those, older than where the run continued from a saved state had got to: no sorting of
  // this run's input takes them in (files given out of order).
  std::uint64_t late_before_resume = 0;
  std::uint64_t duplicates = 0;      // same report from several stations
  std::uint64_t bad_position = 0;    // position not available / out of range
  std::uint64_t fixes = 0, static_reports = 0;
  std::int64_t first_t_ms = INT64_MAX, last_t_ms = INT64_MIN;  // receive-time span of fixes
};

// Receives the tracker's output, in non-decreasing receive-time order.
class TrackSink {
 public:
  virtual ~TrackSink() = default;
  // A new fix (segment set); `prev` is the MMSI's previous fix or nullptr.
  virtual void on_fix(const Vessel& vessel, const Fix& fix, const Fix* prev,
                      const SegmentDecision& decision) = 0;
  // A static report applied to the registry (update says what changed).
  virtual void on_static(const Vessel& vessel, const Observation& obs, const IdentityUpdate& update) = 0;
  // The vessel is forgotten (silent beyond TrackerParams::forget_after): called with its record
  // still whole, just before it is freed (Tracker::forget_idle) or, when the vessel is heard
  // again before that, reset to a new record (which then takes the message).
  virtual void on_forget(const Vessel& vessel) {}
  // After forget_idle() freed record `index`: the record at `moved_from` (the last) now sits
  // there (moved_from == index: it was the last).
  virtual void on_record_moved(std::size_t index, std::size_t moved_from) {}
  // A message will be processed soon: a chance to prefetch what it will touch. `distance`
  // (ReorderBuffer::kFarAhead, then kNearAhead) says how soon; `vessel` is null at the far
  // stage (its record may not be in cache yet) and for a vessel not seen before. (The middle
  // stage is the tracker's own: the vessel record.)
  virtual void prefetch(const Observation& obs, const Vessel* vessel, int distance) {}
};

class Tracker {
 public:
  Tracker(const TrackerParams& params, TrackSink& sink);

  void push(const ais::Received& rec);
  // push() in two steps, for a caller that orders the messages itself (input not in time
  // order): observe() counts the message and converts it, returning nullptr when it is not
  // for tracks (no receive time, a type without position or identity); the copy it returns
  // (valid until the next call) is later queued by push(obs).
  const Observation* observe(const ais::Received& rec);
  void push(const Observation& obs);
  // Releases everything still in the reorder buffer.
  void flush();

  // Receive time up to which everything has been released (INT64_MIN before any).
  std::int64_t released_until() const { return reorder_.released_until(); }

  const TrackerStats& stats() const { return stats_; }
  // Messages dated far ahead of the input and contradicted by it, left out (ReorderBuffer).
  std::uint64_t clock_outliers() const { return reorder_.clock_outliers(); }
  std::uint64_t segments() const { return segmenter_.segments_opened() + restored_segments_; }
  std::size_t vessel_count() const { return vessels_.size(); }
  const Vessel* find(std::uint32_t mmsi) const;
  Vessel& vessel_at(std::size_t i) { return vessels_[i]; }
  const Vessel& vessel_at(std::size_t i) const { return vessels_[i]; }
  // Index of a vessel record (stable until forget_idle() frees records: see TrackSink::on_record_moved).
  std::size_t index_of(const Vessel& v) const { return static_cast<std::size_t>(&v - vessels_.data()); }
  Vessel& get_or_create(std::uint32_t mmsi);
  void add_restored_segments(std::uint64_t n) { restored_segments_ += n; }
  // Frees the records of vessels silent for longer than their forget horizon at `now_ms` (the
  // receive time released so far: no later message is older), telling the sink of each. What
  // the output says does not depend on when this runs: a vessel heard again after its horizon
  // is reset to a new record all the same (see process()).
  void forget_idle(std::int64_t now_ms);
  std::uint64_t forgotten() const { return forgotten_; }  // records freed or reset
  std::size_t memory_bytes() const;

  // Continuing a run (pipeline state): messages still in the reorder window, and its clock.
  template <class F>
  void for_each_pending(F&& f) const { reorder_.for_each_pending(f); }
  std::int64_t newest_seen() const { return reorder_.newest(); }
  std::size_t pending() const { return reorder_.size(); }  // messages in the reorder window
  // Re-queues a saved message without releasing anything (call restore_clock after them all).
  void restore_pending(const Observation& o) {
    reorder_.next_slot() = o;
    reorder_.push();
  }
  void restore_clock(std::int64_t released_until, std::int64_t newest) {
    reorder_.restore_clock(released_until, newest);
    resume_ms_ = released_until;
  }

 private:
  bool expired(const Vessel& v, std::int64_t now_ms) const;  // silent beyond its horizon
  void enqueue();  // queues the observation in the reorder buffer's slot
  void process(const Observation& obs);
  void prefetch(const Observation& obs, int distance);

  TrackerParams params_;
  TrackSink& sink_;
  Segmenter segmenter_;
  ReorderBuffer reorder_;
  FlatIndex index_;
  std::vector<Vessel> vessels_;
  TrackerStats stats_;
  std::uint64_t restored_segments_ = 0;
  std::uint64_t forgotten_ = 0;
  std::int64_t resume_ms_ = INT64_MIN;  // where the saved run this one continues had got to
};

}  // namespace seawarden::track
