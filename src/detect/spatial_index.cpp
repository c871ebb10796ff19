#include "detect/spatial_index.h"

#include "detect/key_map.h"

#include <algorithm>

namespace seawarden::detect {

NeighbourGrid::NeighbourGrid(double radius_m)
    : radius_m_(std::max(radius_m, 1.0)),
      radius_rad_(radius_m_ / geo::kEarthRadiusM),
      // A hair over the radius so rounding never hides a neighbour two rows away.
      dlat_deg_(radius_m_ / geo::kMetersPerDegLat * 1.0001) {
  nrows_ = static_cast<int>(std::ceil(180.0 / dlat_deg_));
  ncols_.resize(nrows_);
  col_width_.resize(nrows_);
  row_reach_.resize(nrows_);
  for (int r = 0; r < nrows_; ++r) {
    const double edge = std::max(std::fabs(-90.0 + r * dlat_deg_), std::fabs(-90.0 + (r + 1) * dlat_deg_));
    row_reach_[r] = lon_reach_deg(std::min(90.0, edge));  // valid for every point of the row
    // Poleward latitude of this row, one more row of margin (a neighbour may sit there).
    const double lo = -90.0 + r * dlat_deg_, hi = lo + dlat_deg_;
    const double pole = std::min(90.0, std::max(std::fabs(lo), std::fabs(hi)) + dlat_deg_);
    const double reach = lon_reach_deg(pole >= 90.0 ? 90.0 : pole - dlat_deg_);
    ncols_[r] = reach >= 120.0 ? 1 : std::max<std::int64_t>(1, static_cast<std::int64_t>(360.0 / reach));
    col_width_[r] = 360.0 / static_cast<double>(ncols_[r]);
  }
}

double NeighbourGrid::lon_reach_deg(double lat) const {
  // Any point within the radius of (lat, lon) has |lat'| <= |lat| + radius; the longitude span
  // of a spherical cap of angular radius a centred at latitude phi is asin(sin a / cos phi).
  const double phi = std::min(90.0, std::fabs(lat) + dlat_deg_) * geo::kDegToRad;
  const double c = std::cos(phi);
  const double s = std::sin(radius_rad_);
  if (c <= s) return 180.0;
  return std::asin(s / c) / geo::kDegToRad * 1.0001 + 1e-9;
}

int NeighbourGrid::row_of(double lat) const {
  return std::clamp(static_cast<int>((lat + 90.0) / dlat_deg_), 0, nrows_ - 1);
}

std::int64_t NeighbourGrid::col_of(int row, double lon) const {
  return static_cast<std::int64_t>(std::floor((lon + 180.0) / col_width_[row]));
}

std::size_t NeighbourGrid::find_slot(std::uint64_t key) const {
  std::size_t s = mix_key(key) & mask_;
  while (table_[s].key != kEmpty && table_[s].key != key) s = (s + 1) & mask_;
  return s;
}

void NeighbourGrid::build(std::span<const GridPoint> points, std::size_t crowd_limit) {
  pts_ = points;
  limit_ = crowd_limit;
  crowded_ = 0;
  const std::size_t n = points.size();
  std::size_t cap = 16;
  while (cap < 2 * n) cap <<= 1;
  if (table_.size() != cap) table_.resize(cap);
  std::fill(table_.begin(), table_.end(), Slot{kEmpty, -1, 0});
  mask_ = cap - 1;
  next_.resize(n);
  point_row_.resize(n);
  point_slot_.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const int r = row_of(points[i].lat);
    point_row_[i] = r;
    const std::int64_t c = wrap_col(col_of(r, points[i].lon), ncols_[r]);
    const std::uint64_t key = (static_cast<std::uint64_t>(r) << 32) | static_cast<std::uint64_t>(c);
    const std::size_t s = find_slot(key);
    if (table_[s].key == kEmpty) table_[s] = {key, -1, 0};
    next_[i] = table_[s].head;
    table_[s].head = static_cast<std::int32_t>(i);
    point_slot_[i] = static_cast<std::uint32_t>(s);
    // The cell's points all become crowded as it passes the limit, and each later one with them.
    const std::uint32_t count = ++table_[s].count;
    if (limit_ && count > limit_) crowded_ += count == limit_ + 1 ? count : 1;
  }
}

}  // namespace seawarden::detect
