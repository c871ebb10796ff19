// Builds AIS messages in memory and runs them through a Pipeline (shared by the detector tests).
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include "ais/message.h"
#include "detect/config.h"
#include "detect/pipeline.h"

namespace seawarden::testing {

inline constexpr std::int64_t kT0 = 1715212800000;  // 2024-05-09T00:00:00Z
inline constexpr std::int64_t kMin = 60000, kHour = 3600000;

inline ais::Received position(std::uint32_t mmsi, std::int64_t t, double lat, double lon, double sog = 10,
                              double cog = 90) {
  ais::Received r;
  r.meta.rxtime = t;
  r.msg.type = 1;
  r.msg.mmsi = mmsi;
  ais::PositionA p;
  p.lat = static_cast<std::int32_t>(std::lround(lat * 600000));
  p.lon = static_cast<std::int32_t>(std::lround(lon * 600000));
  p.speed = static_cast<std::uint16_t>(std::lround(sog * 10));
  p.course = static_cast<std::uint16_t>(std::lround(cog * 10));
  p.status = 0;
  r.msg.body = p;
  return r;
}

struct Static5 {
  std::string name = "OCEAN STAR", callsign = "ABC123";
  std::uint32_t imo = 9074729;
  std::uint8_t shiptype = 80;
  double draught = 8.0;
  unsigned length = 180, beam = 30;
};

inline ais::Received static5(std::uint32_t mmsi, std::int64_t t, const Static5& s) {
  ais::Received r;
  r.meta.rxtime = t;
  r.msg.type = 5;
  r.msg.mmsi = mmsi;
  ais::StaticVoyage v;
  v.shipname.assign(s.name);
  v.callsign.assign(s.callsign);
  v.imo = s.imo;
  v.shiptype = s.shiptype;
  v.draught = static_cast<std::uint8_t>(std::lround(s.draught * 10));
  v.to_bow = static_cast<std::uint16_t>(s.length / 2);
  v.to_stern = static_cast<std::uint16_t>(s.length - s.length / 2);
  v.to_port = static_cast<std::uint8_t>(s.beam / 2);
  v.to_starboard = static_cast<std::uint8_t>(s.beam - s.beam / 2);
  r.msg.body = v;
  return r;
}

// Runs messages (in the given order) through a pipeline and returns its events.
inline std::vector<detect::Event> run(const std::vector<ais::Received>& msgs,
                                      const detect::Config& cfg = {},
                                      detect::PipelineStats* stats = nullptr) {
  detect::Pipeline p(cfg, nullptr, nullptr);
  std::vector<detect::Event> out;
  p.on_event = [&](const detect::Event& e) { out.push_back(e); };
  for (const auto& m : msgs) p.on_message(m);
  p.finish();
  if (stats) *stats = p.stats();
  return out;
}

inline std::vector<detect::Event> of_kind(const std::vector<detect::Event>& all, const std::string& kind) {
  std::vector<detect::Event> out;
  for (const auto& e : all)
    if (e.kind == kind) out.push_back(e);
  return out;
}

// A ship sailing east at `kn` knots from (lat, lon), one report every `step` ms.
inline void sail(std::vector<ais::Received>& out, std::uint32_t mmsi, std::int64_t t0, std::int64_t t1,
                 std::int64_t step, double lat, double lon, double kn) {
  for (std::int64_t t = t0; t <= t1; t += step) {
    double hours = (t - t0) / 3.6e6;
    double dlon = kn * hours / 60.0 / std::cos(lat * 3.14159265358979 / 180);
    out.push_back(position(mmsi, t, lat, lon + dlon, kn, 90));
  }
}

}  // namespace seawarden::testing
