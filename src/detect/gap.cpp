#include "detect/gap.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <stdexcept>

#include "track/geodesy.h"

namespace seawarden::detect {

namespace {
constexpr double kCellDeg = 0.5;
constexpr std::size_t kMaxNearby = 100;
constexpr std::int64_t kSweepEveryMs = 10 * kMinuteMs;
constexpr std::int64_t kWatchLifetimeMs = 14 * kDayMs;       // bounded memory for vanished vessels
constexpr std::int64_t kDraughtWaitMs = 6 * kHourMs;         // how long draught_after is awaited
// A vessel is counted near silent vessels from its first fix in each such window of data time
// only: it reports every few seconds to minutes, and each check touches every watch around.
constexpr std::int64_t kNearbySampleMs = 10 * kMinuteMs;
// Outages remembered (oldest dropped first): a gap reaching further back counts them as silence.
constexpr std::size_t kMaxOutages = 10000;
// The state section since feed outages: it starts with this mark ("SWGAPOU1"); an earlier
// version's starts with the watch count where the mark now stands.
constexpr std::uint64_t kOutageFormat = 0x31554f5041475753ull;
}  // namespace

void GapDetector::heard(std::int64_t t_ms, std::uint32_t mmsi) {
  if (cfg_.feed_outage_ms <= 0) return;
  if (last_heard_ms_ != INT64_MIN && t_ms - last_heard_ms_ >= cfg_.feed_outage_ms &&
      std::max<std::uint64_t>(window_vessels_.size(), previous_window_vessels_) >= kBusyVessels) {
    if (outages_.size() >= kMaxOutages) outages_.erase(outages_.begin());
    outages_.emplace_back(last_heard_ms_, t_ms);
  }
  if (t_ms > last_heard_ms_) last_heard_ms_ = t_ms;
  // (Every message comes here: the window index is divided out only when time leaves it.)
  if (t_ms >= window_end_ms_ || t_ms < window_end_ms_ - cfg_.feed_outage_ms) {
    const std::int64_t window = t_ms / cfg_.feed_outage_ms;
    if (window != window_) {
      previous_window_vessels_ = window == window_ + 1 ? window_vessels_.size() : 0;
      window_ = window;
      window_vessels_.clear();
    }
    window_end_ms_ = (window + 1) * cfg_.feed_outage_ms;
  }
  if (window_vessels_.size() < kBusyVessels &&
      std::find(window_vessels_.begin(), window_vessels_.end(), mmsi) == window_vessels_.end())
    window_vessels_.push_back(mmsi);
}

std::int64_t GapDetector::outage_ms(std::int64_t from, std::int64_t to) const {
  std::int64_t total = 0;
  // Outages are in time order and do not overlap: walk back from the newest.
  for (auto it = outages_.rbegin(); it != outages_.rend() && it->second > from; ++it)
    total += std::max<std::int64_t>(0, std::min(it->second, to) - std::max(it->first, from));
  return total;
}

void GapDetector::add_counts(DetectorCounts& counts) const {
  counts["AIS gaps explained by a feed outage (no message of any vessel)"] += explained_by_outage_;
}

std::uint64_t GapDetector::cell_of(double lat, double lon) {
  auto y = static_cast<std::int64_t>(std::floor((lat + 90) / kCellDeg));
  auto x = static_cast<std::int64_t>(std::floor((lon + 180) / kCellDeg));
  return static_cast<std::uint64_t>(y) << 32 | static_cast<std::uint64_t>(x);
}

void GapDetector::add_watch(const track::Vessel& v, std::int64_t now) {
  Watch w;
  w.lat = v.last_fix.lat;
  w.lon = v.last_fix.lon;
  w.since_ms = v.last_fix.t_ms;
  w.draught_m = v.identity.current().draught_m;
  double dlat = cfg_.nearby_km / 111.2;
  double dlon = cfg_.nearby_km / (111.2 * std::max(0.05, std::cos(w.lat * track::kDegToRad)));
  dlon = std::min(dlon, 180.0);
  // The pre-test box must hold the whole circle: 1% margin, and the longitude span taken at
  // the circle's poleward edge, where a degree of longitude is shortest.
  const double box_dlat = dlat * 1.01;
  const double poleward = std::min(89.9, std::fabs(w.lat) + box_dlat);
  const double box_dlon =
      std::min(180.0, 1.01 * cfg_.nearby_km / (111.2 * std::max(0.05, std::cos(poleward * track::kDegToRad))));
  for (double la = std::max(-89.999, w.lat - dlat); ; la += kCellDeg) {
    double la_c = std::min(la, std::min(89.999, w.lat + dlat));
    for (double lo = w.lon - dlon; ; lo += kCellDeg) {
      double lo_c = std::min(lo, w.lon + dlon);
      double wrapped = lo_c < -180 ? lo_c + 360 : lo_c >= 180 ? lo_c - 360 : lo_c;
      std::uint64_t c = cell_of(la_c, wrapped);
      if (std::find(w.cells.begin(), w.cells.end(), c) == w.cells.end()) {
        w.cells.push_back(c);
        auto& list = grid_[c];
        w.cell_pos.push_back(static_cast<std::uint32_t>(list.size()));
        // float box: widened by a hair so rounding never makes it tighter than the double one
        list.push_back({v.mmsi, static_cast<float>(w.lat), static_cast<float>(w.lon),
                            static_cast<float>(box_dlat * 1.001 + 1e-4), static_cast<float>(box_dlon * 1.001 + 1e-4)});
      }
      if (lo_c >= w.lon + dlon) break;
    }
    if (la_c >= std::min(89.999, w.lat + dlat)) break;
  }
  watch_starts_.push({w.since_ms, v.mmsi});
  watches_[v.mmsi] = std::move(w);
}

void GapDetector::drop_watch(std::uint32_t mmsi) {
  Watch* w = watches_.find(mmsi);
  if (!w) return;
  leave_cells(mmsi, *w);
  watches_.erase(mmsi);
}

void GapDetector::leave_cells(std::uint32_t mmsi, Watch& w) {
  for (std::size_t k = 0; k < w.cells.size(); ++k) {
    const std::uint64_t c = w.cells[k];
    const std::uint32_t pos = w.cell_pos[k];
    auto* list = grid_.find(c);
    if (!list || pos >= list->size() || (*list)[pos].mmsi != mmsi) continue;
    // The last entry takes its place (the order of a list decides nothing: each watch counts
    // its own neighbours), and that entry's watch learns its new position.
    if (pos + 1 != list->size()) {
      const CellEntry moved = list->back();
      (*list)[pos] = moved;
      if (Watch* other = watches_.find(moved.mmsi)) {
        for (std::size_t j = 0; j < other->cells.size(); ++j)
          if (other->cells[j] == c) other->cell_pos[j] = pos;
      }
    }
    list->pop_back();
    if (list->empty()) grid_.erase(c);
  }
  w.cells.clear();
  w.cell_pos.clear();
}

void GapDetector::index_cell_lists() {
  watches_.for_each([](std::uint64_t, Watch& w) { w.cell_pos.assign(w.cells.size(), kNotListed); });
  grid_.for_each([&](std::uint64_t c, const std::vector<CellEntry>& list) {
    for (std::size_t i = 0; i < list.size(); ++i) {
      Watch* w = watches_.find(list[i].mmsi);
      const std::size_t k = w ? static_cast<std::size_t>(std::find(w->cells.begin(), w->cells.end(), c) - w->cells.begin()) : 0;
      if (!w || k == w->cells.size() || w->cell_pos[k] != kNotListed)
        throw std::runtime_error("gap state: a cell lists a watch that does not cover it (corrupt)");
      w->cell_pos[k] = static_cast<std::uint32_t>(i);
    }
  });
}

void GapDetector::on_track_fix(const track::Vessel& vessel, const VesselInfo& info,
                               const track::Fix& fix, const track::Fix* prev,
                               const track::SegmentDecision&, const EventSink& emit) {
  heard(fix.t_ms, fix.mmsi);
  // Count this vessel near every silent vessel watched around here.
  const bool sample = !prev || fix.t_ms / kNearbySampleMs != prev->t_ms / kNearbySampleMs;
  if (sample && !grid_.empty()) {
    if (const auto* list = grid_.find(cell_of(fix.lat, fix.lon))) {
      for (const CellEntry& entry : *list) {
        if (entry.mmsi == fix.mmsi || std::fabs(fix.lat - entry.lat) > entry.dlat) continue;
        const double dlon = std::fabs(fix.lon - entry.lon);
        if (std::min(dlon, 360 - dlon) > entry.dlon) continue;
        Watch* found = watches_.find(entry.mmsi);
        if (!found) continue;
        Watch& w = *found;
        if (w.nearby.size() >= kMaxNearby) continue;
        const auto at = std::lower_bound(w.nearby.begin(), w.nearby.end(), fix.mmsi);
        if (at != w.nearby.end() && *at == fix.mmsi) continue;
        if (track::haversine_km(w.lat, w.lon, fix.lat, fix.lon) <= cfg_.nearby_km) {
          w.nearby.insert(at, fix.mmsi);
          if (w.nearby.size() >= kMaxNearby) saturated_.push_back(entry.mmsi);
        }
      }
    }
    // A watch whose count reached the cap needs no more fixes: out of the grid, so busy waters
    // with many silent vessels do not make every fix scan them all.
    for (std::uint32_t m : saturated_)
      if (Watch* w = watches_.find(m)) leave_cells(m, *w);
    saturated_.clear();
  }
  // Sweeps watch a vessel only once it has been silent watch_after since its last fix (prev),
  // and a fix drops its vessel's watch: no sweep since prev + watch_after means no watch, and
  // the lookup (a cache miss per fix with many vessels) is skipped.
  const bool may_have_watch = !prev || (last_sweep_ms_ != INT64_MIN && last_sweep_ms_ >= prev->t_ms + cfg_.watch_after_ms);
  const Watch* own = may_have_watch ? watches_.find(fix.mmsi) : nullptr;
  const std::int64_t silent_ms = prev ? fix.t_ms - prev->t_ms : 0;
  const std::int64_t feed_down = silent_ms >= cfg_.min_duration_ms ? outage_ms(prev->t_ms, fix.t_ms) : 0;
  if (silent_ms >= cfg_.min_duration_ms && silent_ms - feed_down < cfg_.min_duration_ms) {
    ++explained_by_outage_;  // nothing at all was received for long enough to make this silence
  } else if (silent_ms >= cfg_.min_duration_ms) {
    Event e;
    e.kind = "gap";
    e.start_ms = prev->t_ms;
    e.end_ms = fix.t_ms;
    e.vessels = {fix.mmsi};
    e.lat = prev->lat;
    e.lon = prev->lon;
    double km = track::haversine_km(prev->lat, prev->lon, fix.lat, fix.lon);
    auto& f = e.fields;
    f["duration_h"] = std::round(silent_ms / 3.6e4) / 100;
    f["before"] = position_json(prev->lat, prev->lon);
    f["after"] = position_json(fix.lat, fix.lon);
    f["distance_km"] = round_decimals(km, 2);
    f["implied_speed_kn"] = round_decimals(track::implied_speed_kn(km, static_cast<double>(silent_ms)), 2);
    float before = own ? own->draught_m : vessel.identity.current().draught_m;
    if (before > 0) f["draught_before_m"] = round_decimals(before, 2);  // a float's digits: 6.1, not 6.0999999
    f["vessels_nearby"] = own ? own->nearby.size() : 0;
    if (feed_down > 0) f["feed_outage_h"] = std::round(feed_down / 3.6e4) / 100;  // of the duration
    add_identity_fields(info, f);
    emit_pending(fix.mmsi, emit);  // an earlier gap still waiting for its draught goes first
    awaiting_draught_[fix.mmsi] = std::move(e);
  }
  if (own) drop_watch(fix.mmsi);
}

void GapDetector::on_static(const track::Vessel& vessel, const VesselInfo&,
                            const track::Observation& obs, const track::IdentityUpdate&,
                            const EventSink& emit) {
  heard(obs.t_ms, vessel.mmsi);
  if (awaiting_draught_.empty() || !(obs.report.has & track::StaticReport::kDraught)) return;
  auto it = awaiting_draught_.find(vessel.mmsi);
  if (it == awaiting_draught_.end()) return;
  it->second.fields["draught_after_m"] = round_decimals(obs.report.draught_m, 2);
  emit_pending(vessel.mmsi, emit);
}

void GapDetector::emit_pending(std::uint32_t mmsi, const EventSink& emit) {
  auto it = awaiting_draught_.find(mmsi);
  if (it == awaiting_draught_.end()) return;
  Event e = std::move(it->second);
  awaiting_draught_.erase(it);
  emit(std::move(e));
}

void GapDetector::on_watermark(std::int64_t t_ms, const track::Tracker& tracker, const EventSink& emit) {
  if (last_sweep_ms_ != INT64_MIN && t_ms - last_sweep_ms_ < kSweepEveryMs) return;
  std::int64_t from = last_sweep_ms_ == INT64_MIN ? INT64_MIN : last_sweep_ms_ - cfg_.watch_after_ms;
  last_sweep_ms_ = t_ms;
  // Vessels that fell silent since the last sweep start being watched.
  for (std::size_t i = 0; i < tracker.vessel_count(); ++i) {
    const track::Vessel& v = tracker.vessel_at(i);
    if (!v.has_fix) continue;
    std::int64_t silent_since = v.last_fix.t_ms;
    if (silent_since <= t_ms - cfg_.watch_after_ms && silent_since > from &&
        t_ms - silent_since < kWatchLifetimeMs && !watches_.contains(v.mmsi))
      add_watch(v, t_ms);
  }
  while (!watch_starts_.empty() && t_ms - watch_starts_.top().since_ms > kWatchLifetimeMs) {
    const WatchStart s = watch_starts_.top();
    watch_starts_.pop();
    const Watch* w = watches_.find(s.mmsi);
    if (w && w->since_ms == s.since_ms) drop_watch(s.mmsi);
  }
  std::vector<std::uint32_t> ready;
  for (auto& [mmsi, e] : awaiting_draught_)
    if (t_ms - e.end_ms > kDraughtWaitMs) ready.push_back(mmsi);
  for (std::uint32_t m : ready) emit_pending(m, emit);
}

namespace {
template <class IO, class Watch>
void watch_fields(IO& io, Watch& w) {  // one list for both directions
  io.pod(w.lat);
  io.pod(w.lon);
  io.pod(w.since_ms);
  io.pod(w.draught_m);
  io.pods(w.nearby);
  io.pods(w.cells);
}
}  // namespace

void GapDetector::save_state(StateWriter& out) const {
  out.pod(kOutageFormat);
  out.pod(last_heard_ms_);
  out.pod(window_);
  out.pods(window_vessels_);
  out.pod(previous_window_vessels_);
  out.size(outages_.size());
  for (const auto& o : outages_) out.pod(o);
  const auto keys = watches_.sorted_keys();
  out.size(keys.size());
  for (std::uint64_t k : keys) {
    out.pod(k);
    watch_fields(out, *watches_.find(k));
  }
  save_keyed(out, grid_);
  const auto waiting = sorted_keys_of(awaiting_draught_);
  out.size(waiting.size());
  for (std::uint32_t m : waiting) {
    out.pod(m);
    out.event(awaiting_draught_.at(m));
  }
  out.pod(last_sweep_ms_);
}

void GapDetector::load_state(StateReader& in) {
  const auto first = in.pod<std::uint64_t>();
  std::size_t n = static_cast<std::size_t>(first);
  if (first == kOutageFormat) {
    in.pod(last_heard_ms_);
    if (last_heard_ms_ != INT64_MIN) check_message_time(last_heard_ms_);
    in.pod(window_);
    // A window index is a message time divided by feed_outage (>= 1 s): well inside +-2^50.
    if (window_ != INT64_MIN && (window_ <= -(std::int64_t{1} << 50) || window_ >= (std::int64_t{1} << 50)))
      throw std::runtime_error("gap state: outage window out of range (corrupt)");
    in.pods(window_vessels_);
    in.pod(previous_window_vessels_);
    if (window_vessels_.size() > kBusyVessels) throw std::runtime_error("gap state: window vessels (corrupt)");
    const std::size_t outages = in.size(2 * sizeof(std::int64_t));
    for (std::size_t i = 0; i < outages; ++i) {
      const auto o = in.pod<std::pair<std::int64_t, std::int64_t>>();
      check_time(o.first);
      check_time(o.second);
      if (o.second < o.first || (!outages_.empty() && o.first < outages_.back().second) || outages_.size() >= kMaxOutages)
        throw std::runtime_error("gap state: feed outages out of order (corrupt)");
      outages_.push_back(o);
    }
    n = in.size(sizeof(std::uint64_t));
  } else if (n > (std::size_t{1} << 32)) {
    throw std::runtime_error("gap state: watch count out of range (corrupt)");
  }
  for (std::size_t i = 0; i < n; ++i) {
    const auto key = in.pod<std::uint64_t>();
    if (key > UINT32_MAX) throw std::runtime_error("gap state: watch MMSI out of range (corrupt)");
    Watch& w = *watches_.find_or_insert(key).first;
    watch_fields(in, w);
    check_message_time(w.since_ms);
    check_position(w.lat, w.lon);
    // The counted neighbours: distinct, ascending (the count searches them), capped.
    if (w.nearby.size() > kMaxNearby ||
        std::adjacent_find(w.nearby.begin(), w.nearby.end(), std::greater_equal<>()) != w.nearby.end())
      throw std::runtime_error("gap state: a watch's neighbours out of order (corrupt)");
    watch_starts_.push({w.since_ms, static_cast<std::uint32_t>(key)});
  }
  load_keyed(in, grid_, [](const std::vector<CellEntry>& list) {
    for (const CellEntry& e : list) {
      check_position(e.lat, e.lon);
      if (!(e.dlat >= 0 && e.dlat <= 180 && e.dlon >= 0 && e.dlon <= 360))
        throw std::runtime_error("gap state: watch box out of range (corrupt)");
    }
  });
  index_cell_lists();
  const std::size_t waiting = in.size(sizeof(std::uint32_t));
  for (std::size_t i = 0; i < waiting; ++i) {
    const auto m = in.pod<std::uint32_t>();
    awaiting_draught_[m] = in.event();
  }
  in.pod(last_sweep_ms_);
  if (last_sweep_ms_ != INT64_MIN) check_message_time(last_sweep_ms_);
}

void GapDetector::forget(const track::Tracker&, const track::Vessel& vessel, const VesselInfo&,
                         const EventSink& emit) {
  drop_watch(vessel.mmsi);
  emit_pending(vessel.mmsi, emit);
}

void GapDetector::finish(const track::Tracker&, const EventSink& emit) {
  std::vector<std::uint32_t> all;
  for (auto& [mmsi, e] : awaiting_draught_) all.push_back(mmsi);
  for (std::uint32_t m : all) emit_pending(m, emit);
  watches_.clear();
  watch_starts_ = {};
  grid_.clear();
}

}  // namespace seawarden::detect
