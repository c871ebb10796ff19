// Korean names written in Chinese characters (Hanja) read in Korean: 金正植 -> 김정식, which the
// name normalisation then romanises like any Hangul (Kim Jong Sik). Without it a Hanja name is
// read in Mandarin (Jin Zhengzhi) and never meets its listed Korean spelling.
#pragma once

#include <string>
#include <string_view>

namespace seawarden::screen {

// `utf8` with every Han character that has a Sino-Korean reading (Unihan kHangul; the reading
// for personal names where there are several) replaced by that Hangul syllable. Returns false,
// leaving `out` untouched, when there is none.
bool hanja_to_hangul(std::string_view utf8, std::string& out);

// Scores reached through that reading are multiplied by this: whether a name in Chinese
// characters is Korean or Chinese is a guess (金成 is Jin Cheng as often as Kim Song), like a
// list's weak alias.
inline constexpr float kKoreanReadingFactor = 0.95f;

}  // namespace seawarden::screen
