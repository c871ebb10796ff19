#include "detect/identity_anomaly.h"

#include <algorithm>

#include "track/identity_checks.h"

namespace seawarden::detect {

void IdentityAnomalyDetector::on_static(const track::Vessel& vessel, const VesselInfo&,
                                        const track::Observation& obs,
                                        const track::IdentityUpdate&, const EventSink&) {
  if (!(obs.report.has & track::StaticReport::kImo)) return;
  std::uint32_t imo = obs.report.imo;
  if (!track::imo_check_digit_ok(imo)) {
    Span& s = invalid_imo_[vessel.mmsi];
    if (s.imo == 0) s.imo = imo, s.first_ms = obs.t_ms;
    s.last_ms = obs.t_ms;
    return;
  }
  auto& holders = by_imo_[imo];
  Span* mine = nullptr;
  for (auto& [mmsi, span] : holders)
    if (mmsi == vessel.mmsi) mine = &span;
  if (mine && mine->reported) *mine = Span{imo, obs.t_ms, obs.t_ms, false};  // a forgotten vessel's: anew
  if (mine) {
    // a, then b, then a again within the window: the IMO is shared.
    for (auto& [mmsi, span] : holders) {
      if (mmsi == vessel.mmsi) continue;
      if (span.last_ms > mine->last_ms && obs.t_ms - span.last_ms <= cfg_.imo_shared_window_ms)
        span.shared = mine->shared = true;
    }
    mine->last_ms = obs.t_ms;
  } else if (holders.size() < 16) {
    holders.push_back({vessel.mmsi, Span{imo, obs.t_ms, obs.t_ms, false}});
  }
}

void IdentityAnomalyDetector::emit_event(const track::Vessel& v, const char* reason,
                                         std::int64_t start, std::int64_t end, nlohmann::json extra,
                                         const EventSink& emit) const {
  Event e;
  e.kind = "identity_anomaly";
  e.start_ms = start;
  e.end_ms = end;
  e.vessels = {v.mmsi};
  if (v.has_fix) e.lat = v.last_fix.lat, e.lon = v.last_fix.lon;
  e.fields = std::move(extra);
  e.fields["reason"] = reason;
  e.fields["mmsi"] = v.mmsi;
  const auto& id = v.identity.current();
  if (!id.name.empty()) e.fields["name"] = std::string(id.name.view());
  if (id.imo && !e.fields.contains("imo")) e.fields["imo"] = id.imo;
  std::string_view flag = track::mmsi_flag(v.mmsi);
  if (!flag.empty()) e.fields["flag"] = std::string(flag);
  emit(std::move(e));
}

void IdentityAnomalyDetector::report_vessel(const track::Vessel& v, const EventSink& emit) const {
  if (v.messages == 0) return;
  // A transponder set up with the ship's IMO number in the MMSI field: a misconfiguration that
  // also names the hull, so it is told apart from the placeholders (and comes first: an IMO
  // of 2000000-7999999 has the form of a coast station's number).
  const std::uint32_t imo = v.identity.current().imo;
  if (v.mmsi == imo && track::imo_check_digit_ok(imo)) {  // (a valid IMO has 7 digits)
    emit_event(v, "mmsi_is_imo", v.first_t_ms, v.last_t_ms, nlohmann::json::object(), emit);
  } else if (track::is_default_mmsi(v.mmsi)) {
    emit_event(v, "default_mmsi", v.first_t_ms, v.last_t_ms, nlohmann::json::object(), emit);
  } else if (track::has_unallocated_mid(v.mmsi)) {
    emit_event(v, "unallocated_mid", v.first_t_ms, v.last_t_ms,
               {{"mid", track::mmsi_mid(v.mmsi)}}, emit);
  }
}

std::vector<std::uint32_t> IdentityAnomalyDetector::others_sharing(const Holders& holders, std::uint32_t mmsi) {
  std::vector<std::uint32_t> others;
  for (const auto& [m, s] : holders)
    if (m != mmsi && s.shared) others.push_back(m);
  return others;
}

void IdentityAnomalyDetector::report_invalid_imo(const track::Vessel& v, const Span& s, const EventSink& emit) const {
  emit_event(v, "invalid_imo", s.first_ms, s.last_ms, {{"imo", s.imo}}, emit);
}

void IdentityAnomalyDetector::finish(const track::Tracker& tracker, const EventSink& emit) {
  for (std::size_t i = 0; i < tracker.vessel_count(); ++i) report_vessel(tracker.vessel_at(i), emit);
  for (const auto& [mmsi, s] : invalid_imo_)
    if (const track::Vessel* v = tracker.find(mmsi)) report_invalid_imo(*v, s, emit);
  for (std::uint64_t imo : by_imo_.sorted_keys()) {
    const Holders& holders = *by_imo_.find(imo);
    for (const auto& [mmsi, s] : holders)
      if (const track::Vessel* v = s.shared && !s.reported ? tracker.find(mmsi) : nullptr)
        emit_event(*v, "imo_shared", s.first_ms, s.last_ms, {{"imo", imo}, {"other_mmsis", others_sharing(holders, mmsi)}},
                   emit);
  }
  for (Event& e : shared_forgotten_) {  // the others as they are now, as for the vessels above
    const Holders* holders = by_imo_.find(e.fields.value("imo", std::uint32_t{0}));
    e.fields["other_mmsis"] = holders ? others_sharing(*holders, e.vessels[0]) : std::vector<std::uint32_t>{};
    emit(std::move(e));
  }
  shared_forgotten_.clear();
  invalid_imo_.clear();
  by_imo_.clear();
}

// What finish() would say of this vessel, now, but for imo_shared (see shared_forgotten_). Its
// entries under IMOs stay (at most 16 per IMO): the others sharing one still name it at the end.
void IdentityAnomalyDetector::forget(const track::Tracker&, const track::Vessel& v, const VesselInfo&,
                                     const EventSink& emit) {
  report_vessel(v, emit);
  if (auto it = invalid_imo_.find(v.mmsi); it != invalid_imo_.end()) {
    report_invalid_imo(v, it->second, emit);
    invalid_imo_.erase(it);
  }
  const std::uint32_t imo = v.identity.current().imo;
  auto* holders = imo ? by_imo_.find(imo) : nullptr;
  if (!holders) return;
  for (auto& [mmsi, span] : *holders) {
    if (mmsi != v.mmsi || span.reported) continue;
    if (span.shared)
      emit_event(v, "imo_shared", span.first_ms, span.last_ms, {{"imo", imo}},
                 [this](Event&& e) { shared_forgotten_.push_back(std::move(e)); });
    span.reported = true;
  }
}

void IdentityAnomalyDetector::save_state(StateWriter& out) const {
  const auto keys = sorted_keys_of(invalid_imo_);
  out.size(keys.size());
  for (std::uint32_t m : keys) {
    out.pod(m);
    out.pod(invalid_imo_.at(m));
  }
  save_keyed(out, by_imo_);
  out.events(shared_forgotten_);
}

void IdentityAnomalyDetector::load_state(StateReader& in) {
  const std::size_t n = in.size(sizeof(std::uint32_t) + sizeof(Span));
  for (std::size_t i = 0; i < n; ++i) {
    const auto m = in.pod<std::uint32_t>();
    Span& s = invalid_imo_[m];
    in.pod(s);
    fix_bool(s.shared);
    fix_bool(s.reported);
    check_span(s.first_ms, s.last_ms);
  }
  load_keyed(in, by_imo_, [](auto& holders) {
    for (auto& [mmsi, s] : holders) {
      fix_bool(s.shared);
      fix_bool(s.reported);
      check_span(s.first_ms, s.last_ms);
    }
  });
  if (!in.done()) in.events(shared_forgotten_);  // (states before forgetting end here)
}

}  // namespace seawarden::detect
