// Exports of stored events and tracks: JSON lines (the detect contract plus "id"), CSV
// with header, GeoJSON FeatureCollections that QGIS and kepler.gl open as they are, and
// an aligned text table for the terminal.
#pragma once

#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "detect/event_json.h"
#include "store/queries.h"

namespace seawarden::store {

enum class EventFormat { jsonl, csv, geojson, table };
std::optional<EventFormat> parse_event_format(std::string_view name);

// The exports copy an event's stored fields only once checked: one JSON object, written compact;
// of a damaged store's text, only the members before the damage (EventWriter::damaged_fields).

// One JSON object (no newline): id, kind, start, end, vessels, lat, lon, [provisional], fields.
std::string event_json_line(const StoredEvent& e);
// A short human summary of the kind-specific fields ("zone=kb-transfer dwell_h=5.2"), as
// stored: pass it through terminal_safe (store/terminal_text.h) to print it on a terminal.
std::string event_detail(const StoredEvent& e);

void write_events(std::FILE* out, const std::vector<StoredEvent>& events, EventFormat format);

// The same, one event at a time (streamed from a query: no list of every event in memory).
class EventWriter {
 public:
  EventWriter(std::FILE* out, EventFormat format);
  ~EventWriter();  // finishes
  EventWriter(const EventWriter&) = delete;
  EventWriter& operator=(const EventWriter&) = delete;
  void add(const StoredEvent& e);
  void finish();  // closing text (GeoJSON's brackets, the table's footnote), then flushes
  // Events whose stored fields were not one well-formed JSON object (a damaged or hostile
  // store): written with the well-formed members before the damage; the first one's id.
  std::size_t damaged_fields() const { return damaged_fields_; }
  std::int64_t first_damaged_id() const { return first_damaged_id_; }

 private:
  void flush();
  std::FILE* out_;
  EventFormat format_;
  std::string buf_, fields_;
  std::size_t count_ = 0, damaged_fields_ = 0;
  std::int64_t first_damaged_id_ = 0;
  bool any_provisional_ = false, finished_ = false;
};

// One LineString per segment (split where positions are more than `split_gap_ms` apart),
// with mmsi, name, segment, start, end and positions as properties.
struct TrackFeatureOptions {
  std::int64_t split_gap_ms = 3600'000;
};
void append_track_features(std::string& out, bool& first, std::uint32_t mmsi, std::string_view name,
                           const std::vector<Position>& positions, const TrackFeatureOptions& opt = {});
// A FeatureCollection of one vessel's track lines and its events as points.
std::string vessel_geojson(std::uint32_t mmsi, std::string_view name, const std::vector<Position>& positions,
                           const std::vector<StoredEvent>& events);

using detect::json_number;  // shortest round-trip form, "null" when not finite
// An event's own lat or lon as detect writes it: 6 decimals (stores written before 2026-11-30
// hold it unrounded).
inline std::string event_coordinate(double v) { return json_number(detect::round_decimals(v, 6)); }

}  // namespace seawarden::store
