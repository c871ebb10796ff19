#include "report/sections.h"

#include <cmath>
#include <initializer_list>
#include <string_view>

#include "detect/event_json.h"
#include "report/html.h"
#include "report/report.h"
#include "report/svg.h"
#include "store/export.h"

namespace seawarden::report {

namespace {
// Appends the pieces in order (building "a" + b + "c" temporaries trips GCC 12's -Wrestrict
// false positive).
void append_all(std::string& out, std::initializer_list<std::string_view> pieces) {
  for (std::string_view p : pieces) out += p;
}
}  // namespace

std::string vessel_label(store::Database& db, std::uint32_t mmsi) {
  auto v = store::get_vessel(db, mmsi);
  std::string name = v && !v->current.name.empty() ? v->current.name : "unnamed";
  return name + " (MMSI " + std::to_string(mmsi) + ")";
}

std::string kind_badge(const std::string& kind) {
  return "<span class=\"kind " + esc(kind) + "\">" + esc(kind) + "</span>";
}

std::string identity_section(store::Database& db, std::uint32_t mmsi) {
  auto history = store::identity_history(db, mmsi);
  std::string s = "<h3>Identities of " + esc(vessel_label(db, mmsi)) + "</h3>";
  if (history.empty()) return s + "<p class=\"note\">No static report (type 5/19/24) stored for this MMSI.</p>";
  s += "<table><thead><tr><th>From (first message)</th><th>Name</th><th>Call sign</th><th>IMO</th><th>Flag</th>"
       "<th class=\"num\">Type</th><th class=\"num\">Length m</th><th class=\"num\">Beam m</th>"
       "<th class=\"num\">Draught m</th></tr></thead><tbody>";
  const store::Identity* prev = nullptr;
  for (const auto& i : history) {
    auto cell = [&](const std::string& text, bool changed, bool numeric = false) {
      std::string cls = numeric ? "num" : "";
      if (changed) cls += cls.empty() ? "chg" : " chg";
      return "<td" + (cls.empty() ? std::string() : " class=\"" + cls + "\"") + ">" + esc(text) + "</td>";
    };
    bool any = prev != nullptr;
    s += std::string("<tr") + (any ? " class=\"changed\"" : "") + "><td>" + utc_full(i.t_ms) + "</td>";
    s += cell(i.name, prev && prev->name != i.name);
    s += cell(i.callsign, prev && prev->callsign != i.callsign);
    s += cell(i.imo ? std::to_string(i.imo) : "", prev && prev->imo != i.imo);
    s += cell(i.flag, prev && prev->flag != i.flag);
    s += cell(std::to_string(i.shiptype), prev && prev->shiptype != i.shiptype, true);
    s += cell(fixed(i.length_m, 0), prev && prev->length_m != i.length_m, true);
    s += cell(fixed(i.beam_m, 0), prev && prev->beam_m != i.beam_m, true);
    s += cell(fixed(i.draught_m, 1), prev && prev->draught_m != i.draught_m, true);
    s += "</tr>";
    prev = &i;
  }
  s += "</tbody></table><p class=\"note\">Source: table <code>identities</code>, MMSI " + std::to_string(mmsi) +
       " (one row each time a broadcast identity value changed; changed values highlighted).</p>";
  return s;
}

namespace {
// Which broadcast identifiers the listed ones confirm or contradict (the detector's agrees_on /
// differs_on): a hit on a name alone is only as strong as what backs it.
std::string identifier_agreement_row(const store::SanctionHit& h) {
  auto fields = nlohmann::json::parse(h.event_fields.empty() ? "{}" : h.event_fields, nullptr, false);
  if (fields.is_discarded() || !fields.is_object() || !fields.contains("agrees_on")) return {};  // older stores
  auto join = [](const nlohmann::json& a) {
    std::string t;
    if (a.is_array())
      for (const auto& x : a)
        if (x.is_string()) t += (t.empty() ? "" : ", ") + x.get<std::string>();
    return t;
  };
  const std::string agrees = join(fields["agrees_on"]), differs = join(fields.value("differs_on", nlohmann::json()));
  std::string text;
  if (!agrees.empty()) text += "agree: " + agrees;
  if (!differs.empty()) text += std::string(text.empty() ? "" : "; ") + "differ: " + differs;
  if (text.empty()) text = "none of the vessel's broadcast identifiers is listed (nothing confirms or contradicts the match)";
  return "<tr><th>Identifiers</th><td>" + esc(text) + "</td></tr>";
}
}  // namespace

std::string sanctions_section(store::Database& db, std::uint32_t mmsi) {
  auto hits = store::sanction_hits(db, mmsi);
  std::string s = "<h3>Sanctions hits of " + esc(vessel_label(db, mmsi)) + "</h3>";
  if (hits.empty()) return s + "<p class=\"note\">No hit on the lists given to the ingest.</p>";
  for (const auto& h : hits) {
    s += "<table><tbody><tr><th>List</th><td>" + esc(h.list) + "</td></tr><tr><th>Entry</th><td>" + esc(h.entry_id) +
         (h.entry_name.empty() ? "" : " &mdash; " + esc(h.entry_name)) + "</td></tr><tr><th>Matched on</th><td>" +
         esc(h.matched_on) + " (score " + fixed(h.score, 2) + ")</td></tr><tr><th>Broadcast</th><td>" + utc(h.start_ms) +
         " &ndash; " + utc(h.end_ms) + " (<a href=\"" + case_file(h.event_id) + "\">event " +
         std::to_string(h.event_id) + "</a>)</td></tr>";
    s += identifier_agreement_row(h);
    if (!h.list_version.empty())
      s += "<tr><th>List version</th><td>" + esc(h.list_version) + ", file date " + esc(h.list_published) + ", " +
           esc(h.list_path) + "</td></tr>";
    auto entry = nlohmann::json::parse(h.entry_json.empty() ? "{}" : h.entry_json, nullptr, false);
    if (!entry.is_discarded() && entry.is_object()) {
      for (const char* key : {"type", "programs", "aliases", "identifiers", "flags", "listed_on", "remarks"}) {
        auto it = entry.find(key);
        if (it == entry.end()) continue;
        std::string text;
        if (it->is_array()) {
          for (const auto& x : *it) {
            if (!text.empty()) text += "; ";
            if (x.is_string()) text += x.get<std::string>();
            else if (x.contains("name")) append_all(text, {x.value("name", ""), " (", x.value("quality", ""), ")"});
            else if (x.contains("kind")) append_all(text, {x.value("kind", ""), " ", x.value("value", ""), x.contains("note") ? " " : "", x.value("note", "")});
            else text += x.dump();
          }
        } else {
          text = it->is_string() ? it->get<std::string>() : it->dump();
        }
        s += "<tr><th>" + esc(key) + "</th><td>" + esc(text) + "</td></tr>";
      }
    } else {
      s += "<tr><th>Entry data</th><td class=\"note\">The list was not stored with this ingest.</td></tr>";
    }
    s += "</tbody></table>";
  }
  s += "<p class=\"note\">Source: tables <code>screening_hits</code>, <code>sanction_entries</code>, "
       "<code>sanction_lists</code>.</p>";
  return s;
}

std::string events_table(const std::vector<store::StoredEvent>& events, const std::string& id, store::Database* db,
                         bool link_all) {
  std::string s = "<table class=\"sortable\" id=\"" + esc(id) + "\"><thead><tr><th class=\"num\">ID</th><th>Kind</th>"
                  "<th>Start (UTC)</th><th>End (UTC)</th><th class=\"num\">Hours</th><th>Vessels</th>"
                  "<th class=\"num\">Lat</th><th class=\"num\">Lon</th><th>Detail</th></tr></thead><tbody>";
  for (const auto& e : events) {
    std::string vessels;
    for (auto m : e.event.vessels) {
      if (!vessels.empty()) vessels += "<br>";
      vessels += "<a href=\"" + vessel_file(m) + "\">" + esc(db ? vessel_label(*db, m) : std::to_string(m)) + "</a>";
    }
    double hours = static_cast<double>(e.event.end_ms - e.event.start_ms) / 3600'000.0;
    const std::string id_cell = link_all || has_case_page(e)
                                    ? "<a href=\"" + case_file(e.id) + "\">" + std::to_string(e.id) + "</a>"
                                    : std::to_string(e.id);
    s += "<tr><td class=\"num\" data-sort=\"" + std::to_string(e.id) + "\">" + id_cell + "</td><td>" +
         kind_badge(e.event.kind) + "</td><td>" + utc(e.event.start_ms) +
         "</td><td>" + utc(e.event.end_ms) + "</td><td class=\"num\">" + fixed(hours, 1) + "</td><td>" + vessels +
         "</td><td class=\"num\">" + fixed(e.event.lat, 4) + "</td><td class=\"num\">" + fixed(e.event.lon, 4) +
         "</td><td>" + esc(store::event_detail(e)) + "</td></tr>\n";
  }
  return s + "</tbody></table>";
}

std::string fields_table(const nlohmann::json& fields) {
  if (!fields.is_object() || fields.empty()) return "<p class=\"note\">No further fields.</p>";
  std::string s = "<table><tbody>";
  for (const auto& [k, v] : fields.items()) {
    std::string text;
    if (v.is_string()) text = v.get<std::string>();
    else detect::append_json(text, v);  // numbers, nested positions and lists as detect writes them
    s += "<tr><th>" + esc(k) + "</th><td>" + esc(text) + "</td></tr>";
  }
  return s + "</tbody></table>";
}

std::string positions_details(const std::string& label, const std::vector<store::Position>& ps) {
  std::string s = "<details><summary>" + esc(label) + ": " + std::to_string(ps.size()) +
                  " stored positions</summary><pre>time_utc              lat         lon         sog_kn  cog   segment\n";
  char line[160];
  for (const auto& p : ps) {
    std::snprintf(line, sizeof line, "%-21s %-11.6f %-11.6f %-7s %-5s %u\n", utc_full(p.t_ms).c_str(), p.lat, p.lon,
                  p.sog < 0 ? "-" : fixed(p.sog, 1).c_str(), p.cog < 0 ? "-" : fixed(p.cog, 0).c_str(), p.segment);
    s += line;
  }
  return s + "</pre></details>";
}

std::string timelines(store::Database& db, const std::vector<std::uint32_t>& mmsis,
                      const std::vector<std::vector<store::Position>>& tracks, std::int64_t t0, std::int64_t t1,
                      const std::vector<std::pair<std::int64_t, std::int64_t>>& spans) {
  ChartSpec speed;
  speed.title = "Speed over ground (stored positions)";
  speed.unit = "knots";
  speed.t0 = t0;
  speed.t1 = t1;
  speed.spans = spans;
  ChartSpec draught = speed;
  draught.title = "Reported draught (identity history)";
  draught.unit = "metres";
  for (std::size_t i = 0; i < mmsis.size(); ++i) {
    Series s;
    s.label = vessel_label(db, mmsis[i]);
    s.color = vessel_color(i);
    for (const auto& p : tracks[i])
      if (p.sog >= 0) s.points.emplace_back(p.t_ms, p.sog);
    speed.series.push_back(s);
    Series d;
    d.label = s.label;
    d.color = s.color;
    d.step = true;
    d.max_join_ms = INT64_MAX;
    for (const auto& id : store::identity_history(db, mmsis[i]))
      if (id.draught_m > 0) d.points.emplace_back(id.t_ms, id.draught_m);
    draught.series.push_back(d);
  }
  std::string s = render_chart(speed);
  if (s.empty()) s = "<p class=\"note\">No speed reported in this window.</p>";
  std::string d = render_chart(draught);
  if (d.empty()) {
    // A step series needs a value before t1; the chart is empty when none was reported.
    d = "<p class=\"note\">No draught reported (AIS type 5) by these vessels.</p>";
  }
  return s + d;
}

}  // namespace seawarden::report
