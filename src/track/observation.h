// What the track layer keeps of one received message while it waits in the reorder
// buffer: a compact, self-contained copy (the reader's strings do not outlive the call).
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

#include "ais/message.h"
#include "ais/utf8.h"

namespace seawarden::track {

// Fixed-size text so observations never allocate.
template <std::size_t N>
struct FixedText {
  char buf[N + 1] = {};
  std::uint8_t len = 0;
  std::string_view view() const { return {buf, len}; }
  bool empty() const { return len == 0; }
  void assign(std::string_view s);  // upper-cased, trimmed, '@' and control characters removed
  // Text already in canonical form (another FixedText's view) taken as it is, cut at N.
  void set(std::string_view s) {
    len = static_cast<std::uint8_t>(ais::utf8_cut(s, N));
    std::memcpy(buf, s.data(), len);
    buf[len] = '\0';
  }
  // After a raw restore (saved state, hostile input): keeps view() inside the buffer.
  void clamp() {
    if (len > N) len = static_cast<std::uint8_t>(N);
    buf[N] = '\0';
  }
};

// Static/voyage data carried by types 5, 19 and 24 (which fields are present varies).
struct StaticReport {
  enum : std::uint8_t {
    kName = 1, kCallsign = 2, kImo = 4, kShiptype = 8, kDims = 16, kDraught = 32, kDestination = 64
  };
  std::uint8_t has = 0;
  FixedText<20> name;
  FixedText<7> callsign;
  FixedText<20> destination;
  std::uint32_t imo = 0;
  std::uint8_t shiptype = 0;
  std::uint16_t length_m = 0, beam_m = 0;
  float draught_m = 0;
};

struct Observation {
  std::int64_t t_ms = 0;
  std::uint32_t mmsi = 0;
  std::uint8_t msg_type = 0;
  bool from_csv = false;
  bool has_position = false;
  bool position_valid = false;  // false: lat/lon not available or out of range
  std::int32_t raw_lat = 0, raw_lon = 0;  // as transmitted (resolution depends on type)
  double lat = 0, lon = 0;
  float sog = -1, cog = -1;
  std::int16_t heading = -1;
  std::uint8_t status = 15;
  bool has_static = false;
  StaticReport report;
};

// What became of a message the track layer does not use.
enum class ObservationKind : std::uint8_t { Position, Static, PositionAndStatic, Ignored };

// Fills `out` from a received message. Returns Ignored for message types that carry
// neither a position nor identity data (base stations, binary messages, ...).
ObservationKind make_observation(const ais::Received& rec, Observation& out);

}  // namespace seawarden::track
