#include "detect/draught_change.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace seawarden::detect {

const char* const kCargoAssumptions =
    "cargo = |draught change| x length x beam x block coefficient x 1.025 t/m3 (sea water); "
    "block coefficient 0.80 for tankers (AIS types 80-89), 0.75 for cargo ships (70-79), 0.70 "
    "otherwise; barrels as medium crude oil (0.86 t/m3, 6.2898 bbl/m3); broadcast draught and "
    "dimensions taken as true; hull wall-sided over the change";

CargoEstimate estimate_cargo(double delta_m, double length_m, double beam_m, std::uint8_t shiptype) {
  CargoEstimate c;
  c.block_coefficient = shiptype >= 80 && shiptype <= 89 ? 0.80 : shiptype >= 70 && shiptype <= 79 ? 0.75 : 0.70;
  c.tonnes = std::fabs(delta_m) * length_m * beam_m * c.block_coefficient * 1.025;
  c.barrels = c.tonnes / 0.86 * 6.2898;
  return c;
}

void DraughtChangeDetector::on_static(const track::Vessel& vessel, const VesselInfo& info,
                                      const track::Observation& obs, const track::IdentityUpdate&,
                                      const EventSink&) {
  if (!(obs.report.has & track::StaticReport::kDraught)) return;
  float d = obs.report.draught_m;
  State& s = state_[vessel.mmsi];
  if (s.baseline == 0) {
    s.baseline = d;
    s.baseline_last_ms = obs.t_ms;
    return;
  }
  if (std::fabs(d - s.baseline) < cfg_.min_delta_m - 1e-4) {
    s.baseline_last_ms = obs.t_ms;  // still (about) the old draught
    s.candidate_count = 0;
    return;
  }
  if (s.candidate_count > 0 && std::fabs(d - s.candidate) < 0.05f) {
    ++s.candidate_count;
  } else {
    s.candidate = d;
    s.candidate_first_ms = obs.t_ms;
    s.candidate_count = 1;
  }
  int needed = obs.from_csv ? 1 : cfg_.confirmations;
  if (s.candidate_count < needed) return;
  Event e;
  e.kind = "draught_change";
  e.start_ms = s.baseline_last_ms;
  e.end_ms = s.candidate_first_ms;
  e.vessels = {vessel.mmsi};
  if (vessel.has_fix) e.lat = vessel.last_fix.lat, e.lon = vessel.last_fix.lon;
  // In double: a float's own digits (6.1f is 6.099999904632568) would otherwise show.
  e.fields["from_m"] = round_decimals(s.baseline, 1);
  e.fields["to_m"] = round_decimals(s.candidate, 1);
  e.fields["delta_m"] = round_decimals(static_cast<double>(s.candidate) - s.baseline, 1);
  add_identity_fields(info, e.fields);
  pending_.push_back(std::move(e));
  s.baseline = s.candidate;
  s.baseline_last_ms = obs.t_ms;
  s.candidate_count = 0;
}

void DraughtChangeDetector::on_event(const Event& e) {
  if (e.kind == "encounter" && e.vessels.size() == 2) {
    context_[e.vessels[0]].push_back({kEncounter, kPartnerLive, e.start_ms, e.end_ms, e.vessels[1]});
    context_[e.vessels[1]].push_back({kEncounter, kPartnerLive, e.start_ms, e.end_ms, e.vessels[0]});
  } else if (e.kind == "zone_visit" && !e.vessels.empty() && e.fields.value("port_call", false)) {
    context_[e.vessels[0]].push_back({kPortCall, kPartnerLive, e.start_ms, e.end_ms, 0});
  } else if (e.kind == "gap" && !e.vessels.empty()) {
    context_[e.vessels[0]].push_back({kGap, kPartnerLive, e.start_ms, e.end_ms, 0});
  }
}

namespace {
// What a cargo estimate needs of a vessel's identity: dimensions and a draught.
bool sized(const track::Identity& id) { return id.length_m && id.beam_m && id.draught_m > 0; }
}  // namespace

void DraughtChangeDetector::resolve(Event& e, const track::Tracker& tracker) const {
  static const char* const kAcross[] = {"encounter", "port", "gap"};
  const std::uint32_t mmsi = e.vessels[0];
  const Context* best = nullptr;
  if (const auto* contexts = context_.find(mmsi)) {
    for (const Context& c : *contexts) {
      bool overlaps = c.kind == kGap ? (c.start_ms >= e.start_ms && c.end_ms <= e.end_ms)
                                  : (c.start_ms <= e.end_ms && c.end_ms >= e.start_ms);
      if (overlaps && (!best || c.kind < best->kind)) best = &c;
    }
  }
  if (!best) return;
  e.fields["across"] = kAcross[best->kind];
  if (best->kind != kEncounter) return;
  e.fields["partner"] = best->partner;
  const track::Vessel* me = tracker.find(mmsi);
  if (!me) return;
  // A forgotten partner is judged by what its record said when it went; its MMSI may since
  // name a new record (another ship, or the same one back after months).
  bool partner_sized = best->partner_snapshot == kPartnerSized;
  if (best->partner_snapshot == kPartnerLive) {
    const track::Vessel* other = tracker.find(best->partner);
    partner_sized = other && sized(other->identity.current());
  }
  const auto& a = me->identity.current();
  if (sized(a) && partner_sized) {
    CargoEstimate c = estimate_cargo(e.fields["delta_m"].get<double>(), a.length_m, a.beam_m, a.shiptype);
    e.fields["cargo_estimate"] = {{"tonnes", std::round(c.tonnes)},
                                  {"barrels", std::round(c.barrels)},
                                  {"block_coefficient", c.block_coefficient},
                                  {"assumptions", kCargoAssumptions}};
  }
}

void DraughtChangeDetector::finish(const track::Tracker& tracker, const EventSink& emit) {
  for (Event& e : pending_) {
    resolve(e, tracker);
    emit(std::move(e));
  }
  pending_.clear();
  context_.clear();
}

// Its changes are resolved now, with the record still there (every encounter it had has ended
// long since): at the end it would be gone, or another vessel's under the same MMSI. What its
// changes could have happened across goes too (kept for every vessel with events otherwise).
void DraughtChangeDetector::forget(const track::Tracker& tracker, const track::Vessel& vessel, const VesselInfo&,
                                   const EventSink& emit) {
  // Its encounter partners' changes may still wait (their pending events): they keep what this
  // record says of its size, which their cargo estimates need and which goes with it.
  if (const auto* mine = context_.find(vessel.mmsi)) {
    const std::uint8_t snapshot = sized(vessel.identity.current()) ? kPartnerSized : kPartnerUnsized;
    for (const Context& c : *mine) {
      if (c.kind != kEncounter) continue;
      if (auto* theirs = context_.find(c.partner))
        for (Context& t : *theirs)
          if (t.kind == kEncounter && t.partner == vessel.mmsi && t.partner_snapshot == kPartnerLive &&
              t.start_ms == c.start_ms && t.end_ms == c.end_ms)
            t.partner_snapshot = snapshot;
    }
  }
  if (state_.find(vessel.mmsi)) {  // a draught reported: changes may be pending
    state_.erase(vessel.mmsi);
    auto mine = std::stable_partition(pending_.begin(), pending_.end(),
                                      [&](const Event& e) { return e.vessels[0] != vessel.mmsi; });
    for (auto it = mine; it != pending_.end(); ++it) {
      resolve(*it, tracker);
      emit(std::move(*it));
    }
    pending_.erase(mine, pending_.end());
  }
  context_.erase(vessel.mmsi);
}

void DraughtChangeDetector::save_state(StateWriter& out) const {
  save_keyed(out, state_);
  out.events(pending_);
  save_keyed(out, context_);
}

void DraughtChangeDetector::load_state(StateReader& in) {
  load_keyed(in, state_, [](const State& s) {
    check_times(s.baseline_last_ms, s.candidate_first_ms);
    // The times of a draught seen (they become a change's start and end).
    if (s.baseline != 0) check_message_time(s.baseline_last_ms);
    if (s.candidate_count > 0) check_message_time(s.candidate_first_ms);
    if (!std::isfinite(s.baseline) || !std::isfinite(s.candidate) || s.candidate_count < 0 || s.candidate_count > (1 << 20))
      throw std::runtime_error("draught_change state: a confirmation count out of range (corrupt)");
  });
  in.events(pending_);
  load_keyed(in, context_, [](const std::vector<Context>& contexts) {
    for (const Context& c : contexts) {
      check_times(c.start_ms, c.end_ms);
      if (c.kind > kGap || c.partner_snapshot > kPartnerUnsized)
        throw std::runtime_error("draught_change state: context out of range (corrupt)");
    }
  });
}

}  // namespace seawarden::detect
