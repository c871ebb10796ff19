// Evidence reports: self-contained HTML pages (inline SVG, CSS and JS; viewable with no
// network) for cases (events) and vessels, and an index of every case.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "store/queries.h"
#include "store/sqlite.h"

namespace seawarden::report {

struct ReportOptions {
  std::string out_dir;
  // What to write: one event, one vessel's cases, or everything.
  std::int64_t event_id = 0;
  std::string vessel;  // MMSI, IMO or name
  bool all = false;
  std::int64_t context_ms = 2 * 3600'000;  // track shown before and after an event
};

struct ReportResult {
  std::string index_path;         // index.html
  std::vector<std::string> pages;  // every page written (index first)
  std::size_t cases = 0, vessels = 0;
  std::size_t routine_visits = 0;  // zone visits listed on vessel pages and the index only
};

// Case pages: --all and --vessel write one for every finding except routine zone visits
// (port calls and passages at ordinary ports and anchorages, hundreds a day in a busy
// area), which appear in the index's counts and per-zone table and on the vessel pages.
// A zone visit is routine when its zone's kind is port or anchorage and nothing marks the
// zone as of interest (see zone_of_interest); every other zone kind (territorial_sea,
// transfer_area, restricted areas...) is of interest. `--event ID` writes any event's page.
bool has_case_page(const store::StoredEvent& e);
// A port or anchorage is of interest when its id, name or kind says so: "sensitive",
// "interest", "watch", "sanction", "restricted", "prohibited", "dprk", "north korea", the
// word "kp" or "prk", or the name of a DPRK seaport (Nampo, Songnim, Haeju, Chongjin, Rajin,
// Najin, Rason, Hungnam, Wonsan, Kimchaek, Sinpo, Sinuiju, Ryongampo, Tanchon).
bool zone_of_interest(std::string_view id, std::string_view name, std::string_view kind);

// Throws std::runtime_error (unknown event or vessel, unwritable directory).
ReportResult write_reports(store::Database& db, const ReportOptions& options);

// Single pages, as strings (used by write_reports and tests).
std::string case_page(store::Database& db, std::int64_t event_id, std::int64_t context_ms = 2 * 3600'000);
std::string vessel_page(store::Database& db, std::uint32_t mmsi);
// The index counts the given events (all when `only` is null) and lists those with a case
// page (every listed one when `all_have_pages`); routine zone visits are summed up by zone.
std::string index_page(store::Database& db, const std::vector<std::int64_t>* only = nullptr, bool all_have_pages = false);

// Ranking of kinds for listings, most significant first (sanctions_hit = 0).
int kind_priority(const std::string& kind);

// File names used for links between pages.
std::string case_file(std::int64_t event_id);  // "case-<id>.html"
std::string vessel_file(std::uint32_t mmsi);   // "vessel-<mmsi>.html"

}  // namespace seawarden::report
