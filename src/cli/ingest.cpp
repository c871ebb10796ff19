// `seawarden ingest`: decode, track, detect and screen AIS files into a store.
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "cli/command.h"
#include "store/ingest.h"
#include "store/open.h"
#include "store/queries.h"

namespace {

struct Opts {
  seawarden::store::IngestOptions ingest;
  bool no_progress = false;
};

int run(Opts& o) {
  using namespace seawarden::store;
  for (const auto& in : o.ingest.inputs) {
    if (in == "-") {
      std::fprintf(stderr, "seawarden ingest: reading standard input is not supported: a file is recorded by its "
                           "content so it is never ingested twice; save the stream to a file first\n");
      return seawarden::cli::kExitUsage;
    }
  }
  o.ingest.progress = !o.no_progress && ::isatty(2);
  auto r = run_ingest(o.ingest);
  auto db = open_store_for_reading(o.ingest.db_path);
  auto s = store_summary(*db);
  std::fprintf(stderr,
               "ingest: %zu file(s) ingested, %zu skipped (already in the store), %zu failed; %llu messages in %.2f s "
               "(%.2fM msg/s)\n",
               r.files_ingested, r.files_skipped, r.files_failed, static_cast<unsigned long long>(r.messages),
               r.seconds, r.seconds > 0 ? static_cast<double>(r.messages) / r.seconds / 1e6 : 0.0);
  std::fprintf(stderr, "store %s: %llu vessels, %llu positions, %llu events, %llu sanctions hits\n",
               o.ingest.db_path.c_str(), static_cast<unsigned long long>(s.vessels),
               static_cast<unsigned long long>(s.positions), static_cast<unsigned long long>(s.events),
               static_cast<unsigned long long>(s.hits));
  return r.files_failed ? seawarden::cli::kExitFailure : seawarden::cli::kExitOk;
}

seawarden::cli::Registrar reg(50, [](CLI::App& app) {
  auto* sub = app.add_subcommand(
      "ingest", "Decode, track, detect and screen AIS files into a store (SQLite); files already ingested are skipped");
  auto o = std::make_shared<Opts>();
  sub->add_option("inputs", o->ingest.inputs, "AIS files (NMEA or CSV export, plain or .gz), in time order")
      ->required()
      ->check(CLI::ExistingFile);
  sub->add_option("--db", o->ingest.db_path, "Store (SQLite file, created when missing)")->required();
  sub->add_option("--zones", o->ingest.zones_path, "Zones (GeoJSON FeatureCollection with id, name, kind)")
      ->check(CLI::ExistingFile);
  sub->add_option("--lists", o->ingest.list_paths, "Sanctions list files or directories")->check(CLI::ExistingPath);
  sub->add_option("--config", o->ingest.config_path, "Detection thresholds (TOML, see config/detect.toml)")
      ->check(CLI::ExistingFile);
  auto* sort = sub->add_flag("--sort", o->ingest.sort,
                              "Sort each file by receive time before tracking (a file not in time order: a CSV "
                              "sorted by vessel, several receivers concatenated); uses temporary disk space. "
                              "Without it, a file found out of order (1% of messages late) is read again sorted");
  sub->add_flag("--no-sort", o->ingest.no_sort,
                "Never sort: stream each file, leaving out messages older than the reorder window allows")
      ->excludes(sort);
  sub->add_flag("--close-run", o->ingest.close_run,
                "The last input ends the run: store its last minutes (held in the reorder window otherwise) "
                "and close every open event, as detect does at the end of its input; a later file then starts "
                "afresh (an encounter across the cut is cut)");
  sub->add_flag("--no-progress", o->no_progress, "No progress bar (it is shown only when stderr is a terminal)");
  sub->add_option("--thin-interval", o->ingest.thinning.interval_ms,
                  "Milliseconds between kept positions of a vessel away from events (default 60000)")
      ->check(CLI::Range(std::int64_t{0}, std::int64_t{366} * 24 * 3600 * 1000));
  sub->callback([o] {
    std::string argv = "seawarden ingest";
    for (const auto& in : o->ingest.inputs) argv += " " + in;
    argv += " --db " + o->ingest.db_path;
    if (!o->ingest.zones_path.empty()) argv += " --zones " + o->ingest.zones_path;
    for (const auto& l : o->ingest.list_paths) argv += " --lists " + l;
    if (!o->ingest.config_path.empty()) argv += " --config " + o->ingest.config_path;
    if (o->ingest.sort) argv += " --sort";
    if (o->ingest.no_sort) argv += " --no-sort";
    if (o->ingest.close_run) argv += " --close-run";
    o->ingest.argv = argv;
    seawarden::cli::set_exit_code(run(*o));
  });
});

}  // namespace
