// Helpers for store tests: a temporary database and hand-made fixes and events.
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "detect/event.h"
#include "store/export.h"
#include "store/sqlite.h"
#include "store/track_codec.h"
#include "store/writer.h"
#include "track/fix.h"

namespace seawarden::testing {

// The store tests' epoch: 2024-05-09T00:00:00Z.
inline constexpr std::int64_t kT0 = 1715212800000;

// What write_events prints for these events in this format.
std::string capture(const std::vector<store::StoredEvent>& events, store::EventFormat f);

// A run started and its first file ("day1.nmea") begun, as the store tests' fixtures write them.
inline store::FileRecord begin_day1(store::StoreWriter& w, const std::string& config_json = "{}") {
  store::FileRecord f;
  f.run_id = w.start_run("test", "", "[]", config_json);
  f.path = "day1.nmea";
  f.content_id = "x";
  w.begin_file(f);
  return f;
}

// A fresh directory under the system temp dir, removed at destruction.
struct TempDir {
  std::filesystem::path path;
  TempDir();
  ~TempDir();
  std::string file(const std::string& name) const { return (path / name).string(); }
};

// Every stored position (decoded from the track chunks) with its MMSI, ordered by MMSI and
// time; with from/to only those in [from, to].
std::vector<std::pair<std::uint32_t, store::StoredPosition>> all_positions(store::Database& db,
                                                                          std::int64_t from = INT64_MIN,
                                                                          std::int64_t to = INT64_MAX);
inline std::int64_t count_positions(store::Database& db, std::int64_t from = INT64_MIN, std::int64_t to = INT64_MAX) {
  return static_cast<std::int64_t>(all_positions(db, from, to).size());
}

inline track::Fix make_fix(std::uint32_t mmsi, std::int64_t t_ms, double lat, double lon, float sog = 10,
                           std::uint32_t segment = 1) {
  track::Fix f;
  f.mmsi = mmsi;
  f.t_ms = t_ms;
  f.lat = lat;
  f.lon = lon;
  f.sog = sog;
  f.cog = 90;
  f.segment = segment;
  f.msg_type = 1;
  f.status = 0;
  return f;
}

inline detect::Event make_event(const std::string& kind, std::int64_t start, std::int64_t end,
                                std::vector<std::uint32_t> vessels, double lat = 38.5, double lon = 124.9) {
  detect::Event e;
  e.kind = kind;
  e.start_ms = start;
  e.end_ms = end;
  e.vessels = std::move(vessels);
  e.lat = lat;
  e.lon = lon;
  return e;
}

}  // namespace seawarden::testing
