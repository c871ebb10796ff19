// Romanization-tolerant token keys and word classes used by the scorer and the index.
#pragma once

#include <string>
#include <string_view>

namespace seawarden::screen {

// A key equal for the usual spellings of one name part across romanization systems:
// - Korean McCune-Reischauer vs Revised Romanization: ch/j, k/g, p/b, t/d, eo/o, eu/u,
//   aspiration apostrophes (already removed by fold_name), and surname variants
//   (Ri/Yi/Lee/Rhee/Li, Pak/Park/Bak, Choe/Choi, Jong/Chong/Jung/Jeong, Rim/Lim/Im,
//   Ryu/Yu, O/Oh, Kim/Gim, Yun/Yoon, ...);
// - Chinese Wade-Giles/Cantonese vs Pinyin: hs/x, ts/tz/z, ch/zh/j, k/g, p/b, t/d, common
//   surnames (Chan/Chen, Wong/Wang, Cheung/Zhang, ...);
// - Russian ISO 9 / BGN/PCGN / ICAO 9303 / German: -iy/-ii/-ij/-y, ye/e, yo/e after a
//   consonant, kh/h, zh/j, ts/tz/c, w/v, -ff/-v, double letters.
// Input must be a token from fold_name (lower-case ASCII).
std::string phonetic_key(std::string_view token);

// What kind of word a token is, for weighting.
enum class WordClass {
  normal,
  legal_form,  // ltd, llc, company, corporation, ooo, jsc, gmbh, ... (organizations)
  common,      // trading, general, group, international, the, of, and, ... (weighted down)
  particle,    // al, el, bin, ibn, abu, de, van, von, ... (person name particles)
  honorific,   // mr, mrs, dr, sheikh, ... (ignored)
  number,      // digits: vessel number suffixes must agree exactly
};
WordClass word_class(std::string_view token);

// The weight the class gives a token before rarity is considered.
float class_weight(WordClass c);

}  // namespace seawarden::screen
