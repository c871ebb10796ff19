// SVG drawing for the evidence reports: a Mercator map of a case (coastlines, zones,
// tracks with times, the event's place) and time-series charts (speed, draught).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/queries.h"

namespace seawarden::report {

struct MapTrack {
  std::uint32_t mmsi = 0;
  std::string label, color;
  std::vector<store::Position> positions;
};

struct MapMarker {
  double lat = 0, lon = 0;
  std::string label, color = "#d62728";
  bool primary = false;  // the event's own place (drawn large)
};

struct MapLine {  // e.g. a gap: last position before -> first after
  double lat1, lon1, lat2, lon2;
  std::string label;
};

struct MapSpec {
  int width = 900, height = 560;
  store::BBox view;  // expanded to the drawing's aspect ratio
  std::vector<store::ZoneRecord> zones;
  std::vector<MapTrack> tracks;
  std::vector<MapMarker> markers;
  std::vector<MapLine> lines;
  int time_labels_per_track = 6;
};

// The area to show for some points: their bounding box with a margin, at least
// `min_span_deg` wide and high.
store::BBox fit_view(const std::vector<std::pair<double, double>>& lat_lons, double min_span_deg = 0.15);

std::string render_map(const MapSpec& spec);

struct Series {
  std::string label, color;
  std::vector<std::pair<std::int64_t, double>> points;  // (t_ms, value), time-ordered
  bool step = false;            // hold each value until the next (draught)
  std::int64_t max_join_ms = 3600'000;  // no line across longer gaps
};

struct ChartSpec {
  int width = 900, height = 190;
  std::string title, unit;
  std::int64_t t0 = 0, t1 = 0;
  std::vector<Series> series;
  std::vector<std::pair<std::int64_t, std::int64_t>> spans;  // shaded (the event)
  double y_min = 0;  // y axis starts here (max from the data)
};

// Empty string when no series has a point in [t0, t1].
std::string render_chart(const ChartSpec& spec);

// Distinct colours for vessels in one case.
const char* vessel_color(std::size_t index);

}  // namespace seawarden::report
