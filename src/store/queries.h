// Read access to the store for `events`, `vessel` and the reports.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "detect/event.h"
#include "store/sqlite.h"
#include "store/track_codec.h"

namespace seawarden::store {

struct StoredEvent {
  std::int64_t id = 0;
  detect::Event event;
  bool provisional = false;   // still open at the end of the input ingested so far
  std::int64_t file_id = 0;
  std::string fields_json;    // event.fields as stored (JSON object text)
};

struct BBox {
  double west = -180, south = -90, east = 180, north = 90;
  bool contains(double lat, double lon) const;
};
// Parses "W,S,E,N" (degrees); nullopt when malformed. W > E crosses the antimeridian.
std::optional<BBox> parse_bbox(std::string_view text);

struct EventFilter {
  std::optional<std::string> kind;
  std::optional<std::vector<std::uint32_t>> vessels;  // any of these MMSIs
  std::optional<std::int64_t> since_ms, until_ms;     // events overlapping [since, until]
  std::optional<BBox> bbox;                           // events whose position lies inside
  std::size_t limit = 0;                              // 0: all
  bool parse_fields = true;  // false: only fields_json is filled (faster exports)
};

// Events ordered by start time, then id.
std::vector<StoredEvent> query_events(Database& db, const EventFilter& filter);
// The same, streamed: fn sees each event in turn (the reference is reused for the next one).
void for_each_event(Database& db, const EventFilter& filter, const std::function<void(const StoredEvent&)>& fn);
std::optional<StoredEvent> get_event(Database& db, std::int64_t id);

// MMSI (up to 9 digits), IMO ("IMO1234567" or 7 digits with a valid check digit) or a
// name (any name the vessel ever broadcast, case-insensitive; exact first, then contains).
std::vector<std::uint32_t> resolve_vessel(Database& db, std::string_view query);

struct Identity {
  std::int64_t t_ms = 0;
  std::string name, callsign, flag;
  std::uint32_t imo = 0;
  int shiptype = 0;
  double length_m = 0, beam_m = 0, draught_m = 0;
};

struct VesselRecord {
  std::uint32_t mmsi = 0;
  Identity current;            // t_ms unused
  std::int64_t first_ms = 0, last_ms = 0;
  std::uint64_t fixes = 0;     // fixes seen before thinning
};
std::optional<VesselRecord> get_vessel(Database& db, std::uint32_t mmsi);
std::vector<Identity> identity_history(Database& db, std::uint32_t mmsi);

struct Position {
  std::int64_t t_ms = 0;
  double lat = 0, lon = 0;
  double sog = -1, cog = -1;   // < 0: not available
  int heading = -1, status = 15;
  std::uint32_t segment = 0;
};
// Stored positions of a vessel in [from, to], time-ordered. Throws std::runtime_error for a
// damaged chunk.
std::vector<StoredPosition> stored_track(Database& db, std::uint32_t mmsi, std::int64_t from_ms = INT64_MIN,
                                         std::int64_t to_ms = INT64_MAX);
std::vector<Position> track(Database& db, std::uint32_t mmsi, std::int64_t from_ms = INT64_MIN,
                            std::int64_t to_ms = INT64_MAX);

struct TrackSummary {
  std::uint64_t positions = 0;
  std::int64_t first_ms = 0, last_ms = 0;
  std::uint32_t segments = 0;
  double distance_km = 0, max_sog = 0;
  BBox bbox{180, 90, -180, -90};
};
TrackSummary summarize(const std::vector<Position>& positions);

struct SanctionHit {
  std::int64_t event_id = 0;
  std::uint32_t mmsi = 0;
  std::string list, entry_id, matched_on;
  double score = 0;
  std::int64_t start_ms = 0, end_ms = 0;
  // The list entry as stored at ingest (empty when the list was not stored).
  std::string entry_name, entry_json, list_version, list_published, list_path;
  std::string event_fields;  // the event's evidence (JSON object)
};
std::vector<SanctionHit> sanction_hits(Database& db, std::optional<std::uint32_t> mmsi = std::nullopt);

struct ZoneRecord {
  std::string id, name, kind, geometry_json;
  BBox bbox;
};
// Zones whose bounding box meets `area`.
std::vector<ZoneRecord> zones_in(Database& db, const BBox& area);

// Inputs and thresholds behind an event: the file and run that produced it.
struct Provenance {
  std::string file_path, content_id, committed_at, run_started_at, argv, zones_path, lists_json, config_json;
};
std::optional<Provenance> provenance(Database& db, std::int64_t file_id);

// Summary counts for the store.
struct StoreSummary {
  std::uint64_t vessels = 0, positions = 0, identities = 0, events = 0, files = 0, hits = 0;
  std::vector<std::pair<std::string, std::uint64_t>> by_kind;  // most first
};
StoreSummary store_summary(Database& db);

}  // namespace seawarden::store
