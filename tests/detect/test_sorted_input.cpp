// Input not in time order (several receivers' files one after the other, a CSV export sorted
// by vessel): the reorder window drops most of it as late, and says so; with
// Pipeline::sort_input() the same input gives exactly the events of the time-ordered run,
// whether the held messages stay in memory or go to many sorted runs on disk. `detect` and
// `ingest` find such input files themselves and read them again, sorted.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "ais/reader.h"
#include "detect/config.h"
#include "detect/event_json.h"
#include "detect/pipeline.h"
#include "detect/zones.h"
#include "sim/simulator.h"
#include "support/test_data.h"

namespace {

namespace fs = std::filesystem;
using seawarden::detect::Event;
using seawarden::detect::Pipeline;

struct Result {
  std::vector<std::string> events;  // JSON lines in output order
  seawarden::detect::PipelineStats stats;
};

// memory: 0 = stream (no sorting), else sort with that many messages held in memory.
// continue_after: with sorting, pause and continue through a saved state after that many inputs.
Result run(const std::vector<fs::path>& inputs, const seawarden::detect::ZoneSet& zones, std::size_t memory,
        std::size_t continue_after = 0) {
  const seawarden::detect::Config cfg;
  Result r;
  auto p = std::make_unique<Pipeline>(cfg, &zones, nullptr);
  auto wire = [&](Pipeline& q) {
    q.on_event = [&](const Event& e) { r.events.push_back(seawarden::detect::to_json_line(e)); };
    if (memory) q.sort_input(memory);
  };
  wire(*p);
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    if (continue_after && i == continue_after) {
      p->pause();
      const std::string state = p->save_state();
      p = std::make_unique<Pipeline>(cfg, &zones, nullptr);
      wire(*p);
      p->load_state(state);
    }
    seawarden::ais::Reader reader([&](const seawarden::ais::Received& m) { p->on_message(m); });
    reader.read_file(inputs[i].string());
  }
  p->finish();
  r.stats = p->stats();
  return r;
}

class SortedInput : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("seawarden-sorted-" + std::to_string(::getpid()));
    seawarden::sim::ScenarioOptions options;
    options.seed = 4;
    options.hours = 36;
    options.vessels = 120;
    seawarden::sim::simulate(options, dir_);
    zones_ = seawarden::detect::load_zones((dir_ / "zones.geojson").string());
    // Three parts of the feed, written as if by three receivers and given last part first:
    // each cut moves to the next single-sentence line, so no multipart message is cut in two.
    std::ifstream in(dir_ / "ais.nmea");
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    std::vector<std::size_t> cuts{0};
    for (double f : {0.35, 0.7}) {
      auto i = static_cast<std::size_t>(f * static_cast<double>(lines.size()));
      while (i < lines.size() && lines[i].find("!AIVDM,1,1,") == std::string::npos) ++i;
      cuts.push_back(i);
    }
    cuts.push_back(lines.size());
    for (int part : {2, 0, 1}) {
      parts_.push_back(dir_ / ("receiver" + std::to_string(part) + ".nmea"));
      std::ofstream out(parts_.back());
      for (std::size_t i = cuts[part]; i < cuts[part + 1]; ++i) out << lines[i] << '\n';
    }
    ordered_ = new Result(run({dir_ / "ais.nmea"}, zones_, 0));
  }
  static void TearDownTestSuite() {
    delete ordered_;
    fs::remove_all(dir_);
  }

  static fs::path dir_;
  static seawarden::detect::ZoneSet zones_;
  static std::vector<fs::path> parts_;
  static Result* ordered_;
};
fs::path SortedInput::dir_;
seawarden::detect::ZoneSet SortedInput::zones_;
std::vector<fs::path> SortedInput::parts_;
Result* SortedInput::ordered_ = nullptr;

void expect_same_events(const Result& got, const Result& want) {
  ASSERT_EQ(got.events.size(), want.events.size());
  for (std::size_t i = 0; i < got.events.size(); ++i) ASSERT_EQ(got.events[i], want.events[i]) << "event " << i;
}

TEST_F(SortedInput, StreamingDropsMostAsLateAndSaysWhatToDo) {
  ASSERT_EQ(ordered_->stats.late, 0u);
  EXPECT_GT(ordered_->events.size(), 100u);
  EXPECT_TRUE(seawarden::detect::late_messages_warning(ordered_->stats, 300000, false).empty());

  const Result streamed = run(parts_, zones_, 0);
  EXPECT_GT(streamed.stats.late, streamed.stats.messages / 2);
  EXPECT_LT(streamed.events.size(), ordered_->events.size());
  const std::string warning = seawarden::detect::late_messages_warning(streamed.stats, 300000, false);
  EXPECT_NE(warning.find(std::to_string(streamed.stats.late) + " of "), std::string::npos) << warning;
  EXPECT_NE(warning.find("--sort"), std::string::npos) << warning;
}

TEST(LateMessagesWarning, AFewStragglersGetNoAdviceToSort) {
  seawarden::detect::PipelineStats s;
  s.messages = 10000000;
  s.late = 3;
  const std::string few = seawarden::detect::late_messages_warning(s, 300000, false);
  EXPECT_NE(few.find("3 of 10000000 messages (0.0%)"), std::string::npos) << few;
  EXPECT_EQ(few.find("--sort"), std::string::npos) << few;
  s.late = 9990000;  // nearly all: the share must print as a percentage, not 1e+02
  const std::string most = seawarden::detect::late_messages_warning(s, 300000, false);
  EXPECT_NE(most.find("(99.9%)"), std::string::npos) << most;
  EXPECT_NE(most.find("--sort"), std::string::npos) << most;
}

TEST_F(SortedInput, SortedInMemoryGivesTheEventsOfTheOrderedRun) {
  const Result sorted = run(parts_, zones_, Pipeline::kDefaultSortMemory);
  EXPECT_EQ(sorted.stats.late, 0u);
  EXPECT_EQ(sorted.stats.messages, ordered_->stats.messages);
  EXPECT_EQ(sorted.stats.fixes, ordered_->stats.fixes);
  EXPECT_EQ(sorted.stats.input_spill_runs, 0u);
  expect_same_events(sorted, *ordered_);
}

TEST_F(SortedInput, SortedThroughManySpilledRunsGivesTheSameEvents) {
  const Result sorted = run(parts_, zones_, 10000);
  EXPECT_GT(sorted.stats.input_spill_runs, 10u);
  EXPECT_FALSE(sorted.stats.input_spill_failed);
  EXPECT_EQ(sorted.stats.late, 0u);
  expect_same_events(sorted, *ordered_);
}

TEST_F(SortedInput, PauseDeliversTheHeldInputBeforeSavingTheState) {
  // The latest receiver's file sorted and paused, the two older ones continued in a new
  // pipeline: what the first run held is tracked before its state is saved (not lost with the
  // pipeline), and the older files, all before where it got to, are reported late.
  const Result continued = run(parts_, zones_, Pipeline::kDefaultSortMemory, 1);
  const Result latest_alone = run({parts_[0]}, zones_, Pipeline::kDefaultSortMemory);
  EXPECT_GT(latest_alone.events.size(), 10u);
  // The same events; not in one order, as a paused run delivers the events it closed.
  std::vector<std::string> a = continued.events, b = latest_alone.events;
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  EXPECT_EQ(a, b);
  EXPECT_GT(continued.stats.late, continued.stats.messages / 2);
  // All of them before where the paused run had got to: reading them again sorted cannot help.
  EXPECT_EQ(continued.stats.late_before_resume, continued.stats.late);
  EXPECT_FALSE(seawarden::detect::input_out_of_order(continued.stats));
  const std::string warning = seawarden::detect::late_messages_warning(continued.stats, 300000, true);
  EXPECT_NE(warning.find("continued run"), std::string::npos) << warning;
}

struct CliRun {
  int status = -1;
  std::vector<std::string> events;
  std::string err;
};

std::vector<std::string> lines_of(const fs::path& file) {
  std::vector<std::string> out;
  std::ifstream in(file);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

// `seawarden detect ARGS --out EVENTS` through the shell (so ARGS may hold a pipe before it).
CliRun run_detect(const fs::path& dir, const std::string& before, const std::string& args) {
  const fs::path events = dir / "cli-events.jsonl", err = dir / "cli-stderr.txt";
  fs::remove(events);
  const std::string cmd = before + seawarden::testing::seawarden_binary().string() + " detect --no-progress --zones " +
                          (dir / "zones.geojson").string() + " --out " + events.string() + " " + args + " 2>" +
                          err.string();
  const int st = std::system(cmd.c_str());
  CliRun r;
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  r.events = lines_of(events);
  std::ifstream in(err);
  r.err.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return r;
}

TEST_F(SortedInput, DetectReadsInputFilesOutOfOrderAgainSorted) {
  std::string files;
  for (const auto& p : parts_) files += " " + p.string();
  const CliRun automatic = run_detect(dir_, "", files);
  ASSERT_EQ(automatic.status, 0) << automatic.err;
  EXPECT_EQ(automatic.events, ordered_->events);
  EXPECT_NE(automatic.err.find("reading it again, sorted by receive time"), std::string::npos) << automatic.err;
  EXPECT_EQ(automatic.err.find("warning"), std::string::npos) << automatic.err;
  EXPECT_EQ(automatic.err.find("note:"), std::string::npos) << automatic.err;  // the zones have ports

  // --stats counts the messages of the sorted pass: its throughput leaves the given-up pass out.
  const CliRun automatic_stats = run_detect(dir_, "", "--stats" + files);
  ASSERT_EQ(automatic_stats.status, 0) << automatic_stats.err;
  EXPECT_NE(automatic_stats.err.find("in a first pass given up to read the input again sorted; throughput of the "
                                     "sorted pass:"),
            std::string::npos)
      << automatic_stats.err;

  const CliRun forced = run_detect(dir_, "", "--sort --stats" + files);
  ASSERT_EQ(forced.status, 0) << forced.err;
  EXPECT_EQ(forced.events, ordered_->events);
  EXPECT_EQ(forced.err.find("reading it again"), std::string::npos) << forced.err;
  EXPECT_NE(forced.err.find("elapsed: "), std::string::npos) << forced.err;
  EXPECT_EQ(forced.err.find("first pass"), std::string::npos) << forced.err;

  const CliRun streamed = run_detect(dir_, "", "--no-sort" + files);
  ASSERT_EQ(streamed.status, 0) << streamed.err;
  EXPECT_LT(streamed.events.size(), ordered_->events.size());
  EXPECT_NE(streamed.err.find("were left out"), std::string::npos) << streamed.err;
  EXPECT_EQ(streamed.err.find("reading it again"), std::string::npos) << streamed.err;

  // Standard input cannot be read twice: streamed, with the advice to sort.
  const CliRun piped = run_detect(dir_, "cat" + files + " | ", "-");
  ASSERT_EQ(piped.status, 0) << piped.err;
  EXPECT_EQ(piped.events, streamed.events);
  EXPECT_NE(piped.err.find("use --sort"), std::string::npos) << piped.err;

  EXPECT_NE(run_detect(dir_, "", "--sort --no-sort" + files).status, 0);

  // A missing file fails (exit 1, said once) and does not stop the others from being re-read.
  const CliRun with_missing = run_detect(dir_, "", files + " " + (dir_ / "missing.nmea").string());
  EXPECT_EQ(with_missing.status, 1) << with_missing.err;
  EXPECT_EQ(with_missing.events, ordered_->events);
  const std::size_t first = with_missing.err.find("cannot open");
  ASSERT_NE(first, std::string::npos) << with_missing.err;
  EXPECT_EQ(with_missing.err.find("cannot open", first + 1), std::string::npos) << with_missing.err;
}

TEST_F(SortedInput, DetectWarnsOfZonesItSkips) {
  const fs::path zones = dir_ / "bad-zones.geojson";
  std::ofstream(zones) << R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"a"},)"
                       << R"("geometry":{"type":5,"coordinates":[]}}]})";
  const fs::path err = dir_ / "zones-stderr.txt";
  const std::string cmd = seawarden::testing::seawarden_binary().string() + " detect --no-progress --zones " +
                          zones.string() + " --out /dev/null " + parts_[0].string() + " 2>" + err.string();
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  std::ifstream in(err);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("warning: " + zones.string() + ": feature 0 (id a): geometry type \"5\""), std::string::npos) << text;
  // With no port or anchorage left, encounters in port cannot be told apart: said once.
  EXPECT_NE(text.find("note: the zones have no feature of kind \"port\" or \"anchorage\""), std::string::npos) << text;
}

TEST_F(SortedInput, DetectStreamsAFewStragglersWithoutRereading) {
  // A handful of single-sentence lines from the first hour moved to the end: late, but far
  // under 1% of the messages, as satellite batches and slow stations make them.
  std::vector<std::string> lines = lines_of(dir_ / "ais.nmea");
  std::vector<std::string> moved;
  for (std::size_t i = 100; i < lines.size() && moved.size() < 5; i += 997)
    if (lines[i].find("!AIVDM,1,1,") != std::string::npos) {
      moved.push_back(lines[i]);
      lines[i].clear();
    }
  ASSERT_EQ(moved.size(), 5u);
  const fs::path stragglers = dir_ / "stragglers.nmea";
  {
    std::ofstream out(stragglers);
    for (const auto& l : lines)
      if (!l.empty()) out << l << '\n';
    for (const auto& l : moved) out << l << '\n';
  }
  const CliRun r = run_detect(dir_, "", stragglers.string());
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err.find("reading it again"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("warning: 5 of "), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("--sort"), std::string::npos) << r.err;
}

TEST_F(SortedInput, DetectWarnsOfMessagesWithoutReceiveTime) {
  // The feed with the tag blocks (the receive times) cut from its single-sentence lines, as a raw
  // receiver log has none: those messages cannot be tracked, and the run must say so rather than
  // end quietly with fewer events.
  std::size_t cut = 0;
  const fs::path untimed = dir_ / "untimed.nmea";
  {
    std::ofstream out(untimed);
    for (const std::string& l : lines_of(dir_ / "ais.nmea")) {
      const std::size_t bang = l.find("\\!AIVDM,1,1,");
      if (l.rfind('\\', 0) == 0 && bang != std::string::npos) {
        out << l.substr(bang + 1) << '\n';
        ++cut;
      } else {
        out << l << '\n';
      }
    }
  }
  ASSERT_GT(cut, 1000u);
  const CliRun r = run_detect(dir_, "", "--stats " + untimed.string());
  ASSERT_EQ(r.status, 0) << r.err;
  // The count warned of is the one --stats gives, and most of what was cut (a cut line may have
  // been one the feed damages on purpose).
  const std::string key = "without receive time: ";
  const std::size_t at = r.err.find(key);
  ASSERT_NE(at, std::string::npos) << r.err;
  const std::uint64_t counted = std::stoull(r.err.substr(at + key.size()));
  EXPECT_GT(counted, cut * 9 / 10);
  EXPECT_LE(counted, cut);
  EXPECT_NE(r.err.find("warning: " + std::to_string(counted) + " of "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("carry no receive time"), std::string::npos) << r.err;

  const CliRun timed = run_detect(dir_, "", (dir_ / "ais.nmea").string());
  EXPECT_EQ(timed.err.find("receive time"), std::string::npos) << timed.err;
}

}  // namespace
