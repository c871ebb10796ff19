// Pair score of two names in [0,1], with its explanation. Usable on its own (the quality
// script scores labelled pairs with it) and by the Matcher against the lists.
//
// How the score is formed:
// 1. Both names go through fold_name and are split into tokens; each token gets a
//    phonetic_key and a weight = class weight (legal forms 0.12, common words 0.35, name
//    particles 0.3, honorifics 0) x rarity across the loaded lists (1.0 when no lists).
// 2. Joined/split spellings are reconciled: a token equal (or key-equal) to 2-3 adjacent
//    tokens of the other name replaces them ("CHONMASAN" = "CHON MA SAN", "Jongun" = "Jong Un").
// 3. Tokens are paired greedily by similarity, regardless of order: identical 1.0; same
//    phonetic key 0.95; an initial against a word starting with it 0.88; otherwise
//    an edit-distance similarity 1 - edits/length (one typo in a 3+ letter word keeps 0.9),
//    kept from 0.6; consonant skeletons for vowel-less abjad transliterations (mhmd =
//    Mohamed) 0.85; numbers only when equal. A pair below 0.88 counts its shortfall twice.
// 4. score = sum(w*s over pairs) / (sum(w over pairs) + 2*conflict + 0.15*extra), where
//    conflict = min(unpaired weight of each name) (both names have words the other lacks:
//    a different person), extra = the rest of the unpaired weight (one name merely longer:
//    a patronymic or middle name). Unequal numbers on both sides add 1 to the divisor.
//    x0.5 when only legal forms / common words pair; x0.85 when the paired words appear
//    in an order that is not a rotation of the other (SALMAN BIN MUHAMMAD is not
//    MUHAMMAD BIN SALMAN, but KIM Jong Un is Jong Un KIM).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "screen/phonetic.h"

namespace seawarden::screen {

struct Token {
  std::string text;  // folded spelling
  std::string key;   // phonetic_key(text)
  float weight = 1;
  WordClass cls = WordClass::normal;
};

// Token rarity across the lists: document frequency of each phonetic key.
class TokenStats {
 public:
  void add_name(const std::vector<Token>& tokens);
  // 1.0 for a key never or rarely seen, down to 0.4 for the most frequent.
  float rarity(const std::string& key) const;
  size_t names() const { return names_; }

 private:
  std::unordered_map<std::string, uint32_t> df_;
  size_t names_ = 0;
};

struct PreparedName {
  std::string original;
  std::vector<Token> tokens;
  std::string compact;  // folded tokens joined without spaces (vessel names)
};

// `stats` may be null (then every ordinary word weighs 1).
PreparedName prepare_name(std::string_view text, const TokenStats* stats = nullptr);

struct TokenPairing {
  std::string query_token;      // may be several joined tokens ("chon ma san")
  std::string listed_token;
  float similarity = 0;
  float weight = 0;
  const char* rule = "";        // exact, romanization, edit-distance, consonant skeleton, initial, number
};

struct ScoreExplanation {
  std::vector<TokenPairing> pairs;
  std::vector<std::string> unpaired_query;
  std::vector<std::string> unpaired_listed;
  float paired_weight = 0, paired_score = 0, conflict = 0, extra = 0, number_conflict = 0;
  std::string formula;  // the numbers of step 4 written out
};

// Score of a query name against a listed name. `why` may be null (faster).
float score_names(const PreparedName& query, const PreparedName& listed, ScoreExplanation* why = nullptr);

// Convenience for two raw strings without list statistics.
float score_pair(std::string_view a, std::string_view b, ScoreExplanation* why = nullptr);

// Jaro-Winkler similarity of two byte strings (prefix scale 0.1, up to 4 characters).
float jaro_winkler(std::string_view a, std::string_view b);

// Token-to-token similarity as used in step 3, and the rule that produced it.
float token_similarity(const Token& a, const Token& b, const char** rule = nullptr);

}  // namespace seawarden::screen
