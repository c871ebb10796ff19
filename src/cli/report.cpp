// `seawarden report`: self-contained HTML evidence reports from a store.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "cli/command.h"
#include "report/report.h"
#include "store/export.h"
#include "store/open.h"
#include "store/queries.h"
#include "store/terminal_text.h"
#include "store/timefmt.h"

namespace {

struct Opts {
  std::string db, out, vessel;
  std::int64_t event_id = 0;
  bool all = false;
  double context_h = 2;
};

// Findings by kind and the most significant cases, for the terminal (the store's text, vessel
// names among it, shown with its control characters escaped).
void print_summary(seawarden::store::Database& db) {
  using namespace seawarden;
  using store::terminal_safe;
  auto s = store::store_summary(db);
  std::printf("findings by kind:");
  for (const auto& [kind, n] : s.by_kind)
    std::printf(" %s %llu", terminal_safe(kind).c_str(), static_cast<unsigned long long>(n));
  std::printf("\n");
  store::EventFilter f;
  auto events = store::query_events(db, f);
  std::stable_sort(events.begin(), events.end(), [](const auto& a, const auto& b) {
    int pa = report::kind_priority(a.event.kind), pb = report::kind_priority(b.event.kind);
    if (pa != pb) return pa < pb;
    return (a.event.end_ms - a.event.start_ms) > (b.event.end_ms - b.event.start_ms);
  });
  std::printf("top cases:\n");
  // Up to three of each kind, most significant kinds first (zone visits left out).
  int shown = 0;
  std::map<std::string, int> per_kind;
  for (const auto& e : events) {
    if (shown == 15 || e.event.kind == "zone_visit") break;
    if (++per_kind[e.event.kind] > 3) continue;
    ++shown;
    std::string who;
    for (auto m : e.event.vessels) {
      auto v = store::get_vessel(db, m);
      who += (who.empty() ? "" : " + ") + (v && !v->current.name.empty() ? v->current.name : std::string("?")) + " (" +
             std::to_string(m) + ")";
    }
    std::printf("  #%-5lld %-16s %s  %5.1f h  %s  %s\n", static_cast<long long>(e.id), terminal_safe(e.event.kind).c_str(),
                store::iso_utc(e.event.start_ms).substr(0, 16).c_str(),
                static_cast<double>(e.event.end_ms - e.event.start_ms) / 3600'000.0, terminal_safe(who).c_str(),
                terminal_safe(store::event_detail(e)).c_str());
  }
}

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
  if (o.all) print_summary(*db);
  std::printf("report: %zu case page(s), %zu vessel page(s) in %s", r.cases, r.vessels, o.out.c_str());
  if (r.routine_visits)
    std::printf(" (%zu routine port/anchorage visits: on the vessel pages and the index, no page each)", r.routine_visits);
  std::printf("\n");
  std::printf("index: %s\n", std::filesystem::absolute(r.index_path).lexically_normal().c_str());
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
  sub->add_flag("--all", o->all, "Every case (routine port/anchorage visits only in the index and on vessel pages), "
                                 "every vessel with a case, and the index");
  sub->add_option("--context-hours", o->context_h, "Track shown before and after an event (default 2)");
  sub->callback([o] { seawarden::cli::set_exit_code(run(*o)); });
});

}  // namespace
