// `seawarden ingest` as a library call: decode, track, detect and screen input files into
// the store, one transaction per file, continuing the tracks saved by earlier runs.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/writer.h"

namespace seawarden::store {

struct IngestOptions {
  std::string db_path;
  std::vector<std::string> inputs;
  std::string zones_path;               // optional GeoJSON zones
  std::vector<std::string> list_paths;  // optional sanctions lists
  std::string config_path;              // optional detect.toml
  std::string argv;                     // recorded with the run
  bool progress = false;                // progress bar on stderr
  bool quiet = false;                   // no per-file lines on stderr
  bool sort = false;                    // each file sorted by receive time (detect::Pipeline::sort_input)
  // Never sort. Without it (or `sort`), a regular file found out of time order as a whole
  // (detect::input_out_of_order) is read again, sorted.
  bool no_sort = false;
  // The last input ends the run: its reorder window is released and everything open is closed
  // (as `detect` does at the end of its input) instead of being held for a next file.
  bool close_run = false;
  ThinningOptions thinning;
};

struct IngestResult {
  std::size_t files_ingested = 0, files_skipped = 0, files_failed = 0;
  std::uint64_t bytes = 0, messages = 0, fixes = 0, positions = 0, events = 0;
  double seconds = 0;  // decode+detect+store time of the ingested files
};

// Throws std::runtime_error for problems that stop the whole run (store, config, zones,
// lists unreadable); a bad input file is reported on stderr, counted in files_failed and
// leaves nothing of itself in the store.
IngestResult run_ingest(const IngestOptions& options);

}  // namespace seawarden::store
