// seawarden screening engine: sanctions lists, name normalization, scoring, matching.
//
// API (namespace seawarden::screen):
//   ListSet lists = load_lists({"../shared/data/sanctions/un/UN_consolidated.xml",
//                               ".../ofac-2021/sdn.csv", ".../eu/32017R1509.csv"});
//       // format recognised from content; throws ListLoadError (or collects errors)
//   Matcher matcher(lists);                         // builds the candidate index (keep lists alive)
//   std::vector<Match> m = matcher.match("Kim Jong Un", MatchOptions{.threshold = 0.8f});
//   std::vector<Match> v = matcher.find_vessel({.imo = "9187629", .mmsi = "", .call_sign = "",
//                                               .name = "CHONMASAN"});
//       // exact IMO (valid check digit) / MMSI / call sign -> score 1.0, method "imo"/...;
//       // else vessel names only: spacing/punctuation ignored, numbers must agree, <= 0.97
//   Match: entity (-> Entity: list, id, type, programs, name, aliases, identifiers, flags,
//          ...), score in [0,1], method, matched_name, explanation (token pairs), notes.
//   float score_pair("Kim Jong Un", "KIM, Jong-un");  // standalone pair score
//   nlohmann::json match_to_json(const Match&);       // the CLI's JSON form (match_json.h)
// Matcher is safe to share between threads for const use (per-thread scratch inside).
#pragma once

#include "screen/entity.h"
#include "screen/identifiers.h"
#include "screen/lists.h"
#include "screen/match_json.h"
#include "screen/matcher.h"
#include "screen/normalize.h"
#include "screen/score.h"
