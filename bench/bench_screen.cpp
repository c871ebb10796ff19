// Screening benchmark: index build time, single-core query throughput and memory, against
// the UN, OFAC and EU lists of the shared data loaded together.
//
//   bench_screen [--data DIR] [--queries N]
//
// Queries are every listed name and alias of the loaded lists, alternately as listed and
// perturbed (case, word order, one letter changed), cycled until N queries have run.
#include <fmt/format.h>

#include <chrono>
#include <ctime>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "screen/screening.h"

namespace scr = seawarden::screen;
using Clock = std::chrono::steady_clock;

// CPU time of this thread: the machine may be shared, and the figure asked is per core.
double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

namespace {

long status_kb(const char* key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(key, 0) == 0) return std::stol(line.substr(std::strlen(key)));
  return -1;
}

std::string perturb(const std::string& name, size_t i) {
  std::string s = name;
  if (i % 3 == 0) {  // move the first word to the end
    auto sp = s.find(' ');
    if (sp != std::string::npos) s = s.substr(sp + 1) + " " + s.substr(0, sp);
  } else if (i % 3 == 1 && s.size() > 4) {  // one letter changed
    size_t k = s.size() / 2;
    if (std::isalpha(static_cast<unsigned char>(s[k]))) s[k] = s[k] == 'a' ? 'e' : 'a';
  } else {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir = SEAWARDEN_SHARED_DATA;
  size_t n_queries = 200000;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--data") && i + 1 < argc) dir = argv[++i];
    else if (!std::strcmp(argv[i], "--queries") && i + 1 < argc) n_queries = std::stoul(argv[++i]);
    else { std::fprintf(stderr, "usage: bench_screen [--data DIR] [--queries N]\n"); return 2; }
  }
  long rss_start = status_kb("VmRSS:");
  auto t0 = Clock::now();
  double c0 = cpu_seconds();
  scr::ListSet lists;
  try {
    lists = scr::load_lists({dir + "/sanctions/un/UN_consolidated.xml", dir + "/sanctions/ofac-2021/sdn.csv",
                             dir + "/sanctions/eu/32017R1509.csv", dir + "/sanctions/eu/32014R0833.csv"});
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_screen: %s\n", e.what());
    return 1;
  }
  auto t1 = Clock::now();
  double c1 = cpu_seconds();
  scr::Matcher matcher(lists);
  auto t2 = Clock::now();
  double c2 = cpu_seconds();
  long rss_index = status_kb("VmRSS:");

  std::vector<std::string> queries;
  for (const auto& e : lists.entities)
    for (const auto& n : e.all_names()) queries.push_back(n.text);
  for (size_t i = 0; i < queries.size(); i += 2) queries[i] = perturb(queries[i], i / 2);

  // Warm-up (thread-local scratch, ICU transliterators), then the timed run.
  for (size_t i = 0; i < 1000 && i < queries.size(); ++i) matcher.match(queries[i]);
  size_t total_matches = 0;
  auto t3 = Clock::now();
  double c3 = cpu_seconds();
  for (size_t i = 0; i < n_queries; ++i) total_matches += matcher.match(queries[i % queries.size()]).size();
  auto t4 = Clock::now();
  double c4 = cpu_seconds();
  // The same without explanations (what bulk callers such as `detect` may use).
  scr::MatchOptions lean;
  lean.explain = false;
  auto t5 = Clock::now();
  double c5 = cpu_seconds();
  for (size_t i = 0; i < n_queries; ++i) total_matches += matcher.match(queries[i % queries.size()], lean).size();
  auto t6 = Clock::now();
  double c6 = cpu_seconds();

  auto secs = [](auto a, auto b) { return std::chrono::duration<double>(b - a).count(); };
  fmt::print("lists: {} entities, {} names indexed (UN + OFAC 2021 + EU 2017/1509 + EU 2014/833)\n",
             lists.entities.size(), matcher.names_indexed());
  fmt::print("load {:.3f} s, index build {:.3f} s CPU ({:.3f} s, {:.3f} s wall)\n", c1 - c0, c2 - c1, secs(t0, t1),
             secs(t1, t2));
  fmt::print("queries (with explanations): {} in {:.3f} s CPU = {:.0f} queries/s per core ({:.3f} s wall)\n", n_queries,
             c4 - c3, n_queries / (c4 - c3), secs(t3, t4));
  fmt::print("queries (scores only):       {} in {:.3f} s CPU = {:.0f} queries/s per core ({:.3f} s wall)\n", n_queries,
             c6 - c5, n_queries / (c6 - c5), secs(t5, t6));
  fmt::print("memory: lists + index {:.1f} MB (RSS {:.1f} MB, peak {:.1f} MB); {} matches returned\n",
             (rss_index - rss_start) / 1024.0, status_kb("VmRSS:") / 1024.0, status_kb("VmHWM:") / 1024.0,
             total_matches);
  return 0;
}
