// Validity checks on broadcast identities: IMO check digit, MMSI forms and their MID,
// default/test MMSIs.
#pragma once

#include <cstdint>
#include <string_view>

namespace seawarden::track {

// IMO numbers are 7 digits; the last is sum(d_i * (8 - i), i = 1..6) mod 10.
bool imo_check_digit_ok(std::uint32_t imo);

// What an MMSI designates (ITU-R M.585), decided from its digits.
enum class MmsiForm : std::uint8_t {
  Ship,          // MIDxxxxxx
  Group,         // 0MIDxxxxx
  CoastStation,  // 00MIDxxxx
  SarAircraft,   // 111MIDxxx
  Handheld,      // 8MIDxxxxx
  Auxiliary,     // 98MIDxxxx
  AidToNavigation,  // 99MIDxxxx
  Sart,          // 970xxxxxx
  Mob,           // 972xxxxxx
  Epirb,         // 974xxxxxx
  Other,         // anything else (e.g. 1xxxxxxxx, 9xxxxxxxx)
};
MmsiForm mmsi_form(std::uint32_t mmsi);

// The MID embedded in the MMSI for forms that carry one, else 0.
unsigned mmsi_mid(std::uint32_t mmsi);

// 0, 123456789, 987654321, nine identical digits, or fewer than 9 digits without being a
// coast station (00MIDxxxx) or group (0MIDxxxxx) number.
bool is_default_mmsi(std::uint32_t mmsi);

// MMSI whose MID (in any MID-carrying form) is not allocated. SART/MOB/EPIRB numbers and
// default MMSIs are never reported here.
bool has_unallocated_mid(std::uint32_t mmsi);

// ISO alpha-2 flag from the MMSI's MID, "" when none.
std::string_view mmsi_flag(std::uint32_t mmsi);

}  // namespace seawarden::track
