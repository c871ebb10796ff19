#include "ais/nmea.h"

#include <cstring>

#include "ais/scan.h"
#include "ais/timestamps.h"

namespace seawarden::ais {

namespace {

// Fields of a sentence whose six commas (comma[0] == 6) and '*' (at i) are known and
// whose checksum is verified: the checks common to both paths below.
[[gnu::always_inline]] inline LineError finish_vdm(std::string_view s, const std::size_t (&comma)[6], std::size_t i, int sum,
                     VdmSentence& out) {
  const char* p = s.data();
  out.checksum = sum;
  out.trailer = s.substr(i + 3);
  out.talker = s.substr(1, 2);
  out.own_ship = p[5] == 'O';

  auto field = [&](int k) {
    const std::size_t b = comma[k] + 1;
    const std::size_t e = k + 1 < 6 ? comma[k + 1] : i;
    return std::string_view(p + b, e - b);
  };
  const std::string_view tot = field(0), num = field(1), seq = field(2), chan = field(3),
                         fill = field(5);
  if (tot.size() != 1 || num.size() != 1 || tot[0] < '1' || tot[0] > '9' || num[0] < '1' ||
      num[0] > tot[0])
    return LineError::MalformedSentence;
  out.total = tot[0] - '0';
  out.number = num[0] - '0';
  if (seq.empty()) {
    out.seq_id = -1;
  } else if (seq.size() == 1 && seq[0] >= '0' && seq[0] <= '9') {
    out.seq_id = seq[0] - '0';
  } else {
    return LineError::MalformedSentence;
  }
  if (chan.empty()) {
    out.channel = 0;
  } else if (chan.size() == 1) {
    // A/B (1/2 from some base stations); C/D exist for regional channels. Anything
    // else (AMSA's ABVDM writes "0") is an unknown channel, not a reason to drop the data.
    const char c = chan[0];
    out.channel = c == '1' ? 'A' : c == '2' ? 'B' : (c >= 'A' && c <= 'D') ? c : 0;
  } else {
    return LineError::MalformedSentence;
  }
  out.payload = field(4);
  // Fill bits: a single digit 0-5. Some encoders leave it empty on multi-part
  // middles; treat empty as 0.
  if (fill.empty()) {
    out.fill = 0;
  } else if (fill.size() == 1 && fill[0] >= '0' && fill[0] <= '5') {
    out.fill = fill[0] - '0';
  } else {
    return LineError::MalformedSentence;
  }
  return LineError::None;
}

}  // namespace

namespace detail {
// Any shape: commas and the '*' found one field at a time.
LineError parse_vdm_general(std::string_view s, VdmSentence& out) {
  const char* p = s.data();
  const std::size_t n = s.size();
  std::size_t comma[6];
  comma[0] = 6;
  std::size_t q = 7;
  for (int k = 1; k < 5; ++k) {
    while (q < n && p[q] != ',' && p[q] != '*') ++q;
    if (q >= n || p[q] != ',') return LineError::MalformedSentence;
    comma[k] = q++;
  }
  const char* pc = static_cast<const char*>(std::memchr(p + q, ',', n - q));
  if (pc == nullptr) return LineError::MalformedSentence;
  comma[5] = static_cast<std::size_t>(pc - p);
  q = comma[5] + 1;
  while (q < n && p[q] != '*' && p[q] != ',') ++q;
  if (q >= n || p[q] != '*' || q + 3 > n) return LineError::MalformedSentence;  // no "*hh"
  const std::size_t i = q;
  const unsigned x = nmea_xor(s.substr(1, i - 1));  // the payload may hold a '*' here
  const int sum = parse_hex_byte(s.substr(i + 1, 2));
  if (sum < 0) return LineError::MalformedSentence;
  if (static_cast<unsigned>(sum) != x) return LineError::BadChecksum;
  return finish_vdm(s, comma, i, sum, out);
}
}  // namespace detail

LineError parse_vdm(std::string_view s, VdmSentence& out) {
  // !AIVDM,total,number,seq,channel,payload,fill*hh[trailer]
  // One vector pass finds the '*' and gives the checksum and the number of commas
  // before it. Exactly six (the usual case) fixes the layout: the short header fields
  // are then read by hand and the payload ends at the comma before the fill digit.
  // Anything else takes the general path, which classifies errors identically.
  const char* p = s.data();
  const std::size_t n = s.size();
  if (n < 7 || p[6] != ',') return LineError::MalformedSentence;
  // From the comma at 6 on (the old parser never looks for commas in "AIVDM").
  const scan::StarScan sc = scan::scan_to_star(p + 6, n - 6);
  if (sc.commas != 6) return detail::parse_vdm_general(s, out);
  const std::size_t i = sc.star + 6;
  const unsigned x = sc.xor_sum ^ static_cast<unsigned char>(p[1] ^ p[2] ^ p[3] ^ p[4] ^ p[5]);
  if (i + 3 > n) return LineError::MalformedSentence;  // no "*hh"
  std::size_t comma[6];
  comma[0] = 6;
  std::size_t q = 7;
  for (int k = 1; k < 5; ++k) {  // the five other commas all come before the '*'
    while (p[q] != ',') ++q;
    comma[k] = q++;
  }
  const int sum = parse_hex_byte(s.substr(i + 1, 2));
  if (sum < 0) return LineError::MalformedSentence;
  if (static_cast<unsigned>(sum) != x) return LineError::BadChecksum;
  // The sixth comma is the last one before the '*'.
  if (p[i - 1] == ',') comma[5] = i - 1;       // empty fill field
  else if (p[i - 2] == ',') comma[5] = i - 2;  // one fill digit
  else return LineError::MalformedSentence;    // a fill field of two or more characters
  return finish_vdm(s, comma, i, sum, out);
}

void parse_uscg_trailer(std::string_view t, Trailer& out) {
  out.station = {};
  out.time = kUnknownTime;
  std::size_t pos = 0;
  while (pos < t.size() && t[pos] == ',') {
    const std::size_t b = pos + 1;
    std::size_t e = t.find(',', b);
    if (e == std::string_view::npos) e = t.size();
    const std::string_view f = t.substr(b, e - b);
    pos = e;
    if (f.empty()) continue;
    const char c0 = f[0];
    if (c0 >= '0' && c0 <= '9') {
      out.time = parse_epoch(f);
      return;  // the logger time comes last; anything after it is a second, later stamp
    }
    if ((c0 == 'r' || c0 == 'R' || c0 == 'b' || c0 == 'B' || c0 == 'D') && out.station.empty())
      out.station = f;
  }
}

}  // namespace seawarden::ais
