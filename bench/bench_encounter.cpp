// Encounter detection cost vs number of vessels (1k..16k) at constant traffic density: the area
// grows with the fleet, as when a bigger region is monitored. Each vessel reports every ~3 min
// (class A at anchor / satellite-like), 10% of vessels are slow pairs 200 m apart (encounters),
// the rest sail at 3-14 kn. Reported: fixes/s and ns per vessel-step; linear growth means the
// per-vessel-step cost stays flat as vessels grow 16x.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "detect/encounter.h"

namespace {

using seawarden::track::Fix;
namespace geo = seawarden::detect::geo;

constexpr std::int64_t kMin = 60'000, kHour = 60 * kMin;
constexpr std::int64_t kT0 = 1715212800000;
constexpr double kVesselsPerSqDeg = 400;  // dense shipping lane
constexpr std::int64_t kSpan = 6 * kHour;

std::vector<Fix> scenario(int vessels, std::int64_t every = 3 * kMin, std::int64_t span = kSpan) {
  std::mt19937 rng(42);
  const double side = std::sqrt(vessels / kVesselsPerSqDeg);
  std::uniform_real_distribution<double> pos(0, side), speed(3, 14), heading(0, 2 * geo::kPi),
      phase(0, static_cast<double>(every));
  std::vector<Fix> fixes;
  fixes.reserve(static_cast<std::size_t>(vessels) * static_cast<std::size_t>(span / every + 1));
  auto sail = [&](std::uint32_t mmsi, double lat, double lon, double kn, double h, std::int64_t start) {
    for (std::int64_t t = start; t < kT0 + span; t += every) {
      const double km = kn * 1.852 * static_cast<double>(t - kT0) / kHour;
      Fix f;
      f.mmsi = mmsi;
      f.t_ms = t;
      f.lat = lat + km * std::cos(h) / 111.195;
      f.lon = lon + km * std::sin(h) / (111.195 * std::cos(f.lat * geo::kDegToRad));
      f.sog = static_cast<float>(kn);
      fixes.push_back(f);
    }
  };
  for (int v = 0; v < vessels; ++v) {
    const double lat = 20 + pos(rng), lon = 120 + pos(rng), h = heading(rng);
    const auto start = kT0 + static_cast<std::int64_t>(phase(rng));
    const auto mmsi = 200000000u + static_cast<std::uint32_t>(v);
    if (v % 10 == 0 && v + 1 < vessels) {  // a slow pair 200 m apart: an encounter
      sail(mmsi, lat, lon, 0.5, h, start);
      sail(mmsi + 1, lat + 200 / geo::kMetersPerDegLat, lon, 0.5, h, kT0 + static_cast<std::int64_t>(phase(rng)));
      ++v;
    } else {
      sail(mmsi, lat, lon, speed(rng), h, start);
    }
  }
  std::stable_sort(fixes.begin(), fixes.end(), [](const Fix& a, const Fix& b) { return a.t_ms < b.t_ms; });
  return fixes;
}

void run(benchmark::State& state, const std::vector<Fix>& fixes, int vessels, std::int64_t span) {
  std::size_t events = 0;
  seawarden::detect::EncounterStats stats;
  seawarden::detect::EventSink sink = [&](seawarden::detect::Event&&) { ++events; };
  for (auto _ : state) {
    seawarden::detect::EncounterConfig cfg;
    seawarden::detect::EncounterDetector det(cfg, nullptr);
    seawarden::detect::VesselInfo info;
    for (const Fix& f : fixes) {
      info.mmsi = f.mmsi;
      det.on_fix(f, nullptr, info, sink);
      det.on_watermark(f.t_ms, sink);
    }
    det.finish(sink);
    stats = det.stats();
  }
  const double vessel_steps = static_cast<double>(vessels) * static_cast<double>(span / (10 * kMin));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * fixes.size()));
  state.counters["fixes"] = static_cast<double>(fixes.size());
  state.counters["encounters"] = static_cast<double>(stats.events);
  state.counters["ns_per_vessel_step"] =
      benchmark::Counter(vessel_steps * 1e-9, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

// Vessel count sweep: a fix every 3 min per vessel for 6 h.
void BM_Encounter(benchmark::State& state) {
  const int vessels = static_cast<int>(state.range(0));
  run(state, scenario(vessels), vessels, kSpan);
}

// Per-fix cost at terrestrial AIS rates: 2000 vessels reporting every 10 s for 2 h (1.4M fixes).
void BM_EncounterDenseReports(benchmark::State& state) {
  run(state, scenario(2000, 10'000, 2 * kHour), 2000, 2 * kHour);
}

BENCHMARK(BM_EncounterDenseReports)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Encounter)->Arg(1000)->Arg(2000)->Arg(4000)->Arg(8000)->Arg(16000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
