#include "screen/matcher.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "screen/hanja.h"
#include "screen/identifiers.h"
#include "screen/normalize.h"

namespace seawarden::screen {
namespace {

// Highest score first (ties by list id, for stable output), at most `limit`.
void best_first(std::vector<Match>& matches, size_t limit) {
  std::sort(matches.begin(), matches.end(), [](const Match& a, const Match& b) {
    return a.score != b.score ? a.score > b.score : a.entity->id < b.entity->id;
  });
  if (matches.size() > limit) matches.resize(limit);
}

constexpr size_t kMaxCandidates = 12;      // fully scored per query (best by shared index keys)
constexpr size_t kMaxPostingLength = 3000;  // longer lists (very common words) are not walked

// Per-thread scratch for candidate accumulation (no allocation per query).
struct Scratch {
  std::vector<float> weight;
  std::vector<uint32_t> touched;
};
Scratch& scratch(size_t n) {
  thread_local Scratch s;
  if (s.weight.size() < n) s.weight.assign(n, 0.0f);
  return s;
}

std::string year_of(std::string_view date) {
  for (size_t i = 0; i + 4 <= date.size(); ++i) {
    bool digits = true;
    for (size_t k = 0; k < 4; ++k) digits &= std::isdigit(static_cast<unsigned char>(date[i + k])) != 0;
    if (digits) return std::string(date.substr(i, 4));
  }
  return {};
}

bool contains_ci(std::string_view hay, std::string_view needle) {
  if (needle.empty() || needle.size() > hay.size()) return false;
  for (size_t i = 0; i + needle.size() <= hay.size(); ++i) {
    size_t k = 0;
    while (k < needle.size() && std::tolower(static_cast<unsigned char>(hay[i + k])) ==
                                    std::tolower(static_cast<unsigned char>(needle[k])))
      ++k;
    if (k == needle.size()) return true;
  }
  return false;
}

// Strips vessel prefixes (MV, M/V, MT, M.T.) that lists do not carry.
PreparedName vessel_prepared(std::string_view name, const TokenStats* stats) {
  PreparedName p = prepare_name(name, stats);
  size_t drop = 0;
  if (p.tokens.size() > 1) {
    const std::string& t = p.tokens[0].text;
    if (t == "mv" || t == "mt" || t == "ms" || t == "fv") drop = 1;
    else if (t == "m" && p.tokens.size() > 2 && (p.tokens[1].text == "v" || p.tokens[1].text == "t")) drop = 2;
  }
  if (drop) {
    p.tokens.erase(p.tokens.begin(), p.tokens.begin() + static_cast<long>(drop));
    p.compact.clear();
    for (auto& tok : p.tokens) p.compact += tok.text;
  }
  return p;
}

void split_vessel(const PreparedName& p, std::string& letters, std::vector<std::string>& numbers) {
  for (const auto& t : p.tokens) {
    if (t.cls == WordClass::number) numbers.push_back(t.text);
    else letters += t.text;
  }
  std::sort(numbers.begin(), numbers.end());
}

}  // namespace

std::vector<std::pair<std::string, float>> index_keys(const PreparedName& name) {
  std::vector<std::pair<std::string, float>> keys;
  const auto& t = name.tokens;
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i].cls == WordClass::honorific || t[i].key.empty()) continue;
    keys.emplace_back("k:" + t[i].key, t[i].weight);
    if (t[i].key.size() >= 5 && t[i].cls != WordClass::number) {
      keys.emplace_back("p:" + t[i].key.substr(0, 4), 0.5f * t[i].weight);
      keys.emplace_back("s:" + t[i].key.substr(t[i].key.size() - 4), 0.5f * t[i].weight);
    }
    if (i + 1 < t.size() && t[i].cls != WordClass::number && t[i + 1].cls != WordClass::number)
      keys.emplace_back("k:" + phonetic_key(t[i].text + t[i + 1].text), t[i].weight);
  }
  if (t.size() >= 3 && t.size() <= 5) {
    std::string letters;
    for (const auto& tok : t)
      if (tok.cls != WordClass::number) letters += tok.text;
    keys.emplace_back("k:" + phonetic_key(letters), 1.0f);
  }
  return keys;
}

float vessel_name_score(const PreparedName& query, const PreparedName& listed, std::string* how) {
  std::string lq, ll;
  std::vector<std::string> nq, nl;
  split_vessel(query, lq, nq);
  split_vessel(listed, ll, nl);
  if (lq.empty() || ll.empty()) return 0.0f;
  if (nq != nl) {
    if (how) *how = "number suffixes differ";
    return 0.0f;
  }
  if (lq == ll) {
    if (how) *how = query.compact == listed.compact && query.tokens.size() == listed.tokens.size()
                        ? "same name" : "same name ignoring spacing and punctuation";
    return query.tokens.size() == listed.tokens.size() ? 0.97f : 0.96f;
  }
  if (phonetic_key(lq) == phonetic_key(ll)) {
    if (how) *how = "same name up to romanization (k/g, ch/j, eo/o ...)";
    return 0.92f;
  }
  float jw = jaro_winkler(lq, ll);
  if (jw >= 0.95f && std::min(lq.size(), ll.size()) >= 6) {
    if (how) *how = fmt::format("one-letter spelling difference (Jaro-Winkler {:.3f})", jw);
    return 0.9f * jw;
  }
  return 0.0f;
}

Matcher::Matcher(const ListSet& lists) : lists_(lists) {
  // Pass 1: token statistics (rarity) over every listed name.
  std::vector<std::pair<uint32_t, int32_t>> refs;
  for (uint32_t e = 0; e < lists.entities.size(); ++e) {
    const Entity& ent = lists.entities[e];
    if (!ent.name.empty()) refs.emplace_back(e, -1);
    for (int32_t a = 0; a < static_cast<int32_t>(ent.aliases.size()); ++a) refs.emplace_back(e, a);
    for (const auto& id : ent.identifiers) {
      if (id.kind == "imo") by_imo_[id.value].push_back(e);
      else if (id.kind == "mmsi") by_mmsi_[id.value].push_back(e);
      else if (id.kind == "call_sign") by_call_sign_[canonical_call_sign(id.value)].push_back(e);
    }
  }
  names_.reserve(refs.size());
  for (auto [e, a] : refs) {
    const Entity& ent = lists.entities[e];
    const std::string& text = a < 0 ? ent.name : ent.aliases[static_cast<size_t>(a)].text;
    names_.push_back({e, a, prepare_name(text)});
    stats_.add_name(names_.back().name.tokens);
  }
  // Pass 2: weights from rarity, then the postings.
  for (uint32_t i = 0; i < names_.size(); ++i) {
    for (auto& tok : names_[i].name.tokens) tok.weight = class_weight(tok.cls) * stats_.rarity(tok.key);
    auto keys = index_keys(names_[i].name);
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end(), [](auto& x, auto& y) { return x.first == y.first; }), keys.end());
    for (auto& [k, w] : keys) postings_[k].push_back(i);
  }
}

void Matcher::collect_candidates(const PreparedName& q, const std::optional<EntityType>& type,
                                 std::vector<uint32_t>& out, size_t max_candidates) const {
  Scratch& s = scratch(names_.size());
  s.touched.clear();
  auto keys = index_keys(q);
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end(), [](auto& x, auto& y) { return x.first == y.first; }), keys.end());
  // Exact keys first; the prefix/suffix keys (typos) only when no name has every word.
  float all_words = 0, best = 0;
  for (const auto& t : q.tokens)
    if (t.cls != WordClass::honorific) all_words += std::max(t.weight, 0.05f);
  for (int pass = 0; pass < 2; ++pass) {
    if (pass == 1 && best >= all_words - 1e-4f) break;
    for (const auto& [k, w] : keys) {
      if ((k[0] == 'k') != (pass == 0)) continue;
      auto it = postings_.find(k);
      if (it == postings_.end() || it->second.size() > kMaxPostingLength) continue;
      float weight = std::max(w, 0.05f);
      for (uint32_t id : it->second) {
        if (s.weight[id] == 0.0f) s.touched.push_back(id);
        s.weight[id] += weight;
        best = std::max(best, s.weight[id]);
      }
    }
  }
  out.clear();
  for (uint32_t id : s.touched) {
    if (!type || lists_.entities[names_[id].entity].type == *type) out.push_back(id);
  }
  if (out.size() > max_candidates) {
    std::nth_element(out.begin(), out.begin() + static_cast<long>(max_candidates), out.end(),
                     [&](uint32_t a, uint32_t b) { return s.weight[a] > s.weight[b]; });
    out.resize(max_candidates);
  }
  for (uint32_t id : s.touched) s.weight[id] = 0.0f;
}

void Matcher::refine(Match& m, const MatchOptions& options) const {
  const Entity& e = *m.entity;
  if (!options.dob.empty() && !e.birth_dates.empty()) {
    std::string year = year_of(options.dob);
    bool match = false;
    for (const auto& d : e.birth_dates) {
      std::string y = year_of(d);
      if (!year.empty() && y == year) match = true;
      // "1950/1955" ranges
      if (d.find('/') != std::string::npos && d.size() >= 9 && year >= d.substr(0, 4) && year <= d.substr(5, 4)) match = true;
    }
    if (!year.empty()) {
      float delta = match ? 0.05f : -0.10f;
      m.score = std::clamp(m.score + delta, 0.0f, 1.0f);
      m.notes.push_back(fmt::format("birth year {} {} listed dates: {:+.2f}", year, match ? "matches" : "differs from", delta));
    }
  }
  if (!options.country.empty()) {
    bool known = !e.nationalities.empty() || !e.addresses.empty() || !e.flags.empty();
    bool match = false;
    for (const auto* v : {&e.nationalities, &e.addresses, &e.flags})
      for (const auto& s : *v) match |= contains_ci(s, options.country);
    if (known) {
      float delta = match ? 0.03f : -0.05f;
      m.score = std::clamp(m.score + delta, 0.0f, 1.0f);
      m.notes.push_back(fmt::format("country '{}' {} nationality/address/flag: {:+.2f}", options.country,
                                    match ? "matches" : "not in", delta));
    }
  }
}

std::vector<Match> Matcher::match(std::string_view query, const MatchOptions& options) const {
  std::vector<Match> out = match_one(query, options);
  // Chinese characters may write a Korean name (金正植): read in Korean as well as in Mandarin,
  // and keep each entity's better match.
  std::string korean;
  int han_chars = 0;
  if (!hanja_to_hangul(query, korean, &han_chars)) return out;
  const float factor = korean_reading_factor(han_chars);
  MatchOptions read_options = options;
  read_options.threshold = options.threshold / factor;
  for (Match& m : match_one(korean, read_options)) {
    m.score *= factor;
    if (m.score < options.threshold) continue;  // (the division above can leave it an ulp short)
    auto it = std::find_if(out.begin(), out.end(), [&](const Match& o) { return o.entity == m.entity; });
    if (it != out.end() && it->score >= m.score) continue;
    m.notes.push_back(fmt::format("Chinese characters read in Korean ({}): x{:.2f}", korean, factor));
    if (it != out.end()) *it = std::move(m);
    else out.push_back(std::move(m));
  }
  best_first(out, options.limit);
  return out;
}

std::vector<Match> Matcher::match_one(std::string_view query, const MatchOptions& options) const {
  std::vector<Match> out;
  PreparedName q = prepare_name(query, &stats_);
  if (q.tokens.empty()) return out;
  thread_local std::vector<uint32_t> cands;
  collect_candidates(q, options.type, cands, kMaxCandidates);
  // Best name per entity.
  struct Best { uint32_t entity; uint32_t name; float score; };
  thread_local std::vector<Best> best;
  best.clear();
  for (uint32_t id : cands) {
    float s = score_names(q, names_[id].name);
    if (s + 0.15f < options.threshold) continue;  // refinements move a score by at most +0.08
    uint32_t e = names_[id].entity;
    auto it = std::find_if(best.begin(), best.end(), [&](const Best& b) { return b.entity == e; });
    if (it == best.end()) best.push_back({e, id, s});
    else if (s > it->score) { it->name = id; it->score = s; }
  }
  for (const auto& b : best) {
    Match m;
    m.entity = &lists_.entities[b.entity];
    m.method = "name";
    const IndexedName& n = names_[b.name];
    m.matched_name = n.name.original;
    m.matched_quality = n.alias < 0 ? NameQuality::primary : m.entity->aliases[static_cast<size_t>(n.alias)].quality;
    m.score = options.explain ? score_names(q, n.name, &m.explanation) : b.score;
    if (m.matched_quality == NameQuality::weak) {
      m.score *= 0.95f;  // lists flag these aliases as low quality
      m.notes.push_back("matched a weak / low-quality alias: x0.95");
    }
    refine(m, options);
    if (m.score >= options.threshold) out.push_back(std::move(m));
  }
  best_first(out, options.limit);
  return out;
}

std::vector<Match> Matcher::find_vessel(const VesselQuery& query, const MatchOptions& options) const {
  std::vector<Match> out;
  auto add = [&](uint32_t e, float score, std::string method, std::string matched, NameQuality quality,
                 std::string note) {
    const Entity* ent = &lists_.entities[e];
    for (auto& m : out)
      if (m.entity == ent) {
        if (!note.empty()) m.notes.push_back(std::move(note));
        if (score > m.score) { m.score = score; m.method = std::move(method); m.matched_name = std::move(matched); m.matched_quality = quality; }
        return;
      }
    Match m;
    m.entity = ent;
    m.score = score;
    m.method = std::move(method);
    m.matched_name = std::move(matched);
    m.matched_quality = quality;
    if (!note.empty()) m.notes.push_back(std::move(note));
    out.push_back(std::move(m));
  };
  std::string imo = imo_digits(query.imo);
  bool imo_ok = !imo.empty() && valid_imo(imo);
  if (imo_ok)
    if (auto it = by_imo_.find(imo); it != by_imo_.end())
      for (uint32_t e : it->second) add(e, 1.0f, "imo", lists_.entities[e].name, NameQuality::primary, "IMO " + imo + " listed");
  std::string mmsi;
  for (char c : query.mmsi)
    if (std::isdigit(static_cast<unsigned char>(c))) mmsi += c;
  if (!mmsi.empty())
    if (auto it = by_mmsi_.find(mmsi); it != by_mmsi_.end())
      for (uint32_t e : it->second) add(e, 1.0f, "mmsi", lists_.entities[e].name, NameQuality::primary, "MMSI " + mmsi + " listed");
  std::string cs = canonical_call_sign(query.call_sign);
  if (cs.size() >= 3)
    if (auto it = by_call_sign_.find(cs); it != by_call_sign_.end())
      for (uint32_t e : it->second) add(e, 1.0f, "call_sign", lists_.entities[e].name, NameQuality::primary, "call sign " + cs + " listed");

  if (!query.name.empty()) {
    PreparedName q = vessel_prepared(query.name, &stats_);
    if (!q.tokens.empty()) {
      std::vector<uint32_t> cands;
      collect_candidates(q, EntityType::vessel, cands, 4 * kMaxCandidates);
      for (uint32_t id : cands) {
        std::string how;
        float s = vessel_name_score(q, names_[id].name, &how);
        if (s <= 0) continue;
        const Entity& ent = lists_.entities[names_[id].entity];
        NameQuality quality = names_[id].alias < 0 ? NameQuality::primary : ent.aliases[static_cast<size_t>(names_[id].alias)].quality;
        std::string note = fmt::format("name '{}' vs listed {} '{}': {}", query.name, to_string(quality), names_[id].name.original, how);
        std::string listed_imo = ent.identifier("imo");
        if (imo_ok && !listed_imo.empty() && listed_imo != imo) {
          s *= 0.5f;  // same name, different ship: a namesake, or a changed identity worth a look
          note += fmt::format("; but listed IMO {} differs from {}: x0.5", listed_imo, imo);
        }
        add(names_[id].entity, s, "name", names_[id].name.original, quality, std::move(note));
      }
    }
  }
  std::vector<Match> kept;
  for (auto& m : out)
    if (m.score >= options.threshold) kept.push_back(std::move(m));
  best_first(kept, options.limit);
  return kept;
}

}  // namespace seawarden::screen
