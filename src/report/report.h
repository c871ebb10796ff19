// Evidence reports: self-contained HTML pages (inline SVG, CSS and JS; viewable with no
// network) for cases (events) and vessels, and an index of every case.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

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
};

// Throws std::runtime_error (unknown event or vessel, unwritable directory).
ReportResult write_reports(store::Database& db, const ReportOptions& options);

// Single pages, as strings (used by write_reports and tests).
std::string case_page(store::Database& db, std::int64_t event_id, std::int64_t context_ms = 2 * 3600'000);
std::string vessel_page(store::Database& db, std::uint32_t mmsi);
// The index lists the given cases (all when `only` is empty).
std::string index_page(store::Database& db, const std::vector<std::int64_t>& only = {});

// Ranking of kinds for listings, most significant first (sanctions_hit = 0).
int kind_priority(const std::string& kind);

// File names used for links between pages.
std::string case_file(std::int64_t event_id);  // "case-<id>.html"
std::string vessel_file(std::uint32_t mmsi);   // "vessel-<mmsi>.html"

}  // namespace seawarden::report
