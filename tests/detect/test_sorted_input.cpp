// Input not in time order (several receivers' files one after the other, a CSV export sorted
// by vessel): the reorder window drops most of it as late, and says so; with
// Pipeline::sort_input() the same input gives exactly the events of the time-ordered run,
// whether the held messages stay in memory or go to many sorted runs on disk.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

#include <gtest/gtest.h>

#include "ais/reader.h"
#include "detect/config.h"
#include "detect/event_json.h"
#include "detect/pipeline.h"
#include "detect/zones.h"
#include "sim/simulator.h"

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
  const std::string warning = seawarden::detect::late_messages_warning(continued.stats, 300000, true);
  EXPECT_NE(warning.find("continued run"), std::string::npos) << warning;
}

}  // namespace
