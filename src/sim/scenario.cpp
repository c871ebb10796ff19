// build_scenario(): normal traffic and injected behaviours (see docs/simulator.md).
#include "sim/scenario.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <stdexcept>

#include "detect/event_json.h"
#include "sim/builder.h"

namespace seawarden::sim {
namespace geo = detect::geo;

bool imo_check_digit_ok(std::uint32_t imo) {
  if (imo < 1000000 || imo > 9999999) return false;
  std::uint32_t sum = 0, d = imo / 10;
  for (int w = 2; w <= 7; ++w, d /= 10) sum += (d % 10) * w;
  return sum % 10 == imo % 10;
}

namespace detail {

Emitter& Builder::new_emitter(int plan, unsigned mid, bool class_b, std::uint8_t shiptype, NameStyle style,
                              bool with_imo, const std::string& label) {
  Emitter e;
  e.mmsi = ids_.mmsi(mid, !class_b && rng_.chance(0.4));
  e.class_b = class_b;
  e.plan = plan;
  e.label = label;
  Identity id;
  id.name = ids_.name(style);
  id.callsign = ids_.callsign(mid);
  id.imo = with_imo ? ids_.imo() : 0;
  id.shiptype = shiptype;
  if (!class_b && !area().ports.empty()) {  // a destination as crews type it
    for (char c : rng_.pick(area().ports).name) id.destination.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  double len = 0;
  if (shiptype >= 80 && shiptype <= 89) len = rng_.uniform(90, 230), id.draught_m = static_cast<float>(rng_.uniform(6, 12));
  else if (shiptype >= 70 && shiptype <= 79) len = rng_.uniform(80, 200), id.draught_m = static_cast<float>(rng_.uniform(5, 10));
  else if (shiptype == 30) len = rng_.uniform(20, 45), id.draught_m = static_cast<float>(rng_.uniform(2, 4));
  else len = rng_.uniform(12, 40), id.draught_m = static_cast<float>(rng_.uniform(1.5, 3.5));
  const double beam = len * rng_.uniform(0.14, 0.17);
  id.to_bow = static_cast<std::uint16_t>(len * 0.8);
  id.to_stern = static_cast<std::uint16_t>(len - id.to_bow);
  id.to_port = static_cast<std::uint8_t>(std::min(63.0, beam / 2));
  id.to_starboard = static_cast<std::uint8_t>(std::min(63.0, beam - beam / 2));
  id.draught_m = std::round(id.draught_m * 10) / 10;
  if (class_b) id.draught_m = 0;
  e.identity.push_back(id);
  sc_.emitters.push_back(std::move(e));
  return sc_.emitters.back();
}

unsigned Builder::flag_mid_for(const std::string& role) {
  if (role == "cn") return static_cast<unsigned>(rng_.integer(412, 414));
  if (role == "kr") return rng_.chance(0.8) ? 440 : 441;
  if (role == "kp") return 445;
  const double u = rng_.uniform();
  if (u < 0.30) return static_cast<unsigned>(rng_.integer(412, 414));
  if (u < 0.42) return 440;
  if (u < 0.47) return 431;
  return kFlagsOfConvenience[rng_.integer(0, std::size(kFlagsOfConvenience) - 1)];
}

int Builder::random_port(bool dprk, int not_this) {
  for (int attempt = 0; attempt < 20; ++attempt) {
    int p;
    if (dprk && !dprk_ports_.empty() && rng_.chance(0.5)) p = rng_.pick(dprk_ports_);
    else p = rng_.pick(other_ports_.empty() ? dprk_ports_ : other_ports_);
    if (p != not_this) return p;
  }
  return not_this == 0 && area().ports.size() > 1 ? 1 : 0;
}

void Builder::enter_port(PlanBuilder& b, const Port& p, double anchor_h, double moor_h, double kn) {
  b.sail_to(anchor_spot(p), std::min(kn, 9.0), 0);
  if (anchor_h > 0) b.hold(static_cast<std::int64_t>(anchor_h * kHour), 60, 1, rng_);
  b.sail_to(berth_spot(p), 5.5, 0);
  b.hold(static_cast<std::int64_t>(moor_h * kHour), 15, 5, rng_);
}

void Builder::sail_between(PlanBuilder& b, int from, int to, double kn, double right_km) {
  const Port& a = area().ports[from];
  const Port& z = area().ports[to];
  b.sail_to(near(a.anchorage, 1.0), 7, 0);
  b.sail_path(lane(a.approach, z.approach, right_km), kn, 0);
  enter_port(b, z, rng_.chance(0.45) ? rng_.uniform(1, 10) : 0, rng_.uniform(6, 20), kn);
}

void Builder::continue_voyages(PlanBuilder& b, int port, double kn, bool dprk) {
  while (b.now() < t1_ + kHour) {
    const int next = random_port(dprk, port);
    if (area().route(area().ports[port].approach, area().ports[next].approach).empty()) break;
    sail_between(b, port, next, kn, rng_.uniform(0.3, 1.6));
    port = next;
  }
}

void Builder::leave_to_port(PlanBuilder& b, int access, double kn, bool dprk) {
  const int q = random_port(dprk);
  const Port& p = area().ports[q];
  b.sail_to(area().nodes[access].pos, kn, 0);
  b.sail_path(lane(access, p.approach, rng_.uniform(0.3, 1.2)), kn, 0);
  enter_port(b, p, rng_.chance(0.4) ? rng_.uniform(1, 8) : 0, rng_.uniform(6, 20), kn);
  continue_voyages(b, q, kn, dprk);
}

int Builder::arrive_at(PlanBuilder*& out, Plan& plan, const LatLon& dst, int access, std::int64_t arrival,
                       double kn, bool dprk, std::unique_ptr<PlanBuilder>& holder) {
  const int from = random_port(dprk);
  const Port& p = area().ports[from];
  std::vector<LatLon> pts{p.berth};
  const LatLon start = berth_spot(p);
  pts[0] = start;
  pts.push_back(near(p.anchorage, 1.0));
  for (const auto& q : lane(p.approach, access, rng_.uniform(0.3, 1.2))) pts.push_back(q);
  pts.push_back(dst);
  double hours = 0;
  for (std::size_t i = 1; i < pts.size(); ++i) hours += distance_km(pts[i - 1], pts[i]) / (1.852 * (i == 1 ? 7 : kn));
  const std::int64_t depart = arrival - static_cast<std::int64_t>(hours * kHour);
  const std::int64_t moor_from = std::min(depart, t0_) - static_cast<std::int64_t>(rng_.uniform(2, 20) * kHour);
  holder = std::make_unique<PlanBuilder>(plan, moor_from, start, 5);
  out = holder.get();
  out->hold(depart - moor_from, 15, 5, rng_);
  out->sail_to(pts[1], 7, 0);
  for (std::size_t i = 2; i < pts.size(); ++i) out->sail_to(pts[i], kn, 0);
  return from;
}

bool Builder::at_sea_during(const Plan& plan, std::int64_t a, std::int64_t b, double min_zone_km, double min_kn) {
  std::size_t c = 0;
  for (std::int64_t t = a; t <= b; t += 5 * kMinute) {
    const State s = plan.at(t, c);
    if (s.sog_kn < min_kn) return false;
    if (min_zone_km > 0 && zone_distance_km(s.pos) < min_zone_km) return false;
  }
  return true;
}

std::int64_t Builder::find_window(const Plan& plan, std::int64_t duration, double lead_h, double min_zone_km,
                                  double min_kn) {
  const std::int64_t first = t0_ + static_cast<std::int64_t>(lead_h * kHour);
  const std::int64_t last = t1_ - static_cast<std::int64_t>(lead_h * kHour) - duration;
  if (last <= first) return -1;
  const std::int64_t span = last - first, step = 20 * kMinute;
  const std::int64_t offset = static_cast<std::int64_t>(rng_.uniform() * static_cast<double>(span));
  for (std::int64_t k = 0; k * step <= span; ++k) {
    const std::int64_t t = first + (offset + k * step) % (span + 1);
    if (at_sea_during(plan, t, t + duration, min_zone_km, min_kn)) return t;
  }
  return -1;
}

bool Builder::reserve(const LatLon& p, std::int64_t from, std::int64_t to, int disc, bool loiter) {
  for (const auto& r : reserved_) {
    if (!(r.from < to && from < r.to)) continue;
    if (distance_km(r.pos, p) < 8) return false;
    if (disc >= 0 && r.disc == disc && (loiter || r.loiter)) return false;
  }
  reserved_.push_back({p, from, to, disc, loiter});
  return true;
}

// Loitering needs a place no ship passes within 500 m of: keep 4 km from every lane and
// 3 km outside every fishing ground.
bool Builder::clear_of_traffic(const LatLon& p) const {
  for (std::size_t u = 0; u < area().nodes.size(); ++u)
    for (auto [v, km] : area().adjacency[u]) {
      const LatLon a = area().nodes[u].pos, b = area().nodes[static_cast<std::size_t>(v)].pos;
      if (geo::distance_to_arc_m(p.lat, p.lon, a.lat, a.lon, b.lat, b.lon) < 4000) return false;
    }
  for (const auto& g : area().fishing_grounds)
    if (distance_km(p, g.centre) < g.radius_km + 3) return false;
  return true;
}

bool Builder::pick_site(LatLon& site, int& access, std::int64_t from, std::int64_t to, bool beside_lanes) {
  int disc = -1;
  auto acceptable = [&](const LatLon& p) {
    if (!area().contains(p) || port_distance_km(p) < 20) return false;
    if (!beside_lanes && !clear_of_traffic(p)) return false;
    if (area().zone_set.distance_to_nearest_km(p.lat, p.lon, {"territorial_sea"}, 10) < 5) return false;
    if (reception_.coverage(p) < 0.3) return false;
    return reserve(p, from - 3 * kHour, to + 3 * kHour, disc, !beside_lanes);
  };
  // Meeting sites first (transfer areas and known open water)...
  const auto& sites = area().meeting_sites;
  for (int attempt = 0; attempt < (beside_lanes ? 40 : 200) && !sites.empty(); ++attempt) {
    disc = static_cast<int>(rng_.integer(0, static_cast<std::int64_t>(sites.size()) - 1));
    const SeaDisc& d = sites[static_cast<std::size_t>(disc)];
    const LatLon p = near(d.centre, d.radius_km * 0.6);
    if (!acceptable(p)) continue;
    site = p;
    access = d.access;
    return true;
  }
  // ...then, when those are busy, open water beside a lane (lanes lie at sea by construction).
  // Not for loitering: the detector wants a loiterer alone, and lane traffic passes close.
  disc = -1;
  for (int attempt = 0; beside_lanes && attempt < 200; ++attempt) {
    const int u = static_cast<int>(rng_.integer(0, area().nodes.size() - 1));
    if (area().adjacency[u].empty()) continue;
    const int v = rng_.pick(area().adjacency[u]).first;
    const LatLon a = area().nodes[u].pos, b = area().nodes[v].pos;
    const double f = rng_.uniform(0.2, 0.8);
    const LatLon on_lane{a.lat + (b.lat - a.lat) * f, a.lon + (b.lon - a.lon) * f};
    const LatLon p = near(on_lane, 2.0);
    if (!acceptable(p)) continue;
    site = p;
    access = u;
    return true;
  }
  return false;
}

// ---------------------------------------------------------------- normal traffic

void Builder::add_transit(const std::string& label, bool dprk) {
  const int plan = new_plan();
  const int port = random_port(dprk);
  const double kn = rng_.uniform(10, 15.5);
  PlanBuilder b(sc_.plans[plan], t0_ - static_cast<std::int64_t>(rng_.uniform(0, 36) * kHour),
                berth_spot(area().ports[port]), 5);
  b.hold(static_cast<std::int64_t>(rng_.uniform(1, 18) * kHour), 15, 5, rng_);
  continue_voyages(b, port, kn, dprk);
  const std::uint8_t type = rng_.chance(0.4) ? static_cast<std::uint8_t>(rng_.integer(80, 84))
                                             : static_cast<std::uint8_t>(rng_.integer(70, 79));
  const unsigned mid = dprk ? 445 : flag_mid_for("any");
  const NameStyle style = dprk ? NameStyle::Dprk
                          : (mid >= 412 && mid <= 414) ? NameStyle::Chinese
                          : (mid == 440 || mid == 441) ? NameStyle::Korean
                          : mid == 431 ? NameStyle::Japanese : NameStyle::English;
  new_emitter(plan, mid, false, type, style, true, label);
  if (!dprk && label == "transit") transit_emitters_.push_back(static_cast<int>(sc_.emitters.size()) - 1);
  ++physical_;
  ++sc_.composition[label];
}

void Builder::add_fishing(bool pair) {
  const auto& grounds = area().fishing_grounds;
  if (grounds.empty()) return add_transit("transit");
  const bool korean = !kr_ports_.empty() && rng_.chance(0.25);
  const int port = korean ? rng_.pick(kr_ports_) : rng_.pick(cn_ports_);
  const Port& home = area().ports[port];
  // One of the three grounds nearest home.
  std::vector<std::pair<double, int>> by_dist;
  for (std::size_t i = 0; i < grounds.size(); ++i)
    by_dist.push_back({distance_km(grounds[i].centre, home.berth), static_cast<int>(i)});
  std::sort(by_dist.begin(), by_dist.end());
  const SeaDisc& g = grounds[by_dist[rng_.integer(0, std::min<std::int64_t>(2, by_dist.size() - 1))].second];
  const int plan = new_plan();
  PlanBuilder b(sc_.plans[plan], t0_ - static_cast<std::int64_t>(rng_.uniform(0, 50) * kHour), berth_spot(home), 5);
  b.hold(static_cast<std::int64_t>(rng_.uniform(1, 10) * kHour), 15, 5, rng_);
  const double trawl_kn = pair ? rng_.uniform(3.0, 4.0) : rng_.uniform(2.8, 4.5);
  while (b.now() < t1_ + kHour) {
    b.sail_to(near(home.anchorage, 1.0), 7, 0);
    b.sail_path(lane(home.approach, g.access, 0.5), 9, 0);
    b.sail_to(near(g.centre, g.radius_km * 0.5), 9, 0);
    const std::int64_t fish_end = b.now() + static_cast<std::int64_t>(rng_.uniform(20, 50) * kHour);
    std::int64_t next_haul = b.now() + static_cast<std::int64_t>(rng_.uniform(2, 4) * kHour);
    while (b.now() < fish_end) {
      if (b.now() >= next_haul) {
        // Hauling: a short slow leg (well under the loitering and encounter durations).
        const double mins = rng_.uniform(20, 40), kn = rng_.uniform(0.6, 1.5);
        const double brg = rng_.uniform(0, 2 * geo::kPi), km = kn * 1.852 * mins / 60;
        b.sail_to(offset_km(b.here(), km * std::sin(brg), km * std::cos(brg)), kn, 7);
        next_haul = b.now() + static_cast<std::int64_t>(rng_.uniform(2, 4) * kHour);
        continue;
      }
      LatLon dst = near(g.centre, g.radius_km * 0.85);
      const double km = distance_km(b.here(), dst);
      if (km > 6) dst = {b.here().lat + (dst.lat - b.here().lat) * 6 / km, b.here().lon + (dst.lon - b.here().lon) * 6 / km};
      b.sail_to(dst, trawl_kn * rng_.uniform(0.95, 1.05), 7);
    }
    b.sail_to(area().nodes[g.access].pos, 9, 0);
    b.sail_path(lane(g.access, home.approach, 0.5), 9, 0);
    b.sail_to(near(home.anchorage, 1.0), 7, 0);
    b.sail_to(berth_spot(home), 5, 0);
    b.hold(static_cast<std::int64_t>(rng_.uniform(8, 16) * kHour), 15, 5, rng_);
  }
  const bool class_b = !pair && rng_.chance(0.5);
  const unsigned mid = korean ? 440 : static_cast<unsigned>(rng_.integer(412, 413));
  new_emitter(plan, mid, class_b, 30, korean ? NameStyle::KoreanFishing : NameStyle::ChineseFishing, false,
              pair ? "pair_trawler" : "fishing");
  ++physical_;
  if (!pair) {
    ++sc_.composition["fishing"];
    return;
  }
  // The partner follows the same track 300-450 m abeam.
  const int partner = new_plan();
  const double off = rng_.uniform(0.3, 0.45), brg = rng_.uniform(0, 2 * geo::kPi);
  for (const auto& w : sc_.plans[plan].points)
    sc_.plans[partner].points.push_back({w.t_ms, offset_km(w.pos, off * std::sin(brg), off * std::cos(brg)), w.status});
  new_emitter(partner, mid, false, 30, korean ? NameStyle::KoreanFishing : NameStyle::ChineseFishing, false, "pair_trawler");
  ++physical_;
  sc_.composition["pair_trawler"] += 2;
}

void Builder::add_anchored() {
  const int port = rng_.pick(other_ports_.empty() ? dprk_ports_ : other_ports_);
  const Port& p = area().ports[port];
  const int plan = new_plan();
  PlanBuilder b(sc_.plans[plan], t0_ - static_cast<std::int64_t>(rng_.uniform(0, 20) * kHour), anchor_spot(p), 1);
  b.hold(t0_ + static_cast<std::int64_t>(rng_.uniform(6, 60) * kHour) - b.now(), 60, 1, rng_);
  b.sail_to(berth_spot(p), 5, 0);
  b.hold(static_cast<std::int64_t>(rng_.uniform(8, 20) * kHour), 15, 5, rng_);
  continue_voyages(b, port, rng_.uniform(10, 14), false);
  const unsigned mid = flag_mid_for("any");
  new_emitter(plan, mid, false, static_cast<std::uint8_t>(rng_.integer(70, 84)),
              (mid >= 412 && mid <= 414) ? NameStyle::Chinese : NameStyle::English, true, "at_anchor");
  ++physical_;
  ++sc_.composition["at_anchor"];
}

void Builder::add_small_craft() {
  const int port = rng_.pick(other_ports_.empty() ? dprk_ports_ : other_ports_);
  const Port& p = area().ports[port];
  const int plan = new_plan();
  PlanBuilder b(sc_.plans[plan], t0_ - static_cast<std::int64_t>(rng_.uniform(0, 12) * kHour), berth_spot(p), 5);
  while (b.now() < t1_ + kHour) {
    b.hold(static_cast<std::int64_t>(rng_.uniform(3, 10) * kHour), 15, 15, rng_);
    const auto& adj = area().adjacency[p.approach];
    const LatLon ap = area().nodes[p.approach].pos;
    LatLon out = ap;
    if (!adj.empty()) {
      const LatLon nb = area().nodes[rng_.pick(adj).first].pos;
      const double f = rng_.uniform(0.1, 0.35);
      out = {ap.lat + (nb.lat - ap.lat) * f, ap.lon + (nb.lon - ap.lon) * f};
    }
    const double kn = rng_.uniform(6, 9);
    b.sail_to(near(p.anchorage, 1.0), kn, 15);
    b.sail_to(ap, kn, 15);
    b.sail_to(out, kn, 15);
    b.sail_to(ap, kn, 15);
    b.sail_to(near(p.anchorage, 1.0), kn, 15);
    b.sail_to(berth_spot(p), 5, 15);
  }
  const unsigned mid = p.country == "KR" ? 440 : p.country == "JP" ? 431 : 413;
  new_emitter(plan, mid, true, rng_.chance(0.5) ? 52 : 37,
              p.country == "KR" ? NameStyle::Korean : NameStyle::Chinese, false, "small_craft");
  ++physical_;
  ++sc_.composition["small_craft"];
}

void Builder::add_close_passing() {
  const int x = rng_.pick(other_ports_);
  const int y = random_port(false, x);
  if (x == y || area().route(area().ports[x].approach, area().ports[y].approach).size() < 2)
    return add_transit("transit");
  const double kn = rng_.uniform(11, 14);
  const std::int64_t depart = t0_ + static_cast<std::int64_t>(rng_.uniform(0, std::max(1.0, o_.hours - 24)) * kHour);
  for (int k = 0; k < 2; ++k) {
    const int from = k == 0 ? x : y, to = k == 0 ? y : x;
    const int plan = new_plan();
    const std::int64_t moor_from = std::min(depart, t0_) - static_cast<std::int64_t>(rng_.uniform(1, 10) * kHour);
    PlanBuilder b(sc_.plans[plan], moor_from, anchor_spot(area().ports[from]), 1);
    b.hold(depart - moor_from, 60, 1, rng_);
    b.sail_to(area().ports[from].anchorage, 7, 0);
    // Both keep 150 m to starboard of the lane: they pass about 300 m apart at speed.
    b.sail_path(lane(area().ports[from].approach, area().ports[to].approach, 0.15), kn, 0);
    enter_port(b, area().ports[to], 0, rng_.uniform(6, 20), kn);
    continue_voyages(b, to, kn, false);
    const unsigned mid = flag_mid_for("any");
    new_emitter(plan, mid, false, static_cast<std::uint8_t>(rng_.integer(70, 84)), NameStyle::English, true,
                "close_passing");
    ++physical_;
  }
  sc_.composition["close_passing"] += 2;
}

}  // namespace detail
}  // namespace seawarden::sim
