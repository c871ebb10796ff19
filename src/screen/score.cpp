#include "screen/score.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "screen/normalize.h"

namespace seawarden::screen {
namespace {

constexpr float kKeySimilarity = 0.95f;
constexpr float kInitialSimilarity = 0.7f;
constexpr float kMinJaroWinkler = 0.84f;
constexpr float kExtraFactor = 0.25f;

// A token, or several adjacent tokens joined, inside one alignment.
struct Unit {
  std::string text, key, label;
  float weight;
  WordClass cls;
};

std::vector<Unit> units_of(const PreparedName& name) {
  std::vector<Unit> out;
  out.reserve(name.tokens.size());
  for (const auto& t : name.tokens) {
    if (t.cls == WordClass::honorific) continue;
    out.push_back({t.text, t.key, t.text, t.weight, t.cls});
  }
  if (out.empty())  // a name made only of honorifics still has to compare as something
    for (const auto& t : name.tokens) out.push_back({t.text, t.key, t.text, 1.0f, WordClass::normal});
  return out;
}

// Replaces runs of 2-3 units of `split` that spell one unit of `joined`.
void merge_joined(const std::vector<Unit>& joined, std::vector<Unit>& split) {
  for (const auto& target : joined) {
    if (target.text.size() < 4 || target.cls == WordClass::number) continue;
    for (size_t len = 3; len >= 2; --len) {
      if (split.size() < len) continue;
      for (size_t j = 0; j + len <= split.size(); ++j) {
        size_t total = 0;
        for (size_t k = j; k < j + len; ++k) total += split[k].text.size();
        if (total + 3 < target.text.size() || total > target.text.size() + 3) continue;
        std::string concat, label;
        for (size_t k = j; k < j + len; ++k) {
          concat += split[k].text;
          if (!label.empty()) label += ' ';
          label += split[k].label;
        }
        std::string key = concat == target.text ? target.key : phonetic_key(concat);
        if (concat != target.text && key != target.key) continue;
        float w = 0;
        for (size_t k = j; k < j + len; ++k) w = std::max(w, split[k].weight);
        Unit merged{std::move(concat), std::move(key), std::move(label), w, WordClass::normal};
        split.erase(split.begin() + static_cast<long>(j), split.begin() + static_cast<long>(j + len));
        split.insert(split.begin() + static_cast<long>(j), std::move(merged));
        goto next_target;
      }
    }
  next_target:;
  }
}

float unit_similarity(const Unit& a, const Unit& b, const char** rule) {
  const char* r = "";
  float s = 0;
  if (a.cls == WordClass::number || b.cls == WordClass::number) {
    if (a.text == b.text) { s = 1; r = "number"; }
  } else if (a.text == b.text) {
    s = 1; r = "exact";
  } else if (a.key == b.key) {
    s = kKeySimilarity; r = "romanization";
  } else if (a.text.size() == 1 || b.text.size() == 1) {
    if (a.text[0] == b.text[0]) { s = kInitialSimilarity; r = "initial"; }
  } else {
    // Jaro-Winkler is generous with short words (choe/hoe 0.92): demand more of them.
    size_t shorter = std::min(a.text.size(), b.text.size());
    float needed = shorter <= 4 ? 0.93f : shorter == 5 ? 0.88f : kMinJaroWinkler;
    float jw = std::max(jaro_winkler(a.text, b.text), kKeySimilarity * jaro_winkler(a.key, b.key));
    if (jw >= needed) { s = jw; r = "jaro-winkler"; }
  }
  if (rule) *rule = r;
  return s;
}

}  // namespace

void TokenStats::add_name(const std::vector<Token>& tokens) {
  ++names_;
  for (size_t i = 0; i < tokens.size(); ++i) {
    bool seen = false;
    for (size_t j = 0; j < i; ++j) seen |= tokens[j].key == tokens[i].key;
    if (!seen) ++df_[tokens[i].key];
  }
}

float TokenStats::rarity(const std::string& key) const {
  if (names_ < 100) return 1.0f;
  auto it = df_.find(key);
  if (it == df_.end()) return 1.0f;
  double n = static_cast<double>(names_);
  double r = std::log(n / (it->second + 1.0)) / std::log(n);
  return static_cast<float>(std::clamp(0.4 + 0.6 * r * 1.3, 0.4, 1.0));
}

PreparedName prepare_name(std::string_view text, const TokenStats* stats) {
  PreparedName p;
  p.original = std::string(text.substr(0, kMaxNameBytes));
  for (auto& t : name_tokens(text)) {
    Token tok;
    tok.cls = word_class(t);
    tok.key = phonetic_key(t);
    tok.weight = class_weight(tok.cls) * (stats ? stats->rarity(tok.key) : 1.0f);
    p.compact += t;
    tok.text = std::move(t);
    p.tokens.push_back(std::move(tok));
  }
  return p;
}

float jaro_winkler(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return a.empty() && b.empty() ? 1.0f : 0.0f;
  if (a == b) return 1.0f;
  constexpr size_t kMax = 64;
  a = a.substr(0, kMax);
  b = b.substr(0, kMax);
  const size_t la = a.size(), lb = b.size();
  const size_t window = std::max<size_t>(std::max(la, lb) / 2, 1) - 1;
  bool ma[kMax] = {}, mb[kMax] = {};
  size_t matches = 0;
  for (size_t i = 0; i < la; ++i) {
    size_t lo = i > window ? i - window : 0, hi = std::min(lb, i + window + 1);
    for (size_t j = lo; j < hi; ++j) {
      if (!mb[j] && a[i] == b[j]) { ma[i] = mb[j] = true; ++matches; break; }
    }
  }
  if (matches == 0) return 0.0f;
  size_t k = 0, transpositions = 0;
  for (size_t i = 0; i < la; ++i) {
    if (!ma[i]) continue;
    while (!mb[k]) ++k;
    if (a[i] != b[k]) ++transpositions;
    ++k;
  }
  double m = static_cast<double>(matches);
  double jaro = (m / la + m / lb + (m - transpositions / 2.0) / m) / 3.0;
  size_t prefix = 0;
  while (prefix < 4 && prefix < la && prefix < lb && a[prefix] == b[prefix]) ++prefix;
  return static_cast<float>(jaro + prefix * 0.1 * (1.0 - jaro));
}

float token_similarity(const Token& a, const Token& b, const char** rule) {
  Unit ua{a.text, a.key, a.text, a.weight, a.cls}, ub{b.text, b.key, b.text, b.weight, b.cls};
  return unit_similarity(ua, ub, rule);
}

float score_names(const PreparedName& query, const PreparedName& listed, ScoreExplanation* why) {
  std::vector<Unit> qa = units_of(query), lb = units_of(listed);
  if (qa.empty() || lb.empty()) {
    if (why) why->formula = "empty name";
    return 0.0f;
  }
  merge_joined(qa, lb);
  merge_joined(lb, qa);

  struct Cand { float sim; float weight; uint8_t i, j; const char* rule; };
  Cand cands[kMaxNameTokens * kMaxNameTokens];
  size_t n = 0;
  for (size_t i = 0; i < qa.size(); ++i)
    for (size_t j = 0; j < lb.size(); ++j) {
      const char* rule = "";
      float s = unit_similarity(qa[i], lb[j], &rule);
      if (s > 0) cands[n++] = {s, (qa[i].weight + lb[j].weight) / 2, static_cast<uint8_t>(i), static_cast<uint8_t>(j), rule};
    }
  std::sort(cands, cands + n, [](const Cand& x, const Cand& y) {
    return x.sim != y.sim ? x.sim > y.sim : x.weight > y.weight;
  });
  uint32_t used_q = 0, used_l = 0;  // at most kMaxNameTokens (24) units per side
  float paired_w = 0, paired_s = 0;
  int normal_pairs = 0;
  for (size_t c = 0; c < n; ++c) {
    const Cand& k = cands[c];
    if ((used_q >> k.i & 1u) || (used_l >> k.j & 1u)) continue;
    used_q |= 1u << k.i;
    used_l |= 1u << k.j;
    paired_w += k.weight;
    paired_s += k.weight * k.sim;
    if (qa[k.i].cls == WordClass::normal || qa[k.i].cls == WordClass::number) ++normal_pairs;
    if (why) why->pairs.push_back({qa[k.i].label, lb[k.j].label, k.sim, k.weight, k.rule});
  }
  float un_q = 0, un_l = 0;
  bool num_q = false, num_l = false, normal_unpaired = false;
  for (size_t i = 0; i < qa.size(); ++i)
    if (!(used_q >> i & 1u)) {
      un_q += qa[i].weight;
      num_q |= qa[i].cls == WordClass::number;
      normal_unpaired |= qa[i].cls == WordClass::normal;
      if (why) why->unpaired_query.push_back(qa[i].label);
    }
  for (size_t j = 0; j < lb.size(); ++j)
    if (!(used_l >> j & 1u)) {
      un_l += lb[j].weight;
      num_l |= lb[j].cls == WordClass::number;
      normal_unpaired |= lb[j].cls == WordClass::normal;
      if (why) why->unpaired_listed.push_back(lb[j].label);
    }
  float conflict = std::min(un_q, un_l);
  float extra = std::max(un_q, un_l) - conflict;
  float number_conflict = (num_q && num_l) ? 1.0f : 0.0f;
  float denom = paired_w + conflict + kExtraFactor * extra + number_conflict;
  float score = denom > 0 ? paired_s / denom : 0.0f;
  // Only legal forms and common words in common: not the same name.
  bool weak_only = normal_pairs == 0 && normal_unpaired;
  if (weak_only) score *= 0.5f;
  score = std::clamp(score, 0.0f, 1.0f);
  if (why) {
    why->paired_weight = paired_w;
    why->paired_score = paired_s;
    why->conflict = conflict;
    why->extra = extra;
    why->number_conflict = number_conflict;
    why->formula = fmt::format("{:.3f} / ({:.3f} paired + {:.3f} conflict + 0.25*{:.3f} extra{}){} = {:.3f}",
                               paired_s, paired_w, conflict, extra,
                               number_conflict > 0 ? " + 1 number conflict" : "",
                               weak_only ? " * 0.5 (only common words paired)" : "", score);
  }
  return score;
}

float score_pair(std::string_view a, std::string_view b, ScoreExplanation* why) {
  return score_names(prepare_name(a), prepare_name(b), why);
}

}  // namespace seawarden::screen
