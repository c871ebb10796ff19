// JSON form of screening results (the `seawarden screen` output contract).
#pragma once

#include <nlohmann/json.hpp>

#include <string_view>
#include <vector>

#include "screen/matcher.h"

namespace seawarden::screen {

// {"list","id","name","matched_name","type","programs","score","explanation":{...}}, keys in that order
nlohmann::ordered_json match_to_json(const Match& m);
// {"query": ..., "matches": [...]}
nlohmann::ordered_json result_to_json(std::string_view query, const std::vector<Match>& matches);
nlohmann::ordered_json explanation_to_json(const ScoreExplanation& why);

}  // namespace seawarden::screen
