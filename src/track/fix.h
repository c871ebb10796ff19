// A position fix of one vessel, in physical units, as the track layer emits it.
#pragma once

#include <cstdint>

namespace seawarden::track {

struct Fix {
  std::uint32_t mmsi = 0;
  std::int64_t t_ms = 0;        // receive time, UTC epoch milliseconds
  double lat = 0, lon = 0;      // degrees, WGS84
  float sog = -1;               // knots; < 0 when not available
  float cog = -1;               // degrees; < 0 when not available
  std::int16_t heading = -1;    // degrees; -1 when not available
  std::uint8_t status = 15;     // navigational status (15 = not defined)
  std::uint8_t msg_type = 0;    // AIS message type it came from (0 = CSV)
  std::uint32_t segment = 0;    // segment id within this MMSI (see segmenter)
};

}  // namespace seawarden::track
