// `seawarden vessel`: one vessel's identity history, findings, sanctions hits and track.
#include <cstdio>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "detect/event_json.h"
#include "store/export.h"
#include "store/open.h"
#include "store/queries.h"
#include "store/terminal_text.h"
#include "store/timefmt.h"

namespace {

using namespace seawarden::store;

struct Opts {
  std::string db, query, format = "text";
};

std::string when(std::int64_t t) { return t ? iso_utc(t) : std::string("-"); }

nlohmann::json identity_json(const Identity& i, bool with_time) {
  nlohmann::json j{{"name", i.name}, {"callsign", i.callsign}, {"imo", i.imo}, {"shiptype", i.shiptype},
                   {"flag", i.flag}};
  // Stored as floats: rounded in double, or 6.1 would show as 6.099999904632568.
  using seawarden::detect::round_decimals;
  j["length_m"] = round_decimals(i.length_m, 1);
  j["beam_m"] = round_decimals(i.beam_m, 1);
  j["draught_m"] = round_decimals(i.draught_m, 2);
  if (with_time) j["since"] = iso_utc(i.t_ms);
  return j;
}

// Names, callsigns, flags and list entries come from broadcasts and lists: shown with their
// control characters escaped (terminal_safe), as the events table shows its text.
void print_text(std::uint32_t mmsi, const std::optional<VesselRecord>& v, const std::vector<Identity>& history,
                const TrackSummary& ts, const std::vector<SanctionHit>& hits, const std::vector<StoredEvent>& events) {
  auto safe = [](const std::string& s) { return terminal_safe(s); };
  std::printf("MMSI %u", mmsi);
  if (v) std::printf("  %s  IMO %u  callsign %s  flag %s", v->current.name.empty() ? "(no name)" : safe(v->current.name).c_str(),
                     v->current.imo, safe(v->current.callsign).c_str(), safe(v->current.flag).c_str());
  std::printf("\n");
  if (v) std::printf("  seen %s .. %s, %llu fixes\n", when(v->first_ms).c_str(), when(v->last_ms).c_str(),
                     static_cast<unsigned long long>(v->fixes));
  std::printf("\nIdentity history (%zu)\n", history.size());
  if (!history.empty())
    std::printf("  %-20s %-20s %-8s %-8s %-4s %4s %6s %5s %5s\n", "SINCE", "NAME", "CALLSIGN", "IMO", "FLAG", "TYPE", "LEN", "BEAM", "DRAFT");
  const Identity* prev = nullptr;
  for (const auto& i : history) {
    std::string changed;
    if (prev) {
      if (prev->name != i.name) changed += " name";
      if (prev->callsign != i.callsign) changed += " callsign";
      if (prev->imo != i.imo) changed += " imo";
      if (prev->flag != i.flag) changed += " flag";
      if (prev->shiptype != i.shiptype) changed += " shiptype";
      if (prev->draught_m != i.draught_m) changed += " draught";
    }
    std::printf("  %-20s %-20s %-8s %-8u %-4s %4d %6.1f %5.1f %5.1f%s%s\n", iso_utc(i.t_ms).c_str(), safe(i.name).c_str(),
                safe(i.callsign).c_str(), i.imo, safe(i.flag).c_str(), i.shiptype, i.length_m, i.beam_m, i.draught_m,
                changed.empty() ? "" : "  changed:", changed.c_str());
    prev = &i;
  }
  std::printf("\nTrack (stored, thinned): %llu positions, %u segments, %.1f km, max %.1f kn, %s .. %s\n",
              static_cast<unsigned long long>(ts.positions), ts.segments, ts.distance_km, ts.max_sog,
              when(ts.first_ms).c_str(), when(ts.last_ms).c_str());
  if (ts.positions)
    std::printf("  area W %.4f S %.4f E %.4f N %.4f\n", ts.bbox.west, ts.bbox.south, ts.bbox.east, ts.bbox.north);
  std::printf("\nSanctions hits (%zu)\n", hits.size());
  for (const auto& h : hits)
    std::printf("  event %lld  %s entry %s%s%s  matched on %s (score %.2f)  %s .. %s%s\n",
                static_cast<long long>(h.event_id), safe(h.list).c_str(), safe(h.entry_id).c_str(),
                h.entry_name.empty() ? "" : ": ", safe(h.entry_name).c_str(), safe(h.matched_on).c_str(), h.score,
                iso_utc(h.start_ms).c_str(), iso_utc(h.end_ms).c_str(),
                h.list_version.empty() ? "" : ("  [list version " + safe(h.list_version) + "]").c_str());
  std::printf("\nEvents (%zu)\n", events.size());
  std::fflush(stdout);
  if (!events.empty()) write_events(stdout, events, EventFormat::table);
}

int run(const Opts& o) {
  auto db = open_store_for_reading(o.db);
  auto mmsis = resolve_vessel(*db, o.query);
  if (mmsis.empty()) {
    std::fprintf(stderr, "seawarden vessel: no vessel '%s' in %s\n", o.query.c_str(), o.db.c_str());
    return seawarden::cli::kExitFailure;
  }
  if (o.format != "text" && o.format != "json" && o.format != "geojson" && o.format != "csv") {
    std::fprintf(stderr, "seawarden vessel: unknown format '%s' (text, json, geojson, csv)\n", o.format.c_str());
    return seawarden::cli::kExitUsage;
  }
  if (o.format == "csv") {
    // The stored (thinned) track as rows: what the chunks of table track_chunks hold.
    std::string out = "mmsi,time,lat,lon,sog_kn,cog_deg,heading,status,segment\n";
    char line[160];
    for (auto mmsi : mmsis) {
      for (const auto& p : stored_track(*db, mmsi)) {
        out += std::to_string(mmsi) + ',' + iso_utc(p.t_ms);
        std::snprintf(line, sizeof line, ",%.6f,%.6f,", p.lat_e6 / 1e6, p.lon_e6 / 1e6);
        out += line;
        if (p.sog_dkn >= 0) out += std::to_string(p.sog_dkn / 10) + '.' + std::to_string(p.sog_dkn % 10);
        out += ',';
        if (p.cog_ddeg >= 0) out += std::to_string(p.cog_ddeg / 10) + '.' + std::to_string(p.cog_ddeg % 10);
        out += ',';
        if (p.heading >= 0) out += std::to_string(p.heading);
        out += ',' + std::to_string(p.status) + ',' + std::to_string(p.segment) + '\n';
        if (out.size() > (1 << 16)) {
          std::fwrite(out.data(), 1, out.size(), stdout);
          out.clear();
        }
      }
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
    return seawarden::cli::kExitOk;
  }
  std::string geo_features;
  bool first_feature = true;
  for (std::size_t n = 0; n < mmsis.size(); ++n) {
    auto mmsi = mmsis[n];
    auto v = get_vessel(*db, mmsi);
    auto history = identity_history(*db, mmsi);
    auto positions = track(*db, mmsi);
    auto ts = summarize(positions);
    auto hits = sanction_hits(*db, mmsi);
    EventFilter f;
    f.vessels = std::vector<std::uint32_t>{mmsi};
    auto events = query_events(*db, f);
    if (o.format == "text") {
      if (n) std::printf("\n%s\n\n", std::string(78, '=').c_str());
      print_text(mmsi, v, history, ts, hits, events);
    } else if (o.format == "json") {
      nlohmann::json j;
      j["mmsi"] = mmsi;
      if (v) {
        j["identity"] = identity_json(v->current, false);
        j["first_seen"] = when(v->first_ms);
        j["last_seen"] = when(v->last_ms);
        j["fixes"] = v->fixes;
      }
      auto& h = j["identity_history"] = nlohmann::json::array();
      for (const auto& i : history) h.push_back(identity_json(i, true));
      j["track"] = {{"positions", ts.positions}, {"segments", ts.segments},
                    {"distance_km", seawarden::detect::round_decimals(ts.distance_km, 2)},
                    {"max_sog_kn", seawarden::detect::round_decimals(ts.max_sog, 1)}, {"first", when(ts.first_ms)}, {"last", when(ts.last_ms)}};
      auto& jh = j["sanctions_hits"] = nlohmann::json::array();
      for (const auto& x : hits)
        jh.push_back({{"event_id", x.event_id}, {"list", x.list}, {"entry_id", x.entry_id}, {"entry_name", x.entry_name},
                      {"matched_on", x.matched_on}, {"score", x.score}, {"list_version", x.list_version},
                      {"list_date", x.list_published}});
      auto& je = j["events"] = nlohmann::json::array();
      for (const auto& e : events) je.push_back(nlohmann::json::parse(event_json_line(e)));
      std::string text;
      seawarden::detect::append_json(text, j);  // numbers as detect writes them (shortest digits)
      std::printf("%s\n", text.c_str());
    } else {
      append_track_features(geo_features, first_feature, mmsi, v ? v->current.name : "", positions);
    }
  }
  if (o.format == "geojson") {
    // Tracks of every matching vessel, plus their events as points.
    std::vector<StoredEvent> events;
    EventFilter f;
    f.vessels = mmsis;
    events = query_events(*db, f);
    std::string all = vessel_geojson(0, "", {}, events);  // events only
    // Splice the tracks in front of the event points.
    std::string head = "{\"type\":\"FeatureCollection\",\"features\":[";
    std::string rest = all.substr(head.size());
    bool has_events = rest.find("Feature") != std::string::npos;
    std::string out = head + geo_features + (has_events && !geo_features.empty() ? "," : "") + rest;
    std::fwrite(out.data(), 1, out.size(), stdout);
  }
  return seawarden::cli::kExitOk;
}

seawarden::cli::Registrar reg(60, [](CLI::App& app) {
  auto* sub = app.add_subcommand("vessel", "Show one vessel from a store: identities, findings, sanctions hits, track");
  auto o = std::make_shared<Opts>();
  sub->add_option("--db", o->db, "Store (SQLite file)")->required();
  sub->add_option("vessel", o->query, "MMSI, IMO (IMO1234567) or any name the vessel used")->required();
  sub->add_option("--format", o->format,
                  "text (default), json (one object per vessel), geojson (tracks and events) or csv (the stored "
                  "positions, one per row)");
  sub->callback([o] { seawarden::cli::set_exit_code(run(*o)); });
});

}  // namespace
