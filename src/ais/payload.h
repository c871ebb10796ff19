// Six-bit payload -> typed Message (ITU-R M.1371-5, all 27 types).
#pragma once

#include <string_view>

#include "ais/message.h"

namespace seawarden::ais {

enum class PayloadError : std::uint8_t {
  None = 0,
  BadArmoring,     // a character outside the six-bit alphabet
  WrongLength,     // too short to hold even the lenient minimum of its type
  UnknownType,     // message id 0 or above 27
};

// Decodes an assembled payload (all fragments joined) with its fill bits.
// Returns PayloadError::None and fills `out` on success; `out.warning` records
// tolerated deviations (a type 24A of 160 bits, a type 1 of 204 bits, ...).
PayloadError decode_payload(std::string_view armored, int fill_bits, Message& out);

const char* to_string(PayloadError e);

}  // namespace seawarden::ais
