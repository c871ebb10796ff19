#include "track/segmenter.h"

#include <algorithm>
#include <cmath>

#include "track/geodesy.h"

namespace seawarden::track {

namespace {

constexpr double kShapeFactor = 4.0;   // penalty on "stayed put" / "off the path" explanations
constexpr double kPenaltySpeed = 5.0;  // knots of discrepancy that make a match unlikely
constexpr double kShortSegment = 10;   // segments with fewer fixes are less trusted

struct Point {
  double lat, lon, sog, cog;
};

// Where dead reckoning from p puts the ship after `hours` (negative: before).
void dead_reckon(const Point& p, double hours, double& lat, double& lon) {
  double speed = p.sog > 0 && p.cog >= 0 ? p.sog : 0;
  double dist = speed * hours;  // nm
  double course = (90.0 - p.cog) * kDegToRad;
  lat = p.lat + std::sin(course) * dist / 60.0;
  lon = p.lon + std::cos(course) * dist / 60.0 / (std::cos(p.lat * kDegToRad) + 1e-3);
}

// Smallest of three explanations of how the ship got from a to b (nautical miles):
// dead reckoning from both ends, staying put, or sailing along either end's course.
double discrepancy_nm(const Point& a, const Point& b, double hours) {
  double lat_b_pred, lon_b_pred, lat_a_pred, lon_a_pred;
  dead_reckon(a, hours, lat_b_pred, lon_b_pred);
  dead_reckon(b, -hours, lat_a_pred, lon_a_pred);
  double d1 = 0.5 * (flat_distance_nm(lat_b_pred, lon_b_pred, b.lat, b.lon) +
                     flat_distance_nm(lat_a_pred, lon_a_pred, a.lat, a.lon));
  double kx = 60.0 * std::cos(0.5 * (a.lat + b.lat) * kDegToRad);
  double dx = wrap_lon_delta(b.lon - a.lon) * kx, dy = (b.lat - a.lat) * 60.0;
  double dist = std::sqrt(dx * dx + dy * dy);
  double d2 = dist * kShapeFactor;
  // Off-path distance of b from a's course line (and of a from b's), when along it.
  double bearing = std::atan2(dy, dx);
  auto normal = [&](const Point& p) -> double {
    if (p.cog < 0 || p.sog <= 0) return INFINITY;
    double delta = (90.0 - p.cog) * kDegToRad - bearing;
    double along = std::cos(delta) * dist;
    if (along <= 0 || along > p.sog * hours) return INFINITY;
    return std::fabs(std::sin(delta)) * dist;
  };
  double d3 = 0.5 * (normal(a) + normal(b)) * kShapeFactor;
  return std::min({d1, d2, d3});
}

}  // namespace

Segmenter::Segmenter(const SegmenterParams& params)
    : p_(params),
      buffer_h_(params.buffer_ms / 3.6e6),
      noise_nm_(params.noise_dist_km / kKmPerNm) {
  p_.max_open_segments = std::clamp(p_.max_open_segments, 1, kMaxOpenSegments);
}

double Segmenter::match_metric(const SegmentEnd& end, const Fix& fix) const {
  double hours = (fix.t_ms - end.t_ms) / 3.6e6;
  if (hours < 0) hours = 0;
  if (fix.t_ms - end.t_ms > p_.max_idle_ms) return 0;
  // Ships do not sail straight for long: long intervals count as shorter ones.
  double penalized = hours / (1 + std::sqrt(hours / p_.penalty_hours));
  Point a{end.lat, end.lon, end.sog, end.cog};
  Point b{fix.lat, fix.lon, fix.sog, fix.cog};
  double discrepancy = std::max(0.0, discrepancy_nm(a, b, penalized) - noise_nm_);
  double padded = std::hypot(hours, buffer_h_);
  double allowed = padded * p_.max_speed_kn;
  if (discrepancy > allowed) return 0;
  double alpha = (p_.max_speed_kn / kPenaltySpeed) * discrepancy / allowed;
  return std::exp(-alpha * alpha) / padded + 1e-12;  // > 0 for any admissible match
}

SegmentDecision Segmenter::assign(SegmentSet& set, const Fix& fix, std::uint32_t prev_segment) const {
  // Close segments idle for too long.
  for (int i = 0; i < set.n_open;) {
    if (fix.t_ms - set.open[i].t_ms > p_.max_idle_ms) {
      set.open[i] = set.open[--set.n_open];
    } else {
      ++i;
    }
  }
  int best = -1;
  double best_metric = 0;
  // Fast path (most fixes): a single open segment that even the "stayed put" explanation
  // (4 x the straight distance) continues: no need to rank anything.
  if (set.n_open == 1) {
    const SegmentEnd& e = set.open[0];
    double hours = std::max<double>(0, fix.t_ms - e.t_ms) / 3.6e6;
    double allowed = std::sqrt(hours * hours + buffer_h_ * buffer_h_) * p_.max_speed_kn;
    // The distance without the cos(latitude) factor is an upper bound: when even that one is
    // admissible (nearly always, fixes being minutes apart), no trigonometry is needed.
    double dy = (fix.lat - e.lat) * 60.0, dx_max = wrap_lon_delta(fix.lon - e.lon) * 60.0;
    double bound = std::sqrt(dx_max * dx_max + dy * dy);
    if (bound * kShapeFactor - noise_nm_ <= allowed ||
        flat_distance_nm(e.lat, e.lon, fix.lat, fix.lon) * kShapeFactor - noise_nm_ <= allowed)
      best = 0;
  }
  const bool decided = best >= 0;
  for (int i = 0; !decided && i < set.n_open; ++i) {
    double m = match_metric(set.open[i], fix);
    if (m <= 0) continue;
    if (set.n_open > 1) {  // among several candidates, trust short segments less
      double a = set.open[i].count / kShortSegment;
      m *= a / std::sqrt(1 + a * a);
    }
    if (m > best_metric) best_metric = m, best = i;
  }
  SegmentDecision d;
  if (best < 0) {
    if (set.n_open >= p_.max_open_segments) {  // evict the least recently continued
      int oldest = 0;
      for (int i = 1; i < set.n_open; ++i)
        if (set.open[i].t_ms < set.open[oldest].t_ms) oldest = i;
      set.open[oldest] = set.open[--set.n_open];
    }
    best = set.n_open++;
    set.open[best] = SegmentEnd{};
    set.open[best].id = set.next_id++;
    d.opened = true;
    ++opened_;
  }
  SegmentEnd& e = set.open[best];
  e.t_ms = fix.t_ms;
  e.lat = static_cast<float>(fix.lat);
  e.lon = static_cast<float>(fix.lon);
  e.sog = fix.sog;
  e.cog = fix.cog;
  ++e.count;
  d.segment = e.id;
  d.joined_other = !d.opened && prev_segment != 0 && e.id != prev_segment;
  return d;
}

}  // namespace seawarden::track
