#include "store/schema.h"

#include "store/track_codec.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace seawarden::store {
namespace {

// Index i holds the SQL that upgrades version i to version i+1. Never edit a released
// migration: add a new one.
constexpr const char* kMigrations[] = {
    // 0 -> 1: the case store.
    R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);

-- One row per `seawarden ingest` invocation, and one per input file it committed.
CREATE TABLE ingest_runs(
  id INTEGER PRIMARY KEY,
  started_at TEXT NOT NULL,
  finished_at TEXT,                 -- NULL: the run was interrupted
  argv TEXT NOT NULL,
  zones_path TEXT, lists TEXT,      -- JSON array of list paths
  config TEXT                       -- effective detection thresholds (JSON)
);
CREATE TABLE ingest_files(
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES ingest_runs(id),
  path TEXT NOT NULL,
  size INTEGER NOT NULL,
  content_id TEXT NOT NULL UNIQUE,  -- size + CRC-32 + Adler-32 of the raw bytes
  committed_at TEXT NOT NULL,
  seconds REAL NOT NULL,
  lines INTEGER NOT NULL, messages INTEGER NOT NULL, errors INTEGER NOT NULL,
  fixes INTEGER NOT NULL, positions INTEGER NOT NULL, identities INTEGER NOT NULL,
  events INTEGER NOT NULL,
  first_ms INTEGER, last_ms INTEGER
);

-- Current identity of each vessel (latest values seen) and counters.
CREATE TABLE vessels(
  mmsi INTEGER PRIMARY KEY,
  name TEXT NOT NULL DEFAULT '', callsign TEXT NOT NULL DEFAULT '', imo INTEGER NOT NULL DEFAULT 0,
  shiptype INTEGER NOT NULL DEFAULT 0, flag TEXT NOT NULL DEFAULT '',
  length_m REAL NOT NULL DEFAULT 0, beam_m REAL NOT NULL DEFAULT 0, draught_m REAL NOT NULL DEFAULT 0,
  first_ms INTEGER, last_ms INTEGER,
  fixes INTEGER NOT NULL DEFAULT 0       -- accepted fixes seen (before thinning)
);
-- Identity history: one row each time any identity value of a vessel changed.
CREATE TABLE identities(
  mmsi INTEGER NOT NULL, t_ms INTEGER NOT NULL,
  name TEXT NOT NULL, callsign TEXT NOT NULL, imo INTEGER NOT NULL, shiptype INTEGER NOT NULL,
  flag TEXT NOT NULL, length_m REAL NOT NULL, beam_m REAL NOT NULL, draught_m REAL NOT NULL,
  PRIMARY KEY(mmsi, t_ms)
) WITHOUT ROWID;
CREATE INDEX identities_name ON identities(name COLLATE NOCASE);
CREATE INDEX identities_imo ON identities(imo) WHERE imo != 0;

-- Thinned tracks: about one position per vessel per minute, every position around events.
-- Integers keep rows small: micro-degrees, tenths of knots and degrees (NULL: not available).
CREATE TABLE positions(
  mmsi INTEGER NOT NULL, t_ms INTEGER NOT NULL,
  lat_e6 INTEGER NOT NULL, lon_e6 INTEGER NOT NULL,
  sog_dkn INTEGER, cog_ddeg INTEGER, heading INTEGER, status INTEGER, segment INTEGER NOT NULL,
  PRIMARY KEY(mmsi, t_ms)
) WITHOUT ROWID;

-- Findings. id is stable: re-ingesting or continuing a feed updates a row in place
-- (matched by fingerprint: kind, start, vessels and the kind's key fields).
CREATE TABLE events(
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL, start_ms INTEGER NOT NULL, end_ms INTEGER NOT NULL,
  mmsi INTEGER NOT NULL, mmsi2 INTEGER,
  lat REAL NOT NULL, lon REAL NOT NULL,
  fields TEXT NOT NULL,              -- kind-specific evidence (JSON object)
  fingerprint TEXT NOT NULL UNIQUE,
  provisional INTEGER NOT NULL DEFAULT 0,  -- still open at the end of the input so far
  file_id INTEGER REFERENCES ingest_files(id)
);
CREATE INDEX events_start ON events(start_ms);
CREATE INDEX events_kind ON events(kind, start_ms);
CREATE TABLE event_vessels(
  mmsi INTEGER NOT NULL, event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  PRIMARY KEY(mmsi, event_id)
) WITHOUT ROWID;
CREATE INDEX event_vessels_event ON event_vessels(event_id);

-- Sanctions lists as loaded for an ingest, their entries, and the hits on vessels.
CREATE TABLE sanction_lists(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL, source TEXT NOT NULL DEFAULT '', version TEXT NOT NULL DEFAULT '',
  published TEXT NOT NULL DEFAULT '', path TEXT NOT NULL DEFAULT '', entries INTEGER NOT NULL DEFAULT 0,
  loaded_at TEXT NOT NULL,
  UNIQUE(name, version, published)
);
CREATE TABLE sanction_entries(
  list_id INTEGER NOT NULL REFERENCES sanction_lists(id),
  entry_id TEXT NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  data TEXT NOT NULL DEFAULT '{}',   -- the entry as the list gives it (JSON)
  PRIMARY KEY(list_id, entry_id)
);
CREATE TABLE screening_hits(
  event_id INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
  mmsi INTEGER NOT NULL, list TEXT NOT NULL, entry_id TEXT NOT NULL,
  matched_on TEXT NOT NULL DEFAULT '', score REAL
);
CREATE INDEX screening_hits_mmsi ON screening_hits(mmsi);

-- Zones given to ingest (GeoJSON features), so reports can draw them offline.
CREATE TABLE zones(
  id TEXT PRIMARY KEY, name TEXT NOT NULL DEFAULT '', kind TEXT NOT NULL DEFAULT '',
  min_lat REAL, min_lon REAL, max_lat REAL, max_lon REAL,
  geometry TEXT NOT NULL           -- GeoJSON geometry
);

-- What the next ingest needs to continue the tracks (written with each file's commit).
CREATE TABLE pipeline_state(
  id INTEGER PRIMARY KEY CHECK(id = 1),
  pipeline BLOB NOT NULL,          -- detect::Pipeline::save_state()
  writer BLOB NOT NULL,            -- the store's thinning state
  file_id INTEGER, updated_at TEXT NOT NULL
);
)sql",
    // 1 -> 2: lookups used by reports (cases per list entry, events ending in a window).
    R"sql(
CREATE INDEX screening_hits_entry ON screening_hits(list, entry_id);
CREATE INDEX events_end ON events(end_ms);
)sql",
    // 2 -> 3: tracks as chunks of positions (see store/track_codec.h); the rows of `positions`
    // are converted by convert_positions_to_chunks() before the table is dropped.
    R"sql(
-- Thinned tracks: about one position per vessel per minute, every position around events.
-- One row holds up to 128 positions of one vessel within 6 hours (t0_ms..t1_ms: the earliest
-- and latest), packed as varints (format: src/store/track_codec.h; `seawarden vessel --format
-- csv` prints them as rows). Chunks of one vessel may overlap in time (positions kept
-- later because of an event); readers merge them.
CREATE TABLE track_chunks(
  id INTEGER PRIMARY KEY,
  mmsi INTEGER NOT NULL, t0_ms INTEGER NOT NULL, t1_ms INTEGER NOT NULL,
  n INTEGER NOT NULL,                -- positions in the chunk
  data BLOB NOT NULL
);
CREATE INDEX track_chunks_vessel ON track_chunks(mmsi, t0_ms);
)sql",
};
static_assert(std::size(kMigrations) == kSchemaVersion);

// Moves every row of the version-2 `positions` table into chunks, then drops it.
void convert_positions_to_chunks(Database& db) {
  auto rows = db.prepare(
      "SELECT mmsi,t_ms,lat_e6,lon_e6,IFNULL(sog_dkn,-1),IFNULL(cog_ddeg,-1),IFNULL(heading,-1),IFNULL(status,15),"
      "segment FROM positions ORDER BY mmsi, t_ms");
  auto insert = prepare_chunk_insert(db);
  ChunkEncoder chunk;
  std::int64_t chunk_mmsi = -1;
  auto flush = [&] {
    if (chunk.empty()) return;
    insert_chunk(insert, chunk_mmsi, chunk);
    chunk.clear();
  };
  while (rows.step()) {
    std::int64_t mmsi = rows.int64(0);
    StoredPosition p{rows.int64(1),
                     static_cast<std::int32_t>(rows.int64(2)),
                     static_cast<std::int32_t>(rows.int64(3)),
                     static_cast<std::int16_t>(rows.int64(4)),
                     static_cast<std::int16_t>(rows.int64(5)),
                     static_cast<std::int16_t>(rows.int64(6)),
                     static_cast<std::uint8_t>(rows.int64(7)),
                     0,
                     static_cast<std::uint32_t>(rows.int64(8))};
    if (mmsi != chunk_mmsi || chunk.would_overflow(p.t_ms)) {
      flush();
      chunk_mmsi = mmsi;
    }
    chunk.add(p);
  }
  flush();
  rows = Statement();
  db.exec("DROP TABLE positions");
}

}  // namespace

int schema_version(Database& db) { return static_cast<int>(db.scalar_int("PRAGMA user_version")); }

void migrate(Database& db, int target) {
  int version = schema_version(db);
  if (version > kSchemaVersion) {
    throw std::runtime_error("database " + db.path() + " has schema version " + std::to_string(version) +
                             ", newer than this seawarden supports (" + std::to_string(kSchemaVersion) +
                             ")");
  }
  for (; version < std::min(target, kSchemaVersion); ++version) {
    Transaction tx(db);
    // Re-check inside the write lock: another process may have migrated meanwhile.
    if (schema_version(db) > version) continue;
    db.exec(kMigrations[version]);
    if (version == 2) convert_positions_to_chunks(db);
    db.exec("PRAGMA user_version=" + std::to_string(version + 1));
    tx.commit();
  }
}

Statement prepare_chunk_insert(Database& db) {
  return db.prepare("INSERT INTO track_chunks(mmsi,t0_ms,t1_ms,n,data) VALUES(?,?,?,?,?)");
}

void insert_chunk(Statement& insert, std::int64_t mmsi, const ChunkEncoder& chunk) {
  insert.bind(1, mmsi).bind(2, chunk.t0()).bind(3, chunk.t1()).bind(4, static_cast<std::int64_t>(chunk.size()));
  insert.bind_blob(5, chunk.bytes()).run();
}

}  // namespace seawarden::store
