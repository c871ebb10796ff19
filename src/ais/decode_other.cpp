// Safety, acknowledgement and link-management messages: types 7/13, 10, 12/14,
// 15, 16, 20, 22 and 23.
#include "ais/decode_internal.h"

namespace seawarden::ais::detail {

PayloadError decode_acknowledge(const PayloadBits& b, Message& m) {
  auto& p = m.body.emplace<OtherBody>().emplace<Acknowledge>();
  const std::size_t n = b.bit_count();
  // One to four 32-bit (MMSI, sequence number) entries after the 40-bit header.
  for (std::size_t i = 0; i < 4; ++i) {
    if (n > 40 + 32 * i) {
      p.mmsi[i] = static_cast<std::uint32_t>(b.u(40 + 32 * i, 30));
      p.seqno[i] = static_cast<std::uint8_t>(b.u(70 + 32 * i, 2));
    }
  }
  return check_length(n, 72, 72, 168, m);
}

PayloadError decode_utc_inquiry(const PayloadBits& b, Message& m) {
  auto& p = m.body.emplace<OtherBody>().emplace<UtcInquiry>();
  const std::size_t n = b.bit_count();
  if (n >= 70) p.dest_mmsi = static_cast<std::uint32_t>(b.u(40, 30));
  return check_length(n, 70, 72, 72, m);
}

PayloadError decode_safety_text(const PayloadBits& b, Message& m) {
  auto& p = m.body.emplace<OtherBody>().emplace<SafetyText>();
  const std::size_t n = b.bit_count();
  std::size_t start = 40;
  if (m.type == 12) {
    if (n < 72) return check_length(n, 72, 72, 1008, m);
    p.seqno = static_cast<std::uint8_t>(b.u(38, 2));
    p.dest_mmsi = static_cast<std::uint32_t>(b.u(40, 30));
    p.retransmit = b.flag(70);
    start = 72;
  }
  if (n < start) return check_length(n, start, start, 1008, m);
  const std::size_t chars = (n - start) / 6;
  p.len = static_cast<std::uint8_t>(b.text(start, chars, p.text, sizeof p.text - 1));
  p.text[p.len] = '\0';
  return check_length(n, start, start, 1008, m);
}

PayloadError decode_interrogation(const PayloadBits& b, Message& m) {
  auto& p = m.body.emplace<OtherBody>().emplace<Interrogation>();
  const std::size_t n = b.bit_count();
  // First station, first request (88 bits), then optionally a second request for
  // it (110) and a request for a second station (160).
  if (n >= 88) {
    p.mmsi1 = static_cast<std::uint32_t>(b.u(40, 30));
    p.type1_1 = static_cast<std::uint8_t>(b.u(70, 6));
    p.offset1_1 = static_cast<std::uint16_t>(b.u(76, 12));
  }
  if (n > 90) {
    p.type1_2 = static_cast<std::uint8_t>(b.u(90, 6));
    p.offset1_2 = static_cast<std::uint16_t>(b.u(96, 12));
    if (n > 110) {
      p.mmsi2 = static_cast<std::uint32_t>(b.u(110, 30));
      p.type2_1 = static_cast<std::uint8_t>(b.u(140, 6));
      p.offset2_1 = static_cast<std::uint16_t>(b.u(146, 12));
    }
  }
  return check_length(n, 88, 88, 168, m);
}

PayloadError decode_assigned_mode(const PayloadBits& b, Message& m) {
  auto& p = m.body.emplace<OtherBody>().emplace<AssignedMode>();
  const std::size_t n = b.bit_count();
  if (n >= 92) {
    p.mmsi1 = static_cast<std::uint32_t>(b.u(40, 30));
    p.offset1 = static_cast<std::uint16_t>(b.u(70, 12));
    p.increment1 = static_cast<std::uint16_t>(b.u(82, 10));
  }
  if (n >= 144) {
    p.mmsi2 = static_cast<std::uint32_t>(b.u(92, 30));
    p.offset2 = static_cast<std::uint16_t>(b.u(122, 12));
    p.increment2 = static_cast<std::uint16_t>(b.u(134, 10));
  }
  return check_length(n, 92, 96, 168, m);
}

PayloadError decode_data_link(const PayloadBits& b, Message& m) {
  auto& p = m.body.emplace<OtherBody>().emplace<DataLinkManagement>();
  const std::size_t n = b.bit_count();
  // Up to four 30-bit reservations; absent ones read as zeros (as gpsd prints them).
  for (std::size_t i = 0; i < 4; ++i) {
    const std::size_t a = 40 + 30 * i;
    p.offset[i] = static_cast<std::uint16_t>(b.u(a, 12));
    p.number[i] = static_cast<std::uint8_t>(b.u(a + 12, 4));
    p.timeout[i] = static_cast<std::uint8_t>(b.u(a + 16, 3));
    p.increment[i] = static_cast<std::uint16_t>(b.u(a + 19, 11));
  }
  return check_length(n, 70, 72, 186, m);
}

PayloadError decode_channel_mgmt(const PayloadBits& b, Message& m) {
  auto& p = m.body.emplace<OtherBody>().emplace<ChannelManagement>();
  const std::size_t n = b.bit_count();
  p.channel_a = static_cast<std::uint16_t>(b.u(40, 12));
  p.channel_b = static_cast<std::uint16_t>(b.u(52, 12));
  p.txrx = static_cast<std::uint8_t>(b.u(64, 4));
  p.power = b.flag(68);
  p.addressed = b.flag(139);
  if (p.addressed) {
    p.dest1 = static_cast<std::uint32_t>(b.u(69, 30));
    p.dest2 = static_cast<std::uint32_t>(b.u(104, 30));
  } else {
    p.ne_lon = static_cast<std::int32_t>(b.s(69, 18));
    p.ne_lat = static_cast<std::int32_t>(b.s(87, 17));
    p.sw_lon = static_cast<std::int32_t>(b.s(104, 18));
    p.sw_lat = static_cast<std::int32_t>(b.s(122, 17));
  }
  p.band_a = b.flag(140);
  p.band_b = b.flag(141);
  p.zonesize = static_cast<std::uint8_t>(b.u(142, 3));
  return check_length(n, 145, 168, 168, m);
}

PayloadError decode_group_assign(const PayloadBits& b, Message& m) {
  auto& p = m.body.emplace<OtherBody>().emplace<GroupAssignment>();
  const std::size_t n = b.bit_count();
  p.ne_lon = static_cast<std::int32_t>(b.s(40, 18));
  p.ne_lat = static_cast<std::int32_t>(b.s(58, 17));
  p.sw_lon = static_cast<std::int32_t>(b.s(75, 18));
  p.sw_lat = static_cast<std::int32_t>(b.s(93, 17));
  p.stationtype = static_cast<std::uint8_t>(b.u(110, 4));
  p.shiptype = static_cast<std::uint8_t>(b.u(114, 8));
  p.txrx = static_cast<std::uint8_t>(b.u(144, 2));
  p.interval = static_cast<std::uint8_t>(b.u(146, 4));
  p.quiet = static_cast<std::uint8_t>(b.u(150, 4));
  return check_length(n, 154, 160, 160, m);
}

}  // namespace seawarden::ais::detail
