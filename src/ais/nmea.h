// NMEA 0183 framing of AIS sentences: !ccVDM / !ccVDO, checksums, USCG trailers.
// Everything works on string_views into the caller's line buffer: no allocation.
#pragma once

#include <array>
#include <string_view>

#include "ais/message.h"
#include "ais/reader.h"

namespace seawarden::ais {

namespace detail {
constexpr std::array<signed char, 256> make_hex_table() {
  std::array<signed char, 256> t{};
  for (auto& v : t) v = -1;
  for (int c = '0'; c <= '9'; ++c) t[c] = static_cast<signed char>(c - '0');
  for (int c = 'A'; c <= 'F'; ++c) t[c] = static_cast<signed char>(c - 'A' + 10);
  for (int c = 'a'; c <= 'f'; ++c) t[c] = static_cast<signed char>(c - 'a' + 10);
  return t;
}
inline constexpr std::array<signed char, 256> kHexValue = make_hex_table();
}  // namespace detail

// Value of one hex digit (either case), or -1.
inline int hex_digit_value(char c) { return detail::kHexValue[static_cast<unsigned char>(c)]; }

// Value of two hex digits (either case), or -1. Inline: it runs for every line.
[[gnu::always_inline]] inline int parse_hex_byte(std::string_view two) {
  if (two.size() < 2) return -1;
  const int hi = hex_digit_value(two[0]), lo = hex_digit_value(two[1]);
  return (hi | lo) < 0 ? -1 : hi * 16 + lo;
}

// XOR of every byte of `body` (the text between '!'/'$' and '*').
inline unsigned nmea_xor(std::string_view body) {
  unsigned char x = 0;  // byte-wide so the loop vectorises
  for (char c : body) x ^= static_cast<unsigned char>(c);
  return x;
}

// True when `hex` starts with the two hex digits of nmea_xor(body).
inline bool nmea_checksum_ok(std::string_view body, std::string_view hex) {
  const int want = parse_hex_byte(hex);
  return want >= 0 && static_cast<unsigned>(want) == nmea_xor(body);
}

// One VDM/VDO sentence, fields pointing into the line.
struct VdmSentence {
  std::string_view talker;    // "AI", "AB", "BS", "SA", ...
  bool own_ship = false;      // VDO
  int total = 0;              // fragments in the message (1-9)
  int number = 0;             // this fragment (1-total)
  int seq_id = -1;            // sequential message id 0-9, -1 when empty
  char channel = 0;           // 'A', 'B' (1/2 normalised to A/B) or 0 when empty
  std::string_view payload;   // armoured six-bit characters
  int fill = 0;               // fill bits 0-5
  int checksum = 0;           // the sentence's checksum byte
  std::string_view trailer;   // text after "*hh" (USCG metadata), may be empty
};

// Parses `s`, which starts at '!' and runs to the end of the line (no CR/LF).
// Returns LineError::None, BadChecksum, or MalformedSentence (wrong field count,
// bad digits, missing checksum). The checksum is verified in the same single pass.
LineError parse_vdm(std::string_view s, VdmSentence& out);
namespace detail {
// The same on any shape, one field at a time: parse_vdm's fallback, and its reference in tests.
LineError parse_vdm_general(std::string_view s, VdmSentence& out);
}  // namespace detail

// True when `s` (starting at '!' or '$') names a VDM or VDO sentence.
inline bool is_vdm_or_vdo(std::string_view s) {
  return s.size() >= 6 && s[0] == '!' && s[3] == 'V' && s[4] == 'D' && (s[5] == 'M' || s[5] == 'O');
}

// USCG / exactEarth metadata after the checksum: ",d-095,S1651,t161344.00,T44.03,r3669963,1429287142".
// Letter-coded fields are skipped except the station (r, R, b, B or D prefix, kept
// with its prefix as libais does); the first bare number is the logger epoch (s or ms).
struct Trailer {
  std::string_view station;
  TimeMs time = kUnknownTime;
};
void parse_uscg_trailer(std::string_view trailer, Trailer& out);

}  // namespace seawarden::ais
