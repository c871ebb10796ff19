#include "detect/identity_change.h"

#include <charconv>
#include <cstring>
#include <stdexcept>

#include "track/identity_checks.h"

namespace seawarden::detect {

namespace {

nlohmann::json field_value(track::IdentityField f, std::string_view text) {
  if (f == track::IdentityField::Imo || f == track::IdentityField::Shiptype) {
    std::uint32_t v = 0;
    std::from_chars(text.data(), text.data() + text.size(), v);
    return v;
  }
  return std::string(text);
}

Event base_event(const track::Vessel& vessel, std::int64_t t) {
  Event e;
  e.kind = "identity_change";
  e.start_ms = e.end_ms = t;
  e.vessels = {vessel.mmsi};
  if (vessel.has_fix) e.lat = vessel.last_fix.lat, e.lon = vessel.last_fix.lon;
  return e;
}

}  // namespace

void IdentityChangeDetector::on_static(const track::Vessel& vessel, const VesselInfo& info,
                                       const track::Observation& obs,
                                       const track::IdentityUpdate& update, const EventSink& emit) {
  for (int i = 0; i < update.n_changes; ++i) {
    const track::IdentityChange& c = update.changes[i];
    Event e = base_event(vessel, c.t_ms);
    e.fields["field"] = track::to_string(c.field);
    e.fields["from"] = field_value(c.field, c.from.view());
    e.fields["to"] = field_value(c.field, c.to.view());
    add_identity_fields(info, e.fields);
    emit(std::move(e));
  }
  // Flag hopping: the same (valid) IMO now under an MMSI of another flag.
  if (!(obs.report.has & track::StaticReport::kImo)) return;
  std::uint32_t imo = obs.report.imo;
  if (!track::imo_check_digit_ok(imo)) return;
  std::string_view flag = track::mmsi_flag(vessel.mmsi);
  ImoHolder& h = imo_holder_[imo];
  if (h.mmsi != 0 && h.mmsi != vessel.mmsi) {
    std::string_view old_flag(h.flag);
    if (!old_flag.empty() && !flag.empty() && old_flag != flag &&
        hops_reported_.insert({imo, vessel.mmsi}).second) {
      Event e = base_event(vessel, obs.t_ms);
      e.fields["field"] = "flag";
      e.fields["from"] = std::string(old_flag);
      e.fields["to"] = std::string(flag);
      e.fields["previous_mmsi"] = h.mmsi;
      add_identity_fields(info, e.fields);
      e.fields["imo"] = imo;
      emit(std::move(e));
    }
  }
  h.mmsi = vessel.mmsi;
  std::memset(h.flag, 0, sizeof h.flag);
  if (!flag.empty()) std::memcpy(h.flag, flag.data(), std::min<std::size_t>(flag.size(), 2));
}

void IdentityChangeDetector::save_state(StateWriter& out) const {
  save_keyed(out, imo_holder_);
  out.size(hops_reported_.size());
  for (const auto& hop : hops_reported_) out.pod(hop);
}

void IdentityChangeDetector::load_state(StateReader& in) {
  // The flag is read as a C string: two letters at most, then the terminator.
  load_keyed(in, imo_holder_, [](const ImoHolder& h) {
    if (h.flag[2] != '\0') throw std::runtime_error("identity_change state: a flag without its end (corrupt)");
  });
  const std::size_t hops = in.size(sizeof(std::pair<std::uint32_t, std::uint32_t>));
  for (std::size_t i = 0; i < hops; ++i) hops_reported_.insert(in.pod<std::pair<std::uint32_t, std::uint32_t>>());
}

}  // namespace seawarden::detect
