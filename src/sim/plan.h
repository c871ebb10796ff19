// A vessel's true track: timed waypoints joined by straight legs at constant speed, with
// the navigational status of each leg. Built by PlanBuilder, sampled by the emitters.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/area.h"
#include "sim/rng.h"

namespace seawarden::sim {

struct Waypoint {
  std::int64_t t_ms = 0;
  LatLon pos;
  std::uint8_t status = 0;  // AIS navigational status of the leg that starts here
};

struct State {
  LatLon pos;
  double sog_kn = 0, cog_deg = 0;
  std::uint8_t status = 0;
};

// A position in a plan for increasing queries, with the current leg's speed and course
// cached (the feed asks several times per leg; haversine and atan2 are not free).
struct PlanCursor {
  std::size_t i = 0;
  std::size_t leg = SIZE_MAX;
  double sog_kn = 0, cog_deg = 0;
};

struct Plan {
  std::vector<Waypoint> points;  // strictly increasing times
  // State at t (clamped to the first/last waypoint). `cursor` speeds up increasing queries.
  State at(std::int64_t t_ms, std::size_t& cursor) const;
  State at(std::int64_t t_ms, PlanCursor& cursor) const;
  State at(std::int64_t t_ms) const {
    std::size_t c = 0;
    return at(t_ms, c);
  }
  std::int64_t end_ms() const { return points.empty() ? 0 : points.back().t_ms; }
};

inline constexpr std::int64_t kMinute = 60'000;
inline constexpr std::int64_t kHour = 3'600'000;

LatLon offset_km(const LatLon& p, double east_km, double north_km);
double distance_km(const LatLon& a, const LatLon& b);

// Appends legs to a plan, keeping the time and place it has reached.
class PlanBuilder {
 public:
  PlanBuilder(Plan& plan, std::int64_t t_ms, LatLon pos, std::uint8_t status);
  std::int64_t now() const { return t_; }
  LatLon here() const { return pos_; }
  // Sails straight to `dst` at `kn` knots.
  void sail_to(const LatLon& dst, double kn, std::uint8_t status = 0);
  void sail_path(const std::vector<LatLon>& path, double kn, std::uint8_t status = 0);
  // Stays within `radius_m` of the current position (anchor swing / moored jitter) for `ms`.
  void hold(std::int64_t ms, double radius_m, std::uint8_t status, Rng& rng);
  // Drifts for `ms` at `kn` (direction wandering slowly), e.g. loitering or lying stopped.
  void drift(std::int64_t ms, double kn, std::uint8_t status, Rng& rng);

 private:
  void push(std::int64_t t, const LatLon& p, std::uint8_t status);
  Plan& plan_;
  std::int64_t t_;
  LatLon pos_;
  std::uint8_t status_;
};

// Polyline through the sea nodes, shifted `right_km` to the right of the direction of
// travel (ships keep to starboard); ends are shifted too.
std::vector<LatLon> offset_path(const std::vector<LatLon>& path, double right_km);

}  // namespace seawarden::sim
