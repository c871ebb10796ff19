// Fixed-radius neighbour search for one grid step: a uniform lat/lon grid hash rebuilt per step.
//
// Cells are at least `radius` tall; each latitude row is split into columns at least `radius`
// wide at the row's poleward side (plus one row of margin), so all neighbours of a point lie in
// its own row and the two adjacent rows, within about three columns each — a 3x3-cell
// neighbourhood. Columns wrap modulo the row's column count, so the antimeridian is seamless;
// rows near a pole collapse into a single cell. Building is O(n) (open-addressing hash with
// per-point chains, storage reused between steps) and the pair search is O(n + pairs):
// never all pairs. Distances are great-circle (haversine), so "within 500 m" is exact.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include <cmath>

#include "detect/geo.h"
#include "detect/resample.h"

namespace seawarden::detect {

class NeighbourGrid {
 public:
  explicit NeighbourGrid(double radius_m);

  // crowd_limit > 0: a cell holding more than that many points is a crowd (see crowded()).
  void build(std::span<const GridPoint> points, std::size_t crowd_limit = 0);

  // Calls f(i, j, distance_m) once for every pair i < j of the built points within the radius,
  // crowded points left out.
  template <class F>
  void for_each_pair(F&& f) const;

  // Whether point i lies in a cell holding more than crowd_limit points. A cell is about the
  // radius square, so that many ships in it are a harbour's moored fleet or positions spoofed
  // onto one point, not ships meeting; leaving crowds out bounds the pairs per step to
  // O(points x crowd_limit) whatever the input.
  bool crowded(std::size_t i) const { return crowded_ && table_[point_slot_[i]].count > limit_; }
  // How many of the built points are crowded (0 on ordinary input: no per-point test needed).
  std::size_t crowded_points() const { return crowded_; }

  double radius_m() const { return radius_m_; }
  std::uint64_t candidates_tested() const { return tested_; }

 private:
  struct Slot {
    std::uint64_t key;   // row << 32 | column; kEmpty when free
    std::int32_t head;   // first point in the cell (chain through next_)
    std::uint32_t count; // points in the cell
  };
  static constexpr std::uint64_t kEmpty = ~std::uint64_t{0};
  int row_of(double lat) const;
  std::int64_t col_of(int row, double lon) const;
  std::size_t find_slot(std::uint64_t key) const;
  // c modulo nc in [0, nc) (columns just outside the range are the usual case).
  static std::int64_t wrap_col(std::int64_t c, std::int64_t nc) {
    if (c >= 0 && c < nc) return c;
    if (c < 0 && c >= -nc) return c + nc;
    return ((c % nc) + nc) % nc;
  }
  // Half-width in longitude (degrees) that certainly contains every neighbour of a point at lat.
  double lon_reach_deg(double lat) const;

  double radius_m_, radius_rad_, dlat_deg_;
  int nrows_;
  std::vector<std::int64_t> ncols_;  // per row
  std::vector<double> col_width_;    // per row: 360 / ncols_, degrees
  std::vector<double> row_reach_;    // per row: lon_reach_deg at the row's poleward edge
  std::span<const GridPoint> pts_;
  std::vector<Slot> table_;
  std::vector<std::int32_t> next_;
  std::vector<int> point_row_;
  std::vector<std::uint32_t> point_slot_;
  std::size_t limit_ = 0;
  std::size_t crowded_ = 0;
  std::size_t mask_ = 0;
  mutable std::uint64_t tested_ = 0;
};


template <class F>
void NeighbourGrid::for_each_pair(F&& f) const {
  const std::size_t n = pts_.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (crowded(i)) continue;
    const GridPoint& p = pts_[i];
    const int r = point_row_[i];
    const double reach = row_reach_[r];
    for (int rr = r - 1; rr <= r + 1; ++rr) {
      if (rr < 0 || rr >= nrows_) continue;
      const std::int64_t nc = ncols_[rr];
      std::int64_t c0, c1;
      if (reach >= 180.0 || nc <= 3) {
        c0 = 0;
        c1 = nc - 1;
      } else {
        c0 = col_of(rr, p.lon - reach);  // may be negative/past the end: wrapped below
        c1 = col_of(rr, p.lon + reach);
        if (c1 < c0) c1 += nc;           // the span crosses the antimeridian
        if (c1 - c0 >= nc) c1 = c0 + nc - 1;
      }
      // Consecutive columns, wrapped by stepping (a modulo per cell was a tenth of the search).
      for (std::int64_t c = c0, col = wrap_col(c0, nc); c <= c1; ++c, col = col + 1 == nc ? 0 : col + 1) {
        const std::size_t s = find_slot((static_cast<std::uint64_t>(rr) << 32) | static_cast<std::uint64_t>(col));
        if (table_[s].key == kEmpty || (crowded_ && table_[s].count > limit_)) continue;
        for (std::int32_t j = table_[s].head; j >= 0; j = next_[j]) {
          if (static_cast<std::size_t>(j) <= i) continue;
          const GridPoint& q = pts_[j];
          if (std::fabs(q.lat - p.lat) > dlat_deg_) continue;
          // The cells span up to two columns beyond the reach: points there cannot be neighbours
          // (the same bound that chose the columns), so they skip the haversine.
          if (reach < 180.0 && std::fabs(geo::lon_delta(p.lon, q.lon)) > reach) continue;
          ++tested_;
          const double d = geo::distance_m(p.lat, p.lon, q.lat, q.lon);
          if (d <= radius_m_) f(i, static_cast<std::size_t>(j), d);
        }
      }
    }
  }
}

}  // namespace seawarden::detect
