// Deterministic random numbers for the simulator. The engine is std::mt19937_64 (its
// output sequence is fixed by the standard); every distribution is implemented here, so
// a seed yields the same scenario with any standard library.
#pragma once

#include <cmath>
#include <cstdint>
#include <random>

namespace seawarden::sim {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : engine_(seed) {}
  // A child generator for an independent stream (e.g. one vessel), stable under
  // changes elsewhere in the scenario.
  Rng fork(std::uint64_t salt) { return Rng(engine_() ^ (salt * 0x9E3779B97F4A7C15ull)); }

  std::uint64_t next() { return engine_(); }
  // Uniform in [0, 1) with 53 bits.
  double uniform() { return static_cast<double>(engine_() >> 11) * (1.0 / 9007199254740992.0); }
  double uniform(double a, double b) { return a + (b - a) * uniform(); }
  // Uniform integer in [a, b] (inclusive); tiny modulo bias is irrelevant here.
  std::int64_t integer(std::int64_t a, std::int64_t b) {
    return a + static_cast<std::int64_t>(engine_() % static_cast<std::uint64_t>(b - a + 1));
  }
  bool chance(double p) { return uniform() < p; }
  // Standard normal by Box-Muller (one value per call; simple beats fast here).
  double normal() {
    double u1 = uniform();
    if (u1 < 1e-300) u1 = 1e-300;
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }
  double normal(double mean, double sd) { return mean + sd * normal(); }
  double exponential(double mean) { return -mean * std::log(1.0 - uniform()); }
  template <class Vec>
  auto& pick(Vec& v) { return v[static_cast<std::size_t>(integer(0, static_cast<std::int64_t>(v.size()) - 1))]; }

 private:
  std::mt19937_64 engine_;
};

}  // namespace seawarden::sim
