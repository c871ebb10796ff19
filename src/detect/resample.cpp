#include "detect/resample.h"

#include <cmath>

#include "detect/geo.h"

namespace seawarden::detect {

namespace {
inline std::uint64_t track_key(const track::Fix& f) {
  return (static_cast<std::uint64_t>(f.mmsi) << 32) | f.segment;
}
inline bool sog_known(float sog) { return sog >= 0 && sog < 102.2f; }  // 102.3 = not available
// Steps are buffered for max_gap (1 h) after their time: a few; a year's worth is corruption.
constexpr std::size_t kMaxBufferedSteps = 60 * 24 * 366;
}  // namespace

Resampler::Resampler(ResampleParams p) : p_(p) {
  if (p_.step_ms <= 0) p_.step_ms = 10 * 60 * 1000;
  if (p_.max_gap_ms < 0) p_.max_gap_ms = 0;
}

std::int64_t Resampler::grid_floor(std::int64_t t) const {
  std::int64_t q = t / p_.step_ms;
  if (t % p_.step_ms < 0) --q;
  return q * p_.step_ms;
}

std::int64_t Resampler::nearest_grid(std::int64_t t) const { return grid_floor(t + p_.step_ms / 2); }

void Resampler::emit(std::int64_t g, const GridPoint& p) {
  if (g < done_before_) {
    ++stats_.late_points;
    return;
  }
  if (buckets_.empty()) first_step_ = g;
  // Only a corrupt restored state gets this far from the buffered steps: never allocate for it.
  if (g < first_step_ && static_cast<std::uint64_t>(first_step_ - g) / static_cast<std::uint64_t>(p_.step_ms) +
                             buckets_.size() > kMaxBufferedSteps) {
    ++stats_.late_points;
    return;
  }
  while (g < first_step_) {  // earlier than anything buffered (but not yet handed over)
    buckets_.emplace_front();
    first_step_ -= p_.step_ms;
  }
  const auto idx = static_cast<std::size_t>((g - first_step_) / p_.step_ms);
  if (idx > kMaxBufferedSteps) {  // the same, later than the buffered steps
    ++stats_.late_points;
    return;
  }
  while (buckets_.size() <= idx) {
    if (!spare_.empty()) {
      buckets_.push_back(std::move(spare_.back()));
      spare_.pop_back();
    } else {
      buckets_.emplace_back();
    }
  }
  buckets_[idx].push_back(p);
  ++stats_.points;
}

void Resampler::emit_tail(std::uint64_t key, Track& tr) {
  const std::int64_t g = nearest_grid(tr.t);
  if (g <= tr.t || g <= tr.emitted) return;
  GridPoint p{static_cast<std::uint32_t>(key >> 32), static_cast<std::uint32_t>(key), tr.lat, tr.lon,
              sog_known(tr.sog) ? tr.sog : tr.last_speed, false};
  emit(g, p);
  tr.emitted = g;
}

void Resampler::add(const track::Fix& fix) {
  if (!(std::fabs(fix.lat) <= 90 && std::fabs(fix.lon) <= 180)) return;  // also rejects NaN
  // Fixes arrive in time order across vessels, so a fix is itself a watermark.
  advance(fix.t_ms);
  ++stats_.fixes;
  const std::uint64_t key = track_key(fix);
  auto [slot, fresh] = tracks_.find_or_insert(key);
  Track& tr = *slot;
  if (fresh) {
    tr.t = fix.t_ms;
    tr.lat = fix.lat;
    tr.lon = fix.lon;
    tr.sog = fix.sog;
    expiry_.push({fix.t_ms + p_.max_gap_ms, key});
    const std::int64_t g = nearest_grid(fix.t_ms);
    if (g <= fix.t_ms) {
      emit(g, {fix.mmsi, fix.segment, fix.lat, fix.lon, sog_known(fix.sog) ? fix.sog : -1.0f, false});
      tr.emitted = g;
    }
    return;
  }
  if (fix.t_ms <= tr.t) {
    if (fix.t_ms < tr.t) ++stats_.out_of_order;
    return;  // same time: a duplicate report
  }
  const std::int64_t dt = fix.t_ms - tr.t;
  if (dt < p_.max_gap_ms) {
    const bool s0 = sog_known(tr.sog), s1 = sog_known(fix.sog);
    // The implied speed (a haversine) only when a reported speed is missing.
    const double implied = (s0 && s1) ? 0.0
        : geo::ms_to_knots(geo::distance_m(tr.lat, tr.lon, fix.lat, fix.lon), static_cast<double>(dt));
    // Most fixes fall before the next grid time: then the loop below has nothing to do, and
    // the 64-bit division of grid_floor (a tenth of this function's time) is skipped.
    std::int64_t g = tr.emitted + p_.step_ms;
    if (g <= fix.t_ms) g = std::max(grid_floor(tr.t) + p_.step_ms, g);
    for (; g <= fix.t_ms; g += p_.step_ms) {
      const double f = static_cast<double>(g - tr.t) / static_cast<double>(dt);
      const geo::LatLon pos = geo::interpolate(tr.lat, tr.lon, fix.lat, fix.lon, f);
      float speed = static_cast<float>(implied);
      if (s0 && s1) speed = static_cast<float>(tr.sog + (fix.sog - tr.sog) * f);
      else if (s0) speed = tr.sog;
      else if (s1) speed = fix.sog;
      emit(g, {fix.mmsi, fix.segment, pos.lat, pos.lon, speed, true});
      tr.emitted = g;
    }
    tr.last_speed = s1 ? fix.sog : static_cast<float>(implied);
  } else {
    emit_tail(key, tr);
    const std::int64_t g = nearest_grid(fix.t_ms);
    if (g <= fix.t_ms && g > tr.emitted) {
      emit(g, {fix.mmsi, fix.segment, fix.lat, fix.lon, sog_known(fix.sog) ? fix.sog : -1.0f, false});
      tr.emitted = g;
    }
    tr.last_speed = -1;
  }
  tr.t = fix.t_ms;
  tr.lat = fix.lat;
  tr.lon = fix.lon;
  tr.sog = fix.sog;
}

void Resampler::expire(std::int64_t t_ms) {
  while (!expiry_.empty() && expiry_.top().deadline <= t_ms) {
    const Expiry e = expiry_.top();
    expiry_.pop();
    Track* found = tracks_.find(e.key);
    if (!found) continue;  // already dropped by an earlier entry
    Track& tr = *found;
    if (tr.t + p_.max_gap_ms > e.deadline) {  // the track moved on: check again later
      expiry_.push({tr.t + p_.max_gap_ms, e.key});
      continue;
    }
    emit_tail(e.key, tr);
    tracks_.erase(e.key);
    if (on_evict) on_evict(static_cast<std::uint32_t>(e.key >> 32));
  }
}

void Resampler::flush_steps(std::int64_t up_to_ms) {
  while (!buckets_.empty() && first_step_ <= up_to_ms) {
    auto& b = buckets_.front();
    ++stats_.steps;
    on_step(first_step_, std::span<const GridPoint>(b.data(), b.size()));
    b.clear();
    spare_.push_back(std::move(b));
    buckets_.pop_front();
    first_step_ += p_.step_ms;
    done_before_ = first_step_;
  }
  if (buckets_.empty() && up_to_ms != INT64_MAX) done_before_ = std::max(done_before_, grid_floor(up_to_ms) + p_.step_ms);
}

void Resampler::advance(std::int64_t t_ms) {
  if (t_ms <= watermark_) return;
  watermark_ = t_ms;
  expire(t_ms);
  // A step g may still receive interpolated points from fixes up to g + max_gap (exclusive).
  const std::int64_t complete = t_ms - p_.max_gap_ms;
  if (complete >= done_before_) flush_steps(complete);
}

void Resampler::finish() {
  for (std::uint64_t key : tracks_.sorted_keys())
    emit_tail(key, *tracks_.find(key));  // in key order: deterministic point order
  tracks_.clear();
  expiry_ = {};
  flush_steps(INT64_MAX);
}

void Resampler::save_state(StateWriter& out) const {
  const std::vector<std::uint64_t> keys = tracks_.sorted_keys();
  out.size(keys.size());
  for (std::uint64_t k : keys) {
    out.pod(k);
    out.pod(*tracks_.find(k));
  }
  out.pods(expiry_.heap());
  out.size(buckets_.size());
  for (const auto& b : buckets_) out.pods(b);
  out.pod(first_step_);
  out.pod(done_before_);
  out.pod(watermark_);
}

void Resampler::load_state(StateReader& in) {
  const std::size_t n = in.size(sizeof(std::uint64_t) + sizeof(Track));
  for (std::size_t i = 0; i < n; ++i) {
    const auto k = in.pod<std::uint64_t>();
    Track& tr = *tracks_.find_or_insert(k).first;
    in.pod(tr);
    check_message_time(tr.t);
    if (tr.emitted != INT64_MIN) check_message_time(tr.emitted);
    check_position(tr.lat, tr.lon);
    check_speed(tr.sog);
    check_speed(tr.last_speed);
  }
  std::vector<Expiry> heap;
  in.pods(heap);
  for (const Expiry& e : heap) check_message_time(e.deadline);
  expiry_.restore(std::move(heap));
  buckets_.clear();
  const std::size_t steps = in.size(sizeof(std::uint64_t));
  for (std::size_t i = 0; i < steps; ++i) {
    auto& b = buckets_.emplace_back();
    in.pods(b);
    for (GridPoint& p : b) {
      fix_bool(p.interpolated);
      check_position(p.lat, p.lon);
      check_speed(p.speed_kn);
    }
  }
  in.pod(first_step_);
  in.pod(done_before_);
  in.pod(watermark_);
  // No time yet, or grid and message times (INT64_MAX only ever comes at the end of a run).
  for (const std::int64_t t : {first_step_, done_before_, watermark_})
    if (t != INT64_MIN) check_message_time(t);
  if (!buckets_.empty() && (first_step_ == INT64_MIN || first_step_ == INT64_MAX))
    throw std::runtime_error("resampler state: buffered steps without a time (corrupt)");
}

}  // namespace seawarden::detect
