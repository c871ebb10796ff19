// Typed AIS messages (ITU-R M.1371-5) with their reception metadata.
//
// Fields hold the raw integers of the radio message, named as gpsd names them;
// scaling (1/10000 minute -> degrees, 0.1 kn -> kn, ...) happens at the edges
// (JSON/CSV writers, track building) so that an unscaled dump is lossless.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "ais/utf8.h"
#include "ais/message_other.h"

namespace seawarden::ais {

// Milliseconds since the Unix epoch, UTC. kUnknownTime when the feed carried none:
// seawarden never invents a receive time.
using TimeMs = std::int64_t;
inline constexpr TimeMs kUnknownTime = INT64_MIN;

// A six-bit text field (ship name, call sign, destination...), trailing '@' and
// spaces removed. Fixed capacity keeps decoding allocation-free.
template <std::size_t N>
struct Text {
  std::array<char, N + 1> buf{};
  std::uint8_t len = 0;
  std::string_view view() const { return {buf.data(), len}; }
  void assign(std::string_view s) {  // cut to N bytes, never inside a character (CSV text is UTF-8)
    len = static_cast<std::uint8_t>(utf8_cut(s, N));
    for (std::size_t i = 0; i < len; ++i) buf[i] = s[i];
    buf[len] = '\0';
  }
  bool empty() const { return len == 0; }
};

// Raw ITU sentinels, useful to consumers.
inline constexpr std::int32_t kLonNotAvailable = 181 * 600000;  // 1/10000 minute
inline constexpr std::int32_t kLatNotAvailable = 91 * 600000;
inline constexpr std::uint16_t kSpeedNotAvailable = 1023;       // 0.1 kn
inline constexpr std::uint16_t kCourseNotAvailable = 3600;      // 0.1 deg
inline constexpr std::uint16_t kHeadingNotAvailable = 511;

// Types 1, 2, 3: Class A position report.
struct PositionA {
  std::uint8_t status = 15;
  std::int8_t turn = -128;     // raw ROT_AIS; -128 = not available
  std::uint16_t speed = kSpeedNotAvailable;
  bool accuracy = false;
  std::int32_t lon = kLonNotAvailable;  // 1/10000 minute
  std::int32_t lat = kLatNotAvailable;
  std::uint16_t course = kCourseNotAvailable;
  std::uint16_t heading = kHeadingNotAvailable;
  std::uint8_t second = 60;
  std::uint8_t maneuver = 0;
  bool raim = false;
  std::uint32_t radio = 0;
};

// Types 4 and 11: base station report / UTC date response.
struct BaseStation {
  std::uint16_t year = 0;
  std::uint8_t month = 0, day = 0, hour = 24, minute = 60, second = 60;
  bool accuracy = false;
  std::int32_t lon = kLonNotAvailable;
  std::int32_t lat = kLatNotAvailable;
  std::uint8_t epfd = 0;
  bool raim = false;
  std::uint32_t radio = 0;
};

// Type 5: static and voyage related data.
struct StaticVoyage {
  std::uint8_t ais_version = 0;
  std::uint32_t imo = 0;
  Text<7> callsign;
  Text<20> shipname;
  std::uint8_t shiptype = 0;
  std::uint16_t to_bow = 0, to_stern = 0;
  std::uint8_t to_port = 0, to_starboard = 0;
  std::uint8_t epfd = 0;
  std::uint8_t month = 0, day = 0, hour = 24, minute = 60;  // ETA
  std::uint8_t draught = 0;  // 0.1 m
  Text<20> destination;
  bool dte = false;
};

// Type 18: Class B position report.
struct PositionB {
  std::uint8_t reserved = 0;
  std::uint16_t speed = kSpeedNotAvailable;
  bool accuracy = false;
  std::int32_t lon = kLonNotAvailable;
  std::int32_t lat = kLatNotAvailable;
  std::uint16_t course = kCourseNotAvailable;
  std::uint16_t heading = kHeadingNotAvailable;
  std::uint8_t second = 60;
  std::uint8_t regional = 0;
  bool cs = false, display = false, dsc = false, band = false, msg22 = false, assigned = false;
  bool raim = false;
  std::uint32_t radio = 0;
};

// Type 19: extended Class B position report.
struct ExtendedB {
  std::uint8_t reserved = 0;
  std::uint16_t speed = kSpeedNotAvailable;
  bool accuracy = false;
  std::int32_t lon = kLonNotAvailable;
  std::int32_t lat = kLatNotAvailable;
  std::uint16_t course = kCourseNotAvailable;
  std::uint16_t heading = kHeadingNotAvailable;
  std::uint8_t second = 60;
  std::uint8_t regional = 0;
  Text<20> shipname;
  std::uint8_t shiptype = 0;
  std::uint16_t to_bow = 0, to_stern = 0;
  std::uint8_t to_port = 0, to_starboard = 0;
  std::uint8_t epfd = 0;
  bool raim = false, dte = false, assigned = false;
};

// Type 24: static data report, part A (name) or part B (type, call sign, dimensions).
struct StaticB {
  std::uint8_t partno = 0;
  Text<20> shipname;  // part A
  std::uint8_t shiptype = 0;  // part B from here
  // Vendor id: 3 characters since ITU-R M.1371-4 (then model and serial), 7 before;
  // read as 7 characters like gpsd so old transmitters keep their full id.
  Text<7> vendorid;
  std::uint8_t model = 0;
  std::uint32_t serial = 0;
  Text<7> callsign;
  std::uint16_t to_bow = 0, to_stern = 0;
  std::uint8_t to_port = 0, to_starboard = 0;
  std::uint32_t mothership_mmsi = 0;  // auxiliary craft only (MMSI 98xxxxxxx)
  // A part B that also carries the name of its part A (see StaticBPairing in
  // ais/static_pairing.h); gpsd prints such pairs as one object without "part".
  bool merged = false;
};

// Type 27: long-range broadcast (low-resolution position, 1/10 minute).
struct LongRange {
  bool accuracy = false, raim = false;
  std::uint8_t status = 15;
  std::int32_t lon = 181 * 600;  // 1/10 minute
  std::int32_t lat = 91 * 600;
  std::uint8_t speed = 63;       // knots
  std::uint16_t course = 511;    // degrees
  bool gnss = false;
};

// The remaining message types (6-17, 20-23, 25, 26) are declared in
// ais/message_other.h; the alternatives above are the ones the track layer consumes.

// Decoding problems that did not prevent a result (gpsd-style leniency).
enum class Warning : std::uint8_t {
  None = 0,
  ShortPayload,     // fewer bits than the type requires; missing bits read as 0
  LongPayload,      // more bits than the type defines
  NonStandardSize,  // e.g. type 24A sent as 160 bits
};

// Where and when a message was received. Strings point into storage owned by the
// reader and stay valid until the next message is delivered.
struct RxMeta {
  TimeMs rxtime = kUnknownTime;  // receive time from tag block, trailer, wrapper or line prefix
  std::string_view station;      // tag block s:, USCG trailer b..., or empty
  char channel = 0;              // 'A', 'B' or 0
  std::string_view talker;       // "AI", "AB", "BS", ...
  bool own_ship = false;         // VDO
  std::uint32_t line_no = 0;     // line of the last fragment in its input
  bool from_csv = false;         // built from a CSV export row, not a radio message
};

// One decoded message: common header plus the type-specific body.
struct Message {
  std::uint8_t type = 0;
  std::uint8_t repeat = 0;
  std::uint32_t mmsi = 0;
  Warning warning = Warning::None;
  std::variant<std::monostate, PositionA, BaseStation, StaticVoyage, PositionB, ExtendedB,
               StaticB, LongRange, OtherBody>
      body;
};

// A message with where and when it was received.
struct Received {
  RxMeta meta;
  Message msg;
};

}  // namespace seawarden::ais
