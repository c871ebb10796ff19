// The receiver's own clock in a raw NMEA log. AIS receivers with a GPS (or a logger fed by a
// GPS) interleave $--ZDA / $--RMC sentences with the AIS sentences: a log without tag blocks
// or time prefixes then still says when it was received (NMEA 0183: ZDA = UTC date and time,
// RMC = the same with the fix). The reader dates untimed sentences by the latest such sentence.
#pragma once

#include <string_view>

#include "ais/message.h"

namespace seawarden::ais {

enum class GpsTime {
  NotGps,       // not a ZDA or RMC sentence
  Time,         // a valid UTC date and time
  BadChecksum,  // ZDA/RMC whose checksum is wrong: not trusted
  NoTime,       // ZDA/RMC without a usable date and time (empty or impossible fields)
  NoFix,        // RMC status V: the receiver says its GPS has no fix, its clock is not to be trusted
};

// Reads "$--ZDA,hhmmss.ss,dd,mm,yyyy,..." or "$--RMC,hhmmss.ss,A,...,ddmmyy,...". Two-digit RMC
// years are 2000-2099. Dates before 2000 are NoTime: AIS logs start in the 2000s, while GPS
// receivers without a fix report dates near the GPS epoch (1980) and ones hit by a week-number
// rollover report dates 19.7 years back (a 2019 log dated 1999).
GpsTime parse_gps_time(std::string_view line, TimeMs& out);

}  // namespace seawarden::ais
