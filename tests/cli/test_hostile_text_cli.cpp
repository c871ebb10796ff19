// The commands over a store, a list and a batch file holding hostile text: names and zone ids
// with terminal control sequences (ESC, BEL, C1 CSI raw and in UTF-8), an event's fields that
// are not JSON. Terminal output carries no control character; JSON output stays valid JSON.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "store/schema.h"
#include "store/sqlite.h"
#include "store/writer.h"
#include "support/test_data.h"

namespace hostile_text_cli_test {
namespace {

namespace fs = std::filesystem;
using namespace seawarden;

constexpr std::int64_t kT0 = 1715212800000, kH = 3600'000;
constexpr std::uint32_t kMmsi = 412000001;

struct Result {
  int status = -1;
  std::string out, err;
};

// The first byte a terminal would act on (C0 but newline, DEL, C1 in UTF-8) or that is not part
// of UTF-8 (a raw C1 byte among them), with what surrounds it; empty when there is none.
std::string first_control(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    for (std::size_t k = 1; k < n; ++k)
      if (i + k >= s.size() || (static_cast<unsigned char>(s[i + k]) & 0xc0) != 0x80) n = 0;
    const bool bad = n == 0 || (c < 0x20 && c != '\n') || c == 0x7f ||
                     (c == 0xc2 && static_cast<unsigned char>(s[i + 1]) < 0xa0);
    if (bad) return "byte " + std::to_string(c) + " in: " + s.substr(i < 40 ? 0 : i - 40, 80);
    i += n;
  }
  return {};
}

class HostileTextCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("seawarden-hostile-cli-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = (dir_ / "hostile.db").string();
    store::Database db(db_, store::Database::Mode::ReadWrite);
    store::migrate(db);
    store::StoreWriter w(db);
    store::FileRecord f;
    f.run_id = w.start_run("test", "", "[]", "{}");
    f.path = "day1.nmea";
    f.content_id = "x";
    w.begin_file(f);
    detect::VesselInfo v;
    v.mmsi = kMmsi;
    v.name = "RED\x1b[31m\xc2\x9b" "2J";  // ESC and U+009B (CSI) in UTF-8
    v.callsign = "C\x9b" "1";             // a raw 0x9b byte
    v.flag = "K\x07";
    w.on_identity(kMmsi, kT0, v);
    auto event = [](const char* kind, std::int64_t start) {
      detect::Event e;
      e.kind = kind;
      e.start_ms = start;
      e.end_ms = start + 2 * kH;
      e.vessels = {kMmsi};
      e.lat = 38.5;
      e.lon = 124.9;
      return e;
    };
    auto visit = event("zone_visit", kT0);
    visit.fields = {{"zone", "anch\x1b]0;PWNED\x07"}, {"zone_name", "<b>\x1b[2J"}, {"dwell_h", 2.0}};
    w.on_event(visit);
    auto hit = event("sanctions_hit", kT0 + kH);
    hit.fields = {{"list", "ofac\x1b[5m"}, {"entry_id", "93480\x07"}, {"matched_on", "imo\x7f"}, {"score", 1.0},
                  {"listed_name", "MA DU DO\x1b]0;x\x07"}};
    w.on_event(hit);
    auto gap = event("gap", kT0 + 4 * kH);
    gap.fields = {{"distance_km", 80.0}};
    gap_id_ = w.on_event(gap);
    w.commit_file(f, "");
    auto st = db.prepare("UPDATE events SET fields = ? WHERE id = ?");
    st.bind(1, std::string_view("{\"reason\":\"x\"}\n{\"id\":999,\"kind\":\"fake\",\"score\":NaN}")).bind(2, gap_id_);
    st.step();
  }
  void TearDown() override { fs::remove_all(dir_); }

  Result run(const std::string& args) {
    const fs::path err = dir_ / "stderr";
    Result r;
    const std::string cmd = seawarden::testing::seawarden_binary().string() + " " + args + " 2>" + err.string();
    FILE* p = ::popen(cmd.c_str(), "r");
    if (!p) return r;
    char buf[65536];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) r.out.append(buf, n);
    const int st = ::pclose(p);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    std::ifstream e(err, std::ios::binary);
    r.err.assign(std::istreambuf_iterator<char>(e), {});
    return r;
  }
  std::string write(const std::string& name, const std::string& text) {
    const fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  }

  fs::path dir_;
  std::string db_;
  std::int64_t gap_id_ = 0;
};

TEST_F(HostileTextCli, EventsJsonLinesStayValidAndTheDamagedRowIsReported) {
  const auto r = run("events --db " + db_);
  EXPECT_EQ(r.status, 0) << r.err;
  std::size_t lines = 0, start = 0;
  for (std::size_t nl; (nl = r.out.find('\n', start)) != std::string::npos; start = nl + 1, ++lines) {
    const auto j = nlohmann::json::parse(r.out.substr(start, nl - start), nullptr, false);
    ASSERT_TRUE(j.is_object()) << r.out.substr(start, nl - start);
    EXPECT_NE(j["kind"], "fake");
  }
  EXPECT_EQ(lines, 3u) << r.out;
  EXPECT_NE(r.err.find("1 event(s)"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("id " + std::to_string(gap_id_)), std::string::npos) << r.err;
  const auto geo = run("events --db " + db_ + " --format geojson");
  EXPECT_EQ(geo.status, 0);
  const auto doc = nlohmann::json::parse(geo.out, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << geo.out;
  EXPECT_EQ(doc["features"].size(), 3u);
}

TEST_F(HostileTextCli, EventsTableEscapesControlCharacters) {
  const auto r = run("events --db " + db_ + " --format table");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(first_control(r.out), "");
  EXPECT_NE(r.out.find("zone=anch\\x1b]0;PWNED\\x07"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("list=ofac\\x1b[5m entry_id=93480\\x07 matched_on=imo\\x7f"), std::string::npos) << r.out;
}

TEST_F(HostileTextCli, VesselTextEscapesNamesAndHitsJsonStaysValid) {
  const auto r = run("vessel --db " + db_ + " " + std::to_string(kMmsi));
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(first_control(r.out), "");
  EXPECT_NE(r.out.find("RED\\x1b[31m\\u009b2J"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("callsign C\\x9b1"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("flag K\\x07"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("ofac\\x1b[5m entry 93480\\x07"), std::string::npos) << r.out;
  // The damaged row made the JSON form throw while it parsed the events back.
  const auto j = run("vessel --db " + db_ + " " + std::to_string(kMmsi) + " --format json");
  EXPECT_EQ(j.status, 0) << j.err;
  const auto doc = nlohmann::json::parse(j.out, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << j.out;
  EXPECT_EQ(doc["events"].size(), 3u);
}

TEST_F(HostileTextCli, ReportSummaryEscapesControlCharacters) {
  const auto r = run("report --db " + db_ + " --all --out " + (dir_ / "report").string());
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(first_control(r.out), "");
  EXPECT_NE(r.out.find("RED\\x1b[31m\\u009b2J (412000001)"), std::string::npos) << r.out;
}

TEST_F(HostileTextCli, ScreenTableEscapesListEntriesAndQueries) {
  const auto list = write("sdn.csv",
                          "93480,\"MA DU DO\x1b]0;PWNED\x07\x1b[41m\",\"vessel\",\"DPRK4\xc2\x9b\",-0- ,-0- ,\"General "
                          "Cargo\",-0- ,\"4,891\",\"Korea, North\",-0- ,\"IMO 8987864\"\n");
  const auto batch = write("names.txt", "MA DU DO\nQUERY\xc2\x9b" "2J\x1b[8m\n");
  const auto r = run("screen --lists " + list + " --format table --batch " + batch);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(first_control(r.out), "");
  EXPECT_NE(r.out.find("MA DU DO\\x1b]0;PWNED\\x07\\x1b[41m"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[DPRK4\\u009b]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("QUERY\\u009b2J\\x1b[8m\n"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace hostile_text_cli_test
