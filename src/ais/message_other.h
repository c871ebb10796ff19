// Message types other than positions and static data (6-17, 20-23, 25, 26),
// decoded so that every ITU-R M.1371-5 type round-trips to gpsd-compatible JSON.
#pragma once

#include <cstdint>
#include <variant>
#include <vector>

namespace seawarden::ais {

// Placeholder until each type gets its own struct: the payload bits, left-aligned.
struct RawBits {
  std::vector<std::uint8_t> bytes;
  std::uint32_t bit_count = 0;
};

using OtherBody = std::variant<RawBits>;

}  // namespace seawarden::ais
