// Screening quality report: how well seawarden's name score separates labelled pairs, how
// close it comes to OFAC's own search tool, and whether every UN DPRK alias finds its entry.
//
//   screen_quality [--data DIR] [--threshold T] [--pairs-out FILE]
//
// DIR defaults to the shared data directory (../shared/data). Prints a plain-text report;
// exits non-zero when a data file is missing.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <numeric>
#include <sstream>

#include "screen/csv.h"
#include "screen/screening.h"

namespace scr = seawarden::screen;

namespace {

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Pr {
  size_t tp = 0, fp = 0, fn = 0, tn = 0;
  double precision() const { return tp + fp ? double(tp) / double(tp + fp) : 1.0; }
  double recall() const { return tp + fn ? double(tp) / double(tp + fn) : 1.0; }
  double f1() const {
    double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
  }
};

struct Case {
  std::string group, schema, a, b;
  bool match;
  float score;
};

Pr evaluate(const std::vector<Case>& cases, float t) {
  Pr pr;
  for (const auto& c : cases) {
    bool predicted = c.score >= t;
    if (predicted && c.match) ++pr.tp;
    else if (predicted) ++pr.fp;
    else if (c.match) ++pr.fn;
    else ++pr.tn;
  }
  return pr;
}

void nomenklatura(const std::string& dir, float threshold, const std::string& pairs_out) {
  std::string text = read_all(dir + "/screening/nomenklatura/cases.csv");
  scr::CsvReader r(scr::strip_bom(text));
  std::vector<std::string> f;
  r.next(f);  // header: case_group,schema,name1,name2,is_match,quality,category,notes
  std::vector<Case> cases;
  while (r.next(f)) {
    if (f.size() < 5) continue;
    Case c{f[0], f[1], f[2], f[3], f[4] == "true", 0};
    c.score = scr::score_pair(c.a, c.b);
    cases.push_back(std::move(c));
  }
  Pr pr = evaluate(cases, threshold);
  fmt::print("== nomenklatura cases.csv: {} labelled pairs ({} matches)\n", cases.size(),
             std::count_if(cases.begin(), cases.end(), [](auto& c) { return c.match; }));
  fmt::print("at the default threshold {:.2f}: precision {:.3f}  recall {:.3f}  F1 {:.3f}  (tp {} fp {} fn {} tn {})\n",
             threshold, pr.precision(), pr.recall(), pr.f1(), pr.tp, pr.fp, pr.fn, pr.tn);
  fmt::print("(nomenklatura logic-v2 reaches F1 0.79 on these labels)\n");
  fmt::print("threshold sweep:");
  for (float t = 0.60f; t <= 0.951f; t += 0.05f) fmt::print("  {:.2f}: F1 {:.3f}", t, evaluate(cases, t).f1());
  fmt::print("\n");
  std::map<std::string, std::vector<Case>> by_group;
  for (auto& c : cases) by_group[c.group].push_back(c);
  for (auto& [g, cs] : by_group) {
    Pr p = evaluate(cs, threshold);
    fmt::print("  {:16s} n={:3d}  P {:.3f}  R {:.3f}  F1 {:.3f}\n", g, cs.size(), p.precision(), p.recall(), p.f1());
  }
  if (!pairs_out.empty()) {
    std::ofstream out(pairs_out);
    out << "case_group,schema,name1,name2,is_match,score,predicted\n";
    for (auto& c : cases)
      out << fmt::format("{},{},\"{}\",\"{}\",{},{:.3f},{}\n", c.group, c.schema, c.a, c.b, c.match ? "true" : "false",
                         c.score, c.score >= threshold ? "true" : "false");
  }
}

void ofac_fixtures(const std::string& dir) {
  std::string text = read_all(dir + "/screening/nomenklatura/ofac_fixtures.csv");
  scr::CsvReader r(scr::strip_bom(text));
  std::vector<std::string> f;
  r.next(f);  // query_name,result_name,ofac_score
  std::vector<double> ours, theirs;
  while (r.next(f)) {
    if (f.size() < 3 || f[2].empty()) continue;
    ours.push_back(scr::score_pair(f[0], f[1]));
    theirs.push_back(std::stod(f[2]) / 100.0);
  }
  size_t n = ours.size();
  double mae = 0, mo = 0, mt = 0;
  for (size_t i = 0; i < n; ++i) { mae += std::fabs(ours[i] - theirs[i]); mo += ours[i]; mt += theirs[i]; }
  mae /= double(n); mo /= double(n); mt /= double(n);
  double cov = 0, vo = 0, vt = 0;
  for (size_t i = 0; i < n; ++i) {
    cov += (ours[i] - mo) * (theirs[i] - mt);
    vo += (ours[i] - mo) * (ours[i] - mo);
    vt += (theirs[i] - mt) * (theirs[i] - mt);
  }
  // Rank agreement: of all pairs of results the two tools order, how many in the same order.
  size_t concordant = 0, discordant = 0;
  for (size_t i = 0; i < n; ++i)
    for (size_t j = i + 1; j < n; ++j) {
      double a = (ours[i] - ours[j]) * (theirs[i] - theirs[j]);
      if (a > 0) ++concordant;
      else if (a < 0) ++discordant;
    }
  fmt::print("\n== ofac_fixtures.csv: {} (query, result, OFAC score) rows\n", n);
  fmt::print("mean |seawarden - OFAC/100| {:.3f};  Pearson r {:.3f};  Kendall tau {:.3f}\n", mae,
             cov / std::sqrt(vo * vt), double(concordant - discordant) / double(concordant + discordant));
}

void un_dprk_aliases(const std::string& dir) {
  scr::ListSet lists = scr::load_lists({dir + "/sanctions/un/UN_consolidated.xml"});
  scr::Matcher matcher(lists);
  size_t queries = 0, first = 0, found = 0;
  std::vector<std::string> misses;
  for (const auto& e : lists.entities) {
    if (std::find(e.programs.begin(), e.programs.end(), "DPRK") == e.programs.end()) continue;
    for (const auto& n : e.all_names()) {
      ++queries;
      auto ms = matcher.match(n.text, scr::MatchOptions::ranking(50));
      // "first" allows ties with another entry at the same score (a name listed twice).
      bool is_first = false, any = false;
      for (size_t i = 0; i < ms.size(); ++i) {
        if (ms[i].entity != &e) continue;
        any = true;
        is_first = ms[i].score >= ms[0].score;
      }
      first += is_first;
      found += any;
      if (!is_first && misses.size() < 10)
        misses.push_back(fmt::format("{} '{}' -> {} '{}' {:.3f}", e.id, n.text, ms.empty() ? "-" : ms[0].entity->id,
                                     ms.empty() ? "" : ms[0].matched_name, ms.empty() ? 0.0 : ms[0].score));
    }
  }
  fmt::print("\n== UN DPRK entries: every listed name and alias queried alone\n");
  fmt::print("{} queries; own entry first: {} (recall {:.3f}); own entry anywhere: {}\n", queries, first,
             double(first) / double(queries), found);
  for (auto& m : misses) fmt::print("  miss: {}\n", m);
}

void cross_script(const std::string& dir) {
  std::string text = read_all(dir + "/screening/watchman/cross_script_pairs.csv");
  std::istringstream in(text);
  std::string line;
  size_t n = 0, ok = 0;
  fmt::print("\n== watchman cross_script_pairs.csv (their minimum scores are for their embedding model)\n");
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    scr::CsvReader r(line);
    std::vector<std::string> f;
    if (!r.next(f) || f.size() < 3) continue;
    float s = scr::score_pair(f[0], f[1]);
    float min = std::stof(f[2]);
    ++n;
    ok += s >= min;
    fmt::print("  {:.3f} (min {:.2f}) {} {} | {} -> '{}'\n", s, min, s >= min ? "ok  " : "LOW ", f[0], f[1], scr::fold_name(f[0]));
  }
  fmt::print("{} of {} pairs at or above watchman's minimum\n", ok, n);
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir = SEAWARDEN_SHARED_DATA, pairs_out;
  float threshold = scr::kDefaultThreshold;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--data") && i + 1 < argc) dir = argv[++i];
    else if (!std::strcmp(argv[i], "--threshold") && i + 1 < argc) threshold = std::stof(argv[++i]);
    else if (!std::strcmp(argv[i], "--pairs-out") && i + 1 < argc) pairs_out = argv[++i];
    else { std::fprintf(stderr, "usage: screen_quality [--data DIR] [--threshold T] [--pairs-out FILE]\n"); return 2; }
  }
  try {
    nomenklatura(dir, threshold, pairs_out);
    ofac_fixtures(dir);
    un_dprk_aliases(dir);
    cross_script(dir);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "screen_quality: %s\n", e.what());
    return 1;
  }
  return 0;
}
