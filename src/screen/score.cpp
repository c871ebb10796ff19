#include "screen/score.h"

#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <cmath>

#include "screen/hanja.h"
#include "screen/normalize.h"

namespace seawarden::screen {
namespace {

constexpr float kKeySimilarity = 0.95f;
constexpr float kInitialSimilarity = 0.88f;
constexpr float kMinEditSimilarity = 0.6f;
constexpr float kSkeletonSimilarity = 0.85f;
// Pairs below this similarity count their shortfall twice (a near miss is not a match).
constexpr float kFullSimilarity = 0.88f;
constexpr float kShuffledFactor = 0.85f;
// Weights of unpaired words (tuned on nomenklatura's labelled pairs, see docs/screening.md):
// words on both sides that pair with nothing mean another person; words on one side only
// are mostly middle names, patronymics and qualifiers.
constexpr float kConflictFactor = 2.0f;
constexpr float kExtraFactor = 0.15f;

// A token, or several adjacent tokens joined, inside one alignment.
// Views into the prepared names, or into pool() for joined tokens.
struct Unit {
  std::string_view text, key, label;
  float weight;
  WordClass cls;
};

// Storage for joined tokens; cleared at the start of each score (deque keeps views valid).
std::deque<std::string>& pool() {
  thread_local std::deque<std::string> p;
  return p;
}
std::string_view keep(std::string s) { return pool().emplace_back(std::move(s)); }

// Letters that romanizations swap at the start of a word; a cheap test before computing a key.
char initial_group(char c) {
  switch (c) {
    case 'g': case 'k': case 'c': case 'q': return 'k';
    case 'b': case 'p': return 'p';
    case 'd': case 't': return 't';
    case 'j': case 'z': case 'x': case 's': return 's';
    case 'w': case 'v': return 'v';
    case 'y': case 'i': case 'e': return 'i';
    default: return c;
  }
}

void units_of(const PreparedName& name, std::vector<Unit>& out) {
  out.clear();
  for (const auto& t : name.tokens) {
    if (t.cls == WordClass::honorific) continue;
    out.push_back({t.text, t.key, t.text, t.weight, t.cls});
  }
  if (out.empty())  // a name made only of honorifics still has to compare as something
    for (const auto& t : name.tokens) out.push_back({t.text, t.key, t.text, 1.0f, WordClass::normal});
}

// Replaces runs of 2-3 units of `split` that spell one unit of `joined`.
void merge_joined(const std::vector<Unit>& joined, std::vector<Unit>& split) {
  for (const auto& target : joined) {
    if (target.text.size() < 2 || target.cls == WordClass::number) continue;
    for (size_t len = std::min<size_t>(4, target.text.size()); len >= 2; --len) {
      if (split.size() < len) continue;
      for (size_t j = 0; j + len <= split.size(); ++j) {
        size_t total = 0;
        for (size_t k = j; k < j + len; ++k) total += split[k].text.size();
        if (total + 3 < target.text.size() || total > target.text.size() + 3) continue;
        if (initial_group(split[j].text[0]) != initial_group(target.text[0]) && split[j].text[0] != target.text[0]) continue;
        std::string concat, label;
        for (size_t k = j; k < j + len; ++k) {
          concat += split[k].text;
          if (!label.empty()) label += ' ';
          label += split[k].label;
        }
        // Initials spell an acronym or joined initials ("PLA", "JC" for Jean-Claude).
        bool initials = false;
        if (concat != target.text && target.text.size() == len) {
          initials = true;
          for (size_t k = j; k < j + len; ++k) initials &= split[k].text[0] == target.text[k - j];
        }
        if (target.text.size() < 4 && concat != target.text && !initials) continue;
        std::string key = concat == target.text || initials ? std::string(target.key) : phonetic_key(concat);
        if (concat != target.text && key != target.key) continue;
        float w = 0;
        for (size_t k = j; k < j + len; ++k) w = std::max(w, split[k].weight);
        if (target.cls != WordClass::normal) w = target.weight;
        Unit merged{initials ? target.text : keep(std::move(concat)), keep(std::move(key)), keep(std::move(label)), w,
                    target.cls};
        split.erase(split.begin() + static_cast<long>(j), split.begin() + static_cast<long>(j + len));
        split.insert(split.begin() + static_cast<long>(j), std::move(merged));
        goto next_target;
      }
    }
  next_target:;
  }
}

bool has_vowel(std::string_view t) {
  return t.find_first_of("aeiou") != std::string_view::npos;
}

// Consonant skeleton: what abjad scripts (Arabic, Hebrew) keep of a name once
// transliterated ("mhmd" for Mohamed, "hsn" for Hassan).
std::string skeleton(std::string_view t) {
  std::string out;
  for (char c : t) {
    if (std::string_view("aeiouyw'").find(c) != std::string_view::npos) continue;
    if (!out.empty() && out.back() == c) continue;
    out += c;
  }
  return out;
}

// Optimal-string-alignment distance (edits and adjacent transpositions), capped inputs.
int osa_distance(std::string_view a, std::string_view b) {
  constexpr size_t kMax = 40;
  a = a.substr(0, kMax);
  b = b.substr(0, kMax);
  int d[kMax + 1][kMax + 1];
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = static_cast<int>(i);
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i)
    for (size_t j = 1; j <= b.size(); ++j) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      int v = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) v = std::min(v, d[i - 2][j - 2] + 1);
      d[i][j] = v;
    }
  return d[a.size()][b.size()];
}

// 1 - edits/length, but a single typo in a word of 3+ letters keeps 0.9.
float edit_similarity(std::string_view a, std::string_view b) {
  if (a == b) return 1.0f;
  size_t longer = std::max(a.size(), b.size()), shorter = std::min(a.size(), b.size());
  if (longer - shorter > longer / 2) return 0.0f;  // below any useful similarity anyway
  // Edits are at least the letters of the longer word the shorter one lacks.
  // (Letters folded into 64 bins: a shared bin can only raise `common`, so the test stays safe.)
  uint8_t counts[64] = {};
  for (char c : a) ++counts[static_cast<unsigned char>(c) & 63];
  size_t common = 0;
  for (char c : b) {
    unsigned char u = static_cast<unsigned char>(c) & 63;
    if (counts[u]) { --counts[u]; ++common; }
  }
  if (1.0f - static_cast<float>(longer - common) / static_cast<float>(longer) < kMinEditSimilarity) return 0.0f;
  int dist = osa_distance(a, b);
  float s = 1.0f - static_cast<float>(dist) / static_cast<float>(longer);
  if (dist == 1 && shorter >= 3) s = std::max(s, 0.9f);
  return s;
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
    float e = edit_similarity(a.text, b.text);
    if (e < 0.97f) e = std::max(e, 0.97f * edit_similarity(a.key, b.key));
    // In short words a different first letter is a different name (Jong / Tong / Song).
    if (std::min(a.text.size(), b.text.size()) <= 4 && a.text[0] != b.text[0] && a.key[0] != b.key[0] &&
        a.cls == WordClass::normal && b.cls == WordClass::normal)
      e = 0;
    if (e >= kMinEditSimilarity) { s = e; r = "edit-distance"; }
    // Abjad transliterations carry no vowels: compare consonant skeletons.
    if (s < kSkeletonSimilarity && (!has_vowel(a.text) || !has_vowel(b.text)) &&
        std::min(a.text.size(), b.text.size()) >= 2 && skeleton(a.text) == skeleton(b.text) &&
        !skeleton(a.text).empty()) {
      s = kSkeletonSimilarity; r = "consonant skeleton";
    }
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

namespace {

// "Ig0r Sech1n": digits standing for letters inside a word.
void undo_leetspeak(std::string& t) {
  size_t letters = 0, digits = 0;
  for (char c : t) (c >= '0' && c <= '9' ? digits : letters) += 1;
  if (digits == 0 || letters < 3 || digits > 2) return;
  if (t.back() >= '0' && t.back() <= '9' && t.front() >= 'a') {
    // "sech1n" yes, but "kim2" (a suffix) no.
    bool inner = false;
    for (size_t i = 0; i + 1 < t.size(); ++i) inner |= t[i] >= '0' && t[i] <= '9';
    if (!inner) return;
  }
  static const char kMap[] = "oizeasbtbg";  // 0 1 2 3 4 5 6 7 8 9
  for (char& c : t)
    if (c >= '0' && c <= '9') c = kMap[c - '0'];
}

int number_word(std::string_view t) {
  static const std::pair<std::string_view, int> kWords[] = {
      {"zero", 0}, {"one", 1}, {"two", 2}, {"three", 3}, {"four", 4}, {"five", 5}, {"six", 6},
      {"seven", 7}, {"eight", 8}, {"nine", 9}, {"ten", 10}, {"eleven", 11}, {"twelve", 12},
      {"thirteen", 13}, {"fourteen", 14}, {"fifteen", 15}, {"sixteen", 16}, {"seventeen", 17},
      {"eighteen", 18}, {"nineteen", 19}, {"twenty", 20}, {"thirty", 30}, {"forty", 40},
      {"fourty", 40}, {"fifty", 50}, {"sixty", 60}, {"seventy", 70}, {"eighty", 80}, {"ninety", 90},
      {"first", 1}, {"second", 2}, {"third", 3}, {"1st", 1}, {"2nd", 2}, {"3rd", 3}};
  for (auto& [w, v] : kWords)
    if (t == w) return v;
  if (t.size() >= 3 && t.size() <= 5 && (t.ends_with("th") || t.ends_with("st") || t.ends_with("nd") || t.ends_with("rd"))) {
    int v = 0;
    for (size_t i = 0; i + 2 < t.size() + 0 && i < t.size() - 2; ++i) {
      if (t[i] < '0' || t[i] > '9') return -1;
      v = v * 10 + (t[i] - '0');
    }
    return v;
  }
  return -1;
}

// Number words to digits: "Forty-Four" / "forty 4" -> "44", "Three" -> "3", "1st" -> "1".
void numbers_as_digits(std::vector<std::string>& tokens) {
  std::vector<std::string> out;
  for (size_t i = 0; i < tokens.size(); ++i) {
    int v = number_word(tokens[i]);
    if (v < 0) { out.push_back(std::move(tokens[i])); continue; }
    if (v >= 20 && v % 10 == 0 && i + 1 < tokens.size()) {
      int u = number_word(tokens[i + 1]);
      if (u < 0 && tokens[i + 1].size() == 1 && tokens[i + 1][0] >= '1' && tokens[i + 1][0] <= '9') u = tokens[i + 1][0] - '0';
      if (u >= 1 && u <= 9) { v += u; ++i; }
    }
    out.push_back(std::to_string(v));
  }
  tokens = std::move(out);
}

}  // namespace

PreparedName prepare_name(std::string_view text, const TokenStats* stats) {
  PreparedName p;
  p.original = std::string(text.substr(0, kMaxNameBytes));
  std::vector<std::string> raw = name_tokens(text);
  for (auto& t : raw) undo_leetspeak(t);
  numbers_as_digits(raw);
  for (auto& t : raw) {
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
  thread_local std::vector<Unit> qa, lb;  // reused: no allocation per candidate
  pool().clear();
  units_of(query, qa);
  units_of(listed, lb);
  if (qa.empty() || lb.empty()) {
    if (why) why->formula = "empty name";
    return 0.0f;
  }
  // Only the name with more words can hold a split spelling of the other's joined word.
  if (lb.size() != qa.size()) {
    merge_joined(qa, lb);
    merge_joined(lb, qa);
  }

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
  uint32_t used_q = 0, used_l = 0;
  std::pair<uint8_t, uint8_t> pair_of[kMaxNameTokens];
  size_t npairs = 0;  // at most kMaxNameTokens (24) units per side
  float paired_w = 0, paired_s = 0;
  int normal_pairs = 0;
  for (size_t c = 0; c < n; ++c) {
    const Cand& k = cands[c];
    if ((used_q >> k.i & 1u) || (used_l >> k.j & 1u)) continue;
    used_q |= 1u << k.i;
    used_l |= 1u << k.j;
    paired_w += k.weight;
    float effective = k.sim >= kFullSimilarity ? k.sim : std::max(0.0f, 2 * k.sim - kFullSimilarity);
    paired_s += k.weight * effective;
    if (qa[k.i].cls == WordClass::normal || qa[k.i].cls == WordClass::number) ++normal_pairs;
    pair_of[npairs++] = {k.i, k.j};
    if (why) why->pairs.push_back({std::string(qa[k.i].label), std::string(lb[k.j].label), k.sim, k.weight, k.rule});
  }
  // Name order may rotate (KIM Jong Un / Jong Un KIM) but not shuffle: "SALMAN BIN
  // MUHAMMAD" and "MUHAMMAD BIN SALMAN" are father and son.
  bool shuffled = false;
  {
    std::sort(pair_of, pair_of + npairs);  // query order
    size_t m = npairs, descents = 0;
    for (size_t i = 0; i < m; ++i)
      if (pair_of[(i + 1) % m].second < pair_of[i].second) ++descents;
    shuffled = m >= 3 && descents > 1;
  }
  float un_q = 0, un_l = 0, legal_q = 0, legal_l = 0;
  bool num_q = false, num_l = false, normal_unpaired = false;
  for (size_t i = 0; i < qa.size(); ++i)
    if (!(used_q >> i & 1u)) {
      (qa[i].cls == WordClass::legal_form ? legal_q : un_q) += qa[i].weight;
      num_q |= qa[i].cls == WordClass::number;
      normal_unpaired |= qa[i].cls == WordClass::normal;
      if (why) why->unpaired_query.emplace_back(qa[i].label);
    }
  for (size_t j = 0; j < lb.size(); ++j)
    if (!(used_l >> j & 1u)) {
      (lb[j].cls == WordClass::legal_form ? legal_l : un_l) += lb[j].weight;
      num_l |= lb[j].cls == WordClass::number;
      normal_unpaired |= lb[j].cls == WordClass::normal;
      if (why) why->unpaired_listed.emplace_back(lb[j].label);
    }
  // Different legal forms (OOO / LLC) are never a conflict, only extra words.
  float conflict = std::min(un_q, un_l);
  float extra = std::max(un_q, un_l) - conflict + std::max(legal_q, legal_l);
  float number_conflict = (num_q && num_l) ? 1.0f : 0.0f;
  float denom = paired_w + kConflictFactor * conflict + kExtraFactor * extra + number_conflict;
  float score = denom > 0 ? paired_s / denom : 0.0f;
  // Only legal forms and common words in common: not the same name.
  bool weak_only = normal_pairs == 0 && normal_unpaired;
  if (weak_only) score *= 0.5f;
  if (shuffled) score *= kShuffledFactor;
  score = std::clamp(score, 0.0f, 1.0f);
  if (why) {
    why->paired_weight = paired_w;
    why->paired_score = paired_s;
    why->conflict = conflict;
    why->extra = extra;
    why->number_conflict = number_conflict;
    why->formula = fmt::format("{:.3f} / ({:.3f} paired + 2*{:.3f} conflict + 0.15*{:.3f} extra{}){} = {:.3f}",
                               paired_s, paired_w, conflict, extra,
                               number_conflict > 0 ? " + 1 number conflict" : "",
                               std::string(weak_only ? " * 0.5 (only common words paired)" : "") +
                                   (shuffled ? " * 0.85 (name parts in another order, not a rotation)" : ""),
                               score);
  }
  return score;
}

float score_pair(std::string_view a, std::string_view b, ScoreExplanation* why) {
  // Chinese characters may write a Korean name (金正恩 = 김정은): each side read in Korean too.
  std::string ka, kb;
  int chars_a = 0, chars_b = 0;
  std::vector<PreparedName> as = {prepare_name(a)}, bs = {prepare_name(b)};
  if (hanja_to_hangul(a, ka, &chars_a)) as.push_back(prepare_name(ka));
  if (hanja_to_hangul(b, kb, &chars_b)) bs.push_back(prepare_name(kb));
  float best = score_names(as[0], bs[0], why);
  const float factor = korean_reading_factor(std::max(chars_a, chars_b));
  for (std::size_t i = 0; i < as.size(); ++i)
    for (std::size_t j = i == 0 ? 1 : 0; j < bs.size(); ++j) {  // (the pair as written is scored above)
      ScoreExplanation e;
      const float s = factor * score_names(as[i], bs[j], why ? &e : nullptr);
      if (s <= best) continue;
      best = s;
      if (why) {
        *why = std::move(e);
        why->formula += fmt::format(" x{:.2f} (Chinese characters read in Korean)", factor);
      }
    }
  return best;
}

}  // namespace seawarden::screen
