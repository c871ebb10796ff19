#include "store/ingest.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "ais/input.h"
#include "ais/reader.h"
#include "detect/config.h"
#include "detect/zones.h"
#include "screen/lists.h"
#include "screen/matcher.h"
#include "store/config_json.h"
#include "store/content_id.h"
#include "store/open.h"
#include "store/progress.h"
#include "store/reference.h"

#if __has_include("detect/pipeline.h")
#include "detect/pipeline.h"
#define SEAWARDEN_HAVE_PIPELINE 1
#endif

namespace seawarden::store {

#ifndef SEAWARDEN_HAVE_PIPELINE
IngestResult run_ingest(const IngestOptions&) {
  throw std::runtime_error("ingest: this build has no detection pipeline (src/detect/pipeline.h)");
}
#else
namespace {

std::uint64_t reader_errors(const ais::ReaderStats& s) {
  std::uint64_t n = 0;
  for (std::size_t i = 1; i < s.errors.size(); ++i) n += s.errors[i];
  return n;
}

// A pipeline for one file, restored from the state stored after the previous file (open
// windows included), so a file continues the last one as if they were one input. Each file
// gets a fresh pipeline and writer state from the store: a rerun after a crash and a clean
// run take exactly the same steps.
std::unique_ptr<detect::Pipeline> build_pipeline(const detect::Config& cfg, const detect::ZoneSet* zones,
                                                 const screen::Matcher* matcher, StoreWriter& writer) {
  auto pipeline = std::make_unique<detect::Pipeline>(cfg, zones, matcher);
  pipeline->on_fix = [&writer](const track::Fix& f, const detect::VesselInfo&) { writer.on_fix(f); };
  pipeline->on_identity = [&writer](std::uint32_t mmsi, std::int64_t t, const detect::VesselInfo& v) {
    writer.on_identity(mmsi, t, v);
  };
  pipeline->on_event = [&writer](const detect::Event& e) { writer.on_event(e); };
  std::string state = writer.load_state();
  if (!state.empty()) pipeline->load_state(state);
  return pipeline;
}

// The events still open after a file, as they would be if the input ended there: a copy of
// the pipeline (restored from its state) is closed and its events stored as provisional. The
// next file replaces each by its final version (same fingerprint) or drops it.
void store_open_events(const std::string& state, const detect::Config& cfg, const detect::ZoneSet* zones,
                       const screen::Matcher* matcher, StoreWriter& writer) {
  detect::Pipeline probe(cfg, zones, matcher);
  probe.load_state(state);
  probe.on_event = [&writer](const detect::Event& e) { writer.on_event(e, true); };
  probe.finish();
}

}  // namespace

IngestResult run_ingest(const IngestOptions& o) {
  IngestResult result;
  auto db = open_store_for_writing(o.db_path);

  detect::Config cfg = o.config_path.empty() ? detect::Config{} : detect::load_config(o.config_path);
  std::optional<detect::ZoneSet> zones;
  if (!o.zones_path.empty()) {
    zones = detect::load_zones(o.zones_path);
    for (const auto& w : zones->warnings()) std::fprintf(stderr, "ingest: %s: %s\n", o.zones_path.c_str(), w.c_str());
  }
  if (const std::string note = detect::port_exclusion_note(cfg, zones ? &*zones : nullptr); !note.empty() && !o.quiet)
    std::fprintf(stderr, "ingest: note: %s\n", note.c_str());
  std::optional<screen::ListSet> lists;
  std::optional<screen::Matcher> matcher;
  if (!o.list_paths.empty()) {
    lists = screen::load_lists(o.list_paths);
    matcher.emplace(*lists);
  }

  // Reference data first, so a report can always show what the findings were made with.
  {
    Transaction tx(*db);
    if (!o.zones_path.empty()) store_zones_file(*db, o.zones_path);
    if (lists) store_lists(*db, *lists);
    tx.commit();
  }

  StoreWriter writer(*db, o.thinning);
  const detect::ZoneSet* zones_ptr = zones ? &*zones : nullptr;
  const screen::Matcher* matcher_ptr = matcher ? &*matcher : nullptr;

  nlohmann::json list_json = o.list_paths;
  const std::int64_t run_id = writer.start_run(o.argv, o.zones_path, list_json.dump(), config_to_json(cfg).dump());
  ProgressBar bar(o.progress);

  for (std::size_t input = 0; input < o.inputs.size(); ++input) {
    const std::string& path = o.inputs[input];
    const bool closes = o.close_run && input + 1 == o.inputs.size();
    ContentId cid;
    try {
      // Hashed from a mapping, slice by slice (content_id releases each slice); the mapping
      // goes before decoding, which maps the file again through the decoder's own reader.
      MappedFile mapped(path);
      cid = mapped.mapped() ? mapped.content_id() : content_id_of_file(path);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "ingest: %s\n", e.what());
      ++result.files_failed;
      continue;
    }
    if (writer.file_done(cid.id)) {
      if (!o.quiet) std::fprintf(stderr, "ingest: %s: already in the store, skipped\n", path.c_str());
      ++result.files_skipped;
      continue;
    }
    FileRecord rec;
    rec.run_id = run_id;
    rec.path = std::filesystem::absolute(path).lexically_normal().string();
    rec.content_id = cid.id;
    rec.size = cid.size;
    auto t0 = std::chrono::steady_clock::now();
    try {
      // A file found out of time order as a whole is read again, sorted (nothing of the first
      // pass stays: its transaction is rolled back and the next pass starts from the store).
      std::error_code fs_error;
      bool sort = o.sort;
      const bool may_sort_later = !sort && !o.no_sort && std::filesystem::is_regular_file(path, fs_error);
      std::unique_ptr<detect::Pipeline> pipeline_ptr;
      std::unique_ptr<ais::Reader> reader_ptr;
      for (;;) {
        pipeline_ptr = build_pipeline(cfg, zones_ptr, matcher_ptr, writer);
        detect::Pipeline& pipeline = *pipeline_ptr;
        if (sort) pipeline.sort_input();
        writer.begin_file(rec);
        reader_ptr = std::make_unique<ais::Reader>([&pipeline](const ais::Received& r) { pipeline.on_message(r); });
        std::function<bool()> out_of_order;
        if (may_sort_later && !sort) out_of_order = [&pipeline] { return detect::input_out_of_order(pipeline.stats()); };
        // The decoder's own reader: plain files mapped again (the pages are in the page cache
        // after the content id), decoded pages handed back as it goes; gzip through zlib.
        const bool whole = bar.read(path, *reader_ptr, out_of_order);
        reader_ptr->finish();
        if (whole && !(out_of_order && out_of_order())) break;
        bar.done();
        writer.rollback();
        std::fprintf(stderr, "ingest: %s: %s\n", path.c_str(),
                     detect::reread_notice(pipeline.stats(), cfg.tracks.reorder_window_ms).c_str());
        sort = true;
      }
      detect::Pipeline& pipeline = *pipeline_ptr;
      const ais::Reader& reader = *reader_ptr;
      // Events closed so far arrive now; what is still open (an encounter across midnight) stays
      // open in the saved state and continues with the next file, and so do the messages of the
      // last minutes, still in the reorder window. Unless this file closes the run: then
      // everything goes through and is closed, as at the end of `detect`.
      if (closes) pipeline.finish();
      else pipeline.pause();
      std::string state = pipeline.save_state();
      store_open_events(state, cfg, zones_ptr, matcher_ptr, writer);
      bar.done();
      for (const detect::RunMessage& m : detect::run_messages(pipeline.stats(), cfg, sort))
        if (m.warning || !o.quiet)
          std::fprintf(stderr, "ingest: %s: %s: %s\n", path.c_str(), m.warning ? "warning" : "note", m.text.c_str());
      const std::uint64_t held = pipeline.stats().held;
      if (held && !o.quiet)
        std::fprintf(stderr,
                     "ingest: %s: %llu messages of its last %lld s wait in the saved state for the next file, "
                     "which stores them (--close-run stores them now and closes the run)\n",
                     path.c_str(), static_cast<unsigned long long>(held),
                     static_cast<long long>(cfg.tracks.reorder_window_ms / 1000));
      const auto& rs = reader.stats();
      rec.lines = rs.lines;
      rec.messages = rs.messages;
      rec.errors = reader_errors(rs);
      rec.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      writer.commit_file(rec, state);
    } catch (const std::exception& e) {
      bar.done();
      writer.rollback();
      std::fprintf(stderr, "ingest: %s: %s (nothing of it stored)\n", path.c_str(), e.what());
      ++result.files_failed;
      continue;
    }
    const auto& c = writer.counts();
    ++result.files_ingested;
    result.bytes += rec.size;
    result.messages += rec.messages;
    result.fixes += c.fixes;
    result.positions += c.positions;
    result.events += c.events;
    result.seconds += rec.seconds;
    if (!o.quiet)
      std::fprintf(stderr,
                   "ingest: %s: %llu messages, %llu fixes, %llu positions kept, %llu events, %llu bad lines, "
                   "%.2f s (%.2fM msg/s)\n",
                   path.c_str(), static_cast<unsigned long long>(rec.messages),
                   static_cast<unsigned long long>(c.fixes), static_cast<unsigned long long>(c.positions),
                   static_cast<unsigned long long>(c.events), static_cast<unsigned long long>(rec.errors),
                   rec.seconds, rec.seconds > 0 ? static_cast<double>(rec.messages) / rec.seconds / 1e6 : 0.0);
  }

  writer.finish_run(run_id);
  return result;
}
#endif

}  // namespace seawarden::store
