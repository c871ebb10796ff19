// `seawarden events`: findings from the store, filtered, as JSON lines, CSV, GeoJSON or a table.
#include <cstdio>
#include <memory>
#include <string>

#include "cli/command.h"
#include "store/export.h"
#include "store/open.h"
#include "store/queries.h"
#include "store/timefmt.h"

namespace {

struct Opts {
  std::string db, kind, vessel, since, until, bbox, format = "jsonl", out;
  std::size_t limit = 0;
};

int run(const Opts& o) {
  using namespace seawarden::store;
  auto format = parse_event_format(o.format);
  if (!format) {
    std::fprintf(stderr, "seawarden events: unknown format '%s' (jsonl, csv, geojson, table)\n", o.format.c_str());
    return seawarden::cli::kExitUsage;
  }
  EventFilter f;
  f.limit = o.limit;
  f.parse_fields = false;  // every format copies the stored fields text (once it is checked)
  if (!o.kind.empty()) f.kind = o.kind;
  auto parse = [](const std::string& text, const char* what, std::optional<std::int64_t>& into) {
    if (text.empty()) return true;
    into = parse_time(text);
    if (!into) std::fprintf(stderr, "seawarden events: cannot read %s time '%s' (e.g. 2024-05-09T03:10:00Z)\n", what, text.c_str());
    return into.has_value();
  };
  if (!parse(o.since, "--since", f.since_ms) || !parse(o.until, "--until", f.until_ms)) return seawarden::cli::kExitUsage;
  if (!o.bbox.empty()) {
    f.bbox = parse_bbox(o.bbox);
    if (!f.bbox) {
      std::fprintf(stderr, "seawarden events: --bbox wants W,S,E,N in degrees, got '%s'\n", o.bbox.c_str());
      return seawarden::cli::kExitUsage;
    }
  }
  auto db = open_store_for_reading(o.db);
  if (!o.vessel.empty()) {
    f.vessels = resolve_vessel(*db, o.vessel);
    if (f.vessels->empty()) {
      std::fprintf(stderr, "seawarden events: no vessel '%s' in %s\n", o.vessel.c_str(), o.db.c_str());
      return seawarden::cli::kExitFailure;
    }
  }
  std::FILE* out = stdout;
  if (!o.out.empty() && o.out != "-") {
    out = std::fopen(o.out.c_str(), "wb");
    if (!out) {
      std::fprintf(stderr, "seawarden events: cannot write %s\n", o.out.c_str());
      return seawarden::cli::kExitFailure;
    }
  }
  std::size_t damaged = 0;
  std::int64_t first_damaged = 0;
  {
    EventWriter writer(out, *format);
    for_each_event(*db, f, [&](const StoredEvent& e) { writer.add(e); });
    writer.finish();
    damaged = writer.damaged_fields();
    first_damaged = writer.first_damaged_id();
  }
  if (out != stdout) std::fclose(out);
  if (damaged)
    std::fprintf(stderr,
                 "seawarden events: %zu event(s) in %s had stored fields that are not one well-formed JSON object "
                 "(the first: id %lld); written with the fields before the damage only\n",
                 damaged, o.db.c_str(), static_cast<long long>(first_damaged));
  return seawarden::cli::kExitOk;
}

seawarden::cli::Registrar reg(55, [](CLI::App& app) {
  auto* sub = app.add_subcommand("events", "List findings from a store (see `seawarden ingest`)");
  auto o = std::make_shared<Opts>();
  sub->add_option("--db", o->db, "Store (SQLite file)")->required();
  sub->add_option("--kind", o->kind, "Only this kind (encounter, loitering, gap, zone_visit, sanctions_hit, ...)");
  sub->add_option("--vessel", o->vessel, "Only events of this vessel: MMSI, IMO (IMO1234567) or any name it used");
  sub->add_option("--since", o->since, "Only events still running at or after this time (ISO-8601 UTC)");
  sub->add_option("--until", o->until, "Only events started at or before this time (ISO-8601 UTC)");
  sub->add_option("--bbox", o->bbox, "Only events located in W,S,E,N (degrees)");
  sub->add_option("--format", o->format, "jsonl (default), csv, geojson or table");
  sub->add_option("--limit", o->limit, "At most this many events");
  sub->add_option("--out", o->out, "Write to this file instead of standard output");
  sub->callback([o] { seawarden::cli::set_exit_code(run(*o)); });
});

}  // namespace
