// ITU Maritime Identification Digits (ITU-R M.585, table of allocated MIDs):
// MID -> flag (ISO 3166-1 alpha-2) and country/territory name.
#pragma once

#include <cstdint>
#include <string_view>

namespace seawarden::track {

struct MidEntry {
  std::uint16_t mid = 0;
  std::string_view iso2;     // "" when the MID is not allocated
  std::string_view country;
};

// The allocation for a MID (201..775); iso2 empty when unallocated.
const MidEntry& lookup_mid(unsigned mid);
inline bool mid_allocated(unsigned mid) { return !lookup_mid(mid).iso2.empty(); }
// Number of allocated MIDs in the table (for tests).
std::size_t allocated_mid_count();

}  // namespace seawarden::track
