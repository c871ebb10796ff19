#include "screen/match_json.h"

#include <cmath>

namespace seawarden::screen {
namespace {
double round3(double v) { return std::round(v * 1000.0) / 1000.0; }
}  // namespace

nlohmann::ordered_json explanation_to_json(const ScoreExplanation& why) {
  nlohmann::ordered_json pairs = nlohmann::ordered_json::array();
  for (const auto& p : why.pairs)
    pairs.push_back({{"query", p.query_token}, {"listed", p.listed_token}, {"similarity", round3(p.similarity)},
                     {"weight", round3(p.weight)}, {"rule", p.rule}});
  return {{"token_pairs", pairs},
          {"unpaired_query_tokens", why.unpaired_query},
          {"unpaired_listed_tokens", why.unpaired_listed},
          {"formula", why.formula}};
}

nlohmann::ordered_json match_to_json(const Match& m) {
  const Entity& e = *m.entity;
  nlohmann::ordered_json expl;
  expl["method"] = m.method;
  expl["matched_name_quality"] = to_string(m.matched_quality);
  if (m.method == "name" && !m.explanation.formula.empty()) {
    auto x = explanation_to_json(m.explanation);
    for (auto& [k, v] : x.items()) expl[k] = v;
  }
  if (!m.notes.empty()) expl["notes"] = m.notes;
  nlohmann::ordered_json j = {{"list", e.list},
                      {"id", e.id},
                      {"name", e.name},
                      {"matched_name", m.matched_name},
                      {"type", to_string(e.type)},
                      {"programs", e.programs},
                      {"score", round3(m.score)}};
  nlohmann::ordered_json ids = nlohmann::ordered_json::object();
  for (const auto& id : e.identifiers)
    if (id.kind == "imo" || id.kind == "mmsi" || id.kind == "call_sign") ids[id.kind] = id.value;
  if (!ids.empty()) j["identifiers"] = ids;
  j["explanation"] = expl;
  return j;
}

nlohmann::ordered_json result_to_json(std::string_view query, const std::vector<Match>& matches) {
  nlohmann::ordered_json arr = nlohmann::ordered_json::array();
  for (const auto& m : matches) arr.push_back(match_to_json(m));
  return {{"query", std::string(query)}, {"matches", arr}};
}

}  // namespace seawarden::screen
