// End to end through the built program: simulate, ingest twice (idempotent), and kill -9
// an ingest half-way then run it again (same counts as a clean run).
#include <gtest/gtest.h>

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fcntl.h>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "detect/event_json.h"
#include "store/open.h"
#include "store/sqlite.h"
#include "store/store_test_util.h"
#include "support/test_data.h"

extern char** environ;

namespace seawarden::store {
namespace {

using testing::TempDir;

int run_binary(const std::vector<std::string>& args, int kill_after_ms = -1, const char* stderr_path = "/dev/null",
               const char* stdout_path = "/dev/null") {
  std::vector<std::string> full{::seawarden::testing::seawarden_binary().string()};
  full.insert(full.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : full) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 2, stderr_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&fa, 1, stdout_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid;
  if (posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), environ) != 0) return -1;
  posix_spawn_file_actions_destroy(&fa);
  if (kill_after_ms >= 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(kill_after_ms));
    ::kill(pid, SIGKILL);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return WEXITSTATUS(status);
}

struct Counts {
  std::int64_t vessels, positions, identities, events, hits, files, position_checksum, event_checksum;
  bool operator==(const Counts&) const = default;
};

Counts counts_of(const std::string& db_path) {
  auto db = open_store_for_reading(db_path);
  auto q = [&](const char* sql) { return db->scalar_int(sql); };
  auto positions = testing::all_positions(*db);
  std::int64_t position_checksum = 0;
  for (const auto& [mmsi, p] : positions)
    position_checksum += (mmsi % 1000) * (p.t_ms % 100000) + p.lat_e6 % 1000 + p.segment;
  return {q("SELECT count(*) FROM vessels"),
          static_cast<std::int64_t>(positions.size()),
          q("SELECT count(*) FROM identities"),
          q("SELECT count(*) FROM events"),
          q("SELECT count(*) FROM screening_hits"),
          q("SELECT count(*) FROM ingest_files"),
          position_checksum,
          q("SELECT sum(start_ms % 1000003 + end_ms % 1000033 + mmsi % 1009) FROM events")};
}

std::ostream& operator<<(std::ostream& os, const Counts& c) {
  return os << "vessels " << c.vessels << " positions " << c.positions << " identities " << c.identities
            << " events " << c.events << " hits " << c.hits << " files " << c.files;
}

// A simulated scenario split in two "daily" files.
class IngestEndToEnd : public ::testing::Test {
 protected:
  void SetUp() override {
    scenario = dir.file("scenario");
    ASSERT_EQ(run_binary({"simulate", "--seed", "11", "--hours", "24", "--vessels", "80", "--out", scenario, "-q"}), 0);
    std::ifstream in(scenario + "/ais.nmea");
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    ASSERT_GT(lines.size(), 1000u);
    day1 = dir.file("day1.nmea");
    day2 = dir.file("day2.nmea");
    std::ofstream a(day1), b(day2);
    for (std::size_t i = 0; i < lines.size(); ++i) (i < lines.size() / 2 ? a : b) << lines[i] << '\n';
  }
  std::vector<std::string> ingest_args(const std::string& db, std::vector<std::string> inputs) {
    std::vector<std::string> args{"ingest"};
    args.insert(args.end(), inputs.begin(), inputs.end());
    for (const std::string& x : std::vector<std::string>{"--db", db, "--zones", scenario + "/zones.geojson", "--lists", scenario + "/sanctions/sdn.csv"})
      args.push_back(x);
    return args;
  }
  TempDir dir;
  std::string scenario, day1, day2;
};

TEST_F(IngestEndToEnd, ReingestAddsNothingAndDaysContinue) {
  auto db = dir.file("store.db");
  ASSERT_EQ(run_binary(ingest_args(db, {day1})), 0);
  auto after_day1 = counts_of(db);
  EXPECT_GT(after_day1.positions, 0);
  EXPECT_GT(after_day1.events, 0);
  ASSERT_EQ(run_binary(ingest_args(db, {day1})), 0);  // again: nothing added
  EXPECT_EQ(counts_of(db), after_day1);
  ASSERT_EQ(run_binary(ingest_args(db, {day2})), 0);  // the next day continues
  auto after_day2 = counts_of(db);
  EXPECT_GT(after_day2.positions, after_day1.positions);
  EXPECT_EQ(after_day2.files, 2);
  ASSERT_EQ(run_binary(ingest_args(db, {day1, day2})), 0);  // both again: nothing added
  EXPECT_EQ(counts_of(db), after_day2);
  // Day by day gives the same store as both days in one run.
  auto both = dir.file("both.db");
  ASSERT_EQ(run_binary(ingest_args(both, {day1, day2})), 0);
  EXPECT_EQ(counts_of(both), after_day2);
}

// (kind, start, end, vessels) of every event, sorted.
using EventKey = std::tuple<std::string, std::int64_t, std::int64_t, std::int64_t, std::int64_t>;
std::vector<EventKey> store_events(const std::string& db_path, bool provisional_only = false) {
  auto db = open_store_for_reading(db_path);
  auto st = db->prepare(std::string("SELECT kind,start_ms,end_ms,mmsi,coalesce(mmsi2,0) FROM events") +
                        (provisional_only ? " WHERE provisional=1" : ""));
  std::vector<EventKey> out;
  while (st.step()) out.emplace_back(st.text(0), st.int64(1), st.int64(2), st.int64(3), st.int64(4));
  std::sort(out.begin(), out.end());
  return out;
}

// (kind, start, end, vessels) of every event `detect` finds in the scenario's whole feed, sorted
// (its JSON lines written to out_path). Empty when detect fails.
std::vector<EventKey> detected_events(const std::string& scenario, const std::string& out_path,
                                      const std::string& input = "") {
  std::vector<EventKey> out;
  if (run_binary({"detect", "--zones", scenario + "/zones.geojson", "--lists", scenario + "/sanctions/sdn.csv",
                  "--out", out_path, input.empty() ? scenario + "/ais.nmea" : input}) != 0)
    return out;
  std::ifstream in(out_path);
  for (std::string line; std::getline(in, line);) {
    const auto e = detect::event_from_json(nlohmann::json::parse(line));
    out.emplace_back(e.kind, e.start_ms, e.end_ms, e.vessels.at(0), e.vessels.size() > 1 ? e.vessels[1] : 0);
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST_F(IngestEndToEnd, DailyFilesGiveTheEventsOfOneContinuousRun) {
  // What detect finds in the whole scenario at once...
  const std::vector<EventKey> expected = detected_events(scenario, dir.file("whole.jsonl"));
  ASSERT_GT(expected.size(), 20u);
  // ...the store finds from two daily files ingested on two days: what was open at midnight
  // is provisional after day 1 and final (whole) after day 2; what is still open at the end
  // of day 2 is provisional, closed where a single run closes it at the end of its input.
  auto db = dir.file("days.db");
  ASSERT_EQ(run_binary(ingest_args(db, {day1})), 0);
  EXPECT_FALSE(store_events(db, true).empty()) << "nothing open at the split: the test proves little";
  ASSERT_EQ(run_binary(ingest_args(db, {day2})), 0);
  EXPECT_EQ(store_events(db), expected);
}

TEST_F(IngestEndToEnd, CloseRunStoresTheLastMinutesAndClosesEverything) {
  // Without --close-run the last minutes of a file (its reorder window) and its open events wait
  // in the saved state for the next file; with it, the store holds what detect finds in that
  // file alone: every fix, every event final.
  auto held_db = dir.file("held.db"), closed_db = dir.file("closed.db");
  ASSERT_EQ(run_binary(ingest_args(held_db, {day1})), 0);
  auto args = ingest_args(closed_db, {day1});
  args.push_back("--close-run");
  ASSERT_EQ(run_binary(args), 0);
  auto fixes = [](const std::string& db) {
    return open_store_for_reading(db)->scalar_int("SELECT sum(fixes) FROM vessels");
  };
  EXPECT_GT(fixes(closed_db), fixes(held_db));
  EXPECT_TRUE(store_events(closed_db, true).empty()) << "provisional events after --close-run";
  EXPECT_FALSE(store_events(held_db, true).empty());
  const std::vector<EventKey> expected = detected_events(scenario, dir.file("day1.jsonl"), day1);
  ASSERT_GT(expected.size(), 10u);
  EXPECT_EQ(store_events(closed_db), expected);
}

TEST_F(IngestEndToEnd, SortTakesAFileOutOfTimeOrder) {
  // One file holding the second half of the feed, then the first (cut at a single-sentence
  // line, so no multipart message is split): with --sort the store gets the events of detect
  // on the feed in order; streamed (--no-sort), the older half is late and most of its events
  // are missing.
  std::ifstream in(scenario + "/ais.nmea");
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  std::size_t cut = lines.size() / 2;
  while (cut < lines.size() && lines[cut].find("!AIVDM,1,1,") == std::string::npos) ++cut;
  const std::string shuffled = dir.file("shuffled.nmea");
  {
    std::ofstream out(shuffled);
    for (std::size_t i = cut; i < lines.size(); ++i) out << lines[i] << '\n';
    for (std::size_t i = 0; i < cut; ++i) out << lines[i] << '\n';
  }
  const std::vector<EventKey> expected = detected_events(scenario, dir.file("whole.jsonl"));
  ASSERT_GT(expected.size(), 20u);

  auto sorted_db = dir.file("sorted.db");
  auto args = ingest_args(sorted_db, {shuffled});
  args.push_back("--sort");
  ASSERT_EQ(run_binary(args), 0);
  EXPECT_EQ(store_events(sorted_db), expected);

  // Without either flag the file is found out of order and read again, sorted: nothing of
  // the first pass stays in the store.
  auto automatic_db = dir.file("automatic.db");
  ASSERT_EQ(run_binary(ingest_args(automatic_db, {shuffled})), 0);
  EXPECT_EQ(store_events(automatic_db), expected);
  EXPECT_EQ(counts_of(automatic_db), counts_of(sorted_db));

  auto streamed_db = dir.file("streamed.db");
  auto streamed_args = ingest_args(streamed_db, {shuffled});
  streamed_args.push_back("--no-sort");
  ASSERT_EQ(run_binary(streamed_args), 0);
  EXPECT_LT(store_events(streamed_db).size(), expected.size());
}

TEST_F(IngestEndToEnd, FilesGivenOutOfOrderAreNotReadAgain) {
  // Day 2 first, then day 1: day 1 is all before where the stored run has got to, which no
  // sorting of day 1 changes. It is not read a second time, and the warning says why it is late.
  auto db = dir.file("reversed.db");
  const std::string err = dir.file("reversed-stderr.txt");
  ASSERT_EQ(run_binary(ingest_args(db, {day2, day1}), -1, err.c_str()), 0);
  std::ifstream in(err);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(text.find("reading it again"), std::string::npos) << text;
  EXPECT_NE(text.find("day1.nmea: warning: "), std::string::npos) << text;
  EXPECT_NE(text.find("continued run had got to"), std::string::npos) << text;
}

// What the store shows (events, vessel --format json) writes numbers as detect does: rounded to
// their unit, in their shortest digits. Before, nlohmann's writer gave 124.02294500000001 and the
// store kept event positions unrounded (38.92395666666667).
TEST_F(IngestEndToEnd, StoredEventsWriteNumbersAsDetectDoes) {
  auto db = dir.file("numbers.db");
  auto args = ingest_args(db, {day1, day2});
  args.push_back("--close-run");
  ASSERT_EQ(run_binary(args), 0);
  const std::string events = dir.file("events.jsonl");
  ASSERT_EQ(run_binary({"events", "--db", db}, -1, "/dev/null", events.c_str()), 0);
  std::ifstream in(events);
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  ASSERT_GT(lines.size(), 20u);
  for (const auto& l : lines) ASSERT_EQ(testing::long_decimal_number(l), "") << l;
  // One vessel of those events, as JSON: its events are rewritten inside one object.
  const auto first = nlohmann::json::parse(lines.front());
  const std::string vessel = std::to_string(first["vessels"][0].get<std::uint32_t>());
  const std::string shown = dir.file("vessel.json");
  ASSERT_EQ(run_binary({"vessel", vessel, "--db", db, "--format", "json"}, -1, "/dev/null", shown.c_str()), 0);
  std::ifstream vin(shown);
  const std::string text((std::istreambuf_iterator<char>(vin)), std::istreambuf_iterator<char>());
  ASSERT_NE(text.find("\"events\""), std::string::npos) << text;
  EXPECT_EQ(testing::long_decimal_number(text), "");
}

TEST_F(IngestEndToEnd, KilledIngestRerunMatchesCleanRun) {
  auto clean = dir.file("clean.db");
  const auto t0 = std::chrono::steady_clock::now();
  ASSERT_EQ(run_binary(ingest_args(clean, {day1, day2})), 0);
  const auto clean_ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
  auto expected = counts_of(clean);
  // Kill at several points of a run as long as the clean one (during day 1, about between
  // the days, during day 2), then rerun: the points follow the build's speed.
  int killed = 0;
  for (int percent : {15, 50, 80}) {
    const int delay_ms = static_cast<int>(std::max<long long>(1, clean_ms * percent / 100));
    auto crashed = dir.file("crashed-" + std::to_string(percent) + ".db");
    int rc = run_binary(ingest_args(crashed, {day1, day2}), delay_ms);
    if (rc == 128 + SIGKILL) ++killed;
    ASSERT_EQ(run_binary(ingest_args(crashed, {day1, day2})), 0);
    EXPECT_EQ(counts_of(crashed), expected) << "killed after " << delay_ms << " ms";
    auto db = open_store_for_reading(crashed);
    auto check = db->prepare("PRAGMA integrity_check");
    ASSERT_TRUE(check.step());
    EXPECT_EQ(check.text(0), "ok");
  }
  EXPECT_GT(killed, 0) << "no ingest was still running when killed; the test proved nothing";
}

}  // namespace
}  // namespace seawarden::store
