#include "ais/nmea.h"

#include <cstring>

#include "ais/timestamps.h"

namespace seawarden::ais {

LineError parse_vdm(std::string_view s, VdmSentence& out) {
  // !AIVDM,total,number,seq,channel,payload,fill*hh[trailer]
  // The short fields are scanned by hand, the long payload with one memchr; the
  // checksum XOR is a branch-free loop the compiler vectorises.
  const char* p = s.data();
  const std::size_t n = s.size();
  if (n < 7 || p[6] != ',') return LineError::MalformedSentence;
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
  unsigned char x = 0;
  for (std::size_t k = 1; k < i; ++k) x ^= static_cast<unsigned char>(p[k]);
  const int sum = parse_hex_byte(s.substr(i + 1, 2));
  if (sum < 0) return LineError::MalformedSentence;
  if (static_cast<unsigned>(sum) != x) return LineError::BadChecksum;
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
