// Static and voyage data: type 5 (Class A) and type 24 (Class B, parts A and B).
#include "ais/decode_internal.h"

namespace seawarden::ais::detail {

namespace {
template <std::size_t N>
void read_text(const PayloadBits& b, std::size_t start, Text<N>& dst) {
  const std::size_t n = b.text(start, N, dst.buf.data(), N);
  dst.len = static_cast<std::uint8_t>(n);
  dst.buf[n] = '\0';
}
}  // namespace

PayloadError decode_static_voyage(const PayloadBits& b, Message& m) {
  auto& p = m.body.emplace<StaticVoyage>();
  const std::size_t n = b.bit_count();
  // Many transmitters send 420 or 422 bits instead of 424 (gpsd accepts >= 420); the
  // destination ends at bit 422, so below that nothing after it can be trusted.
  if (n < 420) {
    // Decode what is complete, but the message is not usable as a whole.
    if (n >= 40) p.ais_version = static_cast<std::uint8_t>(b.u(38, 2));
    if (n >= 70) p.imo = static_cast<std::uint32_t>(b.u(40, 30));
    if (n >= 112) read_text(b, 70, p.callsign);
    if (n >= 232) read_text(b, 112, p.shipname);
    if (n >= 240) p.shiptype = static_cast<std::uint8_t>(b.u(232, 8));
    if (n >= 270) {
      p.to_bow = static_cast<std::uint16_t>(b.u(240, 9));
      p.to_stern = static_cast<std::uint16_t>(b.u(249, 9));
      p.to_port = static_cast<std::uint8_t>(b.u(258, 6));
      p.to_starboard = static_cast<std::uint8_t>(b.u(264, 6));
    }
    return check_length(n, 420, 424, 424, m);
  }
  p.ais_version = static_cast<std::uint8_t>(b.u(38, 2));
  p.imo = static_cast<std::uint32_t>(b.u(40, 30));
  read_text(b, 70, p.callsign);
  read_text(b, 112, p.shipname);
  p.shiptype = static_cast<std::uint8_t>(b.u(232, 8));
  p.to_bow = static_cast<std::uint16_t>(b.u(240, 9));
  p.to_stern = static_cast<std::uint16_t>(b.u(249, 9));
  p.to_port = static_cast<std::uint8_t>(b.u(258, 6));
  p.to_starboard = static_cast<std::uint8_t>(b.u(264, 6));
  p.epfd = static_cast<std::uint8_t>(b.u(270, 4));
  p.month = static_cast<std::uint8_t>(b.u(274, 4));
  p.day = static_cast<std::uint8_t>(b.u(278, 5));
  p.hour = static_cast<std::uint8_t>(b.u(283, 5));
  p.minute = static_cast<std::uint8_t>(b.u(288, 6));
  p.draught = static_cast<std::uint8_t>(b.u(294, 8));
  read_text(b, 302, p.destination);
  if (n >= 423) p.dte = b.flag(422);
  return check_length(n, 420, 424, 424, m);
}

PayloadError decode_static_b(const PayloadBits& b, Message& m) {
  auto& p = m.body.emplace<StaticB>();
  const std::size_t n = b.bit_count();
  if (n < 40) return check_length(n, 40, 168, 168, m);
  p.partno = static_cast<std::uint8_t>(b.u(38, 2));
  if (p.partno == 0) {
    if (n >= 160) read_text(b, 40, p.shipname);
    // Part A is 168 bits; 160 (no spare) is a common, harmless deviation.
    if (n >= 160 && n < 168) {
      m.warning = Warning::NonStandardSize;
      return PayloadError::None;
    }
    return check_length(n, 160, 168, 168, m);
  }
  if (p.partno != 1) return PayloadError::UnknownType;  // parts 2 and 3 do not exist
  if (n >= 48) p.shiptype = static_cast<std::uint8_t>(b.u(40, 8));
  // ITU-R M.1371-4 split the 7-character vendor id into 3 characters, model and
  // serial; like gpsd, read both ways (old transmitters fill model/serial with text).
  if (n >= 90) {
    char tmp[8];
    p.vendorid.assign({tmp, b.text(48, 7, tmp, 7)});
    p.model = static_cast<std::uint8_t>(b.u(66, 4));
    p.serial = static_cast<std::uint32_t>(b.u(70, 20));
  }
  if (n >= 132) read_text(b, 90, p.callsign);
  if (n >= 162) {
    if (m.mmsi / 10000000 == 98) {  // auxiliary craft: 98MIDxxxx
      p.mothership_mmsi = static_cast<std::uint32_t>(b.u(132, 30));
    } else {
      p.to_bow = static_cast<std::uint16_t>(b.u(132, 9));
      p.to_stern = static_cast<std::uint16_t>(b.u(141, 9));
      p.to_port = static_cast<std::uint8_t>(b.u(150, 6));
      p.to_starboard = static_cast<std::uint8_t>(b.u(156, 6));
    }
  }
  return check_length(n, 162, 168, 168, m);
}

}  // namespace seawarden::ais::detail
