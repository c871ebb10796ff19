// `seawarden simulate`: writes a simulated scenario (AIS feed, ground truth, zones, list).
#include <cstdio>
#include <exception>
#include <memory>
#include <string>

#include "cli/command.h"
#include "detect/event_json.h"
#include "sim/simulator.h"

namespace {

struct Opts {
  seawarden::sim::ScenarioOptions scenario;
  std::string out;
  std::string start;
  bool quiet = false;
};

int run(Opts& o) {
  using namespace seawarden;
  try {
    if (!o.start.empty()) o.scenario.start_ms = detect::parse_time_utc(o.start);
    const auto r = sim::simulate(o.scenario, o.out);
    if (o.quiet) return cli::kExitOk;
    std::fprintf(stderr, "simulate: seed %llu, area %s, %.1f h from %s\n",
                 static_cast<unsigned long long>(o.scenario.seed), o.scenario.area.c_str(), o.scenario.hours,
                 detect::format_time_utc(o.scenario.start_ms).c_str());
    std::fprintf(stderr, "  vessels %llu (%llu transmitters):", static_cast<unsigned long long>(r.vessels),
                 static_cast<unsigned long long>(r.emitters));
    for (const auto& [k, v] : r.composition)
      if (k != "total") std::fprintf(stderr, " %s %d", k.c_str(), v);
    std::fprintf(stderr, "\n  messages %llu, sentences %llu (duplicates %llu, out of order %llu, bad checksums %llu), "
                 "junk lines %llu, %.1f MB\n",
                 static_cast<unsigned long long>(r.messages), static_cast<unsigned long long>(r.sentences),
                 static_cast<unsigned long long>(r.duplicates), static_cast<unsigned long long>(r.out_of_order),
                 static_cast<unsigned long long>(r.bad_checksums), static_cast<unsigned long long>(r.junk_lines),
                 static_cast<double>(r.bytes) / 1e6);
    std::fprintf(stderr, "  injected:");
    for (const auto& [k, v] : r.injected) std::fprintf(stderr, " %s %d", k.c_str(), v);
    std::fprintf(stderr, "\n  truth events %zu:", r.truth.size());
    for (const auto& [k, v] : r.truth_by_kind) std::fprintf(stderr, " %s %d", k.c_str(), v);
    std::fprintf(stderr, "\n  files:");
    for (const auto& f : r.files) std::fprintf(stderr, " %s", f.string().c_str());
    std::fprintf(stderr, "\n  %.2f s (%.0f messages/s)\n", r.seconds,
                 r.seconds > 0 ? static_cast<double>(r.messages) / r.seconds : 0.0);
    return cli::kExitOk;
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "seawarden simulate: %s\n", e.what());
    return cli::kExitUsage;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "seawarden simulate: %s\n", e.what());
    return cli::kExitFailure;
  }
}

seawarden::cli::Registrar reg(20, [](CLI::App& app) {
  auto opts = std::make_shared<Opts>();
  auto* sub = app.add_subcommand(
      "simulate",
      "Write a simulated AIS scenario with its ground truth: DIR/ais.nmea, DIR/truth.jsonl,\n"
      "DIR/zones.geojson and a fictional sanctions list DIR/sanctions/{sdn,alt,add}.csv.\n"
      "Deterministic for a seed. Vessels and names are fictional.");
  sub->add_option("--seed", opts->scenario.seed, "Random seed (default 1)");
  sub->add_option("--hours", opts->scenario.hours, "Duration in hours (default 48)");
  sub->add_option("--vessels", opts->scenario.vessels, "Number of vessels (default 300)");
  sub->add_option("--area", opts->scenario.area,
                  "korea-bay (default), yellow-sea, east-china-sea, yellow-east-china-sea (all three),\n"
                  "or a box W,S,E,N in degrees");
  sub->add_option("--start", opts->start, "Start time, ISO-8601 UTC (default 2024-05-09T00:00:00Z)");
  sub->add_option("--feed-interval", opts->scenario.feed_interval_s,
                  "Seconds between forwarded position reports per vessel and station (default 60; 0 = every report)");
  sub->add_flag("--no-inject", [opts](std::int64_t) { opts->scenario.inject = false; },
                "Normal traffic only (no injected behaviours, no listed vessels)");
  sub->add_flag("--clean", [opts](std::int64_t) { opts->scenario.noise = false; },
                "No junk lines, bad checksums, duplicates, GNSS noise or delayed lines");
  sub->add_flag("--quiet,-q", opts->quiet, "No summary on stderr");
  sub->add_option("--out,-o", opts->out, "Output directory")->required();
  sub->callback([opts] { seawarden::cli::set_exit_code(run(*opts)); });
});

}  // namespace
