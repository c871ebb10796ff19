// `seawarden detect`: AIS in, behaviour events out (JSON lines ordered by start time).
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <set>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <unistd.h>

#include <fmt/format.h>

#include "ais/input.h"
#include "ais/reader.h"
#include "cli/command.h"
#include "detect/config.h"
#include "detect/event_json.h"
#include "detect/pipeline.h"
#include "detect/zones.h"
#include "screen/lists.h"
#include "screen/matcher.h"
#include "store/progress.h"

namespace {

struct Opts {
  std::string config, zones, out, load_state, save_state;
  std::vector<std::string> lists;
  std::vector<std::string> inputs;
  bool stats = false;
  bool sort = false;
  bool no_sort = false;
  bool no_progress = false;
};

// Whether the inputs can be read a second time: no stdin, pipe or device among them (regular
// files, gzip or not; a missing path fails in every pass alike and does not count).
bool rereadable(const std::vector<std::string>& paths) {
  for (const std::string& p : paths) {
    std::error_code ec;
    if (p == "-") return false;
    const auto status = std::filesystem::status(p, ec);
    if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)) return false;
  }
  return true;
}

// `first_pass_seconds`: time spent on a first pass given up to read the input again sorted (0
// when there was none); the throughput is that of the pass whose messages are counted.
void print_stats(const seawarden::detect::PipelineStats& s, const seawarden::ais::ReaderStats& r,
                 double seconds, double first_pass_seconds) {
  using seawarden::detect::format_time_utc;
  std::uint64_t bad_lines = 0;
  for (std::size_t i = 1; i < r.errors.size(); ++i) bad_lines += r.errors[i];
  std::fprintf(stderr, "lines: %llu, bad lines: %llu, bytes: %llu\n",
               static_cast<unsigned long long>(r.lines), static_cast<unsigned long long>(bad_lines),
               static_cast<unsigned long long>(r.bytes));
  for (std::size_t i = 1; i < r.errors.size(); ++i)
    if (r.errors[i])
      std::fprintf(stderr, "  %s: %llu\n", seawarden::ais::to_string(static_cast<seawarden::ais::LineError>(i)),
                   static_cast<unsigned long long>(r.errors[i]));
  if (r.clock_messages)
    std::fprintf(stderr, "messages dated by the receiver's GPS clock ($--ZDA/RMC lines): %llu\n",
                 static_cast<unsigned long long>(r.clock_messages));
  std::fprintf(stderr,
               "messages: %llu (without receive time: %llu, other types: %llu, late: %llu, clock outliers: %llu, "
               "duplicates: %llu, bad positions: %llu)\n",
               static_cast<unsigned long long>(s.messages), static_cast<unsigned long long>(s.without_rxtime),
               static_cast<unsigned long long>(s.ignored), static_cast<unsigned long long>(s.late),
               static_cast<unsigned long long>(s.clock_outliers),
               static_cast<unsigned long long>(s.duplicates), static_cast<unsigned long long>(s.bad_position));
  std::fprintf(stderr, "fixes: %llu, static reports: %llu, vessels: %llu, segments: %llu\n",
               static_cast<unsigned long long>(s.fixes), static_cast<unsigned long long>(s.static_reports),
               static_cast<unsigned long long>(s.vessels), static_cast<unsigned long long>(s.segments));
  if (s.forgotten)
    std::fprintf(stderr, "vessels forgotten after a silence beyond [tracks] forget_after (or forget_brief_after): %llu\n",
                 static_cast<unsigned long long>(s.forgotten));
  if (s.first_t_ms <= s.last_t_ms)
    std::fprintf(stderr, "time span: %s .. %s (%.1f h)\n", format_time_utc(s.first_t_ms).c_str(),
                 format_time_utc(s.last_t_ms).c_str(), (s.last_t_ms - s.first_t_ms) / 3.6e6);
  std::fprintf(stderr, "events: %llu\n", static_cast<unsigned long long>(s.events));
  for (const auto& [kind, n] : s.events_by_kind)
    std::fprintf(stderr, "  %s: %llu\n", kind.c_str(), static_cast<unsigned long long>(n));
  for (const auto& [what, n] : s.set_aside)
    if (n) std::fprintf(stderr, "set aside: %s: %llu\n", what.c_str(), static_cast<unsigned long long>(n));
  if (s.input_spill_runs)
    std::fprintf(stderr, "input held on disk for sorting: %zu sorted runs\n", s.input_spill_runs);
  if (s.event_spill_runs)
    std::fprintf(stderr, "events held on disk while running: %zu sorted runs\n", s.event_spill_runs);
  const double counted = seconds - first_pass_seconds;
  if (first_pass_seconds > 0)
    std::fprintf(stderr, "elapsed: %.2f s, of which %.2f s in a first pass given up to read the input again sorted; "
                 "throughput of the sorted pass: %.0f messages/s, track state: %.1f MB\n",
                 seconds, first_pass_seconds, counted > 0 ? s.messages / counted : 0.0, s.state_bytes / 1e6);
  else
    std::fprintf(stderr, "elapsed: %.2f s, throughput: %.0f messages/s, track state: %.1f MB\n", seconds,
                 counted > 0 ? s.messages / counted : 0.0, s.state_bytes / 1e6);
}

int run(const Opts& o) {
  namespace det = seawarden::detect;
  auto started = std::chrono::steady_clock::now();
  det::Config config;
  std::unique_ptr<det::ZoneSet> zones;
  seawarden::screen::ListSet lists;
  std::unique_ptr<seawarden::screen::Matcher> matcher;
  try {
    if (!o.config.empty()) config = det::load_config(o.config);
    if (!o.zones.empty()) {
      zones = std::make_unique<det::ZoneSet>(det::load_zones(o.zones));
      // A feature that could not be read is skipped, not fatal: say which and why.
      for (const auto& w : zones->warnings()) std::fprintf(stderr, "seawarden detect: warning: %s\n", w.c_str());
    }
    if (!o.lists.empty()) {
      lists = seawarden::screen::load_lists(o.lists);
      matcher = std::make_unique<seawarden::screen::Matcher>(lists);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "seawarden detect: %s\n", e.what());
    return seawarden::cli::kExitFailure;
  }
  if (const std::string note = det::port_exclusion_note(config, zones.get()); !note.empty())
    std::fprintf(stderr, "seawarden detect: note: %s\n", note.c_str());

  std::ofstream out_file;
  std::ostream* out = &std::cout;
  if (!o.out.empty() && o.out != "-") {
    out_file.open(o.out, std::ios::binary);
    if (!out_file) {
      std::fprintf(stderr, "seawarden detect: cannot write %s\n", o.out.c_str());
      return seawarden::cli::kExitFailure;
    }
    out = &out_file;
  }

  // One pass over the inputs. `watch_order`: the pass gives up (Reread) as soon as the input
  // proves out of time order as a whole, so that it can be read again, sorted, before any event
  // is written (events go out only at the end).
  enum class Pass { Done, Reread, Failed };
  std::string state;  // read once, restored in each pass
  if (!o.load_state.empty()) {
    try {
      // A saved state grows with the vessels (hundreds of MB for a global day), so no bound.
      state = seawarden::ais::read_whole_file(o.load_state, UINT64_MAX, "saved state");
    } catch (const std::exception& e) {
      std::fprintf(stderr, "seawarden detect: %s\n", e.what());
      return seawarden::cli::kExitFailure;
    }
  }
  std::unique_ptr<det::Pipeline> pipeline;
  std::unique_ptr<seawarden::ais::Reader> reader;
  std::string line;
  int status = seawarden::cli::kExitOk;
  std::set<std::string> errors_shown;  // a file failing in both passes is reported once
  auto pass_started = started;
  auto pass = [&](bool sort, bool watch_order) {
    pass_started = std::chrono::steady_clock::now();
    pipeline = std::make_unique<det::Pipeline>(config, zones.get(), matcher.get());
    pipeline->on_event = [&](const det::Event& e) {
      line = det::to_json_line(e);
      line += '\n';
      out->write(line.data(), static_cast<std::streamsize>(line.size()));
    };
    if (sort) pipeline->sort_input();
    if (!o.load_state.empty()) {
      try {
        pipeline->load_state(state);
      } catch (const std::exception& e) {
        std::fprintf(stderr, "seawarden detect: %s: %s\n", o.load_state.c_str(), e.what());
        return Pass::Failed;
      }
    }
    reader = std::make_unique<seawarden::ais::Reader>(
        [p = pipeline.get()](const seawarden::ais::Received& rec) { p->on_message(rec); });
    status = seawarden::cli::kExitOk;
    std::function<bool()> out_of_order;
    if (watch_order) out_of_order = [&] { return det::input_out_of_order(pipeline->stats()); };
    seawarden::store::ProgressBar bar(!o.no_progress && ::isatty(2));
    for (const std::string& path : o.inputs) {
      bool whole = true;
      try {
        whole = bar.read(path, *reader, out_of_order);
      } catch (const std::exception& e) {
        bar.done();
        if (errors_shown.insert(e.what()).second) std::fprintf(stderr, "seawarden detect: %s\n", e.what());
        status = seawarden::cli::kExitFailure;
      }
      reader->finish();  // a file's last multipart fragments do not wait for the next file
      bar.done();
      if (!whole || (out_of_order && out_of_order())) return Pass::Reread;
    }
    if (sort && bar.enabled())
      std::fprintf(stderr, "seawarden detect: tracking %llu messages in time order...\n",
                   static_cast<unsigned long long>(reader->stats().messages));
    return Pass::Done;
  };
  bool sorted = o.sort;
  Pass done = pass(sorted, !sorted && !o.no_sort && rereadable(o.inputs));
  double first_pass_seconds = 0;
  if (done == Pass::Reread) {
    first_pass_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - pass_started).count();
    std::fprintf(stderr, "seawarden detect: the input is %s\n",
                 det::reread_notice(pipeline->stats(), config.tracks.reorder_window_ms).c_str());
    sorted = true;
    done = pass(sorted, false);
  }
  if (done == Pass::Failed) return seawarden::cli::kExitFailure;
  try {
    // With --save-state the input continues in a later run: what is still open stays open
    // in the state (reported by the run that closes it) instead of being cut here.
    if (o.save_state.empty()) pipeline->finish();
    else pipeline->pause();
  } catch (const std::exception& e) {  // a spill file of events could not be read back
    std::fprintf(stderr, "seawarden detect: %s\n", e.what());
    return seawarden::cli::kExitFailure;
  }
  for (const det::RunMessage& m : det::run_messages(pipeline->stats(), config, sorted))
    std::fprintf(stderr, "seawarden detect: %s: %s\n", m.warning ? "warning" : "note", m.text.c_str());
  if (pipeline->stats().input_spill_failed)
    std::fprintf(stderr, "seawarden detect: warning: could not write the input being sorted to a temporary "
                         "file (TMPDIR); it was kept in memory\n");
  if (pipeline->stats().event_spill_failed)
    std::fprintf(stderr, "seawarden detect: warning: could not write events to a temporary file "
                         "(TMPDIR); they were kept in memory\n");
  out->flush();
  if (!o.save_state.empty()) {
    std::ofstream s(o.save_state, std::ios::binary);
    std::string blob = pipeline->save_state();
    s.write(blob.data(), static_cast<std::streamsize>(blob.size()));
    if (!s) {
      std::fprintf(stderr, "seawarden detect: cannot write %s\n", o.save_state.c_str());
      status = seawarden::cli::kExitFailure;
    }
  }
  if (o.stats) {
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    print_stats(pipeline->stats(), reader->stats(), secs, first_pass_seconds);
  }
  return status;
}

seawarden::cli::Registrar reg(30, [](CLI::App& app) {
  auto* sub = app.add_subcommand("detect", "Rebuild tracks and identities from AIS and detect behaviours "
                                            "(encounters, loitering, gaps, identity fraud, ...) as JSON lines");
  auto opts = std::make_shared<Opts>();
  sub->add_option("--config", opts->config, "Detection settings (TOML; see config/detect.toml)");
  sub->add_option("--zones", opts->zones, "Zones (GeoJSON FeatureCollection: ports, anchorages, areas)");
  sub->add_option("--lists", opts->lists, "Sanctions list file or directory (OFAC sdn.csv, UN XML, ...); repeatable")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  sub->add_option("--out", opts->out, "Write events here instead of standard output");
  sub->add_flag("--stats", opts->stats, "Print a summary to standard error");
  sub->add_flag("--no-progress", opts->no_progress, "No progress bar (it is shown only when stderr is a terminal)");
  auto* sort = sub->add_flag("--sort", opts->sort,
                              "Sort the whole input by receive time before tracking (input not in time order: "
                              "several receivers' files, a CSV export sorted by vessel); uses temporary disk "
                              "space. Without it, input files found out of order (1% of messages late) are "
                              "read again sorted");
  sub->add_flag("--no-sort", opts->no_sort,
                "Never sort: stream the input, leaving out messages older than the reorder window allows")
      ->excludes(sort);
  sub->add_option("--load-state", opts->load_state, "Continue a run saved by --save-state (tracks, identities, open windows)");
  sub->add_option("--save-state", opts->save_state, "Save the run's state for a later run to continue; events still open are then reported by the run that closes them");
  sub->add_option("inputs", opts->inputs, "AIS files (NMEA or CSV, gzip ok; - for standard input)")
      ->required();
  sub->callback([opts] { seawarden::cli::set_exit_code(run(*opts)); });
});

}  // namespace
