// Internal to the payload decoder: one function per family of message types.
// Each receives the de-armored bits and the message with its header (type, repeat,
// mmsi) already set, fills the body, and returns the error/warning policy's verdict.
#pragma once

#include <cstddef>
#include <cstring>

#include "ais/bits.h"
#include "ais/message.h"
#include "ais/payload.h"

namespace seawarden::ais::detail {

// Length policy shared by all types: below `min_bits` the message cannot be used
// (WrongLength, though fields that are fully present are still filled); between
// min and nominal it is accepted with ShortPayload; above `max_bits` with LongPayload.
inline PayloadError check_length(std::size_t n, std::size_t min_bits, std::size_t nominal,
                                 std::size_t max_bits, Message& out) {
  if (n < min_bits) {
    out.warning = Warning::ShortPayload;
    return PayloadError::WrongLength;
  }
  if (n < nominal) out.warning = Warning::ShortPayload;
  else if (n > max_bits) out.warning = Warning::LongPayload;
  return PayloadError::None;
}

// Copies six-bit text into a fixed char array (NUL-terminated), gpsd style.
template <std::size_t N>
inline std::size_t text_into(const PayloadBits& b, std::size_t start, std::size_t count,
                             char (&dst)[N]) {
  const std::size_t n = b.text(start, count, dst, N - 1);
  dst[n] = '\0';
  return n;
}

// Raw bits into RawBits. `mask_tail` zeroes bits after bit_len in the last byte
// (gpsd does so for type 8 only).
void copy_raw(const PayloadBits& b, std::size_t start, std::size_t bit_len, RawBits& dst,
              bool mask_tail);

PayloadError decode_position_a(const PayloadBits& b, Message& m);     // 1, 2, 3
PayloadError decode_base_station(const PayloadBits& b, Message& m);   // 4, 11
PayloadError decode_sar(const PayloadBits& b, Message& m);            // 9
PayloadError decode_position_b(const PayloadBits& b, Message& m);     // 18
PayloadError decode_extended_b(const PayloadBits& b, Message& m);     // 19
PayloadError decode_aton(const PayloadBits& b, Message& m);           // 21
PayloadError decode_long_range(const PayloadBits& b, Message& m);     // 27
PayloadError decode_static_voyage(const PayloadBits& b, Message& m);  // 5
PayloadError decode_static_b(const PayloadBits& b, Message& m);       // 24
PayloadError decode_binary_addressed(const PayloadBits& b, Message& m);  // 6
PayloadError decode_binary_broadcast(const PayloadBits& b, Message& m);  // 8
PayloadError decode_dgnss(const PayloadBits& b, Message& m);             // 17
PayloadError decode_binary_slot(const PayloadBits& b, Message& m);       // 25, 26
PayloadError decode_acknowledge(const PayloadBits& b, Message& m);       // 7, 13
PayloadError decode_utc_inquiry(const PayloadBits& b, Message& m);       // 10
PayloadError decode_safety_text(const PayloadBits& b, Message& m);       // 12, 14
PayloadError decode_interrogation(const PayloadBits& b, Message& m);     // 15
PayloadError decode_assigned_mode(const PayloadBits& b, Message& m);     // 16
PayloadError decode_data_link(const PayloadBits& b, Message& m);         // 20
PayloadError decode_channel_mgmt(const PayloadBits& b, Message& m);      // 22
PayloadError decode_group_assign(const PayloadBits& b, Message& m);      // 23

// Application messages inside types 6 and 8 (decode_application.cpp). Return false
// when the DAC/FI is not one seawarden decodes (or its length does not fit), so the
// caller keeps the raw bits.
bool decode_app_addressed(const PayloadBits& b, std::uint16_t dac, std::uint8_t fid,
                          AppBody& out);
bool decode_app_broadcast(const PayloadBits& b, std::uint16_t dac, std::uint8_t fid,
                          AppBody& out);

}  // namespace seawarden::ais::detail
