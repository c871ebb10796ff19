// Reception model: which transmissions reach the feed, through which station, and when.
//
// Terrestrial: each shore station hears a class A transmitter with probability 0.9 up to
// 20 km falling linearly to 0.1 at 90 km (class B: 0.8 -> 0.1 over 10-55 km); stations have
// random outages (5-40 min, every ~8 h on average). Satellite: passes every 30-90 min
// lasting 8-14 min, during which each transmission is heard with probability 0.3 (class A)
// or 0.12 (class B). A feed forwards at most one position report per vessel per station per
// `feed_interval_s` (options), the first heard.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/area.h"
#include "sim/rng.h"

namespace seawarden::sim {

class ReceptionModel {
 public:
  ReceptionModel(const Area& area, std::int64_t t0_ms, std::int64_t t1_ms, Rng& rng);

  struct Heard {
    int station = -1;   // index into area.stations; -1 none
    double p = 0;       // per-transmission reception probability
  };
  // The two best terrestrial stations for a position at time t (outages applied).
  void terrestrial(const LatLon& pos, bool class_b, std::int64_t t_ms, Heard& best, Heard& second) const;
  // Station-independent quality used to choose places for injected behaviours.
  double coverage(const LatLon& pos) const;
  // Satellite reception probability at t (0 outside passes).
  double satellite(std::int64_t t_ms, bool class_b) const;
  // End of the current pass containing t (t itself when none).
  std::int64_t pass_end(std::int64_t t_ms) const;

 private:
  struct Cell { std::int16_t s1 = -1, s2 = -1; float d1 = 1e9f, d2 = 1e9f; };
  const Cell& cell(const LatLon& p) const;
  bool station_up(int s, std::int64_t t) const;

  double lat0_, lon0_, step_ = 0.05;
  int nx_ = 0, ny_ = 0;
  std::vector<Cell> grid_;
  std::vector<std::vector<std::pair<std::int64_t, std::int64_t>>> outages_;
  std::vector<std::pair<std::int64_t, std::int64_t>> passes_;
};

}  // namespace seawarden::sim
