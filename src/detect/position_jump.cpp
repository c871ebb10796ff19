#include "detect/position_jump.h"

#include <algorithm>
#include <cmath>

#include "detect/geo.h"
#include "track/geodesy.h"

namespace seawarden::detect {

void PositionJumpDetector::on_track_fix(const track::Vessel&, const VesselInfo& info,
                                        const track::Fix& fix, const track::Fix* prev,
                                        const track::SegmentDecision& decision, const EventSink&) {
  if (!prev || decision.joined_other) return;  // continuing another segment: a second ship
  std::int64_t dt = fix.t_ms - prev->t_ms;
  if (dt >= cfg_.max_dt_ms) return;
  // Nearly every fix is a short move: settled without trigonometry.
  if (track::distance_upper_bound_km(prev->lat, prev->lon, fix.lat, fix.lon) <= cfg_.min_distance_km) return;
  double km = track::haversine_km(prev->lat, prev->lon, fix.lat, fix.lon);
  if (km <= cfg_.min_distance_km) return;
  double kn = track::implied_speed_kn(km, static_cast<double>(dt));
  if (kn <= cfg_.min_speed_kn) return;
  if (explained_by_latency(*prev, fix, km)) {
    ++delayed_reports_;
    return;
  }
  Event e;
  e.kind = "position_jump";
  e.start_ms = prev->t_ms;
  e.end_ms = fix.t_ms;
  e.vessels = {fix.mmsi};
  e.lat = fix.lat;
  e.lon = fix.lon;
  e.fields["from"] = position_json(prev->lat, prev->lon);
  e.fields["to"] = position_json(fix.lat, fix.lon);
  e.fields["distance_km"] = round_decimals(km, 2);
  e.fields["dt_s"] = dt / 1000.0;
  e.fields["implied_speed_kn"] = round_decimals(kn, 1);
  e.fields["new_segment"] = decision.opened;
  add_identity_fields(info, e.fields);
  pending_.push_back(std::move(e));
}

// A report stamped with the time it reached the network rather than the time it was sent
// (satellite AIS forwarded in batches, merged feeds) puts the ship where it was up to an hour
// or two earlier: a "jump" backwards along its own path (or, after such a report, forwards
// again), as far as its own speed covers in that delay. Both fixes must be under way at similar
// speeds, and the line between them must run the way the ship was heading: along both courses,
// or, for a ship that turned in between (by at most latency_max_turn_deg), between the course it
// had at the older position and the course it has at the newer one, since a path that turns one
// way always has its chord between its first and last heading. A spoofed or corrupted position
// is almost never placed so. Measured on AMSA's exactEarth-augmented capture 3: all 48 of its
// jumps are of this kind, ~1 h behind (42 on a straight course, 6 across a turn of 10-40°).
bool PositionJumpDetector::explained_by_latency(const track::Fix& a, const track::Fix& b, double km) const {
  if (cfg_.max_latency_ms <= 0 || a.sog < 0 || b.sog < 0 || a.cog < 0 || b.cog < 0) return false;
  const double speed = 0.5 * (a.sog + b.sog);
  if (speed < 3 || std::fabs(a.sog - b.sog) > std::max(2.0, 0.25 * speed)) return false;
  const double hours = km / (speed * 1.852);
  if (hours * 3.6e6 > static_cast<double>(cfg_.max_latency_ms)) return false;
  // Angle between two directions, in [0, 180].
  auto apart = [](double x, double y) { return std::fabs(geo::mod360(x - y + 540.0) - 180.0); };
  const double turn = apart(a.cog, b.cog);
  if (turn > cfg_.latency_max_turn_deg) return false;
  const double tol = cfg_.latency_max_angle_deg;
  const double line = geo::bearing_deg(a.lat, a.lon, b.lat, b.lon);
  // Ahead: the ship went from a to b (after a delayed report); behind: b is where it was
  // before a (the delayed report itself). Either way the path's direction lies on the arc
  // between the two courses, widened by the tolerance at each end: its angles to them then add
  // up to at most the turn plus twice the tolerance (exactly the turn inside the arc, the turn
  // plus twice the overshoot outside it). With no turn, both courses are within tol of the line.
  auto between = [&](double direction) { return apart(direction, a.cog) + apart(direction, b.cog) <= turn + 2 * tol; };
  return between(line) || between(line + 180.0);
}

void PositionJumpDetector::add_counts(DetectorCounts& counts) const {
  counts["position jumps explained as reports delayed on their way"] += delayed_reports_;
}

void PositionJumpDetector::resolve(Event& e, const EventSink& emit) {
  if (conflicts_) {
    std::int64_t last = 0;
    std::int64_t since = conflicts_->confirmed_since(e.vessels[0], &last);
    // A conflict period under way around the jump: it was a second transmitter.
    if (since != INT64_MIN && since <= e.end_ms + cfg_.max_dt_ms && last >= e.start_ms) return;
  }
  emit(std::move(e));
}

void PositionJumpDetector::on_watermark(std::int64_t t_ms, const track::Tracker&, const EventSink& emit) {
  while (!pending_.empty() && t_ms - pending_.front().end_ms > cfg_.max_dt_ms) {
    // A switch period that began with this jump may still turn out to be a second ship.
    if (conflicts_) {
      std::int64_t since = conflicts_->unconfirmed_since(pending_.front().vessels[0]);
      if (since != INT64_MIN && since <= pending_.front().end_ms) break;
    }
    resolve(pending_.front(), emit);
    pending_.pop_front();
  }
}

void PositionJumpDetector::finish(const track::Tracker&, const EventSink& emit) {
  for (Event& e : pending_) resolve(e, emit);
  pending_.clear();
}

void PositionJumpDetector::save_state(StateWriter& out) const {
  out.events(pending_);
}

void PositionJumpDetector::load_state(StateReader& in) {
  in.events(pending_);
}

}  // namespace seawarden::detect
