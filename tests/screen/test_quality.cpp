// Quality floors on real labelled data (bench/screen_quality prints the full report).
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "screen/csv.h"
#include "screen/screening.h"
#include "support/test_data.h"

namespace scr = seawarden::screen;

TEST(Quality, NomenklaturaPairsF1AtDefaultThreshold) {
  SEAWARDEN_REQUIRE_DATA(path, "screening/nomenklatura/cases.csv");
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  scr::CsvReader r(text);
  std::vector<std::string> f;
  r.next(f);
  size_t tp = 0, fp = 0, fn = 0, n = 0;
  while (r.next(f)) {
    if (f.size() < 5) continue;
    ++n;
    bool match = f[4] == "true";
    bool predicted = scr::score_pair(f[2], f[3]) >= scr::kDefaultThreshold;
    tp += predicted && match;
    fp += predicted && !match;
    fn += !predicted && match;
  }
  ASSERT_EQ(n, 826u);
  double precision = double(tp) / double(tp + fp), recall = double(tp) / double(tp + fn);
  double f1 = 2 * precision * recall / (precision + recall);
  // 0.847 today: 0.856 before short Korean syllables differing in their first letter
  // (Jong / Tong) stopped pairing -- a trade made for DPRK precision. The aim is 0.85.
  EXPECT_GE(f1, 0.84) << "precision " << precision << " recall " << recall;
  EXPECT_GE(precision, 0.85);
}

TEST(Quality, EveryUnDprkAliasFindsItsOwnEntryFirst) {
  SEAWARDEN_REQUIRE_DATA(path, "sanctions/un/UN_consolidated.xml");
  scr::ListSet lists = scr::load_lists({path.string()});
  scr::Matcher matcher(lists);
  size_t queries = 0, first = 0;
  for (const auto& e : lists.entities) {
    if (std::find(e.programs.begin(), e.programs.end(), "DPRK") == e.programs.end()) continue;
    for (const auto& n : e.all_names()) {
      ++queries;
      auto ms = matcher.match(n.text, scr::MatchOptions::ranking(50));
      for (const auto& m : ms)
        if (m.entity == &e && m.score >= ms[0].score) { ++first; break; }
    }
  }
  ASSERT_GT(queries, 300u);
  EXPECT_GE(double(first) / double(queries), 0.98) << first << " of " << queries;
}
