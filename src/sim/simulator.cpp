#include "sim/simulator.h"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <stdexcept>

#include "detect/event_json.h"
#include "sim/emit.h"
#include "sim/sanctions.h"
#include "sim/scenario.h"
#include "sim/truth.h"

namespace seawarden::sim {

ScenarioResult simulate(const ScenarioOptions& options, const std::filesystem::path& out_dir) {
  const auto t_begin = std::chrono::steady_clock::now();
  Scenario sc = build_scenario(options);
  std::filesystem::create_directories(out_dir);
  ScenarioResult res;
  res.composition = sc.composition;
  res.injected = sc.injected;
  res.vessels = static_cast<std::uint64_t>(sc.composition["total"]);
  res.emitters = sc.emitters.size();

  const auto nmea_path = out_dir / "ais.nmea";
  {
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(nmea_path.c_str(), "wb"), &std::fclose);
    if (!f) throw std::runtime_error("cannot write " + nmea_path.string());
    std::setvbuf(f.get(), nullptr, _IOFBF, 8 << 20);
    TruthRecorder truth(sc);
    emit_feed(sc, f.get(), truth, res);
    res.truth = truth.finish();
    if (std::fflush(f.get()) != 0) throw std::runtime_error("cannot write " + nmea_path.string());
  }
  for (auto& e : sc.designed) res.truth.push_back(e);
  std::stable_sort(res.truth.begin(), res.truth.end(), detect::event_before);
  for (const auto& e : res.truth) ++res.truth_by_kind[e.kind];
  res.files.push_back(nmea_path);

  const auto truth_path = out_dir / "truth.jsonl";
  {
    std::ofstream t(truth_path, std::ios::binary);
    for (const auto& e : res.truth) t << detect::to_json_line(e) << '\n';
    if (!t) throw std::runtime_error("cannot write " + truth_path.string());
  }
  res.files.push_back(truth_path);
  const auto zones_path = out_dir / "zones.geojson";
  {
    std::ofstream z(zones_path, std::ios::binary);
    z << zones_geojson(sc.area);
    if (!z) throw std::runtime_error("cannot write " + zones_path.string());
  }
  res.files.push_back(zones_path);
  for (auto& p : write_sanctions(sc.sanctions, out_dir / "sanctions")) res.files.push_back(p);
  res.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t_begin).count();
  return res;
}

}  // namespace seawarden::sim
