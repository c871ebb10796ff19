// What the pipeline fuzzers (fuzz_state, fuzz_config) run a pipeline with: zones (a port and a
// transfer area), a one-vessel sanctions list, and 6.5 hours of two ships sailing together out
// of the port into the transfer area (and a vessel forgotten before).
#pragma once

#include <cstdint>

#include "ais/message.h"
#include "detect/pipeline.h"
#include "detect/zones.h"
#include "screen/lists.h"
#include "screen/matcher.h"

namespace fuzz_fixture {

inline const seawarden::detect::ZoneSet& zones() {
  static const seawarden::detect::ZoneSet z = seawarden::detect::ZoneSet::parse(
      R"({"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"id":"p1","name":"P1","kind":"port"},
         "geometry":{"type":"Polygon","coordinates":[[[124,38],[124.2,38],[124.2,38.2],[124,38.2],[124,38]]]}},
        {"type":"Feature","properties":{"id":"t1","name":"T1","kind":"transfer_area"},
         "geometry":{"type":"Polygon","coordinates":[[[124.5,38],[125,38],[125,38.5],[124.5,38.5],[124.5,38]]]}}]})",
      "fuzz");
  return z;
}

// A one-vessel list, so that the sanctions_hit detector runs (and reads its section of a state).
inline const seawarden::screen::Matcher& matcher() {
  static const seawarden::screen::ListSet lists = [] {
    seawarden::screen::ListSet l;
    seawarden::screen::Entity e;
    e.list = "ofac";
    e.id = "90020";
    e.type = seawarden::screen::EntityType::vessel;
    e.name = "CHON MA SAN";
    e.identifiers = {{"imo", "9074729", ""}, {"mmsi", "412000001", ""}, {"call_sign", "HMXX9", ""}};
    l.entities.push_back(e);
    return l;
  }();
  static const seawarden::screen::Matcher m(lists);
  return m;
}

inline seawarden::ais::Received position(std::uint32_t mmsi, std::int64_t t, double lat, double lon) {
  seawarden::ais::Received r;
  r.meta.rxtime = t;
  r.msg.type = 1;
  r.msg.mmsi = mmsi;
  seawarden::ais::PositionA p;
  p.lat = static_cast<std::int32_t>(lat * 600000);
  p.lon = static_cast<std::int32_t>(lon * 600000);
  p.speed = 5;
  p.course = 900;
  r.msg.body = p;
  return r;
}

// Two ships side by side, a fix every 10 minutes for 6.5 hours, from lon 124.1 (in the port) to
// 124.568 (in the transfer area), after one report of an unallocated MMSI three days before: it
// is forgotten ([tracks] forget_brief_after) at the first watermark.
inline void run_on(seawarden::detect::Pipeline& p) {
  const std::int64_t t0 = 1715212800000;
  p.on_message(position(100000001, t0 - 3 * 86400000LL, 38.3, 124.3));
  for (int i = 0; i < 40; ++i) {
    p.on_message(position(412000001, t0 + i * 600000LL, 38.1, 124.1 + i * 0.012));
    p.on_message(position(412000002, t0 + i * 600000LL + 1000, 38.1, 124.1 + i * 0.012));
  }
}

}  // namespace fuzz_fixture
