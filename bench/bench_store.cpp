// Store benchmark: (1) ingest throughput, messages per CPU-second, of a simulated scenario
// through decode + tracks + detection + the SQLite writer, and of the writer alone;
// (2) `events` query times on a store with at least 10 million positions.
//
// Usage: bench_store [--positions N] [--dir DIR] [--sim FILE.nmea --zones Z --lists L]
// Without --sim it simulates a scenario with the library (korea-bay, 300 vessels, 48 h).
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "store/ingest.h"
#include "store/open.h"
#include "store/queries.h"
#include "store/writer.h"

namespace fs = std::filesystem;
using namespace seawarden;

namespace {

double cpu_seconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
         static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}
double wall_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// Feeds `fixes` synthetic reports (every 10 s per vessel) to a writer; returns fixes per CPU-s.
double writer_throughput(const std::string& path, std::uint64_t fixes, std::int64_t thin_ms, std::uint64_t events,
                         std::uint64_t* positions_out, std::int64_t step_ms = 10'000) {
  fs::remove(path);
  fs::remove(path + "-wal");
  fs::remove(path + "-shm");
  auto db = store::open_store_for_writing(path);
  store::ThinningOptions opt;
  opt.interval_ms = thin_ms;
  store::StoreWriter w(*db, opt);
  store::FileRecord f;
  f.run_id = w.start_run("bench_store", "", "[]", "{}");
  f.path = "synthetic";
  f.content_id = "synthetic-" + std::to_string(fixes);
  const std::uint32_t vessels = 2000;
  const std::int64_t t0 = 1715212800000;
  std::mt19937_64 rng(42);
  std::uniform_real_distribution<double> U(0, 1);
  std::vector<double> lat(vessels), lon(vessels), heading(vessels);
  for (std::uint32_t v = 0; v < vessels; ++v) {
    lat[v] = 30 + U(rng) * 12;
    lon[v] = 119 + U(rng) * 10;
    heading[v] = U(rng) * 2 * M_PI;
  }
  double c0 = cpu_seconds(), w0 = wall_seconds();
  w.begin_file(f);
  track::Fix fix;
  fix.sog = 10;
  fix.cog = 90;
  fix.segment = 1;
  fix.msg_type = 1;
  std::uint64_t per_event = events ? fixes / events : 0;
  for (std::uint64_t i = 0; i < fixes; ++i) {
    std::uint32_t v = static_cast<std::uint32_t>(i % vessels);
    std::int64_t step = static_cast<std::int64_t>(i / vessels);
    fix.mmsi = 412000000 + v;
    fix.t_ms = t0 + step * step_ms + v;
    lat[v] += 0.00005 * std::cos(heading[v]);
    lon[v] += 0.00005 * std::sin(heading[v]);
    fix.lat = lat[v];
    fix.lon = lon[v];
    w.on_fix(fix);
    if (per_event && i % per_event == per_event - 1) {
      detect::Event e;
      static const char* kinds[] = {"encounter", "loitering", "gap", "zone_visit", "identity_change", "position_jump"};
      e.kind = kinds[(i / per_event) % 6];
      e.start_ms = fix.t_ms - 3 * 3600'000;
      e.end_ms = fix.t_ms - 3600'000;
      // Spread over every vessel, at its current position.
      std::uint32_t ev = static_cast<std::uint32_t>((i / per_event) * 7919 % vessels);
      e.vessels = {412000000 + ev};
      if (e.kind == "encounter") e.vessels.push_back(412000000 + (ev + 1) % vessels);
      e.lat = lat[ev];
      e.lon = lon[ev];
      e.fields = {{"duration_h", 2.0}, {"zone", "z" + std::to_string(i % 50)}};
      w.on_event(e);
    }
  }
  w.commit_file(f, "");
  double cpu = cpu_seconds() - c0, wall = wall_seconds() - w0;
  *positions_out = static_cast<std::uint64_t>(db->scalar_int("SELECT count(*) FROM positions"));
  std::printf("  %llu fixes -> %llu positions, %llu events: %.2f s CPU, %.2f s wall: %.2fM fixes per CPU-second\n",
              static_cast<unsigned long long>(fixes), static_cast<unsigned long long>(*positions_out),
              static_cast<unsigned long long>(events), cpu, wall, static_cast<double>(fixes) / cpu / 1e6);
  return static_cast<double>(fixes) / cpu;
}

// Median wall time of a query in milliseconds (5 runs after a warm-up).
double time_query(const char* label, const std::function<std::size_t()>& q) {
  q();
  std::vector<double> ms;
  std::size_t rows = 0;
  for (int i = 0; i < 5; ++i) {
    double t = wall_seconds();
    rows = q();
    ms.push_back((wall_seconds() - t) * 1000);
  }
  std::sort(ms.begin(), ms.end());
  std::printf("  %-58s %7zu events  %8.2f ms\n", label, rows, ms[2]);
  return ms[2];
}

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t positions = 10'000'000;
  std::string dir = (fs::temp_directory_path() / "seawarden-bench-store").string();
  std::string sim, zones, lists;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--positions") positions = std::stoull(argv[i + 1]);
    else if (a == "--dir") dir = argv[i + 1];
    else if (a == "--sim") sim = argv[i + 1];
    else if (a == "--zones") zones = argv[i + 1];
    else if (a == "--lists") lists = argv[i + 1];
  }
  fs::create_directories(dir);

  std::printf("== ingest throughput\n");
  if (!sim.empty()) {
    store::IngestOptions o;
    o.db_path = dir + "/ingest.db";
    for (auto ext : {"", "-wal", "-shm"}) fs::remove(o.db_path + ext);
    o.inputs = {sim};
    o.zones_path = zones;
    if (!lists.empty()) o.list_paths = {lists};
    o.quiet = true;
    double c0 = cpu_seconds(), w0 = wall_seconds();
    auto r = store::run_ingest(o);
    double cpu = cpu_seconds() - c0, wall = wall_seconds() - w0;
    std::printf("  full ingest of %s: %llu messages, %llu fixes, %llu positions, %llu events\n", sim.c_str(),
                static_cast<unsigned long long>(r.messages), static_cast<unsigned long long>(r.fixes),
                static_cast<unsigned long long>(r.positions), static_cast<unsigned long long>(r.events));
    std::printf("  %.2f s CPU, %.2f s wall: %.3fM messages per CPU-second (decode + tracks + detection + store)\n",
                cpu, wall, static_cast<double>(r.messages) / cpu / 1e6);
  } else {
    std::printf("  (full ingest: pass --sim DIR/ais.nmea from `seawarden simulate`)\n");
  }
  std::uint64_t kept = 0;
  std::printf("  store writer alone, thinned to 1/min (reports every 10 s):\n");
  writer_throughput(dir + "/thin.db", 6'000'000, 60'000, 600, &kept);  // one event per 10k fixes

  std::printf("== events queries on a store with >= %llu positions\n", static_cast<unsigned long long>(positions));
  const std::string big = dir + "/big.db";
  std::printf("  building (writer keeping every position):\n");
  writer_throughput(big, positions, 0, 50'000, &kept, 60'000);  // 2000 vessels a minute: 10M = 83 h
  auto db = store::open_store_for_reading(big);
  std::printf("  store: %llu positions, %lld events, %.0f MB\n", static_cast<unsigned long long>(kept),
              static_cast<long long>(db->scalar_int("SELECT count(*) FROM events")),
              static_cast<double>(fs::file_size(big)) / 1e6);
  double worst = 0;
  // As `events` runs them: jsonl, csv and table copy the stored JSON without parsing it.
  auto run = [&](const char* label, store::EventFilter f, bool parse = false) {
    f.parse_fields = parse;
    worst = std::max(worst, time_query(label, [&] { return store::query_events(*db, f).size(); }));
  };
  store::EventFilter f;
  f.kind = "encounter";
  run("--kind encounter", f);
  f = {};
  f.vessels = store::resolve_vessel(*db, "412000777");
  run("--vessel 412000777", f);
  f = {};
  f.since_ms = 1715212800000 + 20 * 3600'000LL;
  f.until_ms = 1715212800000 + 22 * 3600'000LL;
  run("--since +20h --until +22h", f);
  f = {};
  f.bbox = store::parse_bbox("124,37,126,39");
  run("--bbox 124,37,126,39", f);
  f = {};
  f.kind = "gap";
  f.bbox = store::parse_bbox("119,30,125,36");
  f.since_ms = 1715212800000 + 10 * 3600'000LL;
  run("--kind gap --bbox 119,30,125,36 --since +10h", f);
  f = {};
  f.limit = 1000;
  run("first 1000 of all", f);
  f = {};
  run("all events", f);
  f = {};
  f.kind = "loitering";
  run("--kind loitering, fields parsed (as --format geojson)", f, true);
  std::printf("  slowest query: %.2f ms\n", worst);
  return 0;
}
