// UTF-8 well-formedness (RFC 3629), for writers whose output must stay valid UTF-8 whatever
// bytes an input carried (CSV exports, list files, zone files).
#pragma once

#include <cstddef>
#include <string_view>

namespace seawarden::ais {

// The length of the sequence a lead byte announces (2-4), 0 for any other byte.
inline std::size_t utf8_announced_length(unsigned char c) {
  return c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
}

// The length (2-4) of the well-formed multi-byte sequence starting at s[i], or 0 when the bytes
// there are not one (a stray continuation byte, an overlong form, a surrogate, beyond U+10FFFF,
// or cut short). s[i] must be a byte >= 0x80.
inline std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  const std::size_t n = utf8_announced_length(c);
  if (n == 0 || i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k)
    if ((static_cast<unsigned char>(s[i + k]) & 0xc0) != 0x80) return 0;
  const auto c1 = static_cast<unsigned char>(s[i + 1]);
  if ((c == 0xe0 && c1 < 0xa0) || (c == 0xed && c1 >= 0xa0)) return 0;  // overlong, surrogate
  if ((c == 0xf0 && c1 < 0x90) || (c == 0xf4 && c1 >= 0x90)) return 0;  // overlong, > U+10FFFF
  return n;
}

// s without a character cut short at its end: when its last bytes are a lead byte and fewer
// continuation bytes than that lead announces, the length before them; else s.size().
inline std::size_t utf8_whole(std::string_view s) {
  std::size_t n = s.size(), tail = 0;
  while (tail < 3 && n > 0 && (static_cast<unsigned char>(s[n - 1]) & 0xc0) == 0x80) --n, ++tail;
  if (n == 0) return s.size();
  const std::size_t announced = utf8_announced_length(static_cast<unsigned char>(s[n - 1]));
  return announced > tail + 1 ? n - 1 : s.size();
}

// How many of the first `max` bytes of s to keep so that no character is cut in two (text cut
// to a fixed capacity): `max`, or less when the byte after the cut continues a character that
// the kept bytes leave unfinished.
inline std::size_t utf8_cut(std::string_view s, std::size_t max) {
  if (s.size() <= max) return s.size();
  if ((static_cast<unsigned char>(s[max]) & 0xc0) != 0x80) return max;
  return utf8_whole(s.substr(0, max));
}

}  // namespace seawarden::ais
