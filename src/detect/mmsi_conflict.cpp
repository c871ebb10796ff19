#include "detect/mmsi_conflict.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "track/geodesy.h"

namespace seawarden::detect {

void MmsiConflictDetector::on_track_fix(const track::Vessel&, const VesselInfo& info,
                                        const track::Fix& fix, const track::Fix* prev,
                                        const track::SegmentDecision&, const EventSink& emit) {
  if (!prev || prev->segment == fix.segment || fix.t_ms - prev->t_ms >= cfg_.max_dt_ms) return;
  double km = track::haversine_km(prev->lat, prev->lon, fix.lat, fix.lon);
  if (km <= cfg_.min_distance_km) return;
  auto it = open_.find(fix.mmsi);
  if (it != open_.end() && prev->t_ms - it->second.last_ms > cfg_.max_quiet_ms) {
    close(fix.mmsi, it->second, emit);
    open_.erase(it);
    it = open_.end();
  }
  if (it == open_.end()) {
    Period p;
    p.start_ms = prev->t_ms;
    p.lat = prev->lat;
    p.lon = prev->lon;
    p.other_lat = fix.lat;
    p.other_lon = fix.lon;
    it = open_.emplace(fix.mmsi, std::move(p)).first;
  }
  Period& p = it->second;
  p.last_ms = fix.t_ms;
  p.max_km = std::max(p.max_km, km);
  ++p.switches;
  for (std::uint32_t s : {prev->segment, fix.segment})
    if (std::find(p.segments.begin(), p.segments.end(), s) == p.segments.end() && p.segments.size() < 16)
      p.segments.push_back(s);
  p.info = info;
  oldest_open_ms_ = std::min(oldest_open_ms_, p.last_ms);
  if (p.switches >= cfg_.min_switches) {
    confirmed_[fix.mmsi] = {p.start_ms, p.last_ms};
    oldest_confirmed_ms_ = std::min(oldest_confirmed_ms_, p.last_ms);
  }
}

std::int64_t MmsiConflictDetector::confirmed_since(std::uint32_t mmsi, std::int64_t* last) const {
  auto it = confirmed_.find(mmsi);
  if (it == confirmed_.end()) return INT64_MIN;
  if (last) *last = it->second.second;
  return it->second.first;
}

std::int64_t MmsiConflictDetector::unconfirmed_since(std::uint32_t mmsi) const {
  auto it = open_.find(mmsi);
  if (it == open_.end() || it->second.switches >= cfg_.min_switches) return INT64_MIN;
  return it->second.start_ms;
}

void MmsiConflictDetector::close(std::uint32_t mmsi, Period& p, const EventSink& emit) {
  if (p.switches < cfg_.min_switches) return;
  Event e;
  e.kind = "mmsi_conflict";
  e.start_ms = p.start_ms;
  e.end_ms = p.last_ms;
  e.vessels = {mmsi};
  e.lat = p.lat;
  e.lon = p.lon;
  e.fields["switches"] = p.switches;
  e.fields["max_distance_km"] = round_decimals(p.max_km, 1);
  e.fields["other"] = position_json(p.other_lat, p.other_lon);
  e.fields["segments"] = p.segments;
  e.fields["duration_h"] = std::round((p.last_ms - p.start_ms) / 3.6e4) / 100;
  add_identity_fields(p.info, e.fields);
  emit(std::move(e));
}

namespace {
// Erases the entries of `map` whose last time (last_of) is more than `keep` before t, calling
// on_expire first. `oldest` is at most the smallest last time in the map (exact after a sweep):
// the test is monotone in it, so when the oldest cannot have expired the map is not walked.
template <class Map, class Last, class OnExpire>
void sweep_expired(Map& map, std::int64_t& oldest, std::int64_t t, std::int64_t keep, Last last_of,
                   OnExpire on_expire) {
  if (map.empty() || t - oldest <= keep) return;
  oldest = INT64_MAX;
  for (auto it = map.begin(); it != map.end();) {
    const std::int64_t last = last_of(it->second);
    if (t - last > keep) {
      on_expire(*it);
      it = map.erase(it);
    } else {
      oldest = std::min(oldest, last);
      ++it;
    }
  }
}
}  // namespace

void MmsiConflictDetector::on_watermark(std::int64_t t_ms, const track::Tracker&, const EventSink& emit) {
  sweep_expired(
      open_, oldest_open_ms_, t_ms, cfg_.max_quiet_ms + cfg_.max_dt_ms, [](const Period& p) { return p.last_ms; },
      [&](auto& entry) { close(entry.first, entry.second, emit); });
  sweep_expired(
      confirmed_, oldest_confirmed_ms_, t_ms, 2 * cfg_.max_quiet_ms, [](const auto& span) { return span.second; },
      [](const auto&) {});
}

void MmsiConflictDetector::finish(const track::Tracker&, const EventSink& emit) {
  for (auto& [mmsi, p] : open_) close(mmsi, p, emit);
  open_.clear();
}

void MmsiConflictDetector::forget(const track::Tracker&, const track::Vessel& vessel, const VesselInfo&,
                                  const EventSink& emit) {
  if (auto it = open_.find(vessel.mmsi); it != open_.end()) {
    close(it->first, it->second, emit);
    open_.erase(it);
  }
  confirmed_.erase(vessel.mmsi);
}

namespace {
template <class IO, class Period>
void period_fields(IO& io, Period& p) {  // one list for both directions
  io.pod(p.start_ms);
  io.pod(p.last_ms);
  io.pod(p.lat);
  io.pod(p.lon);
  io.pod(p.other_lat);
  io.pod(p.other_lon);
  io.pod(p.max_km);
  io.pod(p.switches);
  io.pods(p.segments);
  info_fields(io, p.info);
}
}  // namespace

void MmsiConflictDetector::save_state(StateWriter& out) const {
  const auto keys = sorted_keys_of(open_);
  out.size(keys.size());
  for (std::uint32_t m : keys) {
    out.pod(m);
    period_fields(out, open_.at(m));
  }
  const auto confirmed = sorted_keys_of(confirmed_);
  out.size(confirmed.size());
  for (std::uint32_t m : confirmed) {
    out.pod(m);
    out.pod(confirmed_.at(m));
  }
}

void MmsiConflictDetector::load_state(StateReader& in) {
  const std::size_t n = in.size(sizeof(std::uint32_t));
  for (std::size_t i = 0; i < n; ++i) {
    Period& p = open_[in.pod<std::uint32_t>()];
    period_fields(in, p);
    check_span(p.start_ms, p.last_ms);
    check_position(p.lat, p.lon);
    check_position(p.other_lat, p.other_lon);
    if (!(p.max_km >= 0 && std::isfinite(p.max_km)) || p.switches < 0 || p.switches > (1 << 30))
      throw std::runtime_error("mmsi_conflict state: an open period out of range (corrupt)");
    oldest_open_ms_ = std::min(oldest_open_ms_, p.last_ms);
  }
  const std::size_t confirmed = in.size(sizeof(std::uint32_t));
  for (std::size_t i = 0; i < confirmed; ++i) {
    const auto m = in.pod<std::uint32_t>();
    auto& span = confirmed_[m];
    in.pod(span);
    check_span(span.first, span.second);
    oldest_confirmed_ms_ = std::min(oldest_confirmed_ms_, span.second);
  }
}

}  // namespace seawarden::detect
