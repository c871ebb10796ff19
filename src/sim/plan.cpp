#include "sim/plan.h"

#include <algorithm>
#include <cmath>

namespace seawarden::sim {
namespace geo = detect::geo;

LatLon offset_km(const LatLon& p, double east_km, double north_km) {
  const double dlat = north_km * 1000.0 / geo::kMetersPerDegLat;
  const double dlon = east_km * 1000.0 / (geo::kMetersPerDegLat * std::cos(p.lat * geo::kDegToRad));
  return {p.lat + dlat, p.lon + dlon};
}

double distance_km(const LatLon& a, const LatLon& b) { return geo::distance_km(a.lat, a.lon, b.lat, b.lon); }

State Plan::at(std::int64_t t, std::size_t& c) const {
  PlanCursor pc;
  pc.i = c;
  const State s = at(t, pc);
  c = pc.i;
  return s;
}

State Plan::at(std::int64_t t, PlanCursor& pc) const {
  State s;
  if (points.empty()) return s;
  std::size_t& c = pc.i;
  if (c >= points.size()) c = 0;
  if (points[c].t_ms > t) c = 0;
  while (c + 1 < points.size() && points[c + 1].t_ms <= t) ++c;
  const Waypoint& a = points[c];
  s.status = a.status;
  if (c + 1 >= points.size()) {
    s.pos = a.pos;
    return s;
  }
  const Waypoint& b = points[c + 1];
  if (pc.leg != c) {
    pc.leg = c;
    pc.sog_kn = geo::ms_to_knots(distance_km(a.pos, b.pos) * 1000, static_cast<double>(b.t_ms - a.t_ms));
    pc.cog_deg = geo::bearing_deg(a.pos.lat, a.pos.lon, b.pos.lat, b.pos.lon);
  }
  s.sog_kn = pc.sog_kn, s.cog_deg = pc.cog_deg;
  if (t <= a.t_ms) {
    s.pos = a.pos;
    return s;
  }
  const double f = static_cast<double>(t - a.t_ms) / static_cast<double>(b.t_ms - a.t_ms);
  s.pos = {a.pos.lat + (b.pos.lat - a.pos.lat) * f, a.pos.lon + (b.pos.lon - a.pos.lon) * f};
  return s;
}

PlanBuilder::PlanBuilder(Plan& plan, std::int64_t t_ms, LatLon pos, std::uint8_t status)
    : plan_(plan), t_(t_ms), pos_(pos), status_(status) {
  push(t_, pos_, status);
}

void PlanBuilder::push(std::int64_t t, const LatLon& p, std::uint8_t status) {
  if (!plan_.points.empty() && t <= plan_.points.back().t_ms) {
    // Same instant: the new leg's status wins, the position must not jump.
    plan_.points.back().status = status;
    return;
  }
  if (!plan_.points.empty()) plan_.points.back().status = status;
  plan_.points.push_back({t, p, status});
  t_ = t;
  pos_ = p;
  status_ = status;
}

void PlanBuilder::sail_to(const LatLon& dst, double kn, std::uint8_t status) {
  const double km = distance_km(pos_, dst);
  if (km < 1e-4) return;
  const auto ms = static_cast<std::int64_t>(km / (kn * 1.852) * 3.6e6);
  if (!plan_.points.empty()) plan_.points.back().status = status;
  push(t_ + std::max<std::int64_t>(ms, 1000), dst, status);
}

void PlanBuilder::sail_path(const std::vector<LatLon>& path, double kn, std::uint8_t status) {
  for (const auto& p : path) sail_to(p, kn, status);
}

void PlanBuilder::hold(std::int64_t ms, double radius_m, std::uint8_t status, Rng& rng) {
  const LatLon centre = pos_;
  const std::int64_t end = t_ + ms;
  if (!plan_.points.empty()) plan_.points.back().status = status;
  while (t_ < end) {
    const std::int64_t step = std::min<std::int64_t>(end - t_, rng.integer(20, 40) * kMinute);
    const double a = rng.uniform(0, 2 * geo::kPi), r = radius_m * std::sqrt(rng.uniform()) / 1000.0;
    push(t_ + step, offset_km(centre, r * std::sin(a), r * std::cos(a)), status);
  }
}

void PlanBuilder::drift(std::int64_t ms, double kn, std::uint8_t status, Rng& rng) {
  const std::int64_t end = t_ + ms;
  double brg = rng.uniform(0, 360);
  if (!plan_.points.empty()) plan_.points.back().status = status;
  while (t_ < end) {
    const std::int64_t step = std::min<std::int64_t>(end - t_, 20 * kMinute);
    const double km = kn * 1.852 * static_cast<double>(step) / 3.6e6;
    brg += rng.normal(0, 25);
    const double b = brg * geo::kDegToRad;
    push(t_ + step, offset_km(pos_, km * std::sin(b), km * std::cos(b)), status);
  }
}

std::vector<LatLon> offset_path(const std::vector<LatLon>& path, double right_km) {
  if (path.size() < 2 || right_km == 0) return path;
  std::vector<LatLon> out;
  out.reserve(path.size());
  for (std::size_t i = 0; i < path.size(); ++i) {
    // Average direction of the adjoining legs (local east/north km).
    double ex = 0, ny = 0;
    auto add_leg = [&](const LatLon& a, const LatLon& b) {
      const double dx = (b.lon - a.lon) * std::cos(a.lat * geo::kDegToRad);
      const double dy = b.lat - a.lat;
      const double n = std::hypot(dx, dy);
      if (n > 0) ex += dx / n, ny += dy / n;
    };
    if (i > 0) add_leg(path[i - 1], path[i]);
    if (i + 1 < path.size()) add_leg(path[i], path[i + 1]);
    const double n = std::hypot(ex, ny);
    if (n == 0) {
      out.push_back(path[i]);
      continue;
    }
    // Right of (ex, ny) is (ny, -ex).
    out.push_back(offset_km(path[i], right_km * ny / n, -right_km * ex / n));
  }
  return out;
}

}  // namespace seawarden::sim
