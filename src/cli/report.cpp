// `seawarden report`: self-contained HTML evidence reports from a store.
#include <cstdio>
#include <map>
#include <memory>
#include <string>

#include "cli/command.h"
#include "report/report.h"
#include "store/export.h"
#include "store/open.h"
#include "store/queries.h"

namespace {

struct Opts {
  std::string db, out, vessel;
  std::int64_t event_id = 0;
  bool all = false;
  double context_h = 2;
};

int run(const Opts& o) {
  using namespace seawarden;
  int modes = (o.event_id != 0) + !o.vessel.empty() + o.all;
  if (modes != 1) {
    std::fprintf(stderr, "seawarden report: give exactly one of --event ID, --vessel X, --all\n");
    return cli::kExitUsage;
  }
  auto db = store::open_store_for_reading(o.db);
  report::ReportOptions ro;
  ro.out_dir = o.out;
  ro.event_id = o.event_id;
  ro.vessel = o.vessel;
  ro.all = o.all;
  ro.context_ms = static_cast<std::int64_t>(o.context_h * 3600'000);
  auto r = report::write_reports(*db, ro);
  std::printf("report: %zu case page(s), %zu vessel page(s) in %s\n", r.cases, r.vessels, o.out.c_str());
  std::printf("index: %s\n", r.index_path.c_str());
  return cli::kExitOk;
}

seawarden::cli::Registrar reg(65, [](CLI::App& app) {
  auto* sub = app.add_subcommand("report", "Write self-contained HTML evidence reports (maps, timelines, identities, "
                                           "sanctions hits, thresholds) from a store");
  auto o = std::make_shared<Opts>();
  sub->add_option("--db", o->db, "Store (SQLite file)")->required();
  sub->add_option("--out", o->out, "Output directory")->required();
  sub->add_option("--event", o->event_id, "One case: the event id (see `seawarden events`)");
  sub->add_option("--vessel", o->vessel, "Every case of a vessel: MMSI, IMO or name");
  sub->add_flag("--all", o->all, "Every case, every vessel with a finding, and the index");
  sub->add_option("--context-hours", o->context_h, "Track shown before and after an event (default 2)");
  sub->callback([o] { seawarden::cli::set_exit_code(run(*o)); });
});

}  // namespace
