#include "detect/pipeline.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <type_traits>

#include <fmt/format.h>

#include "detect/draught_change.h"
#include "detect/encounter.h"
#include "detect/event_json.h"
#include "detect/event_spool.h"
#include "detect/gap.h"
#include "detect/identity_anomaly.h"
#include "detect/identity_change.h"
#include "detect/loitering.h"
#include "detect/mmsi_conflict.h"
#include "detect/position_jump.h"
#include "detect/sanctions_hit.h"
#include "detect/sorted_spool.h"
#include "detect/state_io.h"
#include "detect/zone_visit.h"
#include "detect/zones.h"
#include "track/identity_checks.h"
#include "track/tracker.h"

namespace seawarden::detect {

void add_identity_fields(const VesselInfo& info, nlohmann::json& f) {
  if (!info.name.empty()) f["name"] = info.name;
  if (info.imo) f["imo"] = info.imo;
  if (!info.callsign.empty()) f["callsign"] = info.callsign;
  if (!info.flag.empty()) f["flag"] = info.flag;
}

std::string port_exclusion_note(const Config& c, const ZoneSet* zones) {
  const bool wants_ports = (c.encounter.enabled && c.encounter.min_port_distance_km > 0) ||
                           (c.loitering.enabled && c.loitering.min_port_distance_km > 0);
  if (!wants_ports) return {};
  if (zones)
    for (std::size_t i = 0; i < zones->size(); ++i)
      if (is_port_kind(zones->zone(i).kind)) return {};
  return std::string(zones ? "the zones have no feature of kind \"port\" or \"anchorage\"" : "no --zones given") +
         ": encounters and loitering are reported wherever they happen, ports and anchorages included (their "
         "port_distance_km is null); give the ports and anchorages of the area as zones to keep ships waiting "
         "there out";
}

std::string untimed_messages_warning(const PipelineStats& s) {
  if (s.without_rxtime == 0) return {};
  const double share = s.messages ? 100.0 * static_cast<double>(s.without_rxtime) / static_cast<double>(s.messages) : 0.0;
  return fmt::format("{} of {} messages ({:.1f}%) carry no receive time and were left out of the tracks: the "
                     "input gives none for them (no NMEA tag block with c:, no time before the sentence, no "
                     "$--ZDA/$--RMC clock of the receiver, no time column)",
                     s.without_rxtime, s.messages, share);
}

std::string crowd_note(const PipelineStats& s, const Config& c) {
  if (s.crowded_points == 0) return {};
  return fmt::format("{} vessel positions ({}-minute grid steps) were in crowds, over {} vessels in one cell of "
                     "about {:.0f} m, and made no encounter pairs: a harbour's moored fleet (give the ports as "
                     "--zones) or many ships' positions spoofed onto one point ([encounter] crowd_limit; --stats)",
                     s.crowded_points, c.encounter.resample_ms / 60000, c.encounter.crowd_limit,
                     c.encounter.max_distance_m);
}

std::string clock_outliers_warning(const PipelineStats& s, std::int64_t max_jump_ms) {
  if (s.clock_outliers == 0) return {};
  return fmt::format("{} messages dated more than {} min after the rest of the input, which went on at the "
                     "earlier time, were left out: a receiver's clock gone wrong, or rows of a later time in an "
                     "export out of order, which --sort takes in ([tracks] max_clock_jump)",
                     s.clock_outliers, max_jump_ms / 60000);
}

std::vector<RunMessage> run_messages(const PipelineStats& s, const Config& c, bool sorted) {
  std::vector<RunMessage> out;
  for (std::string w : {late_messages_warning(s, c.tracks.reorder_window_ms, sorted), untimed_messages_warning(s),
                        clock_outliers_warning(s, c.tracks.max_clock_jump_ms)})
    if (!w.empty()) out.push_back({true, std::move(w)});
  if (std::string note = crowd_note(s, c); !note.empty()) out.push_back({false, std::move(note)});
  return out;
}

bool input_out_of_order(const PipelineStats& s) {
  const std::uint64_t sortable = s.late - s.late_before_resume;
  return sortable > 0 && sortable * 100 >= s.messages;
}

std::string reread_notice(const PipelineStats& s, std::int64_t window_ms) {
  return fmt::format("not in time order: {} of the {} messages read so far were older than the {} s reorder "
                     "window allows; reading it again, sorted by receive time (--no-sort streams it instead "
                     "and leaves such messages out)",
                     s.late - s.late_before_resume, s.messages, window_ms / 1000);
}

std::string late_messages_warning(const PipelineStats& s, std::int64_t window_ms, bool sorted) {
  if (s.late == 0) return {};
  const double share = s.messages ? 100.0 * static_cast<double>(s.late) / static_cast<double>(s.messages) : 0.0;
  std::string text = fmt::format("{} of {} messages ({:.1f}%) were older than what had already gone through "
                                 "the tracks and were left out",
                                 s.late, s.messages, share);
  if (sorted || s.late_before_resume == s.late)
    return text + " (older than where the continued run had got to: files out of time order?)";
  // A few stragglers (a satellite batch, a slow station) are normal; sorting is for input
  // that is out of order as a whole.
  if (!input_out_of_order(s))
    return text + fmt::format(" (out of order by more than the {} s reorder window; [tracks] reorder_window "
                              "can be widened)",
                              window_ms / 1000);
  return text + fmt::format(": the input is not in time order beyond the {} s reorder window (several "
                            "receivers' files one after the other? a CSV sorted by vessel?); use --sort, "
                            "or widen [tracks] reorder_window",
                            window_ms / 1000);
}

namespace {

constexpr std::int64_t kWatermarkStepMs = kMinuteMs;
// How often silent vessels are looked for (Tracker::forget_idle): it decides only how soon their
// memory is freed, not what is reported.
constexpr std::int64_t kForgetSweepMs = kHourMs;

track::TrackerParams tracker_params(const Config& c) {
  track::TrackerParams p;
  p.reorder_window_ms = c.tracks.reorder_window_ms;
  p.dedup_window_ms = c.tracks.dedup_window_ms;
  p.max_clock_jump_ms = c.tracks.max_clock_jump_ms;
  p.forget_after_ms = c.tracks.forget_after_ms;
  p.forget_brief_after_ms = c.tracks.forget_brief_after_ms;
  p.identity_confirmations = c.identity_change.confirmations;
  p.segmenter.max_speed_kn = c.segmenter.max_speed_kn;
  p.segmenter.noise_dist_km = c.segmenter.noise_dist_km;
  p.segmenter.max_idle_ms = c.segmenter.max_idle_ms;
  p.segmenter.max_open_segments = c.segmenter.max_open_segments;
  return p;
}

void fill_info(const track::Vessel& v, VesselInfo& info) {
  const track::Identity& id = v.identity.current();
  info.mmsi = v.mmsi;
  info.name.assign(id.name.view());
  info.callsign.assign(id.callsign.view());
  info.flag.assign(track::mmsi_flag(v.mmsi));
  info.imo = id.imo;
  info.shiptype = id.shiptype;
  info.length_m = id.length_m;
  info.beam_m = id.beam_m;
  info.draught_m = id.draught_m;
}

// A message restored from raw bytes (a saved state's reorder window, a sort spill file):
// bools, time, position and text lengths made safe or refused as corrupt.
void check_restored(track::Observation& o) {
  for (bool* b : {&o.from_csv, &o.has_position, &o.position_valid, &o.has_static}) fix_bool(*b);
  check_message_time(o.t_ms);
  if (o.position_valid) check_position(o.lat, o.lon);
  check_course(o.cog);
  o.report.name.clamp();
  o.report.callsign.clamp();
  o.report.destination.clamp();
}

// What both state versions restore of a vessel record, checked alike (a version-1 state loaded
// is saved again as version 2 and must load then).
void check_restored(const track::Vessel& v, std::int64_t draught_t_ms) {
  check_times(v.first_t_ms, v.last_t_ms, v.last_fix.t_ms, v.static_t_ms, draught_t_ms);
  for (const auto& e : v.segments.open) check_time(e.t_ms);
  // The times the track layer and the detectors subtract from others are messages' times.
  if (v.messages > 0) check_span(v.first_t_ms, v.last_t_ms);
  for (int s = 0; s < v.segments.n_open; ++s) {
    check_message_time(v.segments.open[s].t_ms);
    check_position(v.segments.open[s].lat, v.segments.open[s].lon);
    check_course(v.segments.open[s].cog);
  }
  if (v.has_fix) {
    check_message_time(v.last_fix.t_ms);
    check_position(v.last_fix.lat, v.last_fix.lon);
    check_course(v.last_fix.cog);
  }
}

// The pending identity changes: a value seen at least once has the time it was first seen.
void check_restored(const track::IdentityRegistry::Saved& id) {
  for (const auto& r : id.history) check_time(r.t_ms);
  if (!id.has_pending) return;
  for (std::size_t f = 0; f < id.pending.first_t.size(); ++f)
    if (id.pending.count[f] > 0) check_message_time(id.pending.first_t[f]);
    else check_time(id.pending.first_t[f]);
}

// The clock a run continues from: no time yet (INT64_MIN) or a message's; the detectors'
// watermark is a time the tracker released.
void check_clock(std::int64_t released, std::int64_t newest, std::int64_t watermark) {
  for (const std::int64_t t : {released, newest, watermark})
    if (t != INT64_MIN) check_message_time(t);
  if (watermark != INT64_MIN && (released == INT64_MIN || watermark > released))
    throw std::runtime_error("track state: the watermark is ahead of the released messages (corrupt)");
}

// Messages held for sort_input(): receive-time order; records are the observation's bytes (a
// file only this process writes, still checked like a saved state's pending messages).
struct ObservationRecord {
  static bool before(const track::Observation& a, const track::Observation& b) { return a.t_ms < b.t_ms; }
  static std::int64_t key(const track::Observation& o) { return o.t_ms; }
  static void encode(const track::Observation& o, std::string& out) {
    out.append(reinterpret_cast<const char*>(&o), sizeof o);
  }
  static track::Observation decode(std::string_view record) {
    if (record.size() != sizeof(track::Observation)) throw std::runtime_error("message spill file: bad record");
    track::Observation o;
    std::memcpy(&o, record.data(), sizeof o);
    check_restored(o);
    return o;
  }
};
using ObservationSpool = SortedSpool<track::Observation, ObservationRecord>;

}  // namespace

class Pipeline::Impl : public track::TrackSink {
 public:
  Impl(Pipeline& owner, const Config& cfg, const ZoneSet* zones, const screen::Matcher* matcher)
      : owner_(owner), cfg_(cfg), tracker_(tracker_params(cfg), *this) {
    sink_ = [this](Event&& e) { collect(std::move(e)); };
    if (cfg.encounter.enabled || cfg.loitering.enabled) {
      auto enc = std::make_unique<EncounterDetector>(cfg.encounter, zones);
      EncounterDetector* shared = enc.get();
      encounter_ = shared;
      // Loitering shares the encounter detector's grid (partners); the encounter detector
      // runs even when only loitering is wanted, its events are then dropped.
      if (!cfg.encounter.enabled) drop_kind_ = "encounter";
      IdentitySource identities = [this](std::uint32_t mmsi) { return current_info(mmsi); };
      enc->set_identity_source(identities);
      add_spatial(std::move(enc));
      if (cfg.loitering.enabled) {
        auto loitering = std::make_unique<LoiteringDetector>(cfg.loitering, cfg.encounter, zones, shared);
        loitering->set_identity_source(identities);
        add_spatial(std::move(loitering));
      }
    }
    if (zones && cfg.zone_visit.enabled) {
      auto visits = std::make_unique<ZoneVisitDetector>(cfg.zone_visit, zones);
      visits->set_identity_source([this](std::uint32_t mmsi) { return current_info(mmsi); });
      add_spatial(std::move(visits));
    }
    MmsiConflictDetector* conflicts = nullptr;
    if (cfg.mmsi_conflict.enabled) {
      auto c = std::make_unique<MmsiConflictDetector>(cfg.mmsi_conflict);
      conflicts = c.get();
      add_track(std::move(c));
    }
    if (cfg.position_jump.enabled)
      add_track(std::make_unique<PositionJumpDetector>(cfg.position_jump, conflicts));
    if (cfg.gap.enabled) add_track(std::make_unique<GapDetector>(cfg.gap));
    if (cfg.identity_change.enabled)
      add_track(std::make_unique<IdentityChangeDetector>(cfg.identity_change));
    if (cfg.identity_anomaly.enabled)
      add_track(std::make_unique<IdentityAnomalyDetector>(cfg.identity_anomaly));
    if (matcher && cfg.sanctions_hit.enabled)
      add_track(std::make_unique<SanctionsHitDetector>(cfg.sanctions_hit, *matcher));
    // Last: it listens to the events of all the others.
    if (cfg.draught_change.enabled)
      add_track(std::make_unique<DraughtChangeDetector>(cfg.draught_change));
  }

  void push(const ais::Received& rec) {
    if (sorted_input_) {
      if (const track::Observation* o = tracker_.observe(rec)) sorted_input_->add(*o);
      return;
    }
    tracker_.push(rec);
    maybe_advance();
  }

  void maybe_advance() {
    std::int64_t released = tracker_.released_until();
    if (released != INT64_MIN && (watermark_ == INT64_MIN || released - watermark_ >= kWatermarkStepMs))
      advance(released);
  }

  // The held input, in time order, through the track layer as if it had arrived so.
  void drain_sorted_input() {
    if (!sorted_input_) return;
    stats_.input_spill_runs += sorted_input_->runs_spilled();
    stats_.input_spill_failed = stats_.input_spill_failed || sorted_input_->spill_failed();
    sorted_input_->drain([this](const track::Observation& o) {
      tracker_.push(o);
      maybe_advance();
    });
  }

  void finish() {
    drain_sorted_input();
    tracker_.flush();
    if (tracker_.released_until() != INT64_MIN) {
      advance(tracker_.released_until());
      // Whatever the sweeps' times were, every vessel silent beyond its horizon at the end is
      // forgotten before the detectors close: the same vessels however the input was split.
      if (last_forget_sweep_ms_ != tracker_.released_until()) sweep_forgotten(tracker_.released_until());
    }
    for (auto& d : spatial_) d->finish(sink_);
    for (auto& d : track_) d->finish(tracker_, sink_);
    pause();
    finished_ = true;
  }

  const PipelineStats& stats() {
    if (!finished_) fill_stats();
    return stats_;
  }

  std::string save_state() const;
  void load_state(std::string_view blob);
  void load_state_v1(std::string_view blob);
  void load_tracks(StateReader& in);

  // Delivers the events closed so far and keeps everything open for a continued run.
  // Nothing is flushed nor advanced: the continued run must see the same watermarks. (Input
  // held for sorting is not open work but this run's input: it goes through first.)
  void pause() {
    drain_sorted_input();
    fill_stats();
    events_.drain([this](const Event& e) {
      if (owner_.on_event) owner_.on_event(e);
    });
  }

  // TrackSink
  void on_fix(const track::Vessel& v, const track::Fix& fix, const track::Fix* prev,
              const track::SegmentDecision& d) override {
    const VesselInfo& info = info_of(v);
    for (TrackDetector* det : track_fix_) det->on_track_fix(v, info, fix, prev, d, sink_);
    for (auto& det : spatial_) det->on_fix(fix, prev, info, sink_);
    if (owner_.on_fix) owner_.on_fix(fix, info);
  }
  void prefetch(const track::Observation& obs, const track::Vessel* v, int distance) override {
    if (distance == track::ReorderBuffer::kFarAhead) {
      if (obs.has_position)
        for (Detector* det : spatial_prefetch_) det->prefetch(obs.mmsi, 0, false);
      if (obs.has_static)
        for (TrackDetector* det : track_prefetch_) det->prefetch(obs, false);
    } else if (distance == track::ReorderBuffer::kNearAhead) {
      if (obs.has_position && v && v->has_fix)
        for (Detector* det : spatial_prefetch_) det->prefetch(obs.mmsi, v->last_fix.segment, true);
      if (obs.has_static)
        for (TrackDetector* det : track_prefetch_) det->prefetch(obs, true);
    }
  }
  void on_forget(const track::Vessel& v) override {
    const VesselInfo& info = info_of(v);
    for (auto& det : track_) det->forget(tracker_, v, info, sink_);
    track::Vessel fresh;  // heard again, it is a vessel never seen
    fresh.mmsi = v.mmsi;
    fill_info(fresh, infos_[tracker_.index_of(v)]);
  }
  void on_record_moved(std::size_t index, std::size_t moved_from) override {
    // on_forget sized infos_ to every record: mirror the tracker's move.
    if (moved_from != index) infos_[index] = std::move(infos_[moved_from]);
    infos_.pop_back();
  }
  void on_static(const track::Vessel& v, const track::Observation& obs,
                 const track::IdentityUpdate& update) override {
    VesselInfo& info = info_of(v);
    if (update.any()) fill_info(v, info);
    for (TrackDetector* det : track_static_) det->on_static(v, info, obs, update, sink_);
    if (update.any() && owner_.on_identity) owner_.on_identity(v.mmsi, obs.t_ms, info);
  }

 private:
  const VesselInfo* current_info(std::uint32_t mmsi) {
    const track::Vessel* v = tracker_.find(mmsi);
    return v ? &info_of(*v) : nullptr;
  }

  // Kept up to date at every identity update (on_static), so a fix only takes its address: the
  // record is read by a detector only when it reports something. Vessels are only ever added
  // at the end of the tracker's table (new ones, or restored ones before the first message).
  VesselInfo& info_of(const track::Vessel& v) {
    const std::size_t i = tracker_.index_of(v);
    if (i >= infos_.size()) {
      const std::size_t from = infos_.size();
      infos_.resize(tracker_.vessel_count());
      for (std::size_t j = from; j < infos_.size(); ++j) fill_info(tracker_.vessel_at(j), infos_[j]);
    }
    return infos_[i];
  }

  // Detectors are called for every message only through the hooks their type overrides (the
  // others are the base class's no-ops): a virtual call per detector and message adds up. Read
  // from the type, so a hook added to a detector is called without anything else to update.
  template <class D>
  void add_spatial(std::unique_ptr<D> d) {
    static_assert(!std::is_same_v<D, Detector>, "add the concrete type: its hooks are read from it");
    if constexpr (!std::is_same_v<decltype(&D::prefetch), decltype(&Detector::prefetch)>)
      spatial_prefetch_.push_back(d.get());
    spatial_.push_back(std::move(d));
  }
  template <class D>
  void add_track(std::unique_ptr<D> d) {
    static_assert(!std::is_same_v<D, TrackDetector>, "add the concrete type: its hooks are read from it");
    if constexpr (!std::is_same_v<decltype(&D::on_track_fix), decltype(&TrackDetector::on_track_fix)>)
      track_fix_.push_back(d.get());
    if constexpr (!std::is_same_v<decltype(&D::on_static), decltype(&TrackDetector::on_static)>)
      track_static_.push_back(d.get());
    if constexpr (!std::is_same_v<decltype(&D::prefetch), decltype(&TrackDetector::prefetch)>)
      track_prefetch_.push_back(d.get());
    track_.push_back(std::move(d));
  }

  void advance(std::int64_t t) {
    watermark_ = t;
    for (auto& d : spatial_) d->on_watermark(t, sink_);
    for (auto& d : track_) d->on_watermark(t, tracker_, sink_);
    if (last_forget_sweep_ms_ == INT64_MIN || t - last_forget_sweep_ms_ >= kForgetSweepMs) sweep_forgotten(t);
  }

  void sweep_forgotten(std::int64_t t) {
    last_forget_sweep_ms_ = t;
    tracker_.forget_idle(t);
  }

  void collect(Event&& e) {
    if (!drop_kind_.empty() && e.kind == drop_kind_) {
      for (auto& d : track_) d->on_event(e);
      return;
    }
    for (auto& d : track_) d->on_event(e);
    ++stats_.events_by_kind[e.kind];
    ++stats_.events;
    events_.add(std::move(e));
  }

  void fill_stats() {
    const track::TrackerStats& t = tracker_.stats();
    stats_.messages = t.messages;
    stats_.without_rxtime = t.without_rxtime;
    stats_.ignored = t.ignored;
    stats_.late = t.late;
    stats_.late_before_resume = t.late_before_resume;
    stats_.clock_outliers = tracker_.clock_outliers();
    stats_.duplicates = t.duplicates;
    stats_.bad_position = t.bad_position;
    stats_.fixes = t.fixes;
    stats_.static_reports = t.static_reports;
    stats_.vessels = tracker_.vessel_count() + tracker_.forgotten();
    stats_.forgotten = tracker_.forgotten();
    stats_.segments = tracker_.segments();
    stats_.first_t_ms = t.first_t_ms;
    stats_.last_t_ms = t.last_t_ms;
    stats_.state_bytes = tracker_.memory_bytes() + infos_.capacity() * sizeof(VesselInfo);
    stats_.held = tracker_.pending();
    stats_.set_aside.clear();
    for (const auto& d : spatial_) d->add_counts(stats_.set_aside);
    stats_.crowded_points = encounter_ ? encounter_->stats().crowded_points : 0;
    for (const auto& d : track_) d->add_counts(stats_.set_aside);
    stats_.event_spill_runs = events_.runs_spilled();
    stats_.event_spill_failed = events_.spill_failed();
  }

  Pipeline& owner_;
  Config cfg_;
  track::Tracker tracker_;
  std::vector<VesselInfo> infos_;
  std::vector<std::unique_ptr<Detector>> spatial_;
  const EncounterDetector* encounter_ = nullptr;  // among spatial_, when running
  std::vector<std::unique_ptr<TrackDetector>> track_;
  // The same detectors, by the per-message hooks they implement (see add_track).
  std::vector<Detector*> spatial_prefetch_;
  std::vector<TrackDetector*> track_fix_, track_static_, track_prefetch_;
  EventSink sink_;
  std::unique_ptr<ObservationSpool> sorted_input_;  // with sort_input() only
  EventSpool events_;  // until finish(): output order needs every event (spilled beyond a bound)
  std::string drop_kind_;
  std::int64_t watermark_ = INT64_MIN;
  std::int64_t last_forget_sweep_ms_ = INT64_MIN;
  PipelineStats stats_;
  bool finished_ = false;

  friend class Pipeline;
};

// ---- state persistence: a versioned little-endian binary blob ----

namespace {

constexpr char kMagic[8] = {'S', 'W', 'T', 'R', 'K', 'S', '0', '1'};
constexpr char kMagic2[8] = {'S', 'W', 'T', 'R', 'K', 'S', '0', '2'};

// A vessel record's saved fields (after mmsi and has_fix), one list for both directions.
template <class IO, class Vessel>
void vessel_fields(IO& io, Vessel& v) {
  io.pod(v.first_t_ms);
  io.pod(v.last_t_ms);
  io.pod(v.messages);
  io.pod(v.fixes);
  io.pod(v.last_fix);
  // The saved format keeps the duplicate test's time, which the record now derives from its
  // last fix (every version wrote the two equal): written as derived; on load, a state where
  // they differ is refused as corrupt, since it would not behave as it did when saved.
  std::int64_t dedup_t_ms = v.dedup_t_ms();
  io.pod(dedup_t_ms);
  if constexpr (std::is_same_v<IO, StateReader>) {
    if (dedup_t_ms != v.dedup_t_ms())
      throw std::runtime_error("track state: duplicate-test time differs from the last fix (corrupt)");
  }
  io.pod(v.dedup_lat);
  io.pod(v.dedup_lon);
  io.pod(v.dedup_type);
  io.pod(v.static_hash);
  io.pod(v.static_t_ms);
  io.pod(v.segments);
}

}  // namespace

// Version 2 holds everything a continued run needs to behave as if the input had not been
// split: the vessel records (identity registries with their pending changes included), the
// messages still in the reorder window, and one named section per detector with its open
// windows and pending events. Version 1 (tracks and current identities only) is still read.
std::string Pipeline::Impl::save_state() const {
  if (sorted_input_ && sorted_input_->size())
    throw std::logic_error("pipeline: save_state() with input still held for sorting (call pause() first)");
  StateWriter out;
  out.bytes().assign(kMagic2, sizeof kMagic2);
  const std::size_t tracks = out.begin_section("tracks");
  const std::size_t n = tracker_.vessel_count();
  out.size(n);
  for (std::size_t i = 0; i < n; ++i) {
    const track::Vessel& v = tracker_.vessel_at(i);
    out.pod(v.mmsi);
    out.pod(static_cast<std::uint8_t>(v.has_fix));
    vessel_fields(out, v);
    out.pod(v.identity.save());
  }
  std::vector<track::Observation> pending;
  tracker_.for_each_pending([&](const track::Observation& o) { pending.push_back(o); });
  out.pods(pending);
  out.pod(tracker_.released_until());
  out.pod(tracker_.newest_seen());
  out.pod(watermark_);
  out.end_section(tracks);
  for (const auto& d : spatial_) {
    const std::size_t at = out.begin_section(d->kind());
    d->save_state(out);
    out.end_section(at);
  }
  for (const auto& d : track_) {
    const std::size_t at = out.begin_section(d->kind());
    d->save_state(out);
    out.end_section(at);
  }
  out.end_section(out.begin_section("end"));  // a cut blob is refused, not half-loaded
  return std::move(out.bytes());
}

void Pipeline::Impl::load_tracks(StateReader& in) {
  const std::size_t n = in.size(sizeof(std::uint32_t));
  std::uint64_t segments = 0;
  for (std::size_t i = 0; i < n; ++i) {
    track::Vessel& v = tracker_.get_or_create(in.pod<std::uint32_t>());
    v.has_fix = in.pod<std::uint8_t>() != 0;
    vessel_fields(in, v);
    v.segments.n_open = std::min<std::uint8_t>(v.segments.n_open, track::kMaxOpenSegments);
    auto id = in.pod<track::IdentityRegistry::Saved>();
    fix_bool(id.has_pending);
    check_restored(v, id.id.draught_t_ms);
    check_restored(id);
    v.identity.load(id);
    segments += v.segments.next_id - 1;
  }
  tracker_.add_restored_segments(segments);
  std::vector<track::Observation> pending;
  in.pods(pending);
  for (track::Observation& o : pending) {
    check_restored(o);
    tracker_.restore_pending(o);
  }
  const auto released = in.pod<std::int64_t>();
  const auto newest = in.pod<std::int64_t>();
  tracker_.restore_clock(released, newest);
  in.pod(watermark_);
  check_clock(released, newest, watermark_);
  in.expect_done("track");
}

void Pipeline::Impl::load_state(std::string_view blob) {
  if (blob.size() >= sizeof kMagic && std::memcmp(blob.data(), kMagic, sizeof kMagic) == 0)
    return load_state_v1(blob.substr(sizeof kMagic));
  if (blob.size() < sizeof kMagic2 || std::memcmp(blob.data(), kMagic2, sizeof kMagic2) != 0)
    throw std::runtime_error("track state: not a seawarden track state (or another version)");
  StateReader in(blob.substr(sizeof kMagic2));
  bool had_tracks = false, ended = false;
  while (!in.done()) {
    StateReader body("");
    const std::string_view name = in.section(body);
    if (name == "end") {
      ended = true;
      in.expect_done("track");
      break;
    }
    if (name == "tracks") {
      load_tracks(body);
      had_tracks = true;
      continue;
    }
    // A section no detector claims is of one disabled since: its windows are dropped.
    for (auto& d : spatial_)
      if (name == d->kind()) d->load_state(body), body.expect_done(name);
    for (auto& d : track_)
      if (name == d->kind()) d->load_state(body), body.expect_done(name);
  }
  if (!had_tracks || !ended) throw std::runtime_error("track state: incomplete (cut short?)");
}

void Pipeline::Impl::load_state_v1(std::string_view blob) {
  StateReader in(blob);
  const std::size_t n = in.size(sizeof(std::uint32_t));
  std::uint64_t segments = 0;
  for (std::size_t i = 0; i < n; ++i) {
    std::uint32_t mmsi = 0;
    in.pod(mmsi);
    track::Vessel& v = tracker_.get_or_create(mmsi);
    in.pod(v.first_t_ms);
    in.pod(v.last_t_ms);
    in.pod(v.messages);
    in.pod(v.fixes);
    v.has_fix = in.pod<std::uint8_t>() != 0;
    in.pod(v.last_fix);
    struct LegacySegments {  // SegmentSet as version 1 laid it out
      std::array<track::SegmentEnd, track::kMaxOpenSegments> open;
      std::uint8_t n_open;
      std::uint32_t next_id;
    } legacy;
    in.pod(legacy);
    v.segments.open = legacy.open;
    v.segments.n_open = std::min<std::uint8_t>(legacy.n_open, track::kMaxOpenSegments);
    v.segments.next_id = legacy.next_id;
    track::Identity id;
    in.pod(id);
    id.name.clamp();
    id.callsign.clamp();
    id.destination.clamp();
    check_restored(v, id.draught_t_ms);
    v.identity.restore(id);
    segments += v.segments.next_id - 1;
  }
  tracker_.add_restored_segments(segments);
  in.expect_done("track");
}

Pipeline::Pipeline(const Config& cfg, const ZoneSet* zones, const screen::Matcher* matcher)
    : impl_(std::make_unique<Impl>(*this, cfg, zones, matcher)) {}
Pipeline::~Pipeline() = default;
void Pipeline::on_message(const ais::Received& rec) { impl_->push(rec); }
void Pipeline::finish() { impl_->finish(); }
void Pipeline::pause() { impl_->pause(); }
const PipelineStats& Pipeline::stats() const { return impl_->stats(); }
void Pipeline::set_event_memory_limit(std::size_t events) { impl_->events_.set_memory_limit(events); }
void Pipeline::sort_input(std::size_t memory_messages) {
  if (impl_->sorted_input_) impl_->sorted_input_->set_memory_limit(memory_messages);  // keeps what it holds
  else impl_->sorted_input_ = std::make_unique<ObservationSpool>(memory_messages, "messages");
}
std::string Pipeline::save_state() const { return impl_->save_state(); }
void Pipeline::load_state(std::string_view blob) { impl_->load_state(blob); }

}  // namespace seawarden::detect
