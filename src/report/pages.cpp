// Case pages (one event with its evidence) and vessel pages.
#include <algorithm>
#include <map>
#include <stdexcept>

#include "report/html.h"
#include "report/report.h"
#include "report/sections.h"
#include "report/svg.h"
#include "store/export.h"
#include "store/queries.h"

namespace seawarden::report {
namespace {

// The config section holding a kind's thresholds.
std::string config_section(const std::string& kind) { return kind; }

std::string provenance_section(store::Database& db, const store::StoredEvent& e) {
  std::string s = "<h2>Inputs and thresholds behind this finding</h2>";
  auto prov = store::provenance(db, e.file_id);
  if (!prov) return s + "<p class=\"note\">The ingest run of this event is not recorded.</p>";
  s += "<table><tbody><tr><th>Input file</th><td>" + esc(prov->file_path) + "</td></tr><tr><th>Content id</th><td>" +
       esc(prov->content_id) + " (size-CRC32-Adler32)</td></tr><tr><th>Ingested</th><td>" + esc(prov->committed_at) +
       "</td></tr><tr><th>Command</th><td><code>" + esc(prov->argv) + "</code></td></tr>";
  if (!prov->zones_path.empty()) s += "<tr><th>Zones</th><td>" + esc(prov->zones_path) + "</td></tr>";
  if (!prov->lists_json.empty() && prov->lists_json != "[]")
    s += "<tr><th>Sanctions lists</th><td>" + esc(prov->lists_json) + "</td></tr>";
  s += "</tbody></table>";
  auto cfg = nlohmann::json::parse(prov->config_json.empty() ? "{}" : prov->config_json, nullptr, false);
  if (!cfg.is_discarded() && cfg.contains(config_section(e.event.kind))) {
    s += "<h3>Thresholds of the " + esc(e.event.kind) + " detector</h3>" + fields_table(cfg[config_section(e.event.kind)]);
  }
  if (!cfg.is_discarded() && cfg.contains("segmenter"))
    s += "<details><summary>All detection settings of the run</summary><pre>" + esc(cfg.dump(2)) + "</pre></details>";
  return s;
}

}  // namespace

std::string case_file(std::int64_t id) { return "case-" + std::to_string(id) + ".html"; }
std::string vessel_file(std::uint32_t mmsi) { return "vessel-" + std::to_string(mmsi) + ".html"; }

std::string case_page(store::Database& db, std::int64_t event_id, std::int64_t context_ms) {
  auto found = store::get_event(db, event_id);
  if (!found) throw std::runtime_error("no event " + std::to_string(event_id) + " in the store");
  const auto& se = *found;
  const auto& e = se.event;
  // Long findings (a sanctions hit spans the whole presence) get proportionally less context.
  const std::int64_t t0 = e.start_ms - context_ms, t1 = e.end_ms + context_ms;

  std::vector<std::vector<store::Position>> tracks;
  std::vector<std::pair<double, double>> pts{{e.lat, e.lon}};
  for (auto m : e.vessels) {
    tracks.push_back(store::track(db, m, t0, t1));
    for (const auto& p : tracks.back()) pts.emplace_back(p.lat, p.lon);
  }

  std::string vessels_text;
  for (auto m : e.vessels) vessels_text += (vessels_text.empty() ? "" : " and ") + vessel_label(db, m);
  std::string title = "Case " + std::to_string(se.id) + ": " + e.kind;
  std::string sub = esc(vessels_text) + " &middot; " + utc(e.start_ms) + " &ndash; " + utc(e.end_ms) +
                    " &middot; <a href=\"index.html\">all cases</a>";
  std::string s = page_begin(title, sub);

  s += "<div class=\"cards\"><div class=\"card\"><div class=\"k\">Kind</div><div class=\"v\">" + kind_badge(e.kind) +
       "</div></div><div class=\"card\"><div class=\"k\">Duration</div><div class=\"v\">" +
       hours_text(e.end_ms - e.start_ms) + "</div></div><div class=\"card\"><div class=\"k\">Position</div><div class=\"v\">" +
       fixed(e.lat, 4) + ", " + fixed(e.lon, 4) + "</div></div><div class=\"card\"><div class=\"k\">Vessels</div><div class=\"v\">" +
       std::to_string(e.vessels.size()) + "</div></div>";
  if (se.provisional)
    s += "<div class=\"card\"><div class=\"k\">Status</div><div class=\"v\">open</div></div>";
  s += "</div>";

  // Map.
  MapSpec map;
  map.view = fit_view(pts);
  map.zones = store::zones_in(db, map.view);
  for (std::size_t i = 0; i < e.vessels.size(); ++i)
    map.tracks.push_back({e.vessels[i], vessel_label(db, e.vessels[i]), vessel_color(i), tracks[i]});
  map.markers.push_back({e.lat, e.lon, e.kind + " " + std::to_string(se.id), "#b2182b", true});
  if (e.kind == "gap" || e.kind == "position_jump") {
    // The last position before and the first after.
    const auto& tr = tracks[0];
    const store::Position* before = nullptr;
    const store::Position* after = nullptr;
    for (const auto& p : tr) {
      if (p.t_ms <= e.start_ms) before = &p;
      if (p.t_ms >= e.end_ms && !after) after = &p;
    }
    if (before && after)
      map.lines.push_back({before->lat, before->lon, after->lat, after->lon,
                           "no position " + utc(before->t_ms) + " - " + utc(after->t_ms)});
  }
  s += "<h2>Map</h2>" + render_map(map);
  std::size_t shown = 0;
  for (const auto& t : tracks) shown += t.size();
  s += "<p class=\"note\">Tracks: " + std::to_string(shown) + " stored positions from " + utc(t0) + " to " + utc(t1) +
       " (the event &plusmn; " + hours_text(context_ms) + "); circle: the event's position; dashed areas: zones from "
       "the ingest's zone file.</p>";

  s += "<h2>Timelines</h2>" + timelines(db, e.vessels, tracks, t0, t1, {{e.start_ms, e.end_ms}});
  s += "<p class=\"note\">Shaded: the event (" + utc(e.start_ms) + " &ndash; " + utc(e.end_ms) + ").</p>";

  s += "<h2>Evidence</h2><table><tbody><tr><th>Event id</th><td>" + std::to_string(se.id) +
       "</td></tr><tr><th>Kind</th><td>" + esc(e.kind) + "</td></tr><tr><th>Start</th><td>" + utc_full(e.start_ms) +
       "</td></tr><tr><th>End</th><td>" + utc_full(e.end_ms) + "</td></tr><tr><th>Vessels</th><td>" + esc(vessels_text) +
       "</td></tr><tr><th>Latitude, longitude</th><td>" + store::event_coordinate(e.lat) + ", " + store::event_coordinate(e.lon) +
       "</td></tr></tbody></table>" + fields_table(e.fields);
  s += "<p class=\"note\">Source: table <code>events</code>, id " + std::to_string(se.id) + ".</p>";

  s += "<h2>Identities</h2>";
  for (auto m : e.vessels) s += identity_section(db, m);
  s += "<h2>Sanctions</h2>";
  for (auto m : e.vessels) s += sanctions_section(db, m);

  store::EventFilter others;
  others.vessels = e.vessels;
  auto related = store::query_events(db, others);
  related.erase(std::remove_if(related.begin(), related.end(), [&](const auto& x) { return x.id == se.id; }),
                related.end());
  s += "<h2>Other findings on these vessels (" + std::to_string(related.size()) + ")</h2>";
  if (!related.empty()) s += events_table(related, "related", &db);

  s += provenance_section(db, se);
  s += "<h2>Stored data behind the map and charts</h2>";
  for (std::size_t i = 0; i < e.vessels.size(); ++i) s += positions_details(vessel_label(db, e.vessels[i]), tracks[i]);
  s += page_end();
  return s;
}

std::string vessel_page(store::Database& db, std::uint32_t mmsi) {
  auto v = store::get_vessel(db, mmsi);
  auto positions = store::track(db, mmsi);
  auto summary = store::summarize(positions);
  store::EventFilter f;
  f.vessels = std::vector<std::uint32_t>{mmsi};
  auto events = store::query_events(db, f);
  std::string s = page_begin("Vessel " + vessel_label(db, mmsi), "<a href=\"index.html\">all cases</a>");
  s += "<div class=\"cards\">";
  auto card = [&](const std::string& k, const std::string& val) {
    s += "<div class=\"card\"><div class=\"k\">" + esc(k) + "</div><div class=\"v\">" + esc(val) + "</div></div>";
  };
  if (v) {
    card("IMO", v->current.imo ? std::to_string(v->current.imo) : "-");
    card("Flag", v->current.flag.empty() ? "-" : v->current.flag);
    card("Fixes received", std::to_string(v->fixes));
  }
  card("Positions stored", std::to_string(summary.positions));
  card("Distance", fixed(summary.distance_km, 0) + " km");
  card("Findings", std::to_string(events.size()));
  s += "</div>";
  if (summary.positions) {
    MapSpec map;
    std::vector<std::pair<double, double>> pts;
    for (const auto& p : positions) pts.emplace_back(p.lat, p.lon);
    map.view = fit_view(pts);
    map.zones = store::zones_in(db, map.view);
    map.tracks.push_back({mmsi, vessel_label(db, mmsi), vessel_color(1), positions});
    map.time_labels_per_track = 8;
    for (const auto& e : events) map.markers.push_back({e.event.lat, e.event.lon, std::to_string(e.id), "#b2182b", false});
    s += "<h2>Track</h2>" + render_map(map);
    s += "<p class=\"note\">" + std::to_string(summary.positions) + " stored positions, " + utc(summary.first_ms) +
         " &ndash; " + utc(summary.last_ms) + ", " + std::to_string(summary.segments) +
         " segment(s); red dots: findings (by id).</p>";
    std::vector<std::pair<std::int64_t, std::int64_t>> spans;
    for (const auto& e : events)
      if (e.event.kind != "sanctions_hit" && e.event.kind != "identity_anomaly" && e.event.kind != "zone_visit")
        spans.emplace_back(e.event.start_ms, e.event.end_ms);
    s += "<h2>Timelines</h2>" + timelines(db, {mmsi}, {positions}, summary.first_ms, summary.last_ms, spans);
  }
  s += "<h2>Findings (" + std::to_string(events.size()) + ")</h2>" + events_table(events, "events", &db);
  s += "<h2>Identities</h2>" + identity_section(db, mmsi);
  s += "<h2>Sanctions</h2>" + sanctions_section(db, mmsi);
  s += page_end();
  return s;
}

}  // namespace seawarden::report
