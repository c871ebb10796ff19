// The index page (every case, sortable, with a summary) and writing a report directory.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <stdexcept>

#include "report/html.h"
#include "report/report.h"
#include "report/sections.h"
#include "store/export.h"
#include "store/queries.h"
#include "store/timefmt.h"

namespace seawarden::report {
namespace {

void write_file(const std::filesystem::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

std::string bar_chart(const std::vector<std::pair<std::string, std::uint64_t>>& rows) {
  if (rows.empty()) return {};
  std::uint64_t max = 1;
  for (const auto& [k, n] : rows) max = std::max(max, n);
  const int row_h = 22, w = 620, label_w = 150;
  int h = static_cast<int>(rows.size()) * row_h + 10;
  std::string s = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(w) + " " +
                  std::to_string(h) + "\" width=\"" + std::to_string(w) + "\" height=\"" + std::to_string(h) +
                  "\" font-family=\"sans-serif\" class=\"chart\">";
  int y = 6;
  for (const auto& [k, n] : rows) {
    double bw = static_cast<double>(n) / static_cast<double>(max) * (w - label_w - 70);
    s += "<text x=\"" + std::to_string(label_w - 6) + "\" y=\"" + std::to_string(y + 15) +
         "\" font-size=\"12\" text-anchor=\"end\">" + esc(k) + "</text><rect class=\"bar\" x=\"" +
         std::to_string(label_w) + "\" y=\"" + std::to_string(y + 3) + "\" width=\"" + fixed(std::max(bw, 1.0), 1) +
         "\" height=\"15\" fill=\"#2c6fa8\"/><text x=\"" + fixed(label_w + bw + 5, 1) + "\" y=\"" +
         std::to_string(y + 15) + "\" font-size=\"12\">" + std::to_string(n) + "</text>";
    y += row_h;
  }
  return s + "</svg>";
}

// Routine zone visits summed up per zone (each is also on its vessel's page, if it has one).
std::string routine_section(const std::vector<store::StoredEvent>& routine) {
  struct Zone {
    std::string name, kind;
    std::uint64_t visits = 0, port_calls = 0;
    std::set<std::uint32_t> vessels;
    double dwell_h = 0;
  };
  std::map<std::string, Zone> zones;
  for (const auto& e : routine) {
    const auto& f = e.event.fields;
    auto& z = zones[f.value("zone", std::string("?"))];
    z.name = f.value("zone_name", std::string());
    z.kind = f.value("zone_kind", std::string());
    ++z.visits;
    if (f.value("port_call", false)) ++z.port_calls;
    z.vessels.insert(e.event.vessels.begin(), e.event.vessels.end());
    z.dwell_h += static_cast<double>(e.event.end_ms - e.event.start_ms) / 3600'000.0;
  }
  std::string s = "<h2>Routine zone visits (" + std::to_string(routine.size()) +
                  ")</h2><p class=\"note\">Visits to ordinary ports and anchorages have no case page of their own; "
                  "they are listed on the vessels' pages (source: table <code>events</code>, kind zone_visit). A port "
                  "call is a visit with a stop.</p><table class=\"sortable\" id=\"routine\"><thead><tr><th>Zone</th>"
                  "<th>Kind</th><th class=\"num\">Visits</th><th class=\"num\">Port calls</th><th class=\"num\">"
                  "Vessels</th><th class=\"num\">Hours inside</th></tr></thead><tbody>";
  for (const auto& [id, z] : zones)
    s += "<tr><td>" + esc(z.name.empty() ? id : z.name + " (" + id + ")") + "</td><td>" + esc(z.kind) +
         "</td><td class=\"num\">" + std::to_string(z.visits) + "</td><td class=\"num\">" +
         std::to_string(z.port_calls) + "</td><td class=\"num\">" + std::to_string(z.vessels.size()) +
         "</td><td class=\"num\">" + fixed(z.dwell_h, 1) + "</td></tr>";
  return s + "</tbody></table>";
}

}  // namespace

int kind_priority(const std::string& kind) {
  static const std::map<std::string, int> order{
      {"sanctions_hit", 0}, {"encounter", 1},    {"mmsi_conflict", 2}, {"identity_change", 3},
      {"identity_anomaly", 4}, {"gap", 5},       {"loitering", 6},     {"position_jump", 7},
      {"draught_change", 8}, {"zone_visit", 9}};
  auto it = order.find(kind);
  return it == order.end() ? 10 : it->second;
}

std::string index_page(store::Database& db, const std::vector<std::int64_t>* only, bool all_have_pages) {
  auto events = store::query_events(db, {});
  if (only) {
    std::set<std::int64_t> keep(only->begin(), only->end());
    events.erase(std::remove_if(events.begin(), events.end(), [&](const auto& e) { return !keep.count(e.id); }),
                 events.end());
  }
  // Routine zone visits count in the summaries but are listed by zone, not one by one.
  std::vector<store::StoredEvent> routine;
  if (!all_have_pages) {
    auto is_routine = [](const store::StoredEvent& e) { return !has_case_page(e); };
    std::copy_if(events.begin(), events.end(), std::back_inserter(routine), is_routine);
  }
  // Most significant first: kind, then longest.
  std::stable_sort(events.begin(), events.end(), [](const auto& a, const auto& b) {
    int pa = kind_priority(a.event.kind), pb = kind_priority(b.event.kind);
    if (pa != pb) return pa < pb;
    return a.event.start_ms < b.event.start_ms;
  });
  auto summary = store::store_summary(db);
  std::string s = page_begin("seawarden cases", "Store " + esc(db.path()) + " &middot; generated " + store::now_iso());
  s += "<div class=\"cards\">";
  auto card = [&](const std::string& k, std::uint64_t v) {
    s += "<div class=\"card\"><div class=\"k\">" + esc(k) + "</div><div class=\"v\">" + std::to_string(v) + "</div></div>";
  };
  card("Cases listed", events.size() - routine.size());
  if (!routine.empty()) card("Routine zone visits", routine.size());
  card("Vessels", summary.vessels);
  card("Positions stored", summary.positions);
  card("Sanctions hits", summary.hits);
  card("Input files", summary.files);
  s += "</div>";

  std::map<std::string, std::uint64_t> by_kind;
  std::map<std::string, std::map<std::string, std::uint64_t>> by_month;  // month -> kind -> n
  std::map<std::uint32_t, std::map<std::string, std::uint64_t>> by_vessel;
  for (const auto& e : events) {
    ++by_kind[e.event.kind];
    ++by_month[store::iso_utc(e.event.start_ms).substr(0, 7)][e.event.kind];
    for (auto m : e.event.vessels) ++by_vessel[m][e.event.kind];
  }
  std::vector<std::pair<std::string, std::uint64_t>> kinds(by_kind.begin(), by_kind.end());
  std::sort(kinds.begin(), kinds.end(), [](auto& a, auto& b) { return kind_priority(a.first) < kind_priority(b.first); });
  s += "<h2>Findings by kind</h2>" + bar_chart(kinds);

  s += "<h2>Findings by month</h2><table class=\"sortable\"><thead><tr><th>Month</th>";
  for (const auto& [k, _] : kinds) s += "<th class=\"num\">" + esc(k) + "</th>";
  s += "<th class=\"num\">all</th></tr></thead><tbody>";
  for (const auto& [month, counts] : by_month) {
    std::uint64_t total = 0;
    s += "<tr><td>" + month + "</td>";
    for (const auto& [k, _] : kinds) {
      auto it = counts.find(k);
      std::uint64_t n = it == counts.end() ? 0 : it->second;
      total += n;
      s += "<td class=\"num\">" + std::to_string(n) + "</td>";
    }
    s += "<td class=\"num\">" + std::to_string(total) + "</td></tr>";
  }
  s += "</tbody></table>";

  // Vessels ranked by their most significant findings (zone visits count least); only
  // vessels with a case have a page.
  std::vector<store::StoredEvent> cases;  // in the order above, each with a page
  std::copy_if(events.begin(), events.end(), std::back_inserter(cases),
               [&](const store::StoredEvent& e) { return all_have_pages || has_case_page(e); });
  std::set<std::uint32_t> with_page;
  for (const auto& e : cases) with_page.insert(e.event.vessels.begin(), e.event.vessels.end());
  std::vector<std::pair<std::uint32_t, double>> ranked;
  for (const auto& [m, counts] : by_vessel) {
    if (!with_page.count(m)) continue;
    double score = 0;
    for (const auto& [k, n] : counts) score += static_cast<double>(n) * (k == "zone_visit" ? 0.01 : 11 - kind_priority(k));
    ranked.emplace_back(m, score);
  }
  std::sort(ranked.begin(), ranked.end(), [](auto& a, auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
  if (ranked.size() > 25) ranked.resize(25);
  s += "<h2>Vessels with the most findings</h2><table class=\"sortable\"><thead><tr><th>Vessel</th>"
       "<th class=\"num\">Findings</th><th>By kind</th></tr></thead><tbody>";
  for (const auto& [m, _] : ranked) {
    std::uint64_t total = 0;
    std::string kinds_text;
    for (const auto& [k, n] : by_vessel[m]) {
      total += n;
      kinds_text += (kinds_text.empty() ? "" : ", ") + k + " " + std::to_string(n);
    }
    s += "<tr><td><a href=\"" + vessel_file(m) + "\">" + esc(vessel_label(db, m)) + "</a></td><td class=\"num\">" +
         std::to_string(total) + "</td><td>" + esc(kinds_text) + "</td></tr>";
  }
  s += "</tbody></table>";

  s += "<h2>All cases</h2><p class=\"note\">Most significant kinds first; click a column to sort, type to filter.</p>"
       "<input class=\"filter\" data-table=\"cases\" placeholder=\"filter (kind, name, MMSI, zone...)\">";
  s += events_table(cases, "cases", &db, all_have_pages);
  if (!routine.empty()) s += routine_section(routine);
  s += page_end();
  return s;
}

ReportResult write_reports(store::Database& db, const ReportOptions& o) {
  std::filesystem::create_directories(o.out_dir);
  const std::filesystem::path dir(o.out_dir);
  ReportResult r;
  std::vector<std::int64_t> scope;  // events the index counts
  std::vector<std::int64_t> cases;  // events with a page
  std::set<std::uint32_t> vessels;
  if (o.event_id) {
    auto e = store::get_event(db, o.event_id);
    if (!e) throw std::runtime_error("no event " + std::to_string(o.event_id) + " in the store");
    scope.push_back(e->id);
    cases.push_back(e->id);  // any event, a routine visit too, when asked for by id
    for (auto m : e->event.vessels) vessels.insert(m);
  } else {
    store::EventFilter f;
    f.parse_fields = false;
    std::vector<std::uint32_t> mmsis;
    if (!o.vessel.empty()) {
      mmsis = store::resolve_vessel(db, o.vessel);
      if (mmsis.empty()) throw std::runtime_error("no vessel '" + o.vessel + "' in the store");
      f.vessels = mmsis;
      vessels.insert(mmsis.begin(), mmsis.end());
    }
    for (const auto& e : store::query_events(db, f)) {
      scope.push_back(e.id);
      if (!has_case_page(e)) {
        ++r.routine_visits;
        continue;
      }
      cases.push_back(e.id);
      if (o.all) vessels.insert(e.event.vessels.begin(), e.event.vessels.end());
    }
  }
  r.index_path = (dir / "index.html").string();
  // Without --all, the index lists the pages' scope (empty for a vessel without findings).
  write_file(r.index_path, index_page(db, o.all ? nullptr : &scope, o.event_id != 0));
  r.pages.push_back(r.index_path);
  for (auto id : cases) {
    auto path = (dir / case_file(id)).string();
    write_file(path, case_page(db, id, o.context_ms));
    r.pages.push_back(path);
  }
  for (auto m : vessels) {
    auto path = (dir / vessel_file(m)).string();
    write_file(path, vessel_page(db, m));
    r.pages.push_back(path);
  }
  r.cases = cases.size();
  r.vessels = vessels.size();
  return r;
}

}  // namespace seawarden::report
