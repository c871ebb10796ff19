// Payload entry point: de-armor, read the common header, dispatch on the type.
#include "ais/payload.h"

#include "ais/decode_internal.h"

namespace seawarden::ais {

namespace detail {

void copy_raw(const PayloadBits& b, std::size_t start, std::size_t bit_len, RawBits& dst,
              bool mask_tail) {
  if (bit_len > dst.bytes.size() * 8) bit_len = dst.bytes.size() * 8;
  dst.bit_count = static_cast<std::uint16_t>(bit_len);
  const std::size_t nbytes = b.copy_bits(start, bit_len, dst.bytes.data(), dst.bytes.size());
  if (mask_tail && (bit_len & 7) && nbytes > 0)
    dst.bytes[nbytes - 1] &= static_cast<std::uint8_t>(0xFF << (8 - (bit_len & 7)));
}

}  // namespace detail

PayloadError decode_payload(std::string_view armored, int fill_bits, Message& out) {
  // Thread-local so that callers never pay for a 1 KB zeroing per message.
  thread_local PayloadBits bits;
  out.type = 0;
  out.repeat = 0;
  out.mmsi = 0;
  out.warning = Warning::None;
  if (fill_bits < 0 || fill_bits > 5) fill_bits = fill_bits < 0 ? 0 : 5;
  if (!bits.load(armored, fill_bits)) return PayloadError::BadArmoring;
  const std::size_t n = bits.bit_count();
  if (n < 6) return PayloadError::WrongLength;
  out.type = static_cast<std::uint8_t>(bits.u(0, 6));
  if (out.type == 0 || out.type > 27) return PayloadError::UnknownType;
  if (n < 38) {
    out.body = std::monostate{};
    return PayloadError::WrongLength;
  }
  out.repeat = static_cast<std::uint8_t>(bits.u(6, 2));
  out.mmsi = static_cast<std::uint32_t>(bits.u(8, 30));

  PayloadError err;
  using namespace detail;
  switch (out.type) {
    case 1: case 2: case 3: err = decode_position_a(bits, out); break;
    case 4: case 11: err = decode_base_station(bits, out); break;
    case 5: err = decode_static_voyage(bits, out); break;
    case 6: err = decode_binary_addressed(bits, out); break;
    case 7: case 13: err = decode_acknowledge(bits, out); break;
    case 8: err = decode_binary_broadcast(bits, out); break;
    case 9: err = decode_sar(bits, out); break;
    case 10: err = decode_utc_inquiry(bits, out); break;
    case 12: case 14: err = decode_safety_text(bits, out); break;
    case 15: err = decode_interrogation(bits, out); break;
    case 16: err = decode_assigned_mode(bits, out); break;
    case 17: err = decode_dgnss(bits, out); break;
    case 18: err = decode_position_b(bits, out); break;
    case 19: err = decode_extended_b(bits, out); break;
    case 20: err = decode_data_link(bits, out); break;
    case 21: err = decode_aton(bits, out); break;
    case 22: err = decode_channel_mgmt(bits, out); break;
    case 23: err = decode_group_assign(bits, out); break;
    case 24: err = decode_static_b(bits, out); break;
    case 25: case 26: err = decode_binary_slot(bits, out); break;
    default: err = decode_long_range(bits, out); break;  // 27
  }
  if (err == PayloadError::None && bits.truncated()) out.warning = Warning::LongPayload;
  return err;
}

const char* to_string(PayloadError e) {
  switch (e) {
    case PayloadError::None: return "none";
    case PayloadError::BadArmoring: return "bad armoring";
    case PayloadError::WrongLength: return "wrong length";
    case PayloadError::UnknownType: return "unknown type";
  }
  return "unknown";
}

}  // namespace seawarden::ais
