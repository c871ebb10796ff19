#include "screen/phonetic.h"

#include <algorithm>
#include <array>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace seawarden::screen {
namespace {

// Whole-token variants mapped to one canonical spelling (before the letter rules).
const std::unordered_map<std::string_view, std::string_view>& token_variants() {
  static const std::unordered_map<std::string_view, std::string_view> m = {
      // Korean surnames
      {"ri", "li"}, {"yi", "li"}, {"lee", "li"}, {"rhee", "li"}, {"i", "li"}, {"rhie", "li"}, {"ni", "li"},
      {"pak", "pak"}, {"park", "pak"}, {"bak", "pak"}, {"bark", "pak"}, {"pack", "pak"},
      {"choe", "choe"}, {"choi", "choe"}, {"chwe", "choe"}, {"choy", "choe"},
      {"jong", "jong"}, {"chong", "jong"}, {"jung", "jong"}, {"jeong", "jong"}, {"chung", "jong"},
      {"cheong", "jong"}, {"joung", "jong"},
      {"rim", "lim"}, {"lim", "lim"}, {"im", "lim"},
      {"ryu", "yu"}, {"yu", "yu"}, {"yoo", "yu"}, {"ryoo", "yu"}, {"you", "yu"},
      {"o", "o"}, {"oh", "o"},
      {"kim", "kim"}, {"gim", "kim"},
      {"yun", "yun"}, {"yoon", "yun"},
      {"ro", "no"}, {"roh", "no"}, {"noh", "no"},
      {"ryang", "yang"}, {"ryom", "yom"}, {"yeom", "yom"},
      {"sin", "shin"}, {"shin", "shin"},
      {"kang", "kang"}, {"gang", "kang"},
      {"ko", "ko"}, {"koh", "ko"}, {"go", "ko"},
      {"han", "han"}, {"hahn", "han"},
      {"hwang", "hwang"}, {"whang", "hwang"},
      {"so", "so"}, {"seo", "so"}, {"suh", "so"},
      {"song", "song"}, {"seong", "song"}, {"sung", "song"},
      {"il", "il"}, {"ir", "il"},
      // Chinese surnames (Pinyin, Wade-Giles, Cantonese)
      {"chan", "chen"}, {"chen", "chen"},
      {"wong", "wang"}, {"wang", "wang"},
      {"cheung", "zhang"}, {"zhang", "zhang"},
      {"zhou", "zhou"}, {"chou", "zhou"}, {"chow", "zhou"},
      
      {"huang", "huang"}, {"wong", "wang"},
      
      {"xu", "xu"}, {"hsu", "xu"},
      {"liu", "liu"}, {"lau", "liu"},
      {"zhao", "zhao"}, {"chao", "zhao"},
      {"cai", "cai"}, {"tsai", "cai"}, {"choi", "choe"},
      {"guo", "guo"}, {"kuo", "guo"}, {"kwok", "guo"},
      {"xie", "xie"}, {"hsieh", "xie"},
      // Arabic particles and frequent given names
      {"ibn", "bin"}, {"ben", "bin"}, {"bin", "bin"},
      {"usama", "osama"}, {"usamah", "osama"},
      {"mohammad", "muhammad"}, {"mohammed", "muhammad"}, {"muhammed", "muhammad"},
      {"mohamed", "muhammad"}, {"mohamad", "muhammad"}, {"muhamad", "muhammad"},
      {"mohammud", "muhammad"}, {"mehmet", "muhammad"}, {"mohd", "muhammad"},
      {"abdul", "abd"}, {"abdel", "abd"}, {"abd", "abd"}, {"abdal", "abd"},
      {"abu", "abu"}, {"abou", "abu"},
      {"ahmad", "ahmed"}, {"ahmet", "ahmed"},
      {"hussein", "husayn"}, {"hussain", "husayn"}, {"husain", "husayn"}, {"husayn", "husayn"},
      {"hussain", "husayn"}, {"hosein", "husayn"}, {"hossein", "husayn"},
      {"yusuf", "yusuf"}, {"yousef", "yusuf"}, {"youssef", "yusuf"}, {"yusif", "yusuf"}, {"yousif", "yusuf"},
      // Russian given names with several established spellings
      {"alexander", "aleksandr"}, {"alexandr", "aleksandr"}, {"aleksander", "aleksandr"},
      {"sergei", "sergey"}, {"sergej", "sergey"}, {"sergiy", "sergey"},
      {"alexei", "aleksey"}, {"alexey", "aleksey"}, {"aleksei", "aleksey"}, {"aleksej", "aleksey"},
      {"yuri", "yury"}, {"yuriy", "yury"}, {"jurij", "yury"}, {"iouri", "yury"},
      {"mikhail", "mikhail"}, {"michail", "mikhail"}, {"mikhael", "mikhail"},
  };
  return m;
}

struct Rule {
  std::string_view from, to;
};

// Letter-group rules applied left to right, longest first at each position.
constexpr std::array<Rule, 28> kRules = {{
    {"shch", "sh"}, {"tch", "ch"}, {"sch", "sh"}, {"kh", "h"}, {"ph", "f"}, {"th", "t"},
    {"ck", "k"}, {"hs", "s"}, {"zh", "j"}, {"ch", "j"}, {"ts", "z"}, {"tz", "z"}, {"dz", "z"},
    {"eo", "o"}, {"eu", "u"}, {"oo", "u"}, {"ou", "u"}, {"ee", "i"}, {"ae", "e"}, {"sh", "s"},
    {"g", "k"}, {"b", "p"}, {"d", "t"}, {"w", "v"}, {"q", "k"}, {"c", "k"}, {"y", "i"}, {"x", "s"},
}};

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'; }

}  // namespace

std::string phonetic_key(std::string_view token) {
  if (token.empty()) return {};
  if (token.front() >= '0' && token.front() <= '9') return std::string(token);
  if (auto it = token_variants().find(token); it != token_variants().end()) token = it->second;

  std::string t(token);
  // Korean RR "yeo" is MR "yo" (pyeong / pyong) before the Russian ye/yo rule below.
  for (size_t pos; (pos = t.find("yeo")) != std::string::npos;) t.replace(pos, 3, "yo");
  // Russian adjective / name endings: -iy, -ii, -ij, -yi, -y -> i.
  for (std::string_view end : {"iy", "ii", "ij", "yi"})
    if (t.size() > 3 && t.ends_with(end)) { t.resize(t.size() - 2); t += 'i'; break; }
  // "ye"/"yo" after a consonant and "ye" at the start read as e (Fyodor/Fedor, Yevgeny/Evgeny).
  std::string s;
  s.reserve(t.size());
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i] == 'y' && i + 1 < t.size() && (t[i + 1] == 'e' || t[i + 1] == 'o') &&
        ((i > 0 && !is_vowel(t[i - 1])) || (i == 0 && t[i + 1] == 'e'))) {
      s += 'e';
      ++i;
      continue;
    }
    s += t[i];
  }
  // -ff (Smirnoff) -> v
  if (s.size() > 4 && s.ends_with("ff")) { s.resize(s.size() - 2); s += 'v'; }

  // Rules grouped by first letter: checking all 28 at every position was the hot spot.
  static const auto by_letter = [] {
    std::array<std::vector<Rule>, 26> t;
    for (const auto& r : kRules) t[static_cast<size_t>(r.from[0] - 'a')].push_back(r);
    return t;
  }();
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    char c = s[i];
    bool matched = false;
    if (c >= 'a' && c <= 'z') {
      for (const auto& r : by_letter[static_cast<size_t>(c - 'a')]) {
        if (i + r.from.size() <= s.size() && std::string_view(s).substr(i, r.from.size()) == r.from) {
          out += r.to;
          i += r.from.size();
          matched = true;
          break;
        }
      }
    }
    if (!matched) out += s[i++];
  }
  // Wade-Giles -ung is Pinyin -ong (Tse-tung / Zedong).
  if (out.size() > 3 && out.ends_with("unk")) out.replace(out.size() - 3, 3, "onk");
  // Final h after a vowel is silent (Oh, Shah); doubled letters collapse.
  if (out.size() > 1 && out.back() == 'h' && is_vowel(out[out.size() - 2])) out.pop_back();
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

WordClass word_class(std::string_view token) {
  static const std::unordered_set<std::string_view> legal = {
      "ltd", "limited", "llc", "llp", "lp", "inc", "incorporated", "corp", "corporation", "co",
      "company", "companies", "plc", "gmbh", "ag", "sa", "sas", "sarl", "srl", "spa", "bv", "nv",
      "oy", "ab", "aps", "kft", "zrt", "sp", "zoo", "pte", "pvt", "bhd", "sdn",
      "jsc", "ojsc", "pjsc", "cjsc", "ojs", "ooo", "oao", "zao", "pao", "ao", "tov", "fzc", "fze",
      "fzco", "dmcc", "est", "establishment", "kompaniya", "obshchestvo", "ogranichennoy",
      "otvetstvennostyu", "otvetstvennostiu", "aktsionernoe", "aktsionernoye", "otkrytoe",
      "zakrytoe", "publichnoe", "joint", "stock", "cv", "de", "sociedad", "anonima", "sl",
      "kk", "kabushiki", "kaisha", "yk", "ltda", "eirl", "sac", "ca", "cia", "ptd", "lda",
      "liability", "public", "private", "closed", "open", "gesellschaft", "mit", "beschrankter",
      "haftung", "aktiengesellschaft", "societatea", "cu", "raspundere", "limitata", "societe",
      "anonyme", "responsabilite", "limitee", "sociedade", "limitada", "spolka", "akcyjna",
      "akcionernoe", "obshchestvo", "tovarystvo", "obmezhenoyu", "vidpovidalnistyu", "aktsionerne",
      "tovarishchestvo", "ogranichennoi", "otvetstvennostiu", "aksionernoe", "unitarnoe",
      "predpriyatie", "pao", "gup", "fgup", "nao", "tdv", "too", "kg", "ohg", "ek", "ug", "se"};
  static const std::unordered_set<std::string_view> common = {
      "trading", "trade", "general", "group", "holding", "holdings", "international", "intl",
      "the", "of", "and", "for", "in", "on", "enterprise", "enterprises", "industries",
      "industry", "industrial", "services", "service", "shipping", "maritime", "marine",
      "management", "global", "investment", "investments", "import", "export", "development",
      "corporate", "national", "korea", "korean", "bank", "commercial", "technology",
      "technologies", "solutions", "partners", "associates", "agency", "firm", "office",
      "bureau", "center", "centre", "branch", "representative", "department", "dprk", "russia",
      "russian", "iran", "china", "chinese", "federal", "state", "unitary", "enterprise",
      "foreign", "economic", "et", "la", "le", "les", "du", "des", "y", "e"};
  static const std::unordered_set<std::string_view> particles = {
      "al", "el", "bin", "ibn", "ben", "bint", "abu", "abou", "ould", "van", "von", "der", "den",
      "da", "di", "dos", "das", "del", "della", "ul", "ur", "ad", "ag", "ait", "binti", "bte"};
  static const std::unordered_set<std::string_view> honorific = {
      "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "sheikh", "shaikh", "sheik", "haji", "hajji",
      "mullah", "mulla", "maulavi", "mawlawi", "maulvi", "qari", "general", "gen", "col",
      "colonel", "captain", "capt", "jr", "sr", "madame", "mme", "herr", "frau", "gospodin"};
  if (token.empty()) return WordClass::normal;
  if (token.front() >= '0' && token.front() <= '9') return WordClass::number;
  if (honorific.count(token) && token != "general") return WordClass::honorific;
  if (legal.count(token)) return WordClass::legal_form;
  if (common.count(token)) return WordClass::common;
  if (particles.count(token)) return WordClass::particle;
  return WordClass::normal;
}

float class_weight(WordClass c) {
  switch (c) {
    case WordClass::legal_form: return 0.12f;
    case WordClass::common: return 0.35f;
    case WordClass::particle: return 0.3f;
    case WordClass::honorific: return 0.0f;
    case WordClass::number: return 1.0f;
    default: return 1.0f;
  }
}

}  // namespace seawarden::screen
