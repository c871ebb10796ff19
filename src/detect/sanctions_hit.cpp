#include "detect/sanctions_hit.h"

#include <algorithm>

#include <cmath>

#include "screen/identifiers.h"
#include "screen/matcher.h"
#include "track/identity_checks.h"

namespace seawarden::detect {

namespace {

int rank(const std::string& method) {
  if (method == "imo") return 4;
  if (method == "mmsi") return 3;
  if (method == "callsign") return 2;
  return 1;
}

// The listed vessel's identifiers beside the broadcast ones, as they stood when the hit was
// found (the identity that matched, the entity that matched): which agree, which differ (both
// known and none equal). A hit on a name alone that no identifier confirms, or one that
// differs, is for the analyst to weigh: names repeat across fleets, identifiers do not.
constexpr const char* kIdentifierFields[3] = {"imo", "mmsi", "callsign"};  // bits 0, 1, 2

// `merge`: another version of the same list entry (two files of one list) matched in the same
// query: an identifier agrees when any version lists the broadcast value.
template <class Hit>
void set_agreement(const screen::Entity& entity, const track::Vessel& v, Hit& h, bool merge = false) {
  const auto& id = v.identity.current();
  std::string callsign = screen::canonical_call_sign(id.callsign.view());
  if (callsign.size() < 3) callsign.clear();  // "0", "NA": placeholders, as the matcher takes them
  const std::string broadcast[3] = {
      id.imo && track::imo_check_digit_ok(id.imo) ? std::to_string(id.imo) : std::string(),
      std::to_string(v.mmsi), callsign};
  static constexpr const char* kKinds[3] = {"imo", "mmsi", "call_sign"};  // the lists' names
  if (!merge) {
    h.agrees = h.differs = 0;
    for (auto& l : h.listed) l.clear();
  }
  for (int k = 0; k < 3; ++k) {
    bool equal = kIdentifierFields[k] == h.matched_on;  // what matched agrees by definition
    for (const screen::Identifier& i : entity.identifiers) {
      if (i.kind != kKinds[k]) continue;
      const std::string value = k == 2 ? screen::canonical_call_sign(i.value) : i.value;
      if (h.listed[k].empty()) h.listed[k] = value;  // the first one listed, as evidence
      equal = equal || (!broadcast[k].empty() && value == broadcast[k]);
    }
    if (equal) h.agrees |= static_cast<std::uint8_t>(1u << k);
    else if (!h.listed[k].empty() && !broadcast[k].empty()) h.differs |= static_cast<std::uint8_t>(1u << k);
  }
  h.differs &= static_cast<std::uint8_t>(~h.agrees);
  h.agreement_known = true;
}

void add_agreement_fields(const std::string (&listed)[3], std::uint8_t agrees, std::uint8_t differs,
                          nlohmann::json& f) {
  static constexpr const char* kKeys[3] = {"listed_imo", "listed_mmsi", "listed_callsign"};
  nlohmann::json a = nlohmann::json::array(), d = nlohmann::json::array();
  for (int k = 0; k < 3; ++k) {
    if (agrees >> k & 1) a.push_back(kIdentifierFields[k]);
    if (differs >> k & 1) d.push_back(kIdentifierFields[k]);
    const std::string& v = listed[k];
    if (v.empty()) continue;
    const bool number = k < 2 && v.size() <= 9 && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (number) f[kKeys[k]] = std::stoul(v);  // like the broadcast imo and vessels
    else f[kKeys[k]] = v;
  }
  f["agrees_on"] = std::move(a);
  f["differs_on"] = std::move(d);
}

}  // namespace

void SanctionsHitDetector::query(const track::Vessel& vessel, std::int64_t t_ms,
                                 const track::StaticReport* report) {
  const auto& id = vessel.identity.current();
  screen::VesselQuery q;
  q.mmsi = std::to_string(vessel.mmsi);
  if (id.imo && track::imo_check_digit_ok(id.imo)) q.imo = std::to_string(id.imo);
  q.call_sign = std::string(id.callsign.view());
  if (static_cast<int>(id.name.len) >= cfg_.min_name_length) q.name = std::string(id.name.view());
  screen::MatchOptions options;
  options.threshold = static_cast<float>(cfg_.min_name_score);
  options.type = screen::EntityType::vessel;
  options.explain = false;
  std::vector<screen::Match> matches = matcher_.find_vessel(q, options);
  std::vector<std::size_t> touched;  // hits set by this query (another version of an entry merges)
  for (const screen::Match& m : matches) {
    if (!m.entity) continue;
    std::string method = m.method == "call_sign" ? "callsign" : m.method;
    if (method == "name" && m.score < cfg_.min_name_score) continue;
    std::string value = method == "imo" ? q.imo : method == "mmsi" ? q.mmsi
                      : method == "callsign" ? q.call_sign : q.name;
    auto& list = hits_[vessel.mmsi];
    const auto it = std::find_if(list.begin(), list.end(), [&](const Hit& h) {
      return h.list == m.entity->list && h.entry_id == m.entity->id;
    });
    if (it != list.end()) {
      Hit& found = *it;
      if (rank(method) > rank(found.matched_on)) found.matched_on = method, found.value = value, found.score = m.score;
      found.last_ms = std::max(found.last_ms, t_ms);
      // As of the latest identity that matched.
      const std::size_t at = static_cast<std::size_t>(it - list.begin());
      const bool merge = std::find(touched.begin(), touched.end(), at) != touched.end();
      set_agreement(*m.entity, vessel, found, merge);
      if (!merge) touched.push_back(at);
      continue;
    }
    Hit h;
    h.list = m.entity->list;
    h.entry_id = m.entity->id;
    h.matched_on = method;
    h.listed_name = m.entity->name;
    h.value = value;
    h.score = m.score;
    h.first_ms = method == "mmsi" ? vessel.first_t_ms : t_ms;
    h.last_ms = t_ms;
    set_agreement(*m.entity, vessel, h);
    touched.push_back(list.size());
    list.push_back(std::move(h));
  }
  (void)report;
}

void SanctionsHitDetector::on_track_fix(const track::Vessel& vessel, const VesselInfo&,
                                        const track::Fix& fix, const track::Fix*,
                                        const track::SegmentDecision&, const EventSink&) {
  if (vessel.fixes == 1 && vessel.identity.current().name.empty() && vessel.identity.current().imo == 0)
    query(vessel, fix.t_ms, nullptr);  // MMSI alone, before any static data
}

void SanctionsHitDetector::refresh_last(const track::Vessel& vessel, const track::Observation& obs) {
  auto it = hits_.find(vessel.mmsi);
  if (it == hits_.end()) return;
  const track::StaticReport& r = obs.report;
  for (Hit& h : it->second) {
    bool carries = false;
    if (h.matched_on == "imo") carries = (r.has & track::StaticReport::kImo) && std::to_string(r.imo) == h.value;
    else if (h.matched_on == "callsign") carries = (r.has & track::StaticReport::kCallsign) && r.callsign.view() == h.value;
    else if (h.matched_on == "name") carries = (r.has & track::StaticReport::kName) && r.name.view() == h.value;
    if (carries) h.last_ms = std::max(h.last_ms, obs.t_ms);
  }
}

void SanctionsHitDetector::on_static(const track::Vessel& vessel, const VesselInfo&,
                                     const track::Observation& obs,
                                     const track::IdentityUpdate& update, const EventSink&) {
  // Only what is screened: a new draught or destination does not change what matches, and
  // re-asking would stretch a name match to messages that do not carry the name.
  using track::IdentityField;
  if (update.changed(IdentityField::Name) || update.changed(IdentityField::Callsign) ||
      update.changed(IdentityField::Imo))
    query(vessel, obs.t_ms, &obs.report);
  refresh_last(vessel, obs);
}

void SanctionsHitDetector::finish(const track::Tracker& tracker, const EventSink& emit) {
  for (auto& [mmsi, list] : hits_)
    if (const track::Vessel* v = tracker.find(mmsi)) report(*v, list, emit);
  hits_.clear();
}

void SanctionsHitDetector::forget(const track::Tracker&, const track::Vessel& vessel, const VesselInfo&,
                                  const EventSink& emit) {
  auto it = hits_.find(vessel.mmsi);
  if (it == hits_.end()) return;
  report(vessel, it->second, emit);
  hits_.erase(it);
}

void SanctionsHitDetector::report(const track::Vessel& v, const std::vector<Hit>& hits, const EventSink& emit) const {
  const auto& id = v.identity.current();
  for (const Hit& h : hits) {
    Event e;
    e.kind = "sanctions_hit";
    e.start_ms = h.first_ms;
    e.end_ms = h.matched_on == "mmsi" ? v.last_t_ms : h.last_ms;
    e.vessels = {v.mmsi};
    if (v.has_fix) e.lat = v.last_fix.lat, e.lon = v.last_fix.lon;
    e.fields["list"] = h.list;
    e.fields["entry_id"] = h.entry_id;
    e.fields["matched_on"] = h.matched_on;
    e.fields["score"] = round_decimals(h.score, 3);
    e.fields["listed_name"] = h.listed_name;
    e.fields["matched_value"] = h.value;  // the broadcast value that matched
    if (!id.name.empty()) e.fields["name"] = std::string(id.name.view());
    if (id.imo) e.fields["imo"] = id.imo;
    if (!id.callsign.empty()) e.fields["callsign"] = std::string(id.callsign.view());
    std::string_view flag = track::mmsi_flag(v.mmsi);
    if (!flag.empty()) e.fields["flag"] = std::string(flag);
    if (h.agreement_known) add_agreement_fields(h.listed, h.agrees, h.differs, e.fields);
    emit(std::move(e));
  }
}

namespace {
template <class IO, class Hit>
void hit_fields(IO& io, Hit& h) {  // one list for both directions
  io.text(h.list);
  io.text(h.entry_id);
  io.text(h.matched_on);
  io.text(h.listed_name);
  io.text(h.value);
  io.pod(h.score);
  io.pod(h.first_ms);
  io.pod(h.last_ms);
}
// Since the agreement fields: the section starts with this mark, then every hit's agreement
// after its fields. A section without the mark (an earlier version's) restores hits without it.
constexpr std::uint64_t kAgreementFormat = 0x3145455247415753ull;  // "SWAGREE1"
template <class IO, class Hit>
void agreement_fields(IO& io, Hit& h) {
  for (auto& v : h.listed) io.text(v);
  io.pod(h.agrees);
  io.pod(h.differs);
}
}  // namespace

void SanctionsHitDetector::save_state(StateWriter& out) const {
  const auto keys = sorted_keys_of(hits_);
  out.pod(kAgreementFormat);
  out.size(keys.size());
  for (std::uint32_t m : keys) {
    const auto& list = hits_.at(m);
    out.pod(m);
    out.size(list.size());
    for (const Hit& h : list) {
      hit_fields(out, h);
      agreement_fields(out, h);
    }
  }
}

void SanctionsHitDetector::load_state(StateReader& in) {
  // An earlier version's section starts with the vessel count where the mark now stands.
  const auto first = in.pod<std::uint64_t>();
  const bool with_agreement = first == kAgreementFormat;
  const std::size_t n = with_agreement ? in.size(sizeof(std::uint32_t)) : static_cast<std::size_t>(first);
  for (std::size_t i = 0; i < n; ++i) {
    auto& list = hits_[in.pod<std::uint32_t>()];
    const std::size_t hits = in.size();
    for (std::size_t j = 0; j < hits; ++j) {
      Hit& h = list.emplace_back();
      hit_fields(in, h);
      check_span(h.first_ms, h.last_ms);
      if (with_agreement) {
        agreement_fields(in, h);
        h.agrees &= 7;
        h.differs &= 7;
        h.agreement_known = true;
      }
    }
  }
}

}  // namespace seawarden::detect
