#include "detect/position_jump.h"

#include <cmath>

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
  Event e;
  e.kind = "position_jump";
  e.start_ms = prev->t_ms;
  e.end_ms = fix.t_ms;
  e.vessels = {fix.mmsi};
  e.lat = fix.lat;
  e.lon = fix.lon;
  e.fields["from"] = {{"lat", prev->lat}, {"lon", prev->lon}};
  e.fields["to"] = {{"lat", fix.lat}, {"lon", fix.lon}};
  e.fields["distance_km"] = std::round(km * 100) / 100;
  e.fields["dt_s"] = dt / 1000.0;
  e.fields["implied_speed_kn"] = std::round(kn * 10) / 10;
  e.fields["new_segment"] = decision.opened;
  add_identity_fields(info, e.fields);
  pending_.push_back(std::move(e));
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
