// Receive-time conventions of real AIS feeds, and ISO-8601 formatting.
//
// Parsing is by pointer over string_views (no allocation): the reader calls these
// for every line that carries a time prefix, trailer, tag block, $PGHP wrapper or GPS time.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "ais/message.h"

namespace seawarden::ais {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
std::int64_t days_from_civil(int year, unsigned month, unsigned day);

// Milliseconds since the epoch for a UTC calendar time; kUnknownTime when a field is
// out of range (month 13, hour 25, ...). Leap second 60 is accepted.
TimeMs utc_to_ms(int year, int month, int day, int hour, int minute, int second, int millis);

// A Unix epoch written as decimal seconds ("1272412827", "1272412827.25") or as
// milliseconds ("1328133720012": 12 digits or more are milliseconds — seconds would be
// after year 5138). The whole view must be the number. kUnknownTime otherwise.
TimeMs parse_epoch(std::string_view text);

// An ISO-8601 style UTC timestamp: "2018-11-01T00:00:00Z", "2018-11-01 00:00:00.123",
// optional fraction and 'Z' or "+00:00". Returns the number of characters consumed
// (0 when it is not a timestamp) and stores the time.
std::size_t parse_iso8601_prefix(std::string_view text, TimeMs& out);

// A Gatehouse/DMA wrapper: "$PGHP,1,yyyy,mm,dd,hh,mi,ss,ms,country,region,pss,online,cc*hh".
// `checksum_of_next` is the checksum (0-255) of the AIS sentence it dates, -1 when absent;
// `station` is the source base station (pss field) or empty.
struct Pghp {
  TimeMs time = kUnknownTime;
  int checksum_of_next = -1;
  std::string_view station;
};
// Parses a $PGHP line (starting at '$', ending at or before '*'); false if it is not
// a valid type 1 PGHP with a good checksum.
bool parse_pghp(std::string_view line, Pghp& out);

// The receiver's own clock in a raw NMEA log: AIS receivers with a GPS (or a logger fed by one)
// interleave $--ZDA / $--RMC sentences with the AIS sentences, so a log without tag blocks or
// time prefixes still says when it was received (NMEA 0183: ZDA = UTC date and time, RMC = the
// same with the fix). The reader dates untimed sentences by the latest such sentence.
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

// Writes "YYYY-MM-DDThh:mm:ss.sssZ" (milliseconds only when non-zero) into `out`
// (at least 32 bytes) and returns the length; kUnknownTime writes nothing (returns 0).
std::size_t format_iso8601(TimeMs t, char* out);
// Convenience form for non-hot paths; "" for kUnknownTime.
std::string format_iso8601(TimeMs t);

}  // namespace seawarden::ais
