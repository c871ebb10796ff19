// Internal: the scenario builder shared by scenario.cpp (normal traffic) and
// scenario_inject.cpp (injected behaviours).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sim/identity.h"
#include "sim/reception.h"
#include "sim/scenario.h"

namespace seawarden::sim::detail {
namespace geo = detect::geo;

inline constexpr unsigned kFlagsOfConvenience[] = {351, 352, 353, 354, 355, 356, 357, 370, 371, 372, 373,
                                            636, 538, 511, 667, 572, 457, 341, 477};

// A place and time taken by a slow behaviour. `disc` is the meeting site (-1 beside a lane):
// a loiterer never shares a site and time with anything, since ships crossing the disc to
// their own rendezvous would pass within 500 m.
struct Reservation { LatLon pos; std::int64_t from, to; int disc; bool loiter; };

class Builder {
 public:
 public:
  Builder(const ScenarioOptions& o, Scenario& sc)
      : o_(o), sc_(sc), rng_(o.seed), ids_(rng_), recv_rng_(o.seed ^ 0x5EA5EA5Eu),
        reception_(sc.area, sc.start_ms, sc.end_ms, recv_rng_) {
    t0_ = sc.start_ms;
    t1_ = sc.end_ms;
    for (std::size_t i = 0; i < sc.area.ports.size(); ++i) {
      const auto& p = sc.area.ports[i];
      (p.country == "KP" ? dprk_ports_ : other_ports_).push_back(static_cast<int>(i));
      if (p.country == "CN") cn_ports_.push_back(static_cast<int>(i));
      if (p.country == "KR") kr_ports_.push_back(static_cast<int>(i));
    }
    if (cn_ports_.empty()) cn_ports_ = other_ports_;
    if (kr_ports_.empty()) kr_ports_ = other_ports_;
  }

  void run();

 public:  // internal class: everything open to the two builder files
  // ---- geometry helpers
  const Area& area() const { return sc_.area; }
  double port_distance_km(const LatLon& p) const {
    return area().zone_set.distance_to_nearest_km(p.lat, p.lon, {"port", "anchorage"}, 200);
  }
  double zone_distance_km(const LatLon& p) const {
    return area().zone_set.distance_to_nearest_km(p.lat, p.lon, {}, 50);
  }
  std::vector<LatLon> lane(int from_node, int to_node, double right_km) {
    std::vector<LatLon> pts;
    for (int n : area().route(from_node, to_node)) pts.push_back(area().nodes[n].pos);
    return offset_path(pts, right_km);
  }
  LatLon near(const LatLon& c, double radius_km) {
    const double a = rng_.uniform(0, 2 * geo::kPi), r = radius_km * std::sqrt(rng_.uniform());
    return offset_km(c, r * std::sin(a), r * std::cos(a));
  }
  // Where a ship anchors: uniform over the anchorage rectangle less a 700 m margin, so a
  // crowd of thousands spreads out as at a real anchorage (about 0.3-0.5 km apart for a
  // hundred ships) instead of piling onto the centre, and the anchor swing stays inside.
  LatLon anchor_spot(const Port& p) {
    const double along = rng_.uniform(-0.5, 0.5) * (kAnchorageLengthKm - 1.4);
    const double across = rng_.uniform(-0.5, 0.5) * (kAnchorageWidthKm - 1.4);
    const double b = p.anchorage_bearing_deg * geo::kDegToRad;
    return offset_km(p.anchorage, along * std::sin(b) + across * std::cos(b), along * std::cos(b) - across * std::sin(b));
  }
  // Where a ship moors: within 1.2 km of the port's berth point (inside the port polygon).
  LatLon berth_spot(const Port& p) { return near(p.berth, 1.2); }
  static double path_km(const std::vector<LatLon>& pts) {
    double km = 0;
    for (std::size_t i = 1; i < pts.size(); ++i) km += distance_km(pts[i - 1], pts[i]);
    return km;
  }

  // ---- vessels
  int new_plan() {
    sc_.plans.emplace_back();
    return static_cast<int>(sc_.plans.size()) - 1;
  }
  Emitter& new_emitter(int plan, unsigned mid, bool class_b, std::uint8_t shiptype, NameStyle style,
                       bool with_imo, const std::string& label);
  unsigned flag_mid_for(const std::string& role);
  void enter_port(PlanBuilder& b, const Port& p, double anchor_h, double moor_h, double kn);
  void sail_between(PlanBuilder& b, int from_port, int to_port, double kn, double right_km);
  void continue_voyages(PlanBuilder& b, int port, double kn, bool dprk);
  int random_port(bool dprk, int not_this = -1);
  // Sails from a port so as to arrive at `dst` (reached from node `access`) at `arrival`.
  int arrive_at(PlanBuilder*& out, Plan& plan, const LatLon& dst, int access, std::int64_t arrival, double kn,
                bool dprk, std::unique_ptr<PlanBuilder>& holder);
  void leave_to_port(PlanBuilder& b, int access, double kn, bool dprk);
  // A start time in [t0 + lead, t1 - lead - duration] when the plan is at sea as at_sea_during
  // requires, scanning from a random offset; -1 when there is none.
  std::int64_t find_window(const Plan& plan, std::int64_t duration, double lead_h, double min_zone_km, double min_kn);
  bool at_sea_during(const Plan& plan, std::int64_t a, std::int64_t b, double min_zone_km, double min_kn);

  void add_transit(const std::string& label, bool dprk = false);
  void add_fishing(bool pair);
  void add_anchored();
  void add_small_craft();
  void add_close_passing();
  void add_encounter();
  void add_loitering();
  void add_gap();
  void add_conflict();
  void add_identity_change();
  void add_flag_hop();
  void add_jump();
  void add_listed_entries();
  bool reserve(const LatLon& p, std::int64_t from, std::int64_t to, int disc, bool loiter);
  bool clear_of_traffic(const LatLon& p) const;
  bool pick_site(LatLon& site, int& access, std::int64_t from, std::int64_t to, bool beside_lanes);

  const ScenarioOptions& o_;
  Scenario& sc_;
  Rng rng_;
  IdentityFactory ids_;
  Rng recv_rng_;
  ReceptionModel reception_;
  std::int64_t t0_ = 0, t1_ = 0;
  std::vector<int> dprk_ports_, other_ports_, cn_ports_, kr_ports_;
  std::vector<Reservation> reserved_;
  std::vector<int> transit_emitters_;  // normal class A transits, candidates for injections
  std::vector<int> listed_pending_;    // emitters to put on the sanctions list
  int physical_ = 0;
};


}  // namespace seawarden::sim::detail
