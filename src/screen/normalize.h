// Name normalization: any script to lower-case ASCII Latin tokens.
//
// Steps: Unicode NFKC; Hangul syllables romanized one syllable per token (Revised
// Romanization, so 김정은 -> "gim jeong eun"); Cyrillic with BGN/PCGN (Russian-Latin/BGN),
// then Han (pinyin) and every other script with ICU Any-Latin; Latin-ASCII folds diacritics
// (ŏ -> o, ŭ -> u, ß -> ss); lower case; apostrophes inside words vanish (Ch'oe -> choe,
// O'Brien -> obrien) and every other punctuation mark separates tokens (Jong-Un -> jong un).
// Korean names written in Cyrillic (Ким Чен Ын) get the Soviet-Korean spellings mapped
// back to McCune-Reischauer (chen -> jong, yn -> un). Han characters are read in Mandarin
// here; the matcher also tries their Korean reading (hanja.h).
//
// ASCII input takes a fast path without ICU. ICU transliterators are built once per thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace seawarden::screen {

// Longest input considered, in bytes; longer text is cut at a character boundary
// (a 10 kB "name" is not a name, and scoring cost must stay bounded).
inline constexpr size_t kMaxNameBytes = 512;
// Most tokens kept from one name.
inline constexpr size_t kMaxNameTokens = 24;

// Lower-case ASCII tokens separated by single spaces; never throws, invalid UTF-8 becomes
// U+FFFD and is dropped.
std::string fold_name(std::string_view utf8);
// fold_name split into tokens (at most kMaxNameTokens).
std::vector<std::string> name_tokens(std::string_view utf8);

}  // namespace seawarden::screen
