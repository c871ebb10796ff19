// Helpers shared by the spatial detector tests: synthetic tracks and a streaming driver that
// feeds detectors the way the pipeline does (time order across vessels, watermark per fix).
#pragma once

#include <algorithm>
#include <string>
#include <map>
#include <vector>

#include <fmt/format.h>

#include "detect/detector.h"
#include "detect/geo.h"
#include "detect/zones.h"
#include "track/fix.h"

namespace seawarden::detect::testing {

// Zones of rectangular shape (edges along meridians and parallels), parsed from the GeoJSON
// they would come in; each feature's name is its id.
struct Rect {
  std::string id, kind;
  double west, south, east, north;
};
inline ZoneSet rect_zones(const std::vector<Rect>& rects) {
  std::string features;
  for (const Rect& r : rects)
    features += fmt::format(
        R"({}{{"type":"Feature","properties":{{"id":"{}","name":"{}","kind":"{}"}},)"
        R"("geometry":{{"type":"Polygon","coordinates":[[[{},{}],[{},{}],[{},{}],[{},{}],[{},{}]]]}}}})",
        features.empty() ? "" : ",", r.id, r.id, r.kind, r.west, r.south, r.east, r.south, r.east, r.north,
        r.west, r.north, r.west, r.south);
  return ZoneSet::parse(R"({"type":"FeatureCollection","features":[)" + features + "]}");
}

inline constexpr std::int64_t kMin = 60 * 1000;
inline constexpr std::int64_t kHour = 60 * kMin;
// 2024-05-09T00:00:00Z: grid-aligned base time.
inline constexpr std::int64_t kT0 = 1715212800000;

inline track::Fix make_fix(std::uint32_t mmsi, std::int64_t t, double lat, double lon, float sog = 0) {
  track::Fix f;
  f.mmsi = mmsi;
  f.t_ms = t;
  f.lat = lat;
  f.lon = lon;
  f.sog = sog;
  return f;
}

// Point `north_m` metres north and `east_m` metres east of (lat, lon) (small offsets).
inline geo::LatLon offset(double lat, double lon, double north_m, double east_m) {
  const double dlat = north_m / geo::kMetersPerDegLat;
  const double dlon = east_m / (geo::kMetersPerDegLat * std::cos(lat * geo::kDegToRad));
  return {lat + dlat, lon + dlon};
}

// A vessel sitting at (lat, lon) reporting every `every` ms in [from, to].
inline void stationary(std::vector<track::Fix>& out, std::uint32_t mmsi, double lat, double lon, std::int64_t from,
                       std::int64_t to, std::int64_t every = 10 * kMin, float sog = 0.1f) {
  for (std::int64_t t = from; t <= to; t += every) out.push_back(make_fix(mmsi, t, lat, lon, sog));
}

// A vessel steaming east from (lat, lon) at `knots`, reporting every `every` ms in [from, to].
inline void steaming_east(std::vector<track::Fix>& out, std::uint32_t mmsi, double lat, double lon, double knots,
                          std::int64_t from, std::int64_t to, std::int64_t every = 10 * kMin) {
  for (std::int64_t t = from; t <= to; t += every) {
    const double east_m = knots * geo::kMetersPerNauticalMile * static_cast<double>(t - from) / kHour;
    const auto p = offset(lat, lon, 0, east_m);
    out.push_back(make_fix(mmsi, t, p.lat, p.lon, static_cast<float>(knots)));
  }
}

inline VesselInfo info_of(std::uint32_t mmsi) {
  VesselInfo v;
  v.mmsi = mmsi;
  return v;
}

struct Feed {
  std::vector<Detector*> detectors;
  std::vector<Event> events;
  void run(std::vector<track::Fix> fixes, const VesselInfo* info_for_all = nullptr) {
    std::stable_sort(fixes.begin(), fixes.end(), [](const auto& a, const auto& b) { return a.t_ms < b.t_ms; });
    EventSink sink = [this](Event&& e) { events.push_back(std::move(e)); };
    VesselInfo info;
    std::map<std::uint32_t, track::Fix> last;  // each MMSI's previous fix, as the tracker gives it
    for (const auto& f : fixes) {
      if (info_for_all) info = *info_for_all;
      info.mmsi = f.mmsi;
      auto it = last.find(f.mmsi);
      const track::Fix* prev = it == last.end() ? nullptr : &it->second;
      for (auto* d : detectors) d->on_fix(f, prev, info, sink);
      last[f.mmsi] = f;
      for (auto* d : detectors) d->on_watermark(f.t_ms, sink);
    }
    for (auto* d : detectors) d->finish(sink);
  }
  std::vector<Event> of_kind(const std::string& kind) const {
    std::vector<Event> r;
    for (const auto& e : events)
      if (e.kind == kind) r.push_back(e);
    return r;
  }
};

}  // namespace seawarden::detect::testing
