#include "track/tracker.h"

#include <cstddef>
#include <cstring>

namespace seawarden::track {

namespace {

// Eight bytes at a time (this runs for every static report): a duplicate test, not security.
std::uint64_t fnv1a(const void* data, std::size_t n, std::uint64_t h = 1469598103934665603ull) {
  const auto* p = static_cast<const unsigned char*>(data);
  for (; n >= 8; n -= 8, p += 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * 1099511628211ull;
    h ^= h >> 29;
  }
  for (; n; --n, ++p) h = (h ^ *p) * 1099511628211ull;
  return h;
}

std::uint64_t report_hash(const Observation& o) {
  const StaticReport& r = o.report;
  std::uint64_t h = fnv1a(&o.msg_type, 1);
  h = fnv1a(&r.has, 1, h);
  h = fnv1a(r.name.buf, r.name.len, h);
  h = fnv1a(r.callsign.buf, r.callsign.len, h);
  h = fnv1a(r.destination.buf, r.destination.len, h);
  h = fnv1a(&r.imo, sizeof r.imo, h);
  h = fnv1a(&r.shiptype, 1, h);
  h = fnv1a(&r.length_m, sizeof r.length_m, h);
  h = fnv1a(&r.beam_m, sizeof r.beam_m, h);
  return fnv1a(&r.draught_m, sizeof r.draught_m, h);
}

}  // namespace

Tracker::Tracker(const TrackerParams& params, TrackSink& sink)
    : params_(params), sink_(sink), segmenter_(params.segmenter), reorder_(params.reorder_window_ms, params.max_clock_jump_ms) {}

const Vessel* Tracker::find(std::uint32_t mmsi) const {
  std::uint32_t i = index_.find(mmsi);
  return i == FlatIndex::kNone ? nullptr : &vessels_[i];
}

Vessel& Tracker::get_or_create(std::uint32_t mmsi) {
  std::uint32_t i = index_.find(mmsi);
  if (i != FlatIndex::kNone) return vessels_[i];
  i = static_cast<std::uint32_t>(vessels_.size());
  vessels_.emplace_back();
  vessels_.back().mmsi = mmsi;
  index_.insert(mmsi, i);
  return vessels_.back();
}

const Observation* Tracker::observe(const ais::Received& rec) {
  ++stats_.messages;
  if (rec.meta.rxtime == ais::kUnknownTime) {
    ++stats_.without_rxtime;
    return nullptr;
  }
  Observation& slot = reorder_.next_slot();
  if (make_observation(rec, slot) == ObservationKind::Ignored) {
    ++stats_.ignored;
    return nullptr;
  }
  return &slot;
}

void Tracker::push(const ais::Received& rec) {
  if (observe(rec)) enqueue();
}

void Tracker::push(const Observation& obs) {
  Observation& slot = reorder_.next_slot();
  if (&obs != &slot) slot = obs;
  enqueue();
}

void Tracker::enqueue() {
  if (!reorder_.push()) {
    ++stats_.late;
    if (reorder_.next_slot().t_ms < resume_ms_) ++stats_.late_before_resume;  // the slot keeps what was refused
    return;
  }
  reorder_.release_ready([this](const Observation& o) { process(o); },
                         [this](const Observation& o, int distance) { prefetch(o, distance); });
}

// offsetof on Vessel, which is not standard-layout (it owns strings and vectors): conditionally
// supported, and both GCC and Clang support it; Clang warns all the same.
#if defined(__clang__)
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Winvalid-offsetof"
#endif
void Tracker::prefetch(const Observation& o, int distance) {
  // With tens of thousands of vessels their records no longer fit in cache, and each message
  // touches one at random: start the loads early (index slot first, then the record).
  if (distance == ReorderBuffer::kFarAhead) {
    index_.prefetch(o.mmsi);
    sink_.prefetch(o, nullptr, distance);
    return;
  }
  const std::uint32_t i = index_.find(o.mmsi);
  if (i == FlatIndex::kNone) return;
  if (distance == ReorderBuffer::kMidAhead) {
    // The lines a position report touches: counters, last fix, dedup and the first open
    // segment (the others and the identity only when used: fewer loads in flight per message).
    const char* rec = reinterpret_cast<const char*>(&vessels_[i]);
    constexpr std::size_t hot = offsetof(Vessel, segments) + offsetof(SegmentSet, open) + sizeof(SegmentEnd);
    static_assert(alignof(Vessel) == 64 && hot <= 2 * 64, "a position report should touch 2 lines of its record");
    for (std::size_t line = 0; line < hot; line += 64) __builtin_prefetch(rec + line);
    if (o.has_static) {  // the identity registry's current values
      const char* id = rec + offsetof(Vessel, identity);
      __builtin_prefetch(id);
      __builtin_prefetch(id + sizeof(Identity) - 1);
    }
    return;
  }
  sink_.prefetch(o, &vessels_[i], distance);
}
#if defined(__clang__)
#pragma clang diagnostic pop
#endif

void Tracker::flush() {
  reorder_.flush([this](const Observation& o) { process(o); });
}

bool Tracker::expired(const Vessel& v, std::int64_t now_ms) const {
  if (v.messages == 0) return false;
  // Brief: heard under 3 times and never named. A satellite feed may hear a real ship twice in
  // days, but then usually with its static report (AMSA's 6 days: a draught change across 5
  // days of silence is kept so); a corrupted MMSI rarely comes with one.
  const auto unnamed = [](const Identity& id) { return id.imo == 0 && id.name.empty() && id.callsign.empty(); };
  // (the count first: a message of a vessel heard 3 times or more reads no identity here)
  const bool brief = v.messages < TrackerParams::kBriefMessages && unnamed(v.identity.current());
  const std::int64_t horizon = brief ? params_.forget_brief_after_ms : params_.forget_after_ms;
  return horizon > 0 && now_ms - v.last_t_ms > horizon;
}

void Tracker::forget_idle(std::int64_t now_ms) {
  if (params_.forget_after_ms <= 0 && params_.forget_brief_after_ms <= 0) return;
  // From the back: the last record fills each hole, and it has been looked at already.
  for (std::size_t i = vessels_.size(); i-- > 0;) {
    if (!expired(vessels_[i], now_ms)) continue;
    sink_.on_forget(vessels_[i]);
    const std::size_t last = vessels_.size() - 1;
    index_.erase(vessels_[i].mmsi);
    if (i != last) {
      vessels_[i] = std::move(vessels_[last]);
      index_.assign(vessels_[i].mmsi, static_cast<std::uint32_t>(i));
    }
    vessels_.pop_back();
    sink_.on_record_moved(i, last);
    ++forgotten_;
  }
  if (vessels_.size() < vessels_.capacity() / 4) vessels_.shrink_to_fit();  // a fleet gone for good
}

void Tracker::process(const Observation& o) {
  Vessel& v = get_or_create(o.mmsi);
  if (expired(v, o.t_ms)) {  // heard again after its horizon, before forget_idle() freed it
    sink_.on_forget(v);
    const std::uint32_t mmsi = v.mmsi;
    v = Vessel{};
    v.mmsi = mmsi;
    ++forgotten_;
  }
  if (o.has_position && o.position_valid) {
    // Several stations hearing one transmission: same position, same type, within the window.
    if (v.has_fix && o.t_ms - v.dedup_t_ms() <= params_.dedup_window_ms &&
        o.raw_lat == v.dedup_lat && o.raw_lon == v.dedup_lon && o.msg_type == v.dedup_type) {
      ++stats_.duplicates;
      return;
    }
  } else if (o.has_static && !o.has_position) {
    std::uint64_t h = report_hash(o);
    if (v.static_t_ms != INT64_MIN && o.t_ms - v.static_t_ms <= params_.dedup_window_ms &&
        h == v.static_hash) {
      ++stats_.duplicates;
      return;
    }
    v.static_hash = h;
    v.static_t_ms = o.t_ms;
  }
  if (v.messages++ == 0) v.first_t_ms = o.t_ms;  // (a cold line, written once)
  v.last_t_ms = o.t_ms;

  if (o.has_position) {
    if (!o.position_valid) {
      ++stats_.bad_position;
    } else {
      v.dedup_lat = o.raw_lat;
      v.dedup_lon = o.raw_lon;
      v.dedup_type = o.msg_type;
      Fix fix;
      fix.mmsi = o.mmsi;
      fix.t_ms = o.t_ms;
      fix.lat = o.lat;
      fix.lon = o.lon;
      fix.sog = o.sog;
      fix.cog = o.cog;
      fix.heading = o.heading;
      fix.status = o.status;
      fix.msg_type = o.from_csv ? 0 : o.msg_type;
      SegmentDecision d = segmenter_.assign(v.segments, fix, v.has_fix ? v.last_fix.segment : 0);
      fix.segment = d.segment;
      ++stats_.fixes;
      ++v.fixes;
      if (o.t_ms < stats_.first_t_ms) stats_.first_t_ms = o.t_ms;
      if (o.t_ms > stats_.last_t_ms) stats_.last_t_ms = o.t_ms;
      Fix prev = v.last_fix;
      bool had = v.has_fix;
      v.last_fix = fix;
      v.has_fix = true;
      sink_.on_fix(v, fix, had ? &prev : nullptr, d);
    }
  }
  if (o.has_static) {
    ++stats_.static_reports;
    IdentityUpdate update;
    v.identity.apply(o.report, o.t_ms, o.from_csv ? 1 : params_.identity_confirmations, update);
    sink_.on_static(v, o, update);
  }
}

std::size_t Tracker::memory_bytes() const {
  return vessels_.capacity() * sizeof(Vessel) + index_.memory_bytes() +
         reorder_.size() * sizeof(Observation);
}

}  // namespace seawarden::track
