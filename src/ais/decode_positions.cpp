// Position reports: types 1-3 (Class A), 4/11 (base station), 9 (SAR aircraft),
// 18/19 (Class B), 21 (aid to navigation), 27 (long range).
//
// Field layouts: ITU-R M.1371-5 Annex 8. When a message is short, fields that are
// entirely present are decoded and the others keep their "not available" defaults,
// so a truncated report never turns into a position at 0,0.
#include "ais/decode_internal.h"

namespace seawarden::ais::detail {

namespace {
// Assigns a field only when all its bits are present.
struct Fields {
  const PayloadBits& b;
  std::size_t n;
  template <typename T>
  void u(T& dst, std::size_t start, unsigned len) const {
    if (start + len <= n) dst = static_cast<T>(b.u(start, len));
  }
  template <typename T>
  void s(T& dst, std::size_t start, unsigned len) const {
    if (start + len <= n) dst = static_cast<T>(b.s(start, len));
  }
  void f(bool& dst, std::size_t start) const {
    if (start < n) dst = b.flag(start);
  }
};
}  // namespace

PayloadError decode_position_a(const PayloadBits& b, Message& m) {
  auto& p = m.body.emplace<PositionA>();
  const std::size_t n = b.bit_count();
  if (n >= 168) {  // the common case, without per-field checks
    p.status = static_cast<std::uint8_t>(b.u(38, 4));
    p.turn = static_cast<std::int8_t>(b.s(42, 8));
    p.speed = static_cast<std::uint16_t>(b.u(50, 10));
    p.accuracy = b.flag(60);
    p.lon = static_cast<std::int32_t>(b.s(61, 28));
    p.lat = static_cast<std::int32_t>(b.s(89, 27));
    p.course = static_cast<std::uint16_t>(b.u(116, 12));
    p.heading = static_cast<std::uint16_t>(b.u(128, 9));
    p.second = static_cast<std::uint8_t>(b.u(137, 6));
    p.maneuver = static_cast<std::uint8_t>(b.u(143, 2));
    p.raim = b.flag(148);
    p.radio = static_cast<std::uint32_t>(b.u(149, 19));
    if (n > 168) m.warning = Warning::LongPayload;  // e.g. 204-bit type 1 seen in the wild
    return PayloadError::None;
  }
  const Fields f{b, n};
  f.u(p.status, 38, 4);
  f.s(p.turn, 42, 8);
  f.u(p.speed, 50, 10);
  f.f(p.accuracy, 60);
  f.s(p.lon, 61, 28);
  f.s(p.lat, 89, 27);
  f.u(p.course, 116, 12);
  f.u(p.heading, 128, 9);
  f.u(p.second, 137, 6);
  f.u(p.maneuver, 143, 2);
  f.f(p.raim, 148);
  // gpsd keeps the radio bits that are there (right-aligned), so do we.
  if (n > 149) p.radio = static_cast<std::uint32_t>(b.u(149, static_cast<unsigned>(n - 149)));
  // Usable once the position, course, heading and time stamp are complete.
  return check_length(n, 143, 168, 168, m);
}

PayloadError decode_base_station(const PayloadBits& b, Message& m) {
  auto& p = m.body.emplace<BaseStation>();
  const std::size_t n = b.bit_count();
  const Fields f{b, n};
  f.u(p.year, 38, 14);
  f.u(p.month, 52, 4);
  f.u(p.day, 56, 5);
  f.u(p.hour, 61, 5);
  f.u(p.minute, 66, 6);
  f.u(p.second, 72, 6);
  f.f(p.accuracy, 78);
  f.s(p.lon, 79, 28);
  f.s(p.lat, 107, 27);
  f.u(p.epfd, 134, 4);
  f.f(p.raim, 148);
  f.u(p.radio, 149, 19);
  return check_length(n, 138, 168, 168, m);
}

PayloadError decode_sar(const PayloadBits& b, Message& m) {
  auto& p = m.body.emplace<OtherBody>().emplace<SarAircraft>();
  const std::size_t n = b.bit_count();
  const Fields f{b, n};
  f.u(p.alt, 38, 12);
  f.u(p.speed, 50, 10);
  f.f(p.accuracy, 60);
  f.s(p.lon, 61, 28);
  f.s(p.lat, 89, 27);
  f.u(p.course, 116, 12);
  f.u(p.second, 128, 6);
  f.u(p.regional, 134, 8);
  f.f(p.dte, 142);
  f.f(p.assigned, 146);
  f.f(p.raim, 147);
  f.u(p.radio, 148, 20);
  return check_length(n, 134, 168, 168, m);
}

PayloadError decode_position_b(const PayloadBits& b, Message& m) {
  auto& p = m.body.emplace<PositionB>();
  const std::size_t n = b.bit_count();
  if (n >= 168) {
    p.reserved = static_cast<std::uint8_t>(b.u(38, 8));
    p.speed = static_cast<std::uint16_t>(b.u(46, 10));
    p.accuracy = b.flag(56);
    p.lon = static_cast<std::int32_t>(b.s(57, 28));
    p.lat = static_cast<std::int32_t>(b.s(85, 27));
    p.course = static_cast<std::uint16_t>(b.u(112, 12));
    p.heading = static_cast<std::uint16_t>(b.u(124, 9));
    p.second = static_cast<std::uint8_t>(b.u(133, 6));
    p.regional = static_cast<std::uint8_t>(b.u(139, 2));
    p.cs = b.flag(141);
    p.display = b.flag(142);
    p.dsc = b.flag(143);
    p.band = b.flag(144);
    p.msg22 = b.flag(145);
    p.assigned = b.flag(146);
    p.raim = b.flag(147);
    p.radio = static_cast<std::uint32_t>(b.u(148, 20));
    if (n > 168) m.warning = Warning::LongPayload;
    return PayloadError::None;
  }
  const Fields f{b, n};
  f.u(p.reserved, 38, 8);
  f.u(p.speed, 46, 10);
  f.f(p.accuracy, 56);
  f.s(p.lon, 57, 28);
  f.s(p.lat, 85, 27);
  f.u(p.course, 112, 12);
  f.u(p.heading, 124, 9);
  f.u(p.second, 133, 6);
  f.u(p.regional, 139, 2);
  f.f(p.cs, 141);
  f.f(p.display, 142);
  f.f(p.dsc, 143);
  f.f(p.band, 144);
  f.f(p.msg22, 145);
  f.f(p.assigned, 146);
  f.f(p.raim, 147);
  f.u(p.radio, 148, 20);
  return check_length(n, 139, 168, 168, m);
}

PayloadError decode_extended_b(const PayloadBits& b, Message& m) {
  auto& p = m.body.emplace<ExtendedB>();
  const std::size_t n = b.bit_count();
  const Fields f{b, n};
  f.u(p.reserved, 38, 8);
  f.u(p.speed, 46, 10);
  f.f(p.accuracy, 56);
  f.s(p.lon, 57, 28);
  f.s(p.lat, 85, 27);
  f.u(p.course, 112, 12);
  f.u(p.heading, 124, 9);
  f.u(p.second, 133, 6);
  f.u(p.regional, 139, 4);
  if (n >= 263) {
    char name[21];
    p.shipname.assign({name, b.text(143, 20, name, 20)});
  }
  f.u(p.shiptype, 263, 8);
  f.u(p.to_bow, 271, 9);
  f.u(p.to_stern, 280, 9);
  f.u(p.to_port, 289, 6);
  f.u(p.to_starboard, 295, 6);
  f.u(p.epfd, 301, 4);
  f.f(p.raim, 305);
  f.f(p.dte, 306);
  f.f(p.assigned, 307);
  return check_length(n, 308, 312, 312, m);
}

PayloadError decode_aton(const PayloadBits& b, Message& m) {
  auto& p = m.body.emplace<OtherBody>().emplace<AidToNavigation>();
  const std::size_t n = b.bit_count();
  const Fields f{b, n};
  f.u(p.aid_type, 38, 5);
  // The name is 20 characters, continued by up to 14 in the "name extension" after
  // bit 272 when all 20 are used (gpsd reads the first 20 untrimmed, then trims).
  std::size_t len = b.text(43, 20, p.name, 20, /*trim=*/false);
  if (len == 20 && n > 272) {
    std::size_t ext = (n - 272) / 6;
    if (ext > 14) ext = 14;
    len += b.text(272, ext, p.name + 20, 14);
  }
  while (len > 0 && (p.name[len - 1] == ' ' || p.name[len - 1] == '@')) --len;
  p.name[len] = '\0';
  p.name_len = static_cast<std::uint8_t>(len);
  f.f(p.accuracy, 163);
  f.s(p.lon, 164, 28);
  f.s(p.lat, 192, 27);
  f.u(p.to_bow, 219, 9);
  f.u(p.to_stern, 228, 9);
  f.u(p.to_port, 237, 6);
  f.u(p.to_starboard, 243, 6);
  f.u(p.epfd, 249, 4);
  f.u(p.second, 253, 6);
  f.f(p.off_position, 259);
  f.u(p.regional, 260, 8);
  f.f(p.raim, 268);
  f.f(p.virtual_aid, 269);
  f.f(p.assigned, 270);
  return check_length(n, 272, 272, 368, m);
}

PayloadError decode_long_range(const PayloadBits& b, Message& m) {
  auto& p = m.body.emplace<LongRange>();
  const std::size_t n = b.bit_count();
  const Fields f{b, n};
  f.f(p.accuracy, 38);
  f.f(p.raim, 39);
  f.u(p.status, 40, 4);
  f.s(p.lon, 44, 18);
  f.s(p.lat, 62, 17);
  f.u(p.speed, 79, 6);
  f.u(p.course, 85, 9);
  f.f(p.gnss, 94);
  // Nominal 96 bits; some transmitters send a whole 168-bit slot (LongPayload).
  return check_length(n, 95, 96, 96, m);
}

}  // namespace seawarden::ais::detail
