// Injected behaviours (encounters, loitering, gaps, MMSI conflicts, identity changes, flag
// hopping, spoofed jumps, listed vessels) and build_scenario().
#include <algorithm>
#include <cmath>

#include "detect/event_json.h"
#include "sim/builder.h"
#include "track/mid_table.h"

namespace seawarden::sim {
namespace detail {

namespace {
detect::Event designed_event(const std::string& kind, std::int64_t a, std::int64_t b, std::vector<std::uint32_t> v,
                             const LatLon& p) {
  detect::Event e;
  e.kind = kind;
  e.start_ms = a / 1000 * 1000;  // whole seconds, like the feed's receive times
  e.end_ms = b / 1000 * 1000;
  std::sort(v.begin(), v.end());
  e.vessels = std::move(v);
  e.lat = std::round(p.lat * 1e5) / 1e5;
  e.lon = std::round(p.lon * 1e5) / 1e5;
  return e;
}
}  // namespace

void Builder::add_encounter() {
  const double dur_h = rng_.uniform(2.5, std::min(8.0, std::max(2.6, o_.hours / 3)));
  const double lead_h = std::min(8.0, o_.hours / 4);
  const double latest = o_.hours - dur_h - lead_h;
  if (latest <= lead_h) return;
  const std::int64_t t_meet = t0_ + static_cast<std::int64_t>(rng_.uniform(lead_h, latest) * kHour);
  const std::int64_t t_part = t_meet + static_cast<std::int64_t>(dur_h * kHour);
  LatLon site;
  int access = -1;
  if (!pick_site(site, access, t_meet, t_part, true)) return;
  const double sep_km = rng_.uniform(0.1, 0.3), sep_brg = rng_.uniform(0, 2 * geo::kPi);
  // A arrives 30-60 min before B and leaves 30-60 min after it: the two never sail in
  // company (which would be a long contact at speed, not an encounter), and A's time alone
  // stopped stays far below the loitering threshold.
  const std::int64_t a_arrive = t_meet - static_cast<std::int64_t>(rng_.uniform(30, 60) * kMinute);
  const std::int64_t a_leave = t_part + static_cast<std::int64_t>(rng_.uniform(30, 60) * kMinute);
  Plan drift_plan;
  {
    PlanBuilder d(drift_plan, a_arrive, site, 0);
    d.drift(a_leave - a_arrive, rng_.uniform(0.15, 0.5), 0, rng_);
  }
  auto shifted = [&](const LatLon& p) { return offset_km(p, sep_km * std::sin(sep_brg), sep_km * std::cos(sep_brg)); };
  const bool transfer_cargo = rng_.chance(0.75);
  std::uint32_t mmsis[2];
  for (int k = 0; k < 2; ++k) {
    const int plan = new_plan();
    std::unique_ptr<PlanBuilder> holder;
    PlanBuilder* b = nullptr;
    const bool dprk = k == 0 && !dprk_ports_.empty() && rng_.chance(0.3);
    const std::int64_t arrive = k == 0 ? a_arrive : t_meet, leave = k == 0 ? a_leave : t_part;
    const LatLon first = k == 0 ? site : shifted(drift_plan.at(t_meet).pos);
    arrive_at(b, sc_.plans[plan], first, access, arrive, rng_.uniform(9, 12), dprk, holder);
    for (const auto& w : drift_plan.points)
      if (w.t_ms > arrive && w.t_ms < leave) sc_.plans[plan].points.push_back({w.t_ms, k == 0 ? w.pos : shifted(w.pos), 0});
    const LatLon last = k == 0 ? drift_plan.points.back().pos : shifted(drift_plan.at(t_part).pos);
    sc_.plans[plan].points.push_back({leave, last, 0});
    PlanBuilder after(sc_.plans[plan], leave, last, 0);  // continues from that point
    leave_to_port(after, access, rng_.uniform(9, 12), dprk);
    const unsigned mid = k == 0 ? (dprk ? 445 : kFlagsOfConvenience[rng_.integer(0, std::size(kFlagsOfConvenience) - 1)])
                                : flag_mid_for("any");
    Emitter& e = new_emitter(plan, mid, false, static_cast<std::uint8_t>(k == 0 ? 80 : rng_.integer(80, 84)),
                             dprk ? NameStyle::Dprk : NameStyle::English, true, "encounter");
    if (transfer_cargo) {
      // Ship-to-ship transfer: A discharges, B loads; draughts updated after parting.
      Identity after_id = e.identity.back();
      after_id.from_ms = t_part + static_cast<std::int64_t>(rng_.uniform(20, 90) * kMinute);
      const double delta = rng_.uniform(1.2, 3.0);
      if (k == 0) {
        e.identity.back().draught_m = static_cast<float>(std::round(rng_.uniform(8.5, 11.5) * 10) / 10);
        after_id.draught_m = static_cast<float>(std::round((e.identity.back().draught_m - delta) * 10) / 10);
      } else {
        e.identity.back().draught_m = static_cast<float>(std::round(rng_.uniform(4.0, 6.0) * 10) / 10);
        after_id.draught_m = static_cast<float>(std::round((e.identity.back().draught_m + delta) * 10) / 10);
      }
      e.identity.push_back(after_id);
    }
    mmsis[k] = e.mmsi;
    if (k == 0 && listed_pending_.size() < 64 && rng_.chance(0.6))
      listed_pending_.push_back(static_cast<int>(sc_.emitters.size()) - 1);
    ++physical_;
  }
  auto ev = designed_event("encounter", t_meet, t_part, {mmsis[0], mmsis[1]}, site);
  ev.fields["duration_h"] = std::round(dur_h * 100) / 100;
  ev.fields["distance_m"] = std::round(sep_km * 1000);
  ev.fields["simulated"] = transfer_cargo ? "ship-to-ship transfer" : "meeting without cargo change";
  sc_.designed.push_back(std::move(ev));
  sc_.composition["encounter"] += 2;
  ++sc_.injected["encounter"];
}

void Builder::add_loitering() {
  const double dur_h = rng_.uniform(5, std::min(10.0, std::max(5.1, o_.hours / 3)));
  const double lead_h = std::min(8.0, o_.hours / 4);
  const double latest = o_.hours - dur_h - lead_h;
  if (latest <= lead_h) return;
  const std::int64_t t_arrive = t0_ + static_cast<std::int64_t>(rng_.uniform(lead_h, latest) * kHour);
  const std::int64_t t_leave = t_arrive + static_cast<std::int64_t>(dur_h * kHour);
  LatLon site;
  int access = -1;
  if (!pick_site(site, access, t_arrive, t_leave, false)) return;
  const int plan = new_plan();
  std::unique_ptr<PlanBuilder> holder;
  PlanBuilder* b = nullptr;
  arrive_at(b, sc_.plans[plan], site, access, t_arrive, rng_.uniform(9, 12), false, holder);
  b->drift(t_leave - t_arrive, rng_.uniform(0.2, 0.8), 0, rng_);
  leave_to_port(*b, access, rng_.uniform(9, 12), false);
  const bool fishing = rng_.chance(0.3);
  const unsigned mid = fishing ? 413 : kFlagsOfConvenience[rng_.integer(0, std::size(kFlagsOfConvenience) - 1)];
  Emitter& e = new_emitter(plan, mid, false, fishing ? 30 : static_cast<std::uint8_t>(rng_.integer(70, 84)),
                           fishing ? NameStyle::ChineseFishing : NameStyle::English, !fishing, "loitering");
  auto ev = designed_event("loitering", t_arrive, t_leave, {e.mmsi}, site);
  ev.fields["duration_h"] = std::round(dur_h * 100) / 100;
  sc_.designed.push_back(std::move(ev));
  ++physical_;
  ++sc_.composition["loitering"];
  ++sc_.injected["loitering"];
}

void Builder::add_gap() {
  if (o_.hours < 30) return;
  const double gap_h = rng_.uniform(14.5, std::min(30.0, o_.hours - 16));
  const std::int64_t t_off = t0_ + static_cast<std::int64_t>(rng_.uniform(6, o_.hours - gap_h - 8) * kHour);
  const std::int64_t t_on = t_off + static_cast<std::int64_t>(gap_h * kHour);
  // Switch off and on at open-sea nodes (away from zones so visits are unambiguous).
  std::vector<int> nodes;
  for (std::size_t i = 0; i < area().nodes.size(); ++i)
    if (zone_distance_km(area().nodes[i].pos) > 15 && !area().adjacency[i].empty()) nodes.push_back(static_cast<int>(i));
  if (nodes.empty()) return;
  const int off_node = rng_.pick(nodes);
  const int on_node = rng_.pick(area().adjacency[off_node]).first;
  if (zone_distance_km(area().nodes[on_node].pos) < 15) return;
  const int plan = new_plan();
  std::unique_ptr<PlanBuilder> holder;
  PlanBuilder* b = nullptr;
  const double kn = rng_.uniform(10, 12);
  arrive_at(b, sc_.plans[plan], area().nodes[off_node].pos, off_node, t_off, kn, false, holder);
  // Dark: to Nampo when there is one in the area, else a quiet drift; back in time for t_on.
  const LatLon on_pos = area().nodes[on_node].pos;
  bool went_dark_to_port = false;
  if (!dprk_ports_.empty()) {
    const Port& np = area().ports[dprk_ports_[0]];
    auto there = lane(off_node, np.approach, 0.5);
    auto back = lane(np.approach, on_node, 0.5);
    if (!there.empty() && !back.empty()) {
      there.push_back(np.anchorage);
      back.insert(back.begin(), np.anchorage);
      const double travel_h = (path_km(there) + distance_km(area().nodes[off_node].pos, there.front()) + path_km(back)) / (kn * 1.852);
      if (travel_h + 2 < gap_h) {
        b->sail_path(there, kn, 0);
        b->hold(t_on - static_cast<std::int64_t>(path_km(back) / (kn * 1.852) * kHour) - b->now(), 80, 1, rng_);
        b->sail_path(back, kn, 0);
        went_dark_to_port = true;
      }
    }
  }
  if (!went_dark_to_port) {
    const double travel_h = distance_km(b->here(), on_pos) / (kn * 1.852);
    b->drift(t_on - static_cast<std::int64_t>(travel_h * kHour) - b->now(), 0.5, 0, rng_);
    b->sail_to(on_pos, kn, 0);
  }
  leave_to_port(*b, on_node, kn, false);
  const unsigned mid = kFlagsOfConvenience[rng_.integer(0, std::size(kFlagsOfConvenience) - 1)];
  Emitter& e = new_emitter(plan, mid, false, static_cast<std::uint8_t>(rng_.integer(70, 84)), NameStyle::English, true, "gap");
  e.silences.push_back({t_off, t_on});
  if (went_dark_to_port && e.identity.back().draught_m > 0) {
    Identity loaded = e.identity.back();
    loaded.from_ms = t_off + (t_on - t_off) / 2;
    loaded.draught_m = static_cast<float>(std::round((loaded.draught_m + rng_.uniform(1.2, 2.5)) * 10) / 10);
    e.identity.push_back(loaded);
  }
  if (listed_pending_.size() < 64 && rng_.chance(0.3)) listed_pending_.push_back(static_cast<int>(sc_.emitters.size()) - 1);
  ++physical_;
  ++sc_.composition["gap"];
  ++sc_.injected["gap"];
}

void Builder::add_conflict() {
  for (int attempt = 0; attempt < 40 && !transit_emitters_.empty(); ++attempt) {
    const int vi = rng_.pick(transit_emitters_);
    Emitter& victim = sc_.emitters[vi];
    if (victim.label != "transit") continue;
    const double dur_h = rng_.uniform(4, std::min(7.0, o_.hours / 4));
    const std::int64_t found = find_window(sc_.plans[victim.plan], static_cast<std::int64_t>((dur_h + 1) * kHour), 3, 3, 5);
    if (found < 0) continue;
    const std::int64_t tc = found + 30 * kMinute;
    const std::int64_t te = tc + static_cast<std::int64_t>(dur_h * kHour);
    // The second transmitter sails a lane far from the victim.
    const int u = static_cast<int>(rng_.integer(0, area().nodes.size() - 1));
    const int v = static_cast<int>(rng_.integer(0, area().nodes.size() - 1));
    auto pts = lane(u, v, 0.8);
    if (pts.size() < 2) continue;
    const double kn = rng_.uniform(9, 12);
    Plan clone;
    {
      PlanBuilder b(clone, tc - kHour, pts.front(), 0);
      bool forward = true;
      while (b.now() < te + kHour) {
        auto leg = pts;
        if (!forward) std::reverse(leg.begin(), leg.end());
        b.sail_path(leg, kn, 0);
        forward = !forward;
      }
    }
    bool ok = true;
    std::size_t c1 = 0, c2 = 0;
    for (std::int64_t t = tc; t <= te && ok; t += 5 * kMinute) {
      const State a = sc_.plans[victim.plan].at(t, c1), s = clone.at(t, c2);
      if (distance_km(a.pos, s.pos) < 120 || zone_distance_km(s.pos) < 4) ok = false;
    }
    if (!ok) continue;
    sc_.plans.push_back(std::move(clone));
    Emitter e;
    e.mmsi = victim.mmsi;
    e.plan = static_cast<int>(sc_.plans.size()) - 1;
    e.role = Role::Clone;
    e.sends_static = false;
    e.on_ms = tc;
    e.off_ms = te;
    e.label = "mmsi_conflict";
    e.identity = victim.identity;
    victim.label = "mmsi_conflict";
    sc_.emitters.push_back(std::move(e));
    ++sc_.injected["mmsi_conflict"];
    return;
  }
}

void Builder::add_identity_change() {
  for (int attempt = 0; attempt < 40 && !transit_emitters_.empty(); ++attempt) {
    Emitter& e = sc_.emitters[rng_.pick(transit_emitters_)];
    if (e.label != "transit" || e.identity.size() != 1) continue;
    Identity next = e.identity.back();
    next.from_ms = t0_ + static_cast<std::int64_t>(rng_.uniform(10, std::max(10.5, o_.hours - 10)) * kHour);
    next.name = ids_.name(NameStyle::English);
    if (rng_.chance(0.5)) next.callsign = ids_.callsign(e.mmsi / 1000000);
    if (rng_.chance(0.3)) next.shiptype = next.shiptype >= 80 ? 70 : 80;
    e.identity.push_back(next);
    e.label = "identity_change";
    ++sc_.injected["identity_change"];
    return;
  }
}

void Builder::add_flag_hop() {
  for (int attempt = 0; attempt < 40 && !transit_emitters_.empty(); ++attempt) {
    const int ei = rng_.pick(transit_emitters_);
    if (sc_.emitters[ei].label != "transit") continue;
    const std::int64_t found = find_window(sc_.plans[sc_.emitters[ei].plan], 2 * kHour, std::min(10.0, o_.hours / 4), 3, 5);
    if (found < 0) continue;
    const std::int64_t th = found + kHour;
    Emitter& old = sc_.emitters[ei];
    unsigned mid = old.mmsi / 1000000;
    const std::string old_flag(track::lookup_mid(mid).iso2);
    unsigned new_mid = mid;
    while (std::string(track::lookup_mid(new_mid).iso2) == old_flag)
      new_mid = kFlagsOfConvenience[rng_.integer(0, std::size(kFlagsOfConvenience) - 1)];
    old.off_ms = th;
    old.label = "flag_hop";
    Emitter fresh = old;
    fresh.mmsi = ids_.mmsi(new_mid, true);
    fresh.on_ms = th + static_cast<std::int64_t>(rng_.uniform(10, 60) * kMinute);
    fresh.off_ms = INT64_MAX;
    fresh.identity.back().callsign = ids_.callsign(new_mid);
    fresh.identity.resize(1);
    fresh.identity[0].from_ms = INT64_MIN;
    sc_.emitters.push_back(std::move(fresh));
    ++sc_.injected["flag_hop"];
    return;
  }
}

void Builder::add_jump() {
  for (int attempt = 0; attempt < 60 && !transit_emitters_.empty(); ++attempt) {
    Emitter& e = sc_.emitters[rng_.pick(transit_emitters_)];
    if (e.label != "transit") continue;
    const Plan& plan = sc_.plans[e.plan];
    const std::int64_t found = find_window(plan, kHour, 3, 5, 5);
    if (found < 0) continue;
    const std::int64_t tj = found + 30 * kMinute;
    if (reception_.coverage(plan.at(tj).pos) < 0.5) continue;
    const double km = rng_.uniform(60, 150), brg = rng_.uniform(0, 2 * geo::kPi);
    const LatLon fake = offset_km(plan.at(tj).pos, km * std::sin(brg), km * std::cos(brg));
    if (zone_distance_km(fake) < 8) continue;
    e.spoofs.push_back({tj, static_cast<int>(rng_.integer(1, 3)), km * std::sin(brg), km * std::cos(brg)});
    e.label = "position_jump";
    ++sc_.injected["position_jump"];
    return;
  }
}

void Builder::add_listed_entries() {
  static constexpr const char* kCompanyA[] = {"KORYO", "SONGBONG", "PAEKTU", "MYOHYANG", "CHOLSAN", "TAEDONG", "RAKWON", "KUMGANG"};
  static constexpr const char* kCompanyB[] = {"SHIPPING CO LTD", "MARITIME CORPORATION", "TRADING COMPANY", "SHIP MANAGEMENT LTD", "OCEAN TRANSPORT CO"};
  static constexpr const char* kSurnames[] = {"KIM", "RI", "PAK", "CHOE", "JONG", "HAN", "KANG", "O"};
  static constexpr const char* kGiven[] = {"Chol Min", "Yong Su", "Myong Hak", "Kwang Il", "Song Nam", "Un Jong", "Hyok Chol"};
  static constexpr const char* kRisk =
      "Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and 510.210; "
      "Transactions Prohibited For Persons Owned or Controlled By U.S. Financial Institutions: North Korea "
      "Sanctions Regulations section 510.214";
  int ent = 90000 + static_cast<int>(rng_.integer(1, 900)) * 10;
  std::vector<std::string> companies;
  for (int i = 0; i < 4; ++i) {
    ListEntry c;
    c.ent_num = ent++;
    c.name = std::string(kCompanyA[rng_.integer(0, 7)]) + " " + kCompanyB[rng_.integer(0, 4)];
    c.type = "";
    c.program = rng_.chance(0.5) ? "DPRK3" : "DPRK2";
    c.remarks = std::string(kRisk) + ".";
    companies.push_back(c.name);
    sc_.sanctions.push_back(std::move(c));
  }
  for (int i = 0; i < 3; ++i) {
    ListEntry p;
    p.ent_num = ent++;
    p.name = std::string(kSurnames[rng_.integer(0, 7)]) + ", " + kGiven[rng_.integer(0, 6)];
    p.type = "individual";
    p.program = "DPRK3";
    p.remarks = "DOB " + std::to_string(rng_.integer(1, 28)) + " Mar " + std::to_string(rng_.integer(1955, 1985)) +
                "; nationality Korea, North; Gender Male; " + kRisk + "; Linked To: " + rng_.pick(companies) + ".";
    sc_.sanctions.push_back(std::move(p));
  }
  auto vessel_entry = [&](const std::string& name) {
    ListEntry v;
    v.ent_num = ent++;
    v.name = name;
    v.type = "vessel";
    v.program = rng_.chance(0.7) ? "DPRK3" : "DPRK4";
    v.vessel_type = rng_.chance(0.6) ? "Crude/Oil Products Tanker" : "General Cargo";
    v.flag = rng_.chance(0.5) ? "Korea, North" : "Sierra Leone";
    v.grt = std::to_string(rng_.integer(1, 9)) + "," + std::to_string(rng_.integer(100, 999));
    return v;
  };
  for (int idx : listed_pending_) {
    Emitter& e = sc_.emitters[idx];
    const double u = rng_.uniform();
    const std::uint32_t imo = e.identity.front().imo;
    std::string remarks = kRisk;
    if (u < 0.5 && imo != 0 && imo_check_digit_ok(imo)) {
      // By IMO, often under a former name the ship no longer broadcasts.
      ListEntry v = vessel_entry(rng_.chance(0.5) ? ids_.listed_name() : e.identity.front().name);
      v.imo = imo;
      v.callsign = e.identity.front().callsign;
      if (v.name != e.identity.front().name && rng_.chance(0.5)) v.aka.push_back(e.identity.front().name);
      v.remarks = remarks + "; Vessel Registration Identification IMO " + std::to_string(imo) + "; Linked To: " +
                  rng_.pick(companies) + ".";
      v.match_by_name = true;
      sc_.sanctions.push_back(std::move(v));
    } else if (u < 0.7) {
      ListEntry v = vessel_entry(ids_.listed_name());
      v.mmsi = e.mmsi;
      v.remarks = remarks + "; MMSI " + std::to_string(e.mmsi) + "; Linked To: " + rng_.pick(companies) + ".";
      v.match_by_name = true;
      sc_.sanctions.push_back(std::move(v));
    } else {
      // By name only; the ship broadcasts a spacing variant ("CHON MA SAN 3" -> "CHONMA SAN 3").
      const std::string listed = ids_.listed_name();
      std::string variant = listed;
      if (auto sp = variant.find(' '); sp != std::string::npos) variant.erase(sp, 1);
      for (auto& id : e.identity) id.name = variant;
      ListEntry v = vessel_entry(listed);
      v.remarks = remarks + "; Linked To: " + rng_.pick(companies) + ".";
      v.match_by_name = true;
      sc_.sanctions.push_back(std::move(v));
    }
    if (e.label == "transit" || e.label == "listed") e.label = "listed";
    ++sc_.injected["sanctions_hit"];
  }
  // Listed ships that are not in the area (realistic noise for the screening engine).
  for (int i = 0; i < 5; ++i) {
    ListEntry v = vessel_entry(ids_.listed_name());
    v.imo = ids_.imo();
    v.callsign = ids_.callsign(445);
    if (rng_.chance(0.5)) v.aka.push_back(ids_.listed_name());
    v.remarks = std::string(kRisk) + "; Vessel Registration Identification IMO " + std::to_string(v.imo) +
                "; Linked To: " + rng_.pick(companies) + ".";
    sc_.sanctions.push_back(std::move(v));
  }
  // No unlisted ship may resemble a listed name (the truth would miss a fuzzy hit).
  std::vector<std::string> listed_names;
  for (const auto& v : sc_.sanctions) {
    if (v.type != "vessel") continue;
    listed_names.push_back(compact_name(v.name));
    for (const auto& a : v.aka) listed_names.push_back(compact_name(a));
  }
  std::vector<char> is_listed(sc_.emitters.size(), 0);
  for (int idx : listed_pending_) is_listed[idx] = 1;
  for (std::size_t i = 0; i < sc_.emitters.size(); ++i) {
    if (is_listed[i]) continue;
    for (auto& id : sc_.emitters[i].identity) {
      const std::string c = compact_name(id.name);
      bool close = false;
      for (const auto& l : listed_names) {
        if (std::abs(static_cast<int>(l.size()) - static_cast<int>(c.size())) > 3) continue;
        if (name_similarity(c, l) >= 0.75) close = true;
      }
      if (close) id.name = ids_.name(NameStyle::English);
    }
  }
}

void Builder::run() {
  const int total = std::max(1, o_.vessels);
  const double s = total / 200.0;
  auto count = [&](double per200, int min) { return std::max(min, static_cast<int>(std::lround(per200 * s))); };
  const bool inject = o_.inject && total >= 20;
  // Normal traffic first (so injections can pick transits), then the injected vessels.
  const int n_enc = inject ? count(6, 2) : 0, n_loi = inject ? count(5, 2) : 0, n_gap = inject ? count(5, 2) : 0;
  const int n_listed_only = inject ? count(2, 1) : 0;
  const int injected_vessels = 2 * n_enc + n_loi + n_gap + n_listed_only;
  int normal = std::max(0, total - injected_vessels);
  const int anchored = normal * 10 / 100, fishing = normal * 22 / 100, pairs = normal * 4 / 100,
            small = normal * 9 / 100, passing = normal * 4 / 100, dprk = dprk_ports_.empty() ? 0 : normal * 3 / 100;
  for (int i = 0; i < anchored; ++i) add_anchored();
  for (int i = 0; i < fishing; ++i) add_fishing(false);
  for (int i = 0; i + 1 < pairs; i += 2) add_fishing(true);
  for (int i = 0; i < small; ++i) add_small_craft();
  for (int i = 0; i + 1 < passing; i += 2) add_close_passing();
  for (int i = 0; i < dprk; ++i) add_transit("dprk_trade", true);
  while (physical_ < normal) add_transit("transit");
  if (inject) {
    // Interleaved, so that both get places when meeting sites run short.
    for (int i = 0; i < std::max(n_enc, n_loi); ++i) {
      if (i < n_enc) add_encounter();
      if (i < n_loi) add_loitering();
    }
    for (int i = 0; i < n_gap; ++i) add_gap();
    for (int i = 0; i < count(3, 1); ++i) add_conflict();
    for (int i = 0; i < count(4, 2); ++i) add_identity_change();
    for (int i = 0; i < count(3, 1); ++i) add_flag_hop();
    for (int i = 0; i < count(4, 2); ++i) add_jump();
    // Identity anomalies on otherwise normal vessels.
    int invalid = count(2, 1), unallocated = count(2, 1);
    for (int idx : transit_emitters_) {
      Emitter& e = sc_.emitters[idx];
      if (e.label != "transit") continue;
      if (invalid > 0) {
        const std::uint32_t bad = ids_.invalid_imo();
        for (auto& id : e.identity) id.imo = bad;
        e.label = "invalid_imo", --invalid;
        ++sc_.injected["identity_anomaly"];
      } else if (unallocated > 0) {
        e.mmsi = ids_.mmsi(unallocated % 2 ? 402 : 449, false);
        e.label = "unallocated_mid", --unallocated;
        ++sc_.injected["identity_anomaly"];
      }
    }
    for (auto& e : sc_.emitters) {
      if (e.class_b && e.label == "small_craft" && !ids_.mmsi_used(123456789)) {
        e.mmsi = 123456789;  // a never-configured transponder
        ids_.reserve_mmsi(123456789);
        e.label = "default_mmsi";
        ++sc_.injected["identity_anomaly"];
        break;
      }
    }
    while (physical_ < total) {
      add_transit("transit");
      if (listed_pending_.size() < 64) listed_pending_.push_back(static_cast<int>(sc_.emitters.size()) - 1);
      sc_.emitters.back().label = "listed";
    }
  }
  // Without injections the list still holds its companies, people and out-of-area ships (none of
  // the traffic is listed): screening normal traffic against it is a test of false hits.
  add_listed_entries();
  sc_.composition["total"] = physical_;
}

Scenario build_scenario_impl(const ScenarioOptions& o) {
  Scenario sc;
  sc.options = o;
  sc.area = make_area(o.area);
  sc.start_ms = o.start_ms;
  sc.end_ms = o.start_ms + static_cast<std::int64_t>(o.hours * kHour);
  Builder b(o, sc);
  b.run();
  std::sort(sc.designed.begin(), sc.designed.end(), detect::event_before);
  return sc;
}

}  // namespace detail

Scenario build_scenario(const ScenarioOptions& options) {
  if (options.hours <= 0 || options.hours > 24 * 31) throw std::invalid_argument("--hours must be in (0, 744]");
  if (options.vessels < 1 || options.vessels > 300000) throw std::invalid_argument("--vessels must be in [1, 300000]");
  return detail::build_scenario_impl(options);
}

}  // namespace seawarden::sim
