// Decode throughput in-process on one core: bytes already in memory -> Reader ->
// typed structs (no-op handler) and -> gpsd-compatible JSON (append_json into a
// reused buffer). Usage: bench_decode CORPUS_FILE [RUNS] [structs|json]. Prints the
// median of RUNS for each mode (both when no mode is given).
//
// bench/decode_peers.sh builds the corpus (every real NMEA capture in ../shared/data/ais,
// concatenated and repeated to >= 2 million sentences) and compares with gpsdecode/libais.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "ais/json_writer.h"
#include "ais/reader.h"

namespace {

using namespace seawarden::ais;

struct Result {
  double seconds;      // wall clock
  double cpu_seconds;  // this thread's CPU time: the per-core figure on a shared machine
  std::uint64_t sentences, messages;
};

double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

template <typename Handler>
Result run_once(std::string_view corpus, Handler&& handler) {
  Reader reader(std::forward<Handler>(handler));
  const double cpu0 = thread_cpu_seconds();
  const auto start = std::chrono::steady_clock::now();
  constexpr std::size_t kChunk = std::size_t{1} << 20;  // as read_input delivers it
  for (std::size_t i = 0; i < corpus.size(); i += kChunk) reader.feed(corpus.substr(i, kChunk));
  reader.finish();
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return {s, thread_cpu_seconds() - cpu0, reader.stats().sentences, reader.stats().messages};
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

void report(const char* what, const std::vector<Result>& runs) {
  std::vector<double> wall, cpu;
  for (const Result& r : runs) {
    wall.push_back(static_cast<double>(r.sentences) / r.seconds);
    cpu.push_back(static_cast<double>(r.sentences) / r.cpu_seconds);
  }
  const double w = median(wall), c = median(cpu);
  std::printf("bench_decode %-8s sentences=%llu messages=%llu median: %.2f M sentences/s per CPU second "
              "(%.1f ns/sentence), %.2f M/s wall; runs=%zu\n",
              what, static_cast<unsigned long long>(runs[0].sentences),
              static_cast<unsigned long long>(runs[0].messages), c / 1e6, 1e9 / c, w / 1e6, runs.size());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_decode CORPUS_FILE [RUNS]\n");
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "bench_decode: cannot open %s\n", argv[1]);
    return 1;
  }
  std::string corpus;
  in.seekg(0, std::ios::end);
  corpus.resize(static_cast<std::size_t>(in.tellg()));
  in.seekg(0);
  in.read(corpus.data(), static_cast<std::streamsize>(corpus.size()));
  const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
  const std::string mode = argc > 3 ? argv[3] : "both";
  const bool do_structs = mode != "json", do_json = mode != "structs";

  std::vector<Result> structs, json;
  std::uint64_t sink = 0;
  for (int i = 0; do_structs && i < runs; ++i)
    structs.push_back(run_once(corpus, [&sink](const Received& r) { sink += r.msg.mmsi; }));
  std::string out;
  out.reserve(std::size_t{2} << 20);
  const JsonOptions opt;
  for (int i = 0; do_json && i < runs; ++i)
    json.push_back(run_once(corpus, [&](const Received& r) {
      append_json(r, opt, out);
      out.push_back('\n');
      if (out.size() > (std::size_t{1} << 20)) {
        sink += out.size();
        out.clear();
      }
    }));
  if (do_structs) report("structs", structs);
  if (do_json) report("json", json);
  return sink == 42 ? 3 : 0;  // keep the work observable
}
