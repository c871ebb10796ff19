// The simulator's outputs: determinism, valid NMEA, truth in the detect contract, zones,
// and the OFAC-format list.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "ais/encoder.h"
#include "ais/reader.h"
#include "detect/event_json.h"
#include "detect/zones.h"
#include "screen/lists.h"
#include "sim/area.h"
#include "sim/scenario.h"
#include "sim/simulator.h"
#include "support/test_data.h"

namespace fs = std::filesystem;
namespace sim = seawarden::sim;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::ostringstream os;
  os << f.rdbuf();
  return os.str();
}

fs::path temp_dir(const std::string& name) {
  const fs::path d = fs::temp_directory_path() / ("seawarden-sim-test-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(d);
  return d;
}

class Scenario : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(temp_dir("main"));
    sim::ScenarioOptions o;
    o.seed = 7;
    o.vessels = 150;
    o.hours = 40;
    result_ = new sim::ScenarioResult(sim::simulate(o, *dir_));
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
    delete result_;
  }
  static fs::path* dir_;
  static sim::ScenarioResult* result_;
};
fs::path* Scenario::dir_ = nullptr;
sim::ScenarioResult* Scenario::result_ = nullptr;

// CSV fields as OFAC writes them: quoted strings (doubled quotes) or bare -0- nulls.
std::vector<std::string> ofac_fields(const std::string& line, bool& ok) {
  std::vector<std::string> out;
  ok = true;
  std::size_t i = 0;
  while (i <= line.size()) {
    std::string f;
    if (i < line.size() && line[i] == '"') {
      ++i;
      for (;;) {
        if (i >= line.size()) return ok = false, out;
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') f.push_back('"'), i += 2;
          else { ++i; break; }
        } else {
          f.push_back(line[i++]);
        }
      }
    } else {
      while (i < line.size() && line[i] != ',') f.push_back(line[i++]);
      if (f != "-0- " && !std::all_of(f.begin(), f.end(), ::isdigit)) ok = false;
    }
    out.push_back(f);
    if (i < line.size() && line[i] != ',') return ok = false, out;
    ++i;
  }
  return out;
}

}  // namespace

TEST_F(Scenario, WritesAllFiles) {
  for (const char* f : {"ais.nmea", "truth.jsonl", "zones.geojson", "sanctions/sdn.csv", "sanctions/alt.csv",
                        "sanctions/add.csv"})
    EXPECT_TRUE(fs::exists(*dir_ / f)) << f;
  EXPECT_EQ(result_->vessels, 150u);
  EXPECT_GT(result_->messages, 50000u);
}

TEST_F(Scenario, EveryLineIsValidNmeaExceptInjectedFaults) {
  std::ifstream in(*dir_ / "ais.nmea");
  std::string line;
  std::uint64_t bad = 0, lines = 0;
  std::int64_t first_c = INT64_MAX, last_c = 0;
  while (std::getline(in, line)) {
    ++lines;
    bool ok = line.size() > 2 && line[0] == '\\';
    if (ok) {
      const auto close = line.find('\\', 1);
      const auto star = line.find('*');
      ok = close != std::string::npos && star < close &&
           std::stoi(line.substr(star + 1, 2), nullptr, 16) == seawarden::ais::nmea_checksum(line.substr(1, star - 1));
      if (ok) {
        const std::string s = line.substr(close + 1);
        const auto s_star = s.rfind('*');
        ok = s.rfind("!AIVDM,", 0) == 0 && s_star != std::string::npos && s_star + 3 == s.size() &&
             std::stoi(s.substr(s_star + 1, 2), nullptr, 16) == seawarden::ais::nmea_checksum(s.substr(1, s_star - 1));
        const auto c = line.find("c:");
        if (c != std::string::npos && c < close) {
          const std::int64_t t = std::stoll(line.substr(c + 2, 10));
          first_c = std::min(first_c, t), last_c = std::max(last_c, t);
        }
      }
    }
    if (!ok) ++bad;
  }
  EXPECT_EQ(bad, result_->bad_checksums + result_->junk_lines);
  EXPECT_GT(result_->bad_checksums + result_->junk_lines, 0u);
  EXPECT_EQ(lines, result_->sentences + result_->junk_lines);
  EXPECT_EQ(first_c, 1715212800);
  EXPECT_LE(last_c, 1715212800 + 40 * 3600 + 300);
}

TEST_F(Scenario, ReaderDecodesTheFeed) {
  std::uint64_t with_time = 0;
  seawarden::ais::Reader reader([&](const seawarden::ais::Received& r) {
    if (r.meta.rxtime != seawarden::ais::kUnknownTime) ++with_time;
  });
  reader.read_file((*dir_ / "ais.nmea").string());
  const auto& st = reader.stats();
  EXPECT_EQ(st.without_rxtime, 0u);
  // Every good message (duplicates included) decodes; junk and corrupted lines do not.
  const std::uint64_t expected = result_->messages - result_->bad_checksums + result_->duplicates;
  EXPECT_LE(st.messages, expected + result_->junk_lines);
  EXPECT_GE(st.messages, expected - result_->junk_lines);
  EXPECT_EQ(with_time, st.messages);
  EXPECT_GT(st.by_type[1] + st.by_type[3], 0u);
  EXPECT_GT(st.by_type[5], 0u);
  EXPECT_GT(st.by_type[18], 0u);
  EXPECT_GT(st.by_type[24], 0u);
}

TEST_F(Scenario, TruthFollowsTheContract) {
  const std::set<std::string> kinds{"encounter", "loitering", "gap", "mmsi_conflict", "position_jump",
                                    "identity_change", "identity_anomaly", "zone_visit", "draught_change",
                                    "sanctions_hit"};
  std::ifstream in(*dir_ / "truth.jsonl");
  std::string line;
  std::vector<seawarden::detect::Event> events;
  std::set<std::string> seen;
  while (std::getline(in, line)) {
    const auto j = nlohmann::json::parse(line);
    ASSERT_TRUE(j.at("start").get<std::string>().ends_with("Z")) << line;
    ASSERT_TRUE(j.at("end").get<std::string>().ends_with("Z")) << line;
    auto e = seawarden::detect::event_from_json(j);
    EXPECT_TRUE(kinds.count(e.kind)) << line;
    EXPECT_LE(e.start_ms, e.end_ms) << line;
    if (e.kind == "encounter") {
      ASSERT_EQ(e.vessels.size(), 2u) << line;
      EXPECT_LT(e.vessels[0], e.vessels[1]) << line;
    } else {
      EXPECT_EQ(e.vessels.size(), 1u) << line;
    }
    if (e.kind == "zone_visit") {
      EXPECT_TRUE(j.contains("zone")) << line;
    }
    if (e.kind == "identity_change") {
      EXPECT_TRUE(j.contains("field") && j.contains("from") && j.contains("to")) << line;
    }
    if (e.kind == "sanctions_hit") {
      EXPECT_TRUE(j.contains("entry_id") && j.contains("matched_on") && j.contains("list")) << line;
    }
    if (e.kind == "identity_anomaly") {
      EXPECT_TRUE(j.contains("reason")) << line;
    }
    if (!events.empty()) {
      EXPECT_FALSE(seawarden::detect::event_before(e, events.back())) << "unsorted at " << line;
    }
    seen.insert(e.kind);
    events.push_back(std::move(e));
  }
  EXPECT_EQ(events.size(), result_->truth.size());
  EXPECT_EQ(seen, kinds) << "every kind should occur in a 150-vessel, 40 h scenario";
}

TEST_F(Scenario, InjectedBehavioursHaveMarginsOverThresholds) {
  for (const auto& e : result_->truth) {
    const double h = static_cast<double>(e.end_ms - e.start_ms) / 3.6e6;
    if (e.kind == "encounter") {
      EXPECT_GE(h, 2.5);
      EXPECT_LE(e.fields["distance_m"].get<double>(), 300);
    }
    if (e.kind == "loitering") {
      EXPECT_GE(h, 5);
    }
    if (e.kind == "gap") {
      EXPECT_GE(h, 14) << "gaps come only from injections, never from reception";
    }
  }
}

TEST_F(Scenario, ZonesParseWithTheDetectorsCode) {
  const auto zones = seawarden::detect::load_zones((*dir_ / "zones.geojson").string());
  EXPECT_TRUE(zones.warnings().empty());
  std::set<std::string> kinds;
  for (std::size_t i = 0; i < zones.size(); ++i) kinds.insert(zones.zone(i).kind);
  for (const char* k : {"port", "anchorage", "territorial_sea", "transfer_area"}) EXPECT_TRUE(kinds.count(k)) << k;
  // Nampo lies in the DPRK territorial sea zone; Dalian does not.
  std::vector<std::uint32_t> at;
  zones.zones_at(38.73, 125.38, at);
  bool ts = false;
  for (auto z : at) ts |= zones.zone(z).kind == "territorial_sea";
  EXPECT_TRUE(ts);
  zones.zones_at(38.93, 121.67, at);
  for (auto z : at) EXPECT_NE(zones.zone(z).kind, "territorial_sea");
}

TEST_F(Scenario, SanctionsListUsesOfacCsvLayout) {
  const std::string sdn = slurp(*dir_ / "sanctions/sdn.csv");
  ASSERT_FALSE(sdn.empty());
  EXPECT_EQ(sdn.back(), '\x1a');
  std::istringstream in(sdn.substr(0, sdn.size() - 1));
  std::string line;
  int vessels = 0, with_imo = 0;
  while (std::getline(in, line)) {
    ASSERT_TRUE(line.ends_with("\r")) << line;
    line.pop_back();
    bool ok = false;
    const auto f = ofac_fields(line, ok);
    ASSERT_TRUE(ok) << line;
    ASSERT_EQ(f.size(), 12u) << line;
    if (f[2] == "vessel") {
      ++vessels;
      if (f[11].find("Vessel Registration Identification IMO ") != std::string::npos) ++with_imo;
    }
  }
  EXPECT_GT(vessels, 5);
  EXPECT_GT(with_imo, 3);
  for (const char* name : {"sanctions/alt.csv", "sanctions/add.csv"}) {
    const std::string text = slurp(*dir_ / name);
    std::istringstream s(text.substr(0, text.size() - 1));
    while (std::getline(s, line)) {
      line.pop_back();
      bool ok = false;
      const auto f = ofac_fields(line, ok);
      EXPECT_TRUE(ok) << line;
      EXPECT_EQ(f.size(), std::string(name).find("alt") != std::string::npos ? 5u : 6u) << line;
    }
  }
  // The screening engine reads it as an OFAC list with IMO identifiers.
  auto lists = seawarden::screen::load_lists({(*dir_ / "sanctions/sdn.csv").string()});
  int imo_ids = 0;
  for (const auto& e : lists.entities) imo_ids += !e.identifier("imo").empty();
  EXPECT_EQ(imo_ids, with_imo);
}

TEST_F(Scenario, IdentitiesAreFictional) {
  SEAWARDEN_REQUIRE_DATA(real, "sanctions/ofac-2021/sdn.csv");
  const std::string text = slurp(real);
  for (const auto& e : result_->truth) {
    if (e.kind != "sanctions_hit") continue;
    const auto listed = e.fields["listed_name"].get<std::string>();
    EXPECT_EQ(text.find("\"" + listed + "\""), std::string::npos) << listed << " is a real listed name";
    EXPECT_EQ(text.find("MMSI " + std::to_string(e.vessels[0])), std::string::npos);
  }
}

TEST(Simulator, DeterministicForASeed) {
  sim::ScenarioOptions o;
  o.seed = 99;
  o.vessels = 40;
  o.hours = 32;
  const auto a = temp_dir("det-a"), b = temp_dir("det-b"), c = temp_dir("det-c");
  const auto ra = sim::simulate(o, a);
  const auto rb = sim::simulate(o, b);
  for (const char* f : {"ais.nmea", "truth.jsonl", "zones.geojson", "sanctions/sdn.csv"})
    EXPECT_EQ(slurp(a / f), slurp(b / f)) << f;
  EXPECT_EQ(ra.messages, rb.messages);
  o.seed = 100;
  sim::simulate(o, c);
  EXPECT_NE(slurp(a / "ais.nmea"), slurp(c / "ais.nmea"));
  for (const auto& d : {a, b, c}) fs::remove_all(d);
}

TEST(Simulator, NormalTrafficAloneYieldsOnlyZoneVisits) {
  sim::ScenarioOptions o;
  o.seed = 5;
  o.vessels = 120;
  o.hours = 36;
  o.inject = false;
  const auto d = temp_dir("normal");
  const auto r = sim::simulate(o, d);
  EXPECT_GT(r.truth_by_kind.at("zone_visit"), 50);
  for (const auto& [kind, n] : r.truth_by_kind) EXPECT_EQ(kind, "zone_visit") << n << " unexpected " << kind;
  fs::remove_all(d);
}

TEST(Simulator, AreasAndBadOptions) {
  EXPECT_THROW(sim::make_area("atlantis"), std::invalid_argument);
  EXPECT_THROW(sim::make_area("10,10,11,11"), std::invalid_argument);  // no catalog ports there
  EXPECT_THROW(sim::make_area("121,38,120,39"), std::invalid_argument);
  for (const auto& name : sim::area_presets()) {
    const auto a = sim::make_area(name);
    EXPECT_GE(a.ports.size(), 4u) << name;
    EXPECT_FALSE(a.meeting_sites.empty()) << name;
  }
  const auto box = sim::make_area("119.5,36.5,127,40.5");
  EXPECT_GE(box.ports.size(), 5u);
  sim::ScenarioOptions o;
  o.hours = -1;
  EXPECT_THROW(sim::build_scenario(o), std::invalid_argument);
}

TEST(Simulator, ImoCheckDigit) {
  EXPECT_TRUE(sim::imo_check_digit_ok(9134270));  // EVER DIADEM (gpsd sample)
  EXPECT_TRUE(sim::imo_check_digit_ok(7937317));
  EXPECT_FALSE(sim::imo_check_digit_ok(9134271));
  EXPECT_FALSE(sim::imo_check_digit_ok(123));
}
