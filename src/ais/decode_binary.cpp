// Binary messages: types 6 and 8 (with their application identifier), 17 (DGNSS
// corrections) and 25/26 (single/multiple slot binary). Unknown application
// payloads keep their bits, printed as gpsd prints them ("bits:hex").
#include "ais/decode_internal.h"

namespace seawarden::ais::detail {

PayloadError decode_binary_addressed(const PayloadBits& b, Message& m) {
  auto& p = m.body.emplace<OtherBody>().emplace<BinaryAddressed>();
  const std::size_t n = b.bit_count();
  if (n < 88) {
    if (n >= 70) p.dest_mmsi = static_cast<std::uint32_t>(b.u(40, 30));
    return check_length(n, 88, 88, 1008, m);
  }
  p.seqno = static_cast<std::uint8_t>(b.u(38, 2));
  p.dest_mmsi = static_cast<std::uint32_t>(b.u(40, 30));
  p.retransmit = b.flag(70);
  p.dac = static_cast<std::uint16_t>(b.u(72, 10));
  p.fid = static_cast<std::uint8_t>(b.u(82, 6));
  if (!decode_app_addressed(b, p.dac, p.fid, p.app))
    copy_raw(b, 88, n - 88, p.app.emplace<RawBits>(), /*mask_tail=*/false);
  return check_length(n, 88, 88, 1008, m);
}

PayloadError decode_binary_broadcast(const PayloadBits& b, Message& m) {
  auto& p = m.body.emplace<OtherBody>().emplace<BinaryBroadcast>();
  const std::size_t n = b.bit_count();
  if (n < 56) return check_length(n, 56, 56, 1008, m);
  p.dac = static_cast<std::uint16_t>(b.u(40, 10));
  p.fid = static_cast<std::uint8_t>(b.u(50, 6));
  if (!decode_app_broadcast(b, p.dac, p.fid, p.app))
    copy_raw(b, 56, n - 56, p.app.emplace<RawBits>(), /*mask_tail=*/true);
  return check_length(n, 56, 56, 1008, m);
}

PayloadError decode_dgnss(const PayloadBits& b, Message& m) {
  auto& p = m.body.emplace<OtherBody>().emplace<DgnssBroadcast>();
  const std::size_t n = b.bit_count();
  if (n < 80) return check_length(n, 80, 80, 816, m);
  p.lon = static_cast<std::int32_t>(b.s(40, 18));
  p.lat = static_cast<std::int32_t>(b.s(58, 17));
  copy_raw(b, 80, n - 80, p.data, /*mask_tail=*/false);
  return check_length(n, 80, 80, 816, m);
}

PayloadError decode_binary_slot(const PayloadBits& b, Message& m) {
  auto& p = m.body.emplace<OtherBody>().emplace<BinarySlot>();
  const std::size_t n = b.bit_count();
  const bool multi = m.type == 26;
  const std::size_t radio_bits = multi ? 20 : 0;
  const std::size_t max_bits = multi ? 1064 : 168;
  if (n < 40) return check_length(n, 40, 40, max_bits, m);
  p.addressed = b.flag(38);
  p.structured = b.flag(39);
  // Destination (30 bits) when addressed, application id (16 bits) when structured.
  const std::size_t start = 40 + (p.addressed ? 30 : 0) + (p.structured ? 16 : 0);
  if (n < start + radio_bits) return check_length(n, start + radio_bits, 0, max_bits, m);
  if (p.addressed) p.dest_mmsi = static_cast<std::uint32_t>(b.u(40, 30));
  if (p.structured) p.app_id = static_cast<std::uint16_t>(b.u(p.addressed ? 70 : 40, 16));
  copy_raw(b, start, n - start - radio_bits, p.data, /*mask_tail=*/false);
  // The communication state closes a type 26 (ITU-R M.1371-5 Table 80): selector
  // flag and 19 bits of SOTDMA/ITDMA state. gpsd never decodes it (prints 0).
  if (multi) p.radio = static_cast<std::uint32_t>(b.u(n - 20, 20));
  return check_length(n, start + radio_bits, 0, max_bits, m);
}

}  // namespace seawarden::ais::detail
