#include <gtest/gtest.h>

#include "test_pipeline_harness.h"

using namespace seawarden::testing;

TEST(IdentityChange, ConfirmedNameChangeAtFirstMessage) {
  std::vector<seawarden::ais::Received> m;
  Static5 s;
  sail(m, 412000001, kT0, kT0 + 4 * kHour, 5 * kMin, 37.0, 124.0, 8);
  m.push_back(static5(412000001, kT0 + 10 * kMin, s));
  m.push_back(static5(412000001, kT0 + 20 * kMin, s));
  s.name = "SEA FORTUNE";
  m.push_back(static5(412000001, kT0 + 2 * kHour, s));
  m.push_back(static5(412000001, kT0 + 2 * kHour + 6 * kMin, s));
  std::stable_sort(m.begin(), m.end(), [](auto& a, auto& b) { return a.meta.rxtime < b.meta.rxtime; });
  auto ch = of_kind(run(m), "identity_change");
  ASSERT_EQ(ch.size(), 1u);
  EXPECT_EQ(ch[0].fields["field"], "name");
  EXPECT_EQ(ch[0].fields["from"], "OCEAN STAR");
  EXPECT_EQ(ch[0].fields["to"], "SEA FORTUNE");
  EXPECT_EQ(ch[0].start_ms, kT0 + 2 * kHour);
  EXPECT_EQ(ch[0].end_ms, ch[0].start_ms);
}

TEST(IdentityChange, SingleCorruptMessageIsIgnored) {
  std::vector<seawarden::ais::Received> m;
  Static5 s;
  m.push_back(static5(412000001, kT0, s));
  Static5 bad = s;
  bad.name = "OCEAN STAB";
  m.push_back(static5(412000001, kT0 + 6 * kMin, bad));
  m.push_back(static5(412000001, kT0 + 12 * kMin, s));
  EXPECT_TRUE(of_kind(run(m), "identity_change").empty());
}

TEST(IdentityChange, FlagHopSameImoNewMmsi) {
  std::vector<seawarden::ais::Received> m;
  Static5 s;  // IMO 9074729 (valid)
  m.push_back(static5(412000001, kT0, s));            // China
  m.push_back(static5(667000001, kT0 + kHour, s));    // Sierra Leone
  auto ch = of_kind(run(m), "identity_change");
  ASSERT_EQ(ch.size(), 1u);
  EXPECT_EQ(ch[0].fields["field"], "flag");
  EXPECT_EQ(ch[0].fields["from"], "CN");
  EXPECT_EQ(ch[0].fields["to"], "SL");
  EXPECT_EQ(ch[0].vessels, std::vector<std::uint32_t>{667000001});
  EXPECT_EQ(ch[0].fields["previous_mmsi"].get<std::uint32_t>(), 412000001u);
}

TEST(IdentityAnomaly, Reasons) {
  std::vector<seawarden::ais::Received> m;
  m.push_back(position(123456789, kT0, 37, 124));
  m.push_back(position(123456789, kT0 + kHour, 37, 124.1));
  m.push_back(position(299000001, kT0 + 2 * kMin, 37, 125));  // MID 299 unallocated
  Static5 s;
  s.imo = 1234568;  // check digit fails (should be 7)
  m.push_back(static5(412000001, kT0 + 3 * kMin, s));
  // IMO shared: a, b, a within a day.
  Static5 shared;
  shared.imo = 9074729;
  m.push_back(static5(412000002, kT0 + 4 * kMin, shared));
  m.push_back(static5(412000003, kT0 + 5 * kMin, shared));
  m.push_back(static5(412000002, kT0 + 6 * kMin, shared));
  // The IMO number in the MMSI field (7 digits, equal to the broadcast IMO), and a 7-digit
  // MMSI that is not the ship's IMO.
  Static5 own;
  own.imo = 9176187;
  m.push_back(static5(9176187, kT0 + 7 * kMin, own));
  m.push_back(static5(9074729, kT0 + 8 * kMin, own));
  Static5 old_hull;  // an IMO in the coast-station form 00MIDxxxx: still the ship's IMO
  old_hull.imo = 7226378;
  m.push_back(static5(7226378, kT0 + 9 * kMin, old_hull));
  auto an = of_kind(run(m), "identity_anomaly");
  std::map<std::string, std::vector<std::uint32_t>> by_reason;
  for (auto& e : an) by_reason[e.fields["reason"]].push_back(e.vessels[0]);
  EXPECT_EQ(by_reason["default_mmsi"], (std::vector<std::uint32_t>{123456789, 9074729}));
  EXPECT_EQ(by_reason["mmsi_is_imo"], (std::vector<std::uint32_t>{9176187, 7226378}));
  EXPECT_EQ(by_reason["unallocated_mid"], std::vector<std::uint32_t>{299000001});
  EXPECT_EQ(by_reason["invalid_imo"], std::vector<std::uint32_t>{412000001});
  ASSERT_EQ(by_reason["imo_shared"].size(), 2u);
  for (auto& e : an)
    if (e.fields["reason"] == "default_mmsi" && e.vessels[0] == 123456789) {
      EXPECT_EQ(e.start_ms, kT0);
      EXPECT_EQ(e.end_ms, kT0 + kHour);
    }
}
