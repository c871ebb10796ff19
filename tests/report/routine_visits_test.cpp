// `report --all` writes case pages for findings, not for routine port and anchorage visits.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "report/report.h"
#include "report/report_fixture.h"
#include "store/open.h"
#include "store/writer.h"

namespace seawarden::report {
namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(ReportCases, ZonesOfInterest) {
  EXPECT_FALSE(zone_of_interest("port-dalian", "Dalian port", "port"));
  EXPECT_FALSE(zone_of_interest("anch-incheon", "Incheon anchorage", "anchorage"));
  EXPECT_FALSE(zone_of_interest("anch-kpx", "Kapex anchorage", "anchorage"));  // "kp" only as a word
  EXPECT_TRUE(zone_of_interest("port-nampo", "Nampo port", "port"));           // a DPRK seaport
  EXPECT_TRUE(zone_of_interest("anch-7", "Chongjin outer anchorage", "anchorage"));
  EXPECT_TRUE(zone_of_interest("anch-kp-1", "West anchorage", "anchorage"));
  EXPECT_TRUE(zone_of_interest("p-9", "Port of interest 9", "port"));
  EXPECT_TRUE(zone_of_interest("p-10", "Harbour (sanctioned)", "port"));  // the marker in the name
  EXPECT_TRUE(zone_of_interest("ts-kp-west", "DPRK west coast territorial sea", "territorial_sea"));
  EXPECT_TRUE(zone_of_interest("ta-1", "Transfer area", "transfer_area"));
  EXPECT_TRUE(zone_of_interest("x", "Fishing closure", "closed_area"));  // any other kind
}

// The fixture's store plus three zone visits of the encounter's vessel: a port call at an
// ordinary port (routine), one at Nampo and a transfer-area visit (both cases).
struct Visits : ::testing::Test {
  testing::ReportFixture fx;
  std::int64_t routine_id = 0, nampo_id = 0, transfer_id = 0;
  void SetUp() override {
    auto db = store::open_store_for_writing(fx.db_path);
    store::StoreWriter w(*db);
    w.load_state();
    store::FileRecord f;
    f.run_id = w.start_run("t", "", "[]", "{}");
    f.content_id = "visits";
    w.begin_file(f);
    const std::int64_t t0 = 1715212800000 + 12 * 3600'000LL;
    auto visit = [&](const char* zone, const char* name, const char* kind, std::int64_t start) {
      detect::Event e{"zone_visit", start, start + 3600'000, {412000001}, 38.9, 121.6, {}};
      e.fields = {{"zone", zone}, {"zone_name", name}, {"zone_kind", kind}, {"port_call", true}, {"dwell_h", 1.0}};
      return w.on_event(e);
    };
    routine_id = visit("port-dalian", "Dalian port", "port", t0);
    nampo_id = visit("port-nampo", "Nampo port", "port", t0 + 2 * 3600'000LL);
    transfer_id = visit("ta-1", "Korea Bay transfer area", "transfer_area", t0 + 4 * 3600'000LL);
    w.commit_file(f, "");
  }
};

TEST_F(Visits, AllWritesNoPageForRoutineVisitsButListsThem) {
  auto db = store::open_store_for_reading(fx.db_path);
  ReportOptions o;
  o.out_dir = (fx.dir / "all").string();
  o.all = true;
  auto r = write_reports(*db, o);
  EXPECT_EQ(r.cases, 3u + 2u);  // encounter, hit, gap + Nampo and transfer-area visits
  EXPECT_EQ(r.routine_visits, 1u);
  namespace fs = std::filesystem;
  EXPECT_FALSE(fs::exists(fs::path(o.out_dir) / case_file(routine_id)));
  EXPECT_TRUE(fs::exists(fs::path(o.out_dir) / case_file(nampo_id)));
  EXPECT_TRUE(fs::exists(fs::path(o.out_dir) / case_file(transfer_id)));
  // The vessel page lists the routine visit (without a link to a page that does not exist).
  auto vessel = slurp((fs::path(o.out_dir) / vessel_file(412000001)).string());
  EXPECT_NE(vessel.find("zone=port-dalian"), std::string::npos);
  EXPECT_EQ(vessel.find(case_file(routine_id)), std::string::npos);
  EXPECT_NE(vessel.find(case_file(nampo_id)), std::string::npos);
  // The index counts it (by kind, and per zone) without a row of its own in the cases table.
  auto index = slurp(r.index_path);
  EXPECT_NE(index.find("Routine zone visits (1)"), std::string::npos);
  EXPECT_NE(index.find("Dalian port (port-dalian)"), std::string::npos);
  EXPECT_EQ(index.find(case_file(routine_id)), std::string::npos);
  EXPECT_NE(index.find(case_file(nampo_id)), std::string::npos);
  // Every link to a case page points to a page that was written.
  for (std::size_t at = index.find("href=\"case-"); at != std::string::npos; at = index.find("href=\"case-", at + 1)) {
    auto name = index.substr(at + 6, index.find('"', at + 6) - at - 6);
    EXPECT_TRUE(fs::exists(fs::path(o.out_dir) / name)) << name;
  }
}

TEST_F(Visits, EventStillWritesAnyEventsPage) {
  auto db = store::open_store_for_reading(fx.db_path);
  ReportOptions o;
  o.out_dir = (fx.dir / "one").string();
  o.event_id = routine_id;
  auto r = write_reports(*db, o);
  EXPECT_EQ(r.cases, 1u);
  EXPECT_TRUE(std::filesystem::exists(std::filesystem::path(o.out_dir) / case_file(routine_id)));
  EXPECT_NE(slurp(r.index_path).find(case_file(routine_id)), std::string::npos);
}

}  // namespace
}  // namespace seawarden::report
