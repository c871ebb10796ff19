#include "sim/reception.h"

#include <algorithm>
#include <cmath>

namespace seawarden::sim {
namespace geo = detect::geo;
namespace {
double ramp(double d_km, double near_km, double far_km, double p_near) {
  if (d_km <= near_km) return p_near;
  if (d_km >= far_km) return 0;
  return p_near + (0.1 - p_near) * (d_km - near_km) / (far_km - near_km);
}
}  // namespace

ReceptionModel::ReceptionModel(const Area& area, std::int64_t t0, std::int64_t t1, Rng& rng) {
  lat0_ = area.south - 0.5;
  lon0_ = area.west - 0.5;
  nx_ = static_cast<int>((area.east - area.west + 1.0) / step_) + 1;
  ny_ = static_cast<int>((area.north - area.south + 1.0) / step_) + 1;
  grid_.resize(static_cast<std::size_t>(nx_) * ny_);
  for (int iy = 0; iy < ny_; ++iy) {
    for (int ix = 0; ix < nx_; ++ix) {
      const double lat = lat0_ + (iy + 0.5) * step_, lon = lon0_ + (ix + 0.5) * step_;
      Cell c;
      for (std::size_t s = 0; s < area.stations.size(); ++s) {
        const auto& st = area.stations[s].pos;
        if (std::abs(st.lat - lat) > 1.0) continue;
        const auto d = static_cast<float>(geo::distance_km(lat, lon, st.lat, st.lon));
        if (d >= 90) continue;
        if (d < c.d1) {
          c.s2 = c.s1, c.d2 = c.d1;
          c.s1 = static_cast<std::int16_t>(s), c.d1 = d;
        } else if (d < c.d2) {
          c.s2 = static_cast<std::int16_t>(s), c.d2 = d;
        }
      }
      grid_[static_cast<std::size_t>(iy) * nx_ + ix] = c;
    }
  }
  const std::int64_t from = t0 - 48 * 3'600'000LL, to = t1 + 3'600'000LL;
  outages_.resize(area.stations.size());
  for (auto& list : outages_) {
    std::int64_t t = from + static_cast<std::int64_t>(rng.exponential(8 * 3.6e6));
    while (t < to) {
      const auto len = static_cast<std::int64_t>(rng.uniform(5, 40) * 60'000);
      list.push_back({t, t + len});
      t += len + static_cast<std::int64_t>(rng.exponential(8 * 3.6e6));
    }
  }
  std::int64_t t = from + static_cast<std::int64_t>(rng.uniform(0, 60) * 60'000);
  while (t < to) {
    const auto len = static_cast<std::int64_t>(rng.uniform(8, 14) * 60'000);
    passes_.push_back({t, t + len});
    t += static_cast<std::int64_t>(rng.uniform(30, 90) * 60'000);
  }
}

const ReceptionModel::Cell& ReceptionModel::cell(const LatLon& p) const {
  static const Cell kNone;
  const int ix = static_cast<int>((p.lon - lon0_) / step_), iy = static_cast<int>((p.lat - lat0_) / step_);
  if (ix < 0 || iy < 0 || ix >= nx_ || iy >= ny_) return kNone;
  return grid_[static_cast<std::size_t>(iy) * nx_ + ix];
}

bool ReceptionModel::station_up(int s, std::int64_t t) const {
  const auto& list = outages_[static_cast<std::size_t>(s)];
  auto it = std::upper_bound(list.begin(), list.end(), std::make_pair(t, INT64_MAX));
  if (it == list.begin()) return true;
  --it;
  return t >= it->second;
}

void ReceptionModel::terrestrial(const LatLon& pos, bool class_b, std::int64_t t, Heard& best, Heard& second) const {
  best = {}, second = {};
  const Cell& c = cell(pos);
  auto prob = [&](float d) { return class_b ? ramp(d, 10, 55, 0.8) : ramp(d, 20, 90, 0.9); };
  if (c.s1 >= 0 && station_up(c.s1, t)) best = {c.s1, prob(c.d1)};
  if (c.s2 >= 0 && station_up(c.s2, t)) {
    Heard h{c.s2, prob(c.d2)};
    if (best.station < 0) best = h;
    else second = h;
  }
  if (best.p <= 0) best = {};
  if (second.p <= 0) second = {};
}

double ReceptionModel::coverage(const LatLon& pos) const {
  const Cell& c = cell(pos);
  return c.s1 >= 0 ? ramp(c.d1, 20, 90, 0.9) : 0.0;
}

double ReceptionModel::satellite(std::int64_t t, bool class_b) const {
  auto it = std::upper_bound(passes_.begin(), passes_.end(), std::make_pair(t, INT64_MAX));
  if (it == passes_.begin()) return 0;
  --it;
  return t < it->second ? (class_b ? 0.12 : 0.3) : 0.0;
}

std::int64_t ReceptionModel::pass_end(std::int64_t t) const {
  auto it = std::upper_bound(passes_.begin(), passes_.end(), std::make_pair(t, INT64_MAX));
  if (it == passes_.begin()) return t;
  --it;
  return t < it->second ? it->second : t;
}

}  // namespace seawarden::sim
