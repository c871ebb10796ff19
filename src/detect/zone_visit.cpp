#include "detect/zone_visit.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <unordered_map>

namespace seawarden::detect {

namespace {
bool sog_known(float sog) { return sog >= 0 && sog < 102.2f; }
}  // namespace

ZoneVisitDetector::ZoneVisitDetector(const ZoneVisitConfig& cfg, const ZoneSet* zones) : cfg_(cfg), zones_(zones) {}

std::int64_t ZoneVisitDetector::crossing_ms(std::uint32_t zone, const Vessel& from, const track::Fix& to,
                                            bool entering) const {
  // Bisection on the straight leg for the point where membership changes.
  double lo = 0, hi = 1;
  for (int i = 0; i < 16; ++i) {
    const double mid = (lo + hi) / 2;
    const geo::LatLon p = geo::interpolate(from.lat, from.lon, to.lat, to.lon, mid);
    const bool in = zones_->contains(zone, p.lat, p.lon);
    if (in == entering) hi = mid;
    else lo = mid;
  }
  return from.t + static_cast<std::int64_t>(std::llround(hi * static_cast<double>(to.t_ms - from.t)));
}

ZoneVisitDetector::Vessel& ZoneVisitDetector::start_tracking(std::uint32_t mmsi, const track::Fix& fix,
                                                               const track::Fix* prev) {
  Vessel& v = *vessels_.find_or_insert(mmsi).first;
  present_.add(mmsi);
  if (present_.needs_growth()) present_.rebuild(vessels_.sorted_keys());
  const track::Fix& last = prev ? *prev : fix;
  v.t = last.t_ms;
  v.lat = last.lat;
  v.lon = last.lon;
  v.born = ++next_born_;
  expiry_.push({fix.t_ms + kIdleCloseMs, mmsi, v.born});
  return v;
}

void ZoneVisitDetector::stop_tracking(std::uint32_t mmsi) {
  vessels_.erase(mmsi);
  present_.remove(mmsi);
  ids_.erase(mmsi);
}

void ZoneVisitDetector::on_fix(const track::Fix& fix, const track::Fix* prev, const VesselInfo& vessel,
                               const EventSink& emit) {
  if (!zones_ || zones_->empty()) return;
  if (!(std::fabs(fix.lat) <= 90 && std::fabs(fix.lon) <= 180)) return;
  expire(fix.t_ms);  // fixes come in time order: each is a watermark
  ++stats_.fixes;
  zones_->zones_at(fix.lat, fix.lon, here_);
  Vessel* tracked = present_.maybe(fix.mmsi) ? vessels_.find(fix.mmsi) : nullptr;
  if (!tracked && here_.empty()) return;  // at sea, in no zone: the common case
  // The previous fix: the record's while inside, else the tracker's (entry interpolation).
  const bool has_previous = tracked || prev;
  Vessel& v = tracked ? *tracked : start_tracking(fix.mmsi, fix, prev);
  if (fix.t_ms < v.t) return;  // out of order for this vessel
  if (!identity_source_) ids_.update(vessel, fix.t_ms);
  const float sog = sog_known(fix.sog) ? fix.sog : -1.0f;
  const bool near_in_time = has_previous && fix.t_ms - v.t < kInterpolateMaxGapMs;

  // Merge the sorted lists of open visits and zones here.
  next_open_.clear();
  std::size_t a = 0, b = 0;
  while (a < v.open.size() || b < here_.size()) {
    if (b == here_.size() || (a < v.open.size() && v.open[a].zone < here_[b])) {  // left the zone
      const Visit& o = v.open[a++];
      if (near_in_time) close_visit(fix.mmsi, o, crossing_ms(o.zone, v, fix, false), true, "crossing");
      else close_visit(fix.mmsi, o, o.last_ms, false, "after_gap");
    } else if (a == v.open.size() || here_[b] < v.open[a].zone) {  // entered the zone
      Visit n;
      n.zone = here_[b++];
      n.entry_interpolated = near_in_time;
      n.entry_ms = near_in_time ? crossing_ms(n.zone, v, fix, true) : fix.t_ms;
      n.lat = fix.lat;
      n.lon = fix.lon;
      n.last_ms = fix.t_ms;
      n.last_lat = fix.lat;
      n.last_lon = fix.lon;
      n.min_speed = sog;
      n.fixes = 1;
      ++stats_.entries;
      next_open_.push_back(n);
    } else {  // still inside
      Visit o = v.open[a++];
      ++b;
      float speed = sog;
      const std::int64_t dt = fix.t_ms - o.last_ms;
      if (speed < 0 && dt >= 2 * kMinuteMs)
        speed = static_cast<float>(geo::ms_to_knots(geo::distance_m(o.last_lat, o.last_lon, fix.lat, fix.lon),
                                                    static_cast<double>(dt)));
      if (speed >= 0 && (o.min_speed < 0 || speed < o.min_speed)) o.min_speed = speed;
      o.last_ms = fix.t_ms;
      o.last_lat = fix.lat;
      o.last_lon = fix.lon;
      ++o.fixes;
      next_open_.push_back(o);
    }
  }
  v.open.assign(next_open_.begin(), next_open_.end());
  v.t = fix.t_ms;
  v.lat = fix.lat;
  v.lon = fix.lon;
  if (v.open.empty()) stop_tracking(fix.mmsi);  // out of every zone: nothing left to keep
  if (!pending_.empty()) drain(emit);
}

void ZoneVisitDetector::expire(std::int64_t t_ms) {
  while (!expiry_.empty() && expiry_.top().deadline <= t_ms) {
    const Expiry e = expiry_.top();
    expiry_.pop();
    Vessel* found = vessels_.find(e.mmsi);
    if (!found || found->born != e.born) continue;  // that record is gone
    Vessel& v = *found;
    const std::int64_t keep = v.t + kIdleCloseMs;
    if (keep > t_ms) {
      expiry_.push({keep, e.mmsi, e.born});
      continue;
    }
    for (const Visit& o : v.open) close_visit(e.mmsi, o, o.last_ms, false, "idle");
    stop_tracking(e.mmsi);
  }
}

void ZoneVisitDetector::on_watermark(std::int64_t t_ms, const EventSink& emit) {
  expire(t_ms);
  if (!pending_.empty()) drain(emit);
}

void ZoneVisitDetector::finish(const EventSink& emit) {
  for (std::uint64_t key : vessels_.keys_where([](std::uint64_t, const Vessel& v) { return !v.open.empty(); })) {
    const auto mmsi = static_cast<std::uint32_t>(key);
    for (const Visit& o : vessels_[key].open) close_visit(mmsi, o, o.last_ms, false, "end_of_input");
  }
  vessels_.clear();
  present_ = PresenceFilter{};
  expiry_ = {};
  drain(emit);
  ids_ = IdentityCache{};
}

// Open visits name their zone by id (not by index), so a continued run with an edited zones
// file keeps the visits of zones that still exist and drops the others.
void ZoneVisitDetector::save_state(StateWriter& out) const {
  const std::vector<std::uint64_t> keys = vessels_.sorted_keys();
  out.size(keys.size());
  for (std::uint64_t k : keys) {
    const Vessel& v = *vessels_.find(k);
    out.pod(k);
    out.pod(v.t);
    out.pod(v.lat);
    out.pod(v.lon);
    out.pod(v.born);
    out.size(v.open.size());
    for (const Visit& o : v.open) {
      out.str(zones_->zone(o.zone).id);
      out.pod(o);
    }
  }
  out.pods(expiry_.heap());
  out.pod(next_born_);
  out.events(pending_);
  ids_.save(out);
}

void ZoneVisitDetector::load_state(StateReader& in) {
  std::unordered_map<std::string, std::uint32_t> index;
  for (std::size_t i = 0; zones_ && i < zones_->size(); ++i) index.emplace(zones_->zone(i).id, static_cast<std::uint32_t>(i));
  const std::size_t n = in.size(sizeof(std::uint64_t));
  for (std::size_t i = 0; i < n; ++i) {
    const auto key = in.pod<std::uint64_t>();
    if (key > UINT32_MAX) throw std::runtime_error("zone_visit state: MMSI out of range (corrupt)");
    Vessel& v = *vessels_.find_or_insert(key).first;
    in.pod(v.t);
    in.pod(v.lat);
    in.pod(v.lon);
    in.pod(v.born);
    check_message_time(v.t);
    check_position(v.lat, v.lon);
    const std::size_t visits = in.size(sizeof(Visit));
    for (std::size_t j = 0; j < visits; ++j) {
      const std::string id = in.str();
      Visit o;
      in.pod(o);
      fix_bool(o.entry_interpolated);
      check_span(o.entry_ms, o.last_ms);
      check_speed(o.min_speed);
      check_position(o.lat, o.lon);
      check_position(o.last_lat, o.last_lon);
      const auto it = index.find(id);
      if (it == index.end()) continue;  // the zone is gone from the zones file
      o.zone = it->second;
      v.open.push_back(o);
    }
    std::sort(v.open.begin(), v.open.end(), [](const Visit& a, const Visit& b) { return a.zone < b.zone; });
    if (std::adjacent_find(v.open.begin(), v.open.end(), [](const Visit& a, const Visit& b) { return a.zone == b.zone; }) !=
        v.open.end())
      throw std::runtime_error("zone_visit state: one zone visited twice at once (corrupt)");
    if (v.open.empty()) vessels_.erase(key);  // all its zones are gone
  }
  present_.rebuild(vessels_.sorted_keys());
  std::vector<Expiry> heap;
  in.pods(heap);
  for (const Expiry& e : heap) check_time(e.deadline);
  expiry_.restore(std::move(heap));
  in.pod(next_born_);
  in.events(pending_);
  ids_.load(in);
}

void ZoneVisitDetector::drain(const EventSink& emit) {
  std::stable_sort(pending_.begin(), pending_.end(), [](const Event& a, const Event& b) {
    return a.start_ms != b.start_ms ? a.start_ms < b.start_ms : a.vessels < b.vessels;
  });
  for (auto& e : pending_) emit(std::move(e));
  pending_.clear();
}

void ZoneVisitDetector::close_visit(std::uint32_t mmsi, const Visit& v, std::int64_t end_ms, bool exit_interpolated,
                                    const char* reason) {
  const Zone& z = zones_->zone(v.zone);
  Event e;
  e.kind = "zone_visit";
  e.start_ms = v.entry_ms;
  e.end_ms = std::max(end_ms, v.entry_ms);
  e.vessels = {mmsi};
  e.lat = v.lat;
  e.lon = v.lon;
  auto& f = e.fields;
  f["zone"] = z.id;
  f["zone_name"] = z.name;
  f["zone_kind"] = z.kind;
  f["dwell_h"] = round_decimals(static_cast<double>(e.end_ms - e.start_ms) / kHourMs, 2);
  f["min_speed_kn"] = v.min_speed >= 0 ? nlohmann::json(round_decimals(v.min_speed, 2)) : nlohmann::json();
  f["port_call"] = is_port_kind(z.kind) && v.min_speed >= 0 && v.min_speed < cfg_.port_call_max_speed_kn;
  f["fixes"] = v.fixes;
  f["entry_interpolated"] = v.entry_interpolated;
  f["exit_interpolated"] = exit_interpolated;
  f["exit_reason"] = reason;
  VesselIdentity current;
  const VesselIdentity* id = ids_.find(mmsi);
  if (identity_source_) {
    const VesselInfo* info = identity_source_(mmsi);
    id = info ? &(current = identity_of(*info)) : nullptr;
  }
  if (id) {
    const nlohmann::json j = id->to_json(mmsi);
    for (const char* k : {"name", "imo", "callsign", "flag"})
      if (j.contains(k)) f[k] = j[k];
  }
  ++stats_.events;
  pending_.push_back(std::move(e));
}

}  // namespace seawarden::detect
