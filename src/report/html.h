// Small helpers to write self-contained HTML (inline CSS and JS, no network).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace seawarden::report {

std::string esc(std::string_view text);  // HTML-escapes &, <, >, ", '
std::string fixed(double v, int decimals);
std::string utc(std::int64_t t_ms);        // "2024-05-09 03:10Z"
std::string utc_full(std::int64_t t_ms);   // ISO-8601 as stored
std::string hours_text(std::int64_t ms);   // "5.2 h"

// <!doctype html> ... <body>, with the shared stylesheet and the table-sorting script.
std::string page_begin(std::string_view title, std::string_view subtitle = {});
std::string page_end();

}  // namespace seawarden::report
