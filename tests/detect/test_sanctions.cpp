#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "screen/lists.h"
#include "screen/matcher.h"
#include "test_pipeline_harness.h"

using namespace seawarden::testing;

namespace {

// A fictional list in OFAC's SDN CSV layout.
std::filesystem::path write_list() {
  auto dir = std::filesystem::temp_directory_path() / ("sw-sanctions-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream f(dir / "sdn.csv");
  f << "90010,\"KORYO SHIPPING CO LTD\",-0- ,\"DPRK2\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"Fictional.\"\n"
       "90020,\"CHON MA SAN\",\"vessel\",\"DPRK4\",-0- ,\"HMXX9\",\"Crude/Oil Products Tanker\",-0- ,\"2,634\","
       "\"Korea, North\",-0- ,\"Fictional; Vessel Registration Identification IMO 9074729.\"\n"
       "90030,\"PAEKTU STAR 2\",\"vessel\",\"DPRK4\",-0- ,-0- ,\"General Cargo\",-0- ,-0- ,\"Sierra Leone\",-0- ,"
       "\"Fictional; MMSI 667000777.\"\n"
       "90040,\"RAKWON 7\",\"vessel\",\"DPRK4\",-0- ,-0- ,\"General Cargo\",-0- ,-0- ,\"Korea, North\",-0- ,\"Fictional.\"\n";
  return dir;
}

// split_at > 0: the first split_at messages in one run, saved, and the rest in a continued run.
// extra_list: a second copy of the list, where entry 90020 also lists MMSI 412000009.
// extra_first: the extra copy is loaded before the original.
std::vector<seawarden::detect::Event> run_with_list(const std::vector<seawarden::ais::Received>& msgs,
                                                    std::size_t split_at = 0, bool extra_list = false,
                                                    bool extra_first = false,
                                                    std::uint64_t* forgotten = nullptr) {
  auto dir = write_list();
  std::vector<std::string> paths = {(dir / "sdn.csv").string()};
  if (extra_list) {
    std::filesystem::create_directories(dir / "newer");
    std::ofstream f(dir / "newer" / "sdn.csv");
    f << "90020,\"CHON MA SAN\",\"vessel\",\"DPRK4\",-0- ,\"ABC123\",\"Crude/Oil Products Tanker\",-0- ,\"2,634\","
         "\"Korea, North\",-0- ,\"Fictional; Vessel Registration Identification IMO 9074729; MMSI 412000009.\"\n";
    const std::string extra = (dir / "newer" / "sdn.csv").string();
    if (extra_first) paths.insert(paths.begin(), extra);
    else paths.push_back(extra);
  }
  seawarden::screen::ListSet lists = seawarden::screen::load_lists(paths);
  seawarden::screen::Matcher matcher(lists);
  seawarden::detect::Config cfg;
  std::vector<seawarden::detect::Event> out;
  std::string state;
  {
    seawarden::detect::Pipeline p(cfg, nullptr, &matcher);
    p.on_event = [&](const seawarden::detect::Event& e) { out.push_back(e); };
    for (std::size_t i = 0; i < (split_at ? split_at : msgs.size()); ++i) p.on_message(msgs[i]);
    if (split_at) {
      p.pause();
      state = p.save_state();
    } else {
      p.finish();
    }
    if (forgotten) *forgotten = p.stats().forgotten;
  }
  if (split_at) {
    seawarden::detect::Pipeline p(cfg, nullptr, &matcher);
    p.on_event = [&](const seawarden::detect::Event& e) { out.push_back(e); };
    p.load_state(state);
    for (std::size_t i = split_at; i < msgs.size(); ++i) p.on_message(msgs[i]);
    p.finish();
    if (forgotten) *forgotten += p.stats().forgotten;
  }
  std::filesystem::remove_all(dir);
  return of_kind(out, "sanctions_hit");
}

}  // namespace

TEST(SanctionsHit, ImoMatchSpansMessagesCarryingIt) {
  std::vector<seawarden::ais::Received> m;
  Static5 s;  // IMO 9074729 listed as CHON MA SAN, broadcasting another name
  s.name = "OCEAN STAR";
  m.push_back(static5(412000001, kT0, s));
  m.push_back(position(412000001, kT0 + kMin, 37, 124));
  m.push_back(static5(412000001, kT0 + 3 * kHour, s));
  auto hits = run_with_list(m);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].fields["matched_on"], "imo");
  EXPECT_EQ(hits[0].fields["entry_id"], "90020");
  EXPECT_EQ(hits[0].start_ms, kT0);
  EXPECT_EQ(hits[0].end_ms, kT0 + 3 * kHour);
}

TEST(SanctionsHit, MmsiAndFuzzyNameAndNoFalseNumberSuffix) {
  std::vector<seawarden::ais::Received> m;
  m.push_back(position(667000777, kT0, 37, 124));  // listed MMSI, no static data
  m.push_back(position(667000777, kT0 + 2 * kHour, 37, 124.2));
  Static5 s;
  s.imo = 0;
  s.callsign = "";
  s.name = "RAK WON-7";  // spacing and punctuation differ
  m.push_back(static5(445000001, kT0 + kMin, s));
  s.name = "RAKWON 8";  // another number: not the listed ship
  m.push_back(static5(445000002, kT0 + kMin, s));
  auto hits = run_with_list(m);
  std::map<std::uint32_t, std::string> on;
  for (auto& h : hits) on[h.vessels[0]] = h.fields["matched_on"];
  EXPECT_EQ(on[667000777], "mmsi");
  EXPECT_EQ(on[445000001], "name");
  EXPECT_EQ(on.count(445000002), 0u);
  for (auto& h : hits)
    if (h.vessels[0] == 667000777) {
      EXPECT_EQ(h.end_ms, kT0 + 2 * kHour);
    }
}

// A class B static report, part A (the name) or part B (call sign and dimensions).
seawarden::ais::Received static24(std::uint32_t mmsi, std::int64_t t, const std::string& name,
                                  unsigned length = 0) {
  seawarden::ais::Received r;
  r.meta.rxtime = t;
  r.msg.type = 24;
  r.msg.mmsi = mmsi;
  seawarden::ais::StaticB b;
  if (name.empty()) {
    b.partno = 1;
    b.shiptype = 30;
    b.to_bow = static_cast<std::uint16_t>(length / 2);
    b.to_stern = static_cast<std::uint16_t>(length - length / 2);
    b.to_port = b.to_starboard = 3;
  } else {
    b.shipname.assign(name);
  }
  r.msg.body = b;
  return r;
}

TEST(SanctionsHit, NameMatchEndsAtTheLastMessageCarryingTheName) {
  // Part B reports that change the dimensions do not carry the name: they neither start a new
  // match nor stretch the name match to their time.
  std::vector<seawarden::ais::Received> m;
  m.push_back(static24(445000001, kT0, "RAKWON 7"));
  m.push_back(position(445000001, kT0 + kMin, 37, 124));
  m.push_back(static24(445000001, kT0 + kHour, "RAKWON 7"));
  m.push_back(static24(445000001, kT0 + 2 * kHour, "", 20));
  m.push_back(static24(445000001, kT0 + 3 * kHour, "", 24));
  m.push_back(position(445000001, kT0 + 3 * kHour + kMin, 37, 124.1));
  auto hits = run_with_list(m);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].fields["matched_on"], "name");
  EXPECT_EQ(hits[0].fields["entry_id"], "90040");
  EXPECT_EQ(hits[0].start_ms, kT0);
  EXPECT_EQ(hits[0].end_ms, kT0 + kHour);
}

TEST(SanctionsHit, ListedIdentifiersBesideTheBroadcastOnes) {
  std::vector<seawarden::ais::Received> m;
  Static5 s;  // IMO 9074729 (CHON MA SAN, listed call sign HMXX9) under another call sign
  s.callsign = "ABC123";
  m.push_back(static5(412000001, kT0, s));
  m.push_back(position(667000777, kT0, 37, 124));  // listed MMSI, nothing else broadcast
  Static5 named;  // a name alone, on an entry listing no identifier
  named.imo = 0;
  named.callsign = "";
  named.name = "RAKWON 7";
  m.push_back(static5(445000001, kT0 + kMin, named));
  Static5 other = named;  // the listed name under a valid IMO that is not the listed ship's
  other.name = "CHON MA SAN";
  other.imo = 9176187;
  other.callsign = "HMXX9";
  m.push_back(static5(445000003, kT0 + kMin, other));
  std::map<std::uint32_t, nlohmann::json> by;
  for (auto& h : run_with_list(m)) by[h.vessels[0]] = h.fields;
  ASSERT_EQ(by.size(), 4u);
  const auto& imo = by[412000001];
  EXPECT_EQ(imo["matched_on"], "imo");
  EXPECT_EQ(imo["listed_imo"], 9074729);
  EXPECT_EQ(imo["listed_callsign"], "HMXX9");
  EXPECT_EQ(imo["agrees_on"], nlohmann::json::array({"imo"}));
  EXPECT_EQ(imo["differs_on"], nlohmann::json::array({"callsign"}));
  const auto& mmsi = by[667000777];
  EXPECT_EQ(mmsi["listed_mmsi"], 667000777);
  EXPECT_EQ(mmsi["agrees_on"], nlohmann::json::array({"mmsi"}));
  EXPECT_EQ(mmsi["differs_on"], nlohmann::json::array());
  const auto& name = by[445000001];  // nothing to confirm or contradict it
  EXPECT_EQ(name["matched_on"], "name");
  EXPECT_FALSE(name.contains("listed_imo"));
  EXPECT_EQ(name["agrees_on"], nlohmann::json::array());
  EXPECT_EQ(name["differs_on"], nlohmann::json::array());
  const auto& spoof = by[445000003];  // call sign and name agree, the IMO does not
  EXPECT_EQ(spoof["matched_on"], "callsign");
  EXPECT_EQ(spoof["agrees_on"], nlohmann::json::array({"callsign"}));
  EXPECT_EQ(spoof["differs_on"], nlohmann::json::array({"imo"}));
}

TEST(SanctionsHit, AgreementIsThatOfTheIdentityThatMatched) {
  // A ship broadcasts the listed IMO under another call sign, then another IMO and a placeholder
  // call sign: the hit keeps what stood when it matched, and a continued run keeps it too.
  std::vector<seawarden::ais::Received> m;
  Static5 s;
  s.callsign = "ABC123";
  m.push_back(static5(412000001, kT0, s));
  m.push_back(position(412000001, kT0 + kMin, 37, 124));
  Static5 later = s;
  later.imo = 9176187;
  later.callsign = "0";
  m.push_back(static5(412000001, kT0 + 2 * kHour, later));
  m.push_back(position(412000001, kT0 + 2 * kHour + kMin, 37, 124.1));
  for (std::size_t split : {std::size_t{0}, std::size_t{2}}) {
    auto hits = run_with_list(m, split);
    ASSERT_EQ(hits.size(), 1u) << split;
    EXPECT_EQ(hits[0].fields["matched_on"], "imo");
    EXPECT_EQ(hits[0].fields["agrees_on"], nlohmann::json::array({"imo"})) << split;
    EXPECT_EQ(hits[0].fields["differs_on"], nlohmann::json::array({"callsign"})) << split;
    EXPECT_EQ(hits[0].fields["listed_callsign"], "HMXX9");
  }
  // The placeholder call sign alone is no evidence either way.
  std::vector<seawarden::ais::Received> p;
  Static5 placeholder = s;
  placeholder.callsign = "0";
  p.push_back(static5(412000002, kT0, placeholder));
  auto hits = run_with_list(p);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].fields["differs_on"], nlohmann::json::array());
}

TEST(SanctionsHit, AgreementUsesTheEntryThatMatched) {
  // Two versions of one list entry (same list, same id): the newer lists an MMSI and another
  // call sign. A hit on that MMSI shows it; a hit on the IMO agrees on the call sign one version
  // lists. Either load order gives the same.
  for (bool newer_first : {false, true}) {
    std::vector<seawarden::ais::Received> m;
    m.push_back(position(412000009, kT0, 37, 124));
    Static5 s;  // IMO 9074729, call sign ABC123 (listed by the newer version only)
    m.push_back(static5(412000001, kT0, s));
    auto hits = run_with_list(m, 0, true, newer_first);
    std::map<std::uint32_t, nlohmann::json> by;
    for (const auto& h : hits) by[h.vessels[0]] = h.fields;
    ASSERT_EQ(by.size(), 2u) << newer_first;
    EXPECT_EQ(by[412000009]["matched_on"], "mmsi");
    EXPECT_EQ(by[412000009]["matched_value"], "412000009");
    EXPECT_EQ(by[412000009]["listed_mmsi"], 412000009);
    EXPECT_EQ(by[412000009]["agrees_on"], nlohmann::json::array({"mmsi"}));
    EXPECT_EQ(by[412000001]["matched_on"], "imo") << newer_first;
    EXPECT_EQ(by[412000001]["agrees_on"], nlohmann::json::array({"imo", "callsign"})) << newer_first;
    EXPECT_EQ(by[412000001]["differs_on"], nlohmann::json::array({"mmsi"})) << newer_first;
  }
}

TEST(SanctionsHit, OlderStateLoads) {
  // A state saved before the agreement fields existed: it loads, and its hits come out
  // without them (nothing to say what stood when they matched).
  const std::filesystem::path dir =
      std::filesystem::path(SEAWARDEN_SOURCE_DIR) / "tests/detect/fixtures/state-before-agreement";
  std::ifstream in(dir / "track.state", std::ios::binary);
  const std::string blob((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_GT(blob.size(), 1000u);
  seawarden::screen::ListSet lists = seawarden::screen::load_lists({(dir / "sdn.csv").string()});
  seawarden::screen::Matcher matcher(lists);
  seawarden::detect::Config cfg;
  seawarden::detect::Pipeline p(cfg, nullptr, &matcher);
  std::vector<seawarden::detect::Event> out;
  p.on_event = [&](const seawarden::detect::Event& e) { out.push_back(e); };
  p.load_state(blob);
  p.finish();
  const auto hits = of_kind(out, "sanctions_hit");
  ASSERT_EQ(hits.size(), 9u);
  for (const auto& h : hits) {
    EXPECT_FALSE(h.fields.contains("agrees_on"));
    EXPECT_FALSE(h.fields["entry_id"].get<std::string>().empty());
  }
}

// A listed vessel heard twice (positions only: its MMSI is listed), then silent beyond
// [tracks] forget_brief_after (2 days) while the run goes on: forgotten, its hit is still
// reported, as it was (whether or not the run is split).
TEST(SanctionsHit, AForgottenVesselKeepsItsHit) {
  std::vector<seawarden::ais::Received> m;
  m.push_back(position(667000777, kT0, 37, 124));
  m.push_back(position(667000777, kT0 + kMin, 37, 124.01));
  for (std::int64_t t = kT0 + kHour; t <= kT0 + 3 * 24 * kHour; t += kHour) m.push_back(position(412000002, t, 36, 123));
  for (std::size_t split : {std::size_t{0}, std::size_t{5}, m.size() - 3}) {
    std::uint64_t forgotten = 0;
    auto hits = run_with_list(m, split, false, false, &forgotten);
    EXPECT_EQ(forgotten, 1u) << split << ": the listed vessel, not the one heard every hour";
    ASSERT_EQ(hits.size(), 1u) << split;
    EXPECT_EQ(hits[0].vessels, std::vector<std::uint32_t>{667000777});
    EXPECT_EQ(hits[0].fields["matched_on"], "mmsi");
    EXPECT_EQ(hits[0].start_ms, kT0);
    EXPECT_EQ(hits[0].end_ms, kT0 + kMin);
  }
}
