// `seawarden decode`: raw AIS (NMEA with tag blocks/wrappers/prefixes, or CSV
// exports; plain or gzip; files or stdin) to gpsd-compatible JSON lines, CSV, or
// just counts.
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "ais/json_writer.h"
#if __has_include("ais/csv_writer.h")
#include "ais/csv_writer.h"
#define SEAWARDEN_HAVE_CSV_WRITER 1
#endif
#include "ais/reader.h"
#include "cli/command.h"

namespace {

using namespace seawarden;

struct Opts {
  std::string format = "json";
  bool unscaled = false;
  bool stats = false;
  std::vector<std::string> inputs;
};

// Output gathered in large blocks and written with fwrite, not per line.
class BlockWriter {
 public:
  static constexpr std::size_t kBlock = std::size_t{1} << 20;
  BlockWriter() { buf_.reserve(kBlock + 64 * 1024); }
  ~BlockWriter() { flush(); }
  std::string& buffer() { return buf_; }
  void maybe_flush() {
    if (buf_.size() >= kBlock) flush();
  }
  void flush() {
    if (!buf_.empty() && ok_) ok_ = std::fwrite(buf_.data(), 1, buf_.size(), stdout) == buf_.size();
    buf_.clear();
    if (ok_) std::fflush(stdout);
  }
  bool ok() const { return ok_; }

 private:
  std::string buf_;
  bool ok_ = true;
};

void print_stats(const ais::ReaderStats& s, double seconds) {
  std::fprintf(stderr,
               "decode: %llu lines, %llu sentences, %llu messages (%llu without receive time), "
               "%llu CSV rows (%llu of types without a record)\n",
               static_cast<unsigned long long>(s.lines), static_cast<unsigned long long>(s.sentences),
               static_cast<unsigned long long>(s.messages), static_cast<unsigned long long>(s.without_rxtime),
               static_cast<unsigned long long>(s.csv_rows), static_cast<unsigned long long>(s.csv_rows_skipped));
  std::fprintf(stderr, "decode: by type:");
  for (std::size_t t = 0; t < s.by_type.size(); ++t)
    if (s.by_type[t] != 0) std::fprintf(stderr, " %zu:%llu", t, static_cast<unsigned long long>(s.by_type[t]));
  std::fprintf(stderr, "\n");
  std::uint64_t total_errors = 0;
  for (auto e : s.errors) total_errors += e;
  std::fprintf(stderr, "decode: errors: %llu", static_cast<unsigned long long>(total_errors));
  for (std::size_t e = 1; e < s.errors.size(); ++e)
    if (s.errors[e] != 0)
      std::fprintf(stderr, " %s:%llu", ais::to_string(static_cast<ais::LineError>(e)),
                   static_cast<unsigned long long>(s.errors[e]));
  std::fprintf(stderr,
               " (warnings %llu, ignored lines %llu, metadata lines %llu, unchecked tag groups %llu, "
               "dated by the receiver's GPS clock %llu)\n",
               static_cast<unsigned long long>(s.warnings), static_cast<unsigned long long>(s.ignored_lines),
               static_cast<unsigned long long>(s.metadata_lines),
               static_cast<unsigned long long>(s.unchecked_tag_groups),
               static_cast<unsigned long long>(s.clock_messages));
  const double secs = seconds > 1e-9 ? seconds : 1e-9;
  std::fprintf(stderr, "decode: %.3f s, %.0f sentences/s, %.1f MB/s\n", seconds,
               static_cast<double>(s.sentences) / secs, static_cast<double>(s.bytes) / secs / 1e6);
}

int run(const Opts& o) {
  const bool json = o.format == "json", csv = o.format == "csv";
  BlockWriter out;
  ais::JsonOptions jopt;
  jopt.scaled = !o.unscaled;
  jopt.with_meta = true;
#ifdef SEAWARDEN_HAVE_CSV_WRITER
  ais::CsvWriterOptions copt;
  copt.scaled = !o.unscaled;
  if (csv) ais::append_csv_header(copt, out.buffer());
#else
  if (csv) {
    std::fprintf(stderr, "seawarden decode: error: CSV output is not available in this build\n");
    return cli::kExitFailure;
  }
#endif
  std::string& buf = out.buffer();
  ais::MessageHandler handler;
  if (json) {
    handler = [&](const ais::Received& r) {
      ais::append_json(r, jopt, buf);
      buf.push_back('\n');
      out.maybe_flush();
    };
#ifdef SEAWARDEN_HAVE_CSV_WRITER
  } else if (csv) {
    handler = [&](const ais::Received& r) {
      ais::append_csv_row(r, copt, buf);
      out.maybe_flush();
    };
#endif
  } else {
    handler = [](const ais::Received&) {};
  }
  ais::Reader reader(std::move(handler));
  int status = cli::kExitOk;
  const auto start = std::chrono::steady_clock::now();
  for (const std::string& path : o.inputs) {
    try {
      reader.read_file(path);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "seawarden decode: error: %s\n", e.what());
      status = cli::kExitFailure;
    }
  }
  out.flush();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!out.ok()) {
    std::fprintf(stderr, "seawarden decode: error: cannot write the output\n");
    status = cli::kExitFailure;
  }
  if (o.stats) print_stats(reader.stats(), seconds);
  return status;
}

seawarden::cli::Registrar reg(10, [](CLI::App& app) {
  auto opts = std::make_shared<Opts>();
  auto* sub = app.add_subcommand(
      "decode",
      "Decode raw AIS: NMEA 0183 (any talker, tag blocks, USCG trailers, $PGHP wrappers, time\n"
      "prefixes) or AIS CSV exports (NOAA, DMA, Spire, or any CSV naming mmsi, time, lat and lon\n"
      "columns), plain or gzip, '-' for stdin.");
  sub->add_option("--format", opts->format, "json (gpsd-compatible lines), csv, or none (count only)")
      ->check(CLI::IsMember({"json", "csv", "none"}))
      ->capture_default_str();
  sub->add_flag("--unscaled", opts->unscaled, "raw integers as `gpsdecode -u` (1/10000 min, 0.1 kn)");
  sub->add_flag("--stats", opts->stats, "print counts by type and error class, and throughput, to stderr");
  sub->add_option("inputs", opts->inputs, "input files ('-' for stdin)")->required();
  sub->callback([opts] { seawarden::cli::set_exit_code(run(*opts)); });
});

}  // namespace
