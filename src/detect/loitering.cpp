#include "detect/loitering.h"

#include <algorithm>
#include <cmath>

namespace seawarden::detect {

LoiteringDetector::LoiteringDetector(const LoiteringConfig& cfg, const EncounterConfig& ecfg, const ZoneSet* zones,
                                     EncounterDetector* shared)
    : cfg_(cfg), step_ms_(ecfg.resample_ms), zones_(zones), ports_(zones), shared_(shared) {
  if (shared_) {
    shared_->need_partners_beyond_km(cfg_.min_port_distance_km);
    shared_->add_step_listener([this](const StepView& v) { on_step(v); });
    return;
  }
  resampler_ = std::make_unique<Resampler>(ResampleParams{ecfg.resample_ms, ecfg.interpolate_max_gap_ms});
  grid_ = std::make_unique<NeighbourGrid>(ecfg.max_distance_m);
  resampler_->on_step = [this, ecfg](std::int64_t t, std::span<const GridPoint> pts) {
    grid_->build(pts);
    has_partner_.assign(pts.size(), 0);
    const double slow = ecfg.max_median_speed_kn;
    grid_->for_each_pair([&](std::size_t i, std::size_t j, double) {
      if (is_partner(pts[i], pts[j], slow)) has_partner_[i] = has_partner_[j] = 1;
    });
    on_step(StepView{t, pts, std::span<const std::uint8_t>(has_partner_.data(), has_partner_.size())});
  };
}

void LoiteringDetector::on_fix(const track::Fix& fix, const track::Fix*, const VesselInfo& vessel,
                               const EventSink& emit) {
  if (!identity_source_) {
    ids_.update(vessel, fix.t_ms);
    if (last_id_gc_ms_ == INT64_MIN) last_id_gc_ms_ = fix.t_ms;
    if (fix.t_ms - last_id_gc_ms_ >= kHourMs) {  // O(vessels) once per hour of data time
      ids_.drop_older_than(fix.t_ms - kDayMs);
      last_id_gc_ms_ = fix.t_ms;
    }
  }
  if (resampler_) resampler_->add(fix);
  if (!pending_.empty()) drain(emit);
}

void LoiteringDetector::on_watermark(std::int64_t t_ms, const EventSink& emit) {
  if (resampler_) resampler_->advance(t_ms);
  if (!pending_.empty()) drain(emit);
}

void LoiteringDetector::finish(const EventSink& emit) {
  // Whichever of the two detectors finishes first, every step reaches this one before it closes.
  if (resampler_) resampler_->finish();
  if (shared_) shared_->flush_steps();
  for (auto& [mmsi, r] : runs_) closing_.push_back(mmsi);
  std::sort(closing_.begin(), closing_.end());
  for (auto mmsi : closing_) close_run(mmsi, runs_.at(mmsi));
  runs_.clear();
  with_runs_ = PresenceFilter{};
  closing_.clear();
  drain(emit);
}

namespace {
template <class IO, class Run>
void run_fields(IO& io, Run& r) {  // one list for both directions
  io.pod(r.first_ms);
  io.pod(r.last_ms);
  io.pods(r.speed);
  io.pods(r.lat);
  io.pods(r.lon);
  identity_fields(io, r.id);
}
}  // namespace

void LoiteringDetector::save_state(StateWriter& out) const {
  out.pod(static_cast<std::uint8_t>(resampler_ != nullptr));
  if (resampler_) resampler_->save_state(out);
  const auto keys = sorted_keys_of(runs_);
  out.size(keys.size());
  for (std::uint32_t mmsi : keys) {
    out.pod(mmsi);
    run_fields(out, runs_.at(mmsi));
  }
  out.events(pending_);
  out.pod(last_id_gc_ms_);
  ids_.save(out);
}

void LoiteringDetector::load_state(StateReader& in) {
  const bool own = in.pod<std::uint8_t>() != 0;
  if (own != (resampler_ != nullptr))
    throw std::runtime_error("loitering state: saved with the encounter detector enabled differently");
  if (resampler_) resampler_->load_state(in);
  const std::size_t n = in.size(sizeof(std::uint32_t));
  for (std::size_t i = 0; i < n; ++i) {
    Run& r = runs_[in.pod<std::uint32_t>()];
    run_fields(in, r);
    check_times(r.first_ms, r.last_ms, r.id.last_seen_ms);
    check_span(r.first_ms, r.last_ms);
    // A run has a point per step since its first: a speed and a position each.
    if (r.lat.empty() || r.lat.size() != r.lon.size() || r.speed.size() != r.lat.size())
      throw std::runtime_error("loitering state: run positions (corrupt)");
    for (std::size_t j = 0; j < r.lat.size(); ++j) {
      check_position(r.lat[j], r.lon[j]);
      check_speed(r.speed[j]);
    }
  }
  in.events(pending_);
  in.pod(last_id_gc_ms_);
  if (last_id_gc_ms_ != INT64_MIN) check_message_time(last_id_gc_ms_);
  ids_.load(in);
  rebuild_filter();
}

void LoiteringDetector::drain(const EventSink& emit) {
  std::stable_sort(pending_.begin(), pending_.end(), [](const Event& a, const Event& b) {
    return a.start_ms != b.start_ms ? a.start_ms < b.start_ms : a.vessels < b.vessels;
  });
  for (auto& e : pending_) emit(std::move(e));
  pending_.clear();
}

void LoiteringDetector::on_step(const StepView& step) {
  const std::int64_t t = step.t_ms;
  const std::int64_t bridge = (EncounterDetector::kMaxSeparationSteps + 1) * step_ms_;
  for (std::size_t i = 0; i < step.points.size(); ++i) {
    const GridPoint& p = step.points[i];
    bool loitering = p.speed_kn >= 0 && p.speed_kn < cfg_.max_speed_kn && !step.has_partner[i];
    if (loitering && !ports_.at_least(p.lat, p.lon, cfg_.min_port_distance_km)) {
      loitering = false;
      ++stats_.near_port_steps;
    }
    // Most points are of vessels under way with no run: answered from cache, no map lookup.
    const bool may_have_run = with_runs_.maybe(p.mmsi);
    if (!loitering && !may_have_run) continue;
    auto it = may_have_run ? runs_.find(p.mmsi) : runs_.end();
    if (it != runs_.end() && it->second.last_ms == t) continue;  // another segment, same step
    if (it != runs_.end() && (!loitering || t - it->second.last_ms > bridge)) {
      close_run(p.mmsi, it->second);
      erase_run(it);
      it = runs_.end();
    }
    if (!loitering) continue;
    if (it == runs_.end()) {
      ++stats_.runs;
      it = runs_.try_emplace(p.mmsi).first;
      with_runs_.add(p.mmsi);
      if (with_runs_.needs_growth()) rebuild_filter();
      it->second.first_ms = t;
      if (identity_source_) {
        if (const VesselInfo* info = identity_source_(p.mmsi)) it->second.id = identity_of(*info);
      } else if (const auto* id = ids_.find(p.mmsi)) {
        it->second.id = *id;
      }
    }
    Run& r = it->second;
    r.last_ms = t;
    r.speed.push_back(p.speed_kn);
    r.lat.push_back(p.lat);
    r.lon.push_back(p.lon);
  }
  // Runs of vessels that have had no position for more than the bridged steps end here.
  for (auto& [mmsi, r] : runs_)
    if (t - r.last_ms > EncounterDetector::kMaxSeparationSteps * step_ms_) closing_.push_back(mmsi);
  if (closing_.empty()) return;
  std::sort(closing_.begin(), closing_.end());
  for (auto mmsi : closing_) {
    auto it = runs_.find(mmsi);
    close_run(mmsi, it->second);
    erase_run(it);
  }
  closing_.clear();
}

void LoiteringDetector::erase_run(std::unordered_map<std::uint32_t, Run>::iterator it) {
  with_runs_.remove(it->first);
  runs_.erase(it);
}

void LoiteringDetector::rebuild_filter() {
  std::vector<std::uint64_t> keys;
  keys.reserve(runs_.size());
  for (const auto& [mmsi, r] : runs_) keys.push_back(mmsi);
  with_runs_.rebuild(keys);
}

void LoiteringDetector::close_run(std::uint32_t mmsi, Run& r) {
  const std::int64_t duration = r.last_ms - r.first_ms;
  if (duration < cfg_.min_duration_ms) {
    ++stats_.rejected_short;
    return;
  }
  const double lat = median_of(r.lat), lon = median_lon(r.lon);
  double port_km = std::numeric_limits<double>::infinity();
  if (zones_ && !zones_->empty()) port_km = zones_->distance_to_nearest_km(lat, lon, port_kinds());
  if (port_km < cfg_.min_port_distance_km) {
    ++stats_.rejected_port;
    return;
  }
  Event e;
  e.kind = "loitering";
  e.start_ms = r.first_ms;
  e.end_ms = r.last_ms;
  e.vessels = {mmsi};
  e.lat = lat;
  e.lon = lon;
  auto& f = e.fields;
  f["duration_h"] = round_decimals(static_cast<double>(duration) / kHourMs, 2);
  f["median_speed_kn"] = round_decimals(median_of(r.speed), 2);
  f["port_distance_km"] = std::isfinite(port_km) ? nlohmann::json(round_decimals(port_km, 2)) : nlohmann::json();
  f["start_lat"] = round_decimals(r.lat.front(), 6);  // as the event's own lat/lon
  f["start_lon"] = round_decimals(r.lon.front(), 6);
  f["end_lat"] = round_decimals(r.lat.back(), 6);
  f["end_lon"] = round_decimals(r.lon.back(), 6);
  f["points"] = r.speed.size();
  const nlohmann::json id = r.id.to_json(mmsi);
  for (const char* k : {"name", "imo", "callsign", "flag"})
    if (id.contains(k)) f[k] = id[k];
  ++stats_.events;
  pending_.push_back(std::move(e));
}

}  // namespace seawarden::detect
