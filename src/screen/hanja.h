// Korean names written in Chinese characters (Hanja) read in Korean: 金正植 -> 김정식, which the
// name normalisation then romanises like any Hangul (Kim Jong Sik). Without it a Hanja name is
// read in Mandarin (Jin Zhengzhi) and never meets its listed Korean spelling.
#pragma once

#include <string>
#include <string_view>

namespace seawarden::screen {

// `utf8` with every Han character replaced by its Sino-Korean reading (Unihan kHangul; the
// reading for personal names where there are several). Returns false, leaving `out` untouched,
// when there is no Han character, or one without a Korean reading (a simplified character such
// as 陈 only writes Chinese).
// `han_chars`, when given, receives the number of Han characters read.
bool hanja_to_hangul(std::string_view utf8, std::string& out, int* han_chars = nullptr);

// Scores reached through that reading are multiplied by this: whether a name in Chinese
// characters is Korean or Chinese is a guess (金成 is Jin Cheng as often as Kim Song), like a
// list's weak alias. Korean names mostly have three syllables; two-character names are far
// more often Chinese, so the guess is weaker for them.
inline float korean_reading_factor(int han_chars) { return han_chars >= 3 ? 0.95f : 0.90f; }

}  // namespace seawarden::screen
