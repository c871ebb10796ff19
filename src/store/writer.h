// Writes what the detection pipeline produces into the store: thinned tracks, identity
// history, events (with stable ids) and the state needed to continue in a later run.
//
// Consistency: every write for one input file happens inside one transaction that also
// holds the file's ingest_files row and the pipeline state after it, so a killed ingest
// leaves the store exactly as after the previous file and a rerun redoes only what is
// missing (the file's content id decides).
//
// Thinning: a position is kept when at least `interval_ms` passed since the vessel's last
// kept one, or it starts a new segment. Dropped positions wait in a per-vessel buffer
// (the pipeline delivers a file's events at its end) for up to `retain_ms`, and at most
// `max_buffered` of them in all; when an event of the vessel arrives, the buffered
// positions within `event_margin_ms` of it are written too, and later positions of the
// vessel stay at full rate until `event_margin_ms` after the event's end. The buffers are
// emptied when a file is committed (its events are all delivered by then).
//
// Storage: kept positions gather per vessel into chunks (store/track_codec.h) written when
// full, when `max_open_positions` wait in all, and at the file's commit; positions kept
// for an event after the fact form chunks of their own. Every chunk is written inside the
// file's transaction, so the all-or-nothing per file above still holds; synchronous=NORMAL
// in WAL mode (store/sqlite.cpp) loses nothing committed when the process is killed, and
// the commits are few (one per file), so nothing is gained by relaxing it.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "detect/detector.h"
#include "detect/event.h"
#include "store/sqlite.h"
#include "track/fix.h"

namespace seawarden::store {

struct ThinningOptions {
  std::int64_t interval_ms = 60'000;
  std::int64_t event_margin_ms = 30 * 60'000;
  std::int64_t retain_ms = 48 * 3600'000;         // memory: 32 bytes per buffered report
  std::uint64_t max_buffered = 16'000'000;        // ~512 MB; beyond it positions are just thinned
  std::int64_t max_dense_span_ms = 12 * 3600'000;  // longer events: dense only near start and end
  std::uint64_t max_open_positions = 4'000'000;    // kept positions waiting in open chunks (~15 B each)
};

struct FileCounts {
  std::uint64_t fixes = 0, positions = 0, identities = 0, events = 0;
  std::int64_t first_ms = 0, last_ms = 0;  // 0 when no fix
};

struct FileRecord {
  std::int64_t run_id = 0;
  std::string path, content_id;
  std::uint64_t size = 0;
  std::uint64_t lines = 0, messages = 0, errors = 0;
  double seconds = 0;
};

// The stable fingerprint of an event: kind, start, vessels and the kind's key fields.
std::string event_fingerprint(const detect::Event& e);

class StoreWriter {
 public:
  explicit StoreWriter(Database& db, ThinningOptions options = {});
  ~StoreWriter();
  StoreWriter(const StoreWriter&) = delete;
  StoreWriter& operator=(const StoreWriter&) = delete;

  // Loads vessels and the thinning state; returns the saved pipeline state ("" if none).
  std::string load_state();

  // Ingest runs: a row written (and committed) at the start, finished_at set at the end.
  std::int64_t start_run(std::string_view argv, std::string_view zones_path, std::string_view lists_json,
                         std::string_view config_json);
  void finish_run(std::int64_t run_id);

  // True when a file with this content id was already committed.
  bool file_done(std::string_view content_id);

  // Opens the transaction for one input file.
  void begin_file(const FileRecord& file);
  void on_fix(const track::Fix& fix);
  void on_identity(std::uint32_t mmsi, std::int64_t t_ms, const detect::VesselInfo& info);
  // Returns the event's stable id.
  std::int64_t on_event(const detect::Event& event, bool provisional = false);
  // Commits the file with the pipeline state after it. Provisional events stored before the
  // file and not emitted again during it (final or provisional) are deleted.
  void commit_file(const FileRecord& file, std::string_view pipeline_state);
  // Abandons the open transaction (nothing of the file is kept).
  void rollback();

  const FileCounts& counts() const { return counts_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  FileCounts counts_;
};

}  // namespace seawarden::store
