// `seawarden screen`: screens names against sanctions lists (see docs/screening.md).
#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/command.h"
#include "screen/csv.h"
#include "screen/screening.h"
#include "store/terminal_text.h"

namespace {

namespace scr = seawarden::screen;

struct Opts {
  std::vector<std::string> lists;
  float threshold = scr::kDefaultThreshold;
  size_t limit = 10;
  std::string type;
  std::string format = "jsonl";
  std::string batch;
  std::vector<std::string> queries;
};

struct Query {
  std::string name;
  scr::MatchOptions options;
};

// One name per line, or a CSV whose header has `name` (and optionally type, country, dob).
bool read_batch(std::istream& in, const scr::MatchOptions& base, std::vector<Query>& out) {
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::string_view body = scr::strip_bom(text);
  std::string first(body.substr(0, body.find_first_of("\r\n")));
  std::vector<std::string> header;
  bool csv = false;
  {
    scr::CsvReader r(first);
    if (r.next(header))
      for (auto& h : header) {
        h = scr::trim(h);
        std::transform(h.begin(), h.end(), h.begin(), [](unsigned char c) { return std::tolower(c); });
        if (h == "name" && header.size() > 1) csv = true;
      }
    if (header.size() == 1 && header[0] == "name") csv = true;
  }
  if (!csv) {
    size_t start = 0;
    while (start <= body.size()) {
      size_t end = body.find('\n', start);
      if (end == std::string_view::npos) end = body.size();
      std::string line = scr::trim(body.substr(start, end - start));
      if (!line.empty()) out.push_back({line, base});
      if (end == body.size()) break;
      start = end + 1;
    }
    return true;
  }
  auto col = [&](const char* name) -> int {
    for (size_t i = 0; i < header.size(); ++i)
      if (header[i] == name) return static_cast<int>(i);
    return -1;
  };
  int name_col = col("name"), type_col = col("type"), country_col = col("country"), dob_col = col("dob");
  scr::CsvReader reader(body);
  std::vector<std::string> f;
  reader.next(f);  // header
  try {
    while (reader.next(f)) {
      if (f.size() == 1 && scr::trim(f[0]).empty()) continue;
      auto get = [&](int c) { return c >= 0 && static_cast<size_t>(c) < f.size() ? scr::trim(f[static_cast<size_t>(c)]) : std::string{}; };
      Query q{get(name_col), base};
      scr::EntityType t;
      std::string type = get(type_col);
      if (!type.empty()) {
        if (!scr::parse_entity_type(type, t)) {
          std::fprintf(stderr, "seawarden screen: batch line %zu: unknown type '%s' (ignored)\n", reader.line(),
                       seawarden::store::terminal_safe(type).c_str());
        } else {
          q.options.type = t;
        }
      }
      q.options.country = get(country_col);
      q.options.dob = get(dob_col);
      out.push_back(std::move(q));
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "seawarden screen: batch: %s\n", e.what());
    return false;
  }
  return true;
}

// Queries (a batch file's lines) and list entries are shown with their control characters
// escaped: a list or a batch file is text from outside.
void print_table(const std::string& query, const std::vector<scr::Match>& matches) {
  using seawarden::store::terminal_safe;
  std::printf("%s\n", terminal_safe(query).c_str());
  if (matches.empty()) {
    std::printf("  (no match at or above the threshold)\n");
    return;
  }
  std::printf("  %-5s  %-6s %-22s %-12s %-30s %s\n", "score", "list", "id", "type", "name", "matched name");
  for (const auto& m : matches) {
    std::string programs;
    for (auto& p : m.entity->programs) programs += (programs.empty() ? "" : ",") + p;
    std::printf("  %.3f  %-6s %-22s %-12s %-30s %s [%s]\n", m.score, terminal_safe(m.entity->list).c_str(),
                terminal_safe(m.entity->id).c_str(), std::string(scr::to_string(m.entity->type)).c_str(),
                terminal_safe(m.entity->name).c_str(), terminal_safe(m.matched_name).c_str(),
                terminal_safe(programs).c_str());
  }
}

bool looks_like_path(const std::string& s) {
  if (s.find('/') != std::string::npos) return true;
  for (const char* ext : {".xml", ".csv", ".json", ".jsonl", ".XML", ".CSV"})
    if (s.size() > std::strlen(ext) && s.ends_with(ext)) return true;
  std::error_code ec;
  return std::filesystem::exists(s, ec);
}

int run(Opts o) {
  // `--lists A B QUERY...`: CLI11 hands every word to --lists; the first word after the
  // first list that is neither an existing path nor shaped like one starts the queries.
  // (`--lists A B -- QUERY...` is the unambiguous spelling.)
  for (size_t i = 1; i < o.lists.size(); ++i) {
    if (looks_like_path(o.lists[i])) continue;
    o.queries.insert(o.queries.begin(), o.lists.begin() + static_cast<long>(i), o.lists.end());
    o.lists.resize(i);
    break;
  }
  scr::MatchOptions base;
  base.threshold = o.threshold;
  base.limit = o.limit;
  if (!o.type.empty()) {
    scr::EntityType t;
    if (!scr::parse_entity_type(o.type, t)) {
      std::fprintf(stderr, "seawarden screen: --type must be person, organization or vessel\n");
      return seawarden::cli::kExitUsage;
    }
    base.type = t;
  }
  std::vector<Query> queries;
  if (!o.batch.empty()) {
    bool ok;
    if (o.batch == "-") {
      ok = read_batch(std::cin, base, queries);
    } else {
      std::ifstream in(o.batch, std::ios::binary);
      if (!in) {
        std::fprintf(stderr, "seawarden screen: cannot open batch file %s\n", o.batch.c_str());
        return seawarden::cli::kExitFailure;
      }
      ok = read_batch(in, base, queries);
    }
    if (!ok) return seawarden::cli::kExitFailure;
  }
  for (const auto& q : o.queries) queries.push_back({q, base});
  if (queries.empty()) {
    std::fprintf(stderr, "seawarden screen: give names to screen, or --batch FILE|-\n");
    return seawarden::cli::kExitUsage;
  }
  scr::ListSet lists;
  try {
    lists = scr::load_lists(o.lists);
  } catch (const scr::ListLoadError& e) {
    std::fprintf(stderr, "seawarden screen: %s\n", seawarden::store::terminal_safe(e.what()).c_str());  // may quote a list
    return seawarden::cli::kExitFailure;
  }
  if (lists.entities.empty()) {
    std::fprintf(stderr, "seawarden screen: no list entries loaded from the given --lists\n");
    return seawarden::cli::kExitFailure;
  }
  scr::Matcher matcher(lists);
  int empty_queries = 0;
  for (const auto& q : queries) {
    std::vector<scr::Match> matches;
    if (scr::fold_name(q.name).empty()) ++empty_queries;
    else if (q.options.type == scr::EntityType::vessel) {
      matches = matcher.find_vessel({"", "", "", q.name}, q.options);
      // Vessel names that the conservative rules miss still get the general name score.
      if (matches.empty()) matches = matcher.match(q.name, q.options);
    } else {
      matches = matcher.match(q.name, q.options);
    }
    if (o.format == "table") print_table(q.name, matches);
    else std::cout << scr::result_to_json(q.name, matches).dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
  }
  std::cout.flush();
  if (empty_queries > 0)
    std::fprintf(stderr, "seawarden screen: %d quer%s had no letters or digits to match (no matches given)\n",
                 empty_queries, empty_queries == 1 ? "y" : "ies");
  return seawarden::cli::kExitOk;
}

seawarden::cli::Registrar reg(40, [](CLI::App& app) {
  auto* sub = app.add_subcommand("screen", "Screen names (people, companies, vessels) against sanctions lists");
  auto opts = std::make_shared<Opts>();
  sub->add_option("--lists", opts->lists, "List files or directories (UN XML, OFAC CSV/XML, EU, UK, FtM JSON)")
      ->required()->expected(1, -1);
  sub->add_option("--threshold", opts->threshold,
                  fmt::format("Lowest score reported, in [0,1] (default {:.2f})", scr::kDefaultThreshold))
      ->check(CLI::Range(0.0, 1.0));
  sub->add_option("--limit", opts->limit, "Most matches per query (default 10)");
  sub->add_option("--type", opts->type, "Only entities of this type: person, organization or vessel");
  sub->add_option("--format", opts->format, "jsonl (default) or table")->check(CLI::IsMember({"jsonl", "table"}));
  sub->add_option("--batch", opts->batch, "File of names (one per line, or CSV with a name column), - for stdin");
  sub->add_option("queries", opts->queries, "Names to screen");
  sub->callback([opts] { seawarden::cli::set_exit_code(run(*opts)); });  // run() takes a copy
});

}  // namespace
