#include "detect/encounter.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

namespace seawarden::detect {

double median_of(std::vector<float> v) {
  if (v.empty()) return -1;
  const std::size_t m = v.size() / 2;
  std::nth_element(v.begin(), v.begin() + m, v.end());
  if (v.size() % 2) return v[m];
  const float hi = v[m];
  const float lo = *std::max_element(v.begin(), v.begin() + m);
  return (static_cast<double>(lo) + hi) / 2.0;
}

double median_of(std::vector<double> v) {
  if (v.empty()) return -1;
  const std::size_t m = v.size() / 2;
  std::nth_element(v.begin(), v.begin() + m, v.end());
  if (v.size() % 2) return v[m];
  const double hi = v[m];
  const double lo = *std::max_element(v.begin(), v.begin() + m);
  return (lo + hi) / 2.0;
}

double median_lon(const std::vector<double>& lons) {
  if (lons.empty()) return 0;
  std::vector<double> u;
  u.reserve(lons.size());
  for (double x : lons) u.push_back(lons.front() + geo::lon_delta(lons.front(), x));
  return geo::wrap_lon(median_of(std::move(u)));
}

nlohmann::json VesselIdentity::to_json(std::uint32_t mmsi) const {
  nlohmann::json j{{"mmsi", mmsi}};
  if (!name.empty()) j["name"] = name.view();
  if (imo) j["imo"] = imo;
  if (!callsign.empty()) j["callsign"] = callsign.view();
  if (!flag.empty()) j["flag"] = flag.view();
  return j;
}

namespace {
// Saved as a plain list either way (the same bytes as the std::vector it once was).
template <class Samples>
void samples_field(StateWriter& out, const Samples& v) {
  out.pods(std::vector<std::decay_t<decltype(*v.begin())>>(v.begin(), v.end()));
}
template <class Samples>
void samples_field(StateReader& in, Samples& v) {
  std::vector<std::decay_t<decltype(*v.begin())>> list;
  in.pods(list);
  v.assign(list.begin(), list.end());
}

template <class IO, class Pair>
void pair_fields(IO& io, Pair& p) {
  io.pod(p.first_ms);
  io.pod(p.last_ms);
  samples_field(io, p.samples);
  io.pod(p.start_lat);
  io.pod(p.start_lon);
  io.pod(p.end_lat);
  io.pod(p.end_lon);
  identity_fields(io, p.id_a);
  identity_fields(io, p.id_b);
}
}  // namespace

void VesselIdentity::save(StateWriter& out) const { identity_fields(out, *this); }

void VesselIdentity::load(StateReader& in) {
  identity_fields(in, *this);
  check_time(last_seen_ms);
}

void IdentityCache::save(StateWriter& out) const {
  const auto keys = sorted_keys_of(map_);
  out.size(keys.size());
  for (std::uint32_t k : keys) {
    out.pod(k);
    map_.at(k).save(out);
  }
}

void IdentityCache::load(StateReader& in) {
  const std::size_t n = in.size(sizeof(std::uint32_t));
  for (std::size_t i = 0; i < n; ++i) map_[in.pod<std::uint32_t>()].load(in);
}

VesselIdentity identity_of(const VesselInfo& v) {
  VesselIdentity id;
  id.name.set(v.name);
  id.callsign.set(v.callsign);
  id.flag.set(v.flag);
  id.imo = v.imo;
  return id;
}

void IdentityCache::update(const VesselInfo& v, std::int64_t t_ms) {
  VesselIdentity& id = map_[v.mmsi];
  id.last_seen_ms = t_ms;
  id.name.set(v.name);
  id.callsign.set(v.callsign);
  id.flag.set(v.flag);
  id.imo = v.imo;
}

const VesselIdentity* IdentityCache::find(std::uint32_t mmsi) const {
  auto it = map_.find(mmsi);
  return it == map_.end() ? nullptr : &it->second;
}

void IdentityCache::drop_older_than(std::int64_t t_ms) {
  std::erase_if(map_, [t_ms](const auto& kv) { return kv.second.last_seen_ms < t_ms; });
}

EncounterDetector::EncounterDetector(const EncounterConfig& cfg, const ZoneSet* zones)
    : cfg_(cfg),
      zones_(zones),
      ports_(zones),
      exclusion_km_(cfg.min_port_distance_km - cfg.max_distance_m / 1000.0),
      resampler_(ResampleParams{cfg.resample_ms, cfg.interpolate_max_gap_ms}),
      grid_(cfg.max_distance_m) {
  resampler_.on_step = [this](std::int64_t t, std::span<const GridPoint> pts) { on_step(t, pts); };
}

void EncounterDetector::add_step_listener(std::function<void(const StepView&)> listener) {
  listeners_.push_back(std::move(listener));
}

void EncounterDetector::need_partners_beyond_km(double km) {
  exclusion_km_ = std::min(exclusion_km_, km - cfg_.max_distance_m / 1000.0);
}

const VesselIdentity* EncounterDetector::current_identity(std::uint32_t mmsi, VesselIdentity& scratch) const {
  if (!identity_source_) return ids_.find(mmsi);
  const VesselInfo* info = identity_source_(mmsi);
  if (!info) return nullptr;
  scratch = identity_of(*info);
  return &scratch;
}

void EncounterDetector::on_fix(const track::Fix& fix, const track::Fix*, const VesselInfo& vessel,
                               const EventSink& emit) {
  if (!identity_source_) ids_.update(vessel, fix.t_ms);
  resampler_.add(fix);
  if (!identity_source_) collect_identities(fix.t_ms);
  if (!pending_.empty()) drain(emit);
}

void EncounterDetector::on_watermark(std::int64_t t_ms, const EventSink& emit) {
  resampler_.advance(t_ms);
  if (!identity_source_) collect_identities(t_ms);
  if (!pending_.empty()) drain(emit);
}

void EncounterDetector::collect_identities(std::int64_t t_ms) {
  // Identities of vessels silent for a day are no longer needed (pairs keep their own copy);
  // an O(vessels) sweep once per hour of data time.
  if (last_id_gc_ms_ == INT64_MIN) last_id_gc_ms_ = t_ms;
  if (t_ms - last_id_gc_ms_ < kHourMs) return;
  ids_.drop_older_than(t_ms - kDayMs);
  last_id_gc_ms_ = t_ms;
}

void EncounterDetector::flush_steps() { resampler_.finish(); }

void EncounterDetector::save_state(StateWriter& out) const {
  resampler_.save_state(out);
  const std::vector<std::uint64_t> keys = pairs_.sorted_keys();
  out.size(keys.size());
  for (std::uint64_t k : keys) {
    out.pod(k);
    pair_fields(out, *pairs_.find(k));
  }
  out.size(touched_.size());
  for (const auto& [t, bucket] : touched_) {
    out.pod(t);
    out.pods(bucket);
  }
  out.events(pending_);
  out.pod(last_sweep_ms_);
  out.pod(last_id_gc_ms_);
  ids_.save(out);
}

void EncounterDetector::load_state(StateReader& in) {
  resampler_.load_state(in);
  const std::size_t n = in.size(sizeof(std::uint64_t));
  for (std::size_t i = 0; i < n; ++i) {
    PairState& p = *pairs_.find_or_insert(in.pod<std::uint64_t>()).first;
    pair_fields(in, p);
    // Every open pair has its sightings (a step compares with the last one).
    if (p.samples.empty()) throw std::runtime_error("encounter state: a pair without sightings");
    check_times(p.first_ms, p.last_ms, p.id_a.last_seen_ms, p.id_b.last_seen_ms);
    check_span(p.first_ms, p.last_ms);
    for (const Sample& s : p.samples) {
      check_position(s.mid_lat, s.mid_lon);
      // Medians are taken over these: a NaN would leave the order undefined.
      if (!(s.dist_m >= 0 && std::isfinite(s.dist_m))) throw std::runtime_error("encounter state: a distance out of range");
      check_speed(s.speed_a);
      check_speed(s.speed_b);
    }
    check_position(p.start_lat, p.start_lon);
    check_position(p.end_lat, p.end_lon);
  }
  touched_.clear();
  const std::size_t buckets = in.size(sizeof(std::int64_t));
  for (std::size_t i = 0; i < buckets; ++i) {
    const auto t = in.pod<std::int64_t>();
    check_message_time(t);
    // Oldest first: the sweep closes pairs from the front and stops at the first recent one.
    if (!touched_.empty() && t <= touched_.back().first)
      throw std::runtime_error("encounter state: steps out of order (corrupt)");
    in.pods(touched_.emplace_back(t, std::vector<std::uint64_t>{}).second);
  }
  in.events(pending_);
  in.pod(last_sweep_ms_);
  in.pod(last_id_gc_ms_);
  for (const std::int64_t t : {last_sweep_ms_, last_id_gc_ms_})
    if (t != INT64_MIN) check_message_time(t);
  ids_.load(in);
}

void EncounterDetector::finish(const EventSink& emit) {
  resampler_.finish();
  closing_ = pairs_.sorted_keys();
  for (auto key : closing_) close_pair(key, *pairs_.find(key));
  for (auto key : closing_) pairs_.erase(key);
  closing_.clear();
  touched_.clear();
  drain(emit);
}

void EncounterDetector::drain(const EventSink& emit) {
  // Within one batch, in start order (then by vessels) so output is deterministic.
  std::stable_sort(pending_.begin(), pending_.end(), [](const Event& a, const Event& b) {
    return a.start_ms != b.start_ms ? a.start_ms < b.start_ms : a.vessels < b.vessels;
  });
  for (auto& e : pending_) emit(std::move(e));
  pending_.clear();
}

void EncounterDetector::add_counts(DetectorCounts& counts) const {
  if (stats_.crowded_points == 0) return;
  counts[fmt::format("encounter: grid positions in a crowd (over {} in one ~{:.0f} m cell), no pairs",
                     cfg_.crowd_limit, cfg_.max_distance_m)] += stats_.crowded_points;
}

void EncounterDetector::on_step(std::int64_t t, std::span<const GridPoint> all) {
  ++stats_.steps;
  // Positions that cannot take part in a counted contact (near a port) stay out of the search.
  std::span<const GridPoint> pts = all;
  const bool filter = ports_.active() && exclusion_km_ > 0;
  if (filter) {
    kept_.clear();
    kept_index_.clear();
    for (std::size_t i = 0; i < all.size(); ++i) {
      if (!ports_.at_least(all[i].lat, all[i].lon, exclusion_km_)) continue;
      kept_.push_back(all[i]);
      kept_index_.push_back(static_cast<std::uint32_t>(i));
    }
    stats_.near_port_points += all.size() - kept_.size();
    pts = kept_;
  }
  grid_.build(pts, static_cast<std::size_t>(cfg_.crowd_limit));
  has_partner_.assign(all.size(), 0);
  if (grid_.crowded_points() > 0) {
    // A crowd makes no pairs; its vessels are not alone either (no loitering there).
    stats_.crowded_points += grid_.crowded_points();
    for (std::size_t i = 0; i < pts.size(); ++i)
      if (grid_.crowded(i)) has_partner_[filter ? kept_index_[i] : i] = 1;
  }
  VesselIdentity scratch;
  grid_.for_each_pair([&](std::size_t i, std::size_t j, double d) {
    const GridPoint* a = &pts[i];
    const GridPoint* b = &pts[j];
    if (a->mmsi == b->mmsi) return;  // two segments of one MMSI are not two ships meeting
    if (is_partner(*a, *b, cfg_.max_median_speed_kn)) {
      has_partner_[filter ? kept_index_[i] : i] = 1;
      has_partner_[filter ? kept_index_[j] : j] = 1;
    }
    if (a->mmsi > b->mmsi) std::swap(a, b);
    const geo::LatLon mid = geo::interpolate(a->lat, a->lon, b->lat, b->lon, 0.5);
    if (ports_.active() && !ports_.at_least(mid.lat, mid.lon, cfg_.min_port_distance_km)) {
      ++stats_.near_port_contacts;
      return;
    }
    ++stats_.close_pair_steps;
    const std::uint64_t key = (static_cast<std::uint64_t>(a->mmsi) << 32) | b->mmsi;
    auto [state, fresh] = pairs_.find_or_insert(key);
    PairState& s = *state;
    if (fresh) {
      ++stats_.pairs_opened;
      s.first_ms = t;
      s.start_lat = mid.lat;
      s.start_lon = mid.lon;
      if (const auto* ia = current_identity(a->mmsi, scratch)) s.id_a = *ia;
      if (const auto* ib = current_identity(b->mmsi, scratch)) s.id_b = *ib;
    } else if (s.last_ms == t) {
      // Same pair again this step through another segment: keep the closer sighting.
      if (d >= s.samples.back().dist_m) return;
      s.samples.pop_back();
    }
    if (fresh || s.last_ms != t) touched_bucket(t).push_back(key);
    s.last_ms = t;
    s.end_lat = mid.lat;
    s.end_lon = mid.lon;
    s.samples.push_back(Sample{mid.lat, mid.lon, static_cast<float>(d), a->speed_kn, b->speed_kn});
  });
  close_stale(t);
  if (!listeners_.empty()) {
    const StepView view{t, all, std::span<const std::uint8_t>(has_partner_.data(), has_partner_.size())};
    for (auto& l : listeners_) l(view);
  }
}

std::vector<std::uint64_t>& EncounterDetector::touched_bucket(std::int64_t t) {
  if (touched_.empty() || touched_.back().first != t) {
    std::vector<std::uint64_t> keys;
    if (!spare_buckets_.empty()) {
      keys = std::move(spare_buckets_.back());
      spare_buckets_.pop_back();
    }
    touched_.emplace_back(t, std::move(keys));
  }
  return touched_.back().second;
}

void EncounterDetector::close_stale(std::int64_t t) {
  const std::int64_t limit = t - kMaxSeparationSteps * cfg_.resample_ms;
  // A pair is stale when last_ms < limit; its key sits in the bucket of its last_ms (a pair seen
  // again later also sits in a newer bucket, so an old entry whose last_ms moved on is skipped).
  while (!touched_.empty() && touched_.front().first < limit) {
    auto& [bucket_ms, keys] = touched_.front();
    for (auto key : keys) {
      const PairState* s = pairs_.find(key);
      if (s && s->last_ms == bucket_ms) closing_.push_back(key);
    }
    keys.clear();
    spare_buckets_.push_back(std::move(keys));
    touched_.pop_front();
  }
  if (closing_.empty()) return;
  std::sort(closing_.begin(), closing_.end());
  for (auto key : closing_) {
    close_pair(key, *pairs_.find(key));
    pairs_.erase(key);
  }
  closing_.clear();
}

void EncounterDetector::close_pair(std::uint64_t key, PairState& s) {
  const std::int64_t duration = s.last_ms - s.first_ms;
  if (duration < cfg_.min_duration_ms) {
    ++stats_.rejected_short;
    return;
  }
  const std::size_t n = s.samples.size();
  std::vector<float> known_a, known_b, dist;
  known_a.reserve(n);
  known_b.reserve(n);
  for (const Sample& x : s.samples) {
    if (x.speed_a >= 0) known_a.push_back(x.speed_a);
    if (x.speed_b >= 0) known_b.push_back(x.speed_b);
  }
  const double speed_a = median_of(std::move(known_a)), speed_b = median_of(std::move(known_b));
  if (speed_a < 0 || speed_b < 0 || speed_a >= cfg_.max_median_speed_kn || speed_b >= cfg_.max_median_speed_kn) {
    ++stats_.rejected_speed;
    return;
  }
  std::vector<double> mid_lat, mid_lon;
  mid_lat.reserve(n);
  mid_lon.reserve(n);
  dist.reserve(n);
  for (const Sample& x : s.samples) {
    mid_lat.push_back(x.mid_lat);
    mid_lon.push_back(x.mid_lon);
    dist.push_back(x.dist_m);
  }
  const double lat = median_of(std::move(mid_lat)), lon = median_lon(mid_lon);
  double port_km = std::numeric_limits<double>::infinity();
  if (zones_ && !zones_->empty()) port_km = zones_->distance_to_nearest_km(lat, lon, port_kinds());
  if (port_km < cfg_.min_port_distance_km) {
    ++stats_.rejected_port;
    return;
  }
  const auto mmsi_a = static_cast<std::uint32_t>(key >> 32), mmsi_b = static_cast<std::uint32_t>(key);
  Event e;
  e.kind = "encounter";
  e.start_ms = s.first_ms;
  e.end_ms = s.last_ms;
  e.vessels = {mmsi_a, mmsi_b};
  e.lat = lat;
  e.lon = lon;
  auto& f = e.fields;
  f["duration_h"] = round_decimals(static_cast<double>(duration) / kHourMs, 2);
  const float min_dist = *std::min_element(dist.begin(), dist.end());
  f["median_distance_m"] = round_decimals(median_of(std::move(dist)), 1);
  f["min_distance_m"] = round_decimals(min_dist, 1);
  f["median_speed_kn"] = {round_decimals(speed_a, 2), round_decimals(speed_b, 2)};
  f["port_distance_km"] = std::isfinite(port_km) ? nlohmann::json(round_decimals(port_km, 2)) : nlohmann::json();
  f["start_lat"] = round_decimals(s.start_lat, 6);  // as the event's own lat/lon
  f["start_lon"] = round_decimals(s.start_lon, 6);
  f["end_lat"] = round_decimals(s.end_lat, 6);
  f["end_lon"] = round_decimals(s.end_lon, 6);
  f["points"] = n;  // grid steps in contact
  nlohmann::json va = s.id_a.to_json(mmsi_a), vb = s.id_b.to_json(mmsi_b);
  va["median_speed_kn"] = round_decimals(speed_a, 2);
  vb["median_speed_kn"] = round_decimals(speed_b, 2);
  f["vessel_info"] = {va, vb};
  ++stats_.events;
  pending_.push_back(std::move(e));
}

}  // namespace seawarden::detect
