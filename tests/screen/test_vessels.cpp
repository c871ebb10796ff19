// find_vessel: exact identifiers first, conservative names second.
#include <gtest/gtest.h>

#include "screen/screening.h"
#include "support/test_data.h"

namespace scr = seawarden::screen;

namespace {

// UN + OFAC + both EU regulations, loaded once for the suite.
const scr::ListSet& all_lists() {
  static const scr::ListSet lists = [] {
    std::vector<std::string> paths;
    for (const char* rel : {"sanctions/un/UN_consolidated.xml", "sanctions/ofac-2021/sdn.csv",
                            "sanctions/eu/32017R1509.csv", "sanctions/eu/32014R0833.csv"}) {
      auto p = seawarden::testing::shared_data(rel);
      if (std::filesystem::exists(p)) paths.push_back(p.string());
    }
    return scr::load_lists(paths);
  }();
  return lists;
}

const scr::Matcher& matcher() {
  static const scr::Matcher m(all_lists());
  return m;
}

bool has(const std::vector<scr::Match>& ms, std::string_view list, std::string_view id) {
  for (const auto& m : ms)
    if (m.entity->list == list && m.entity->id == id) return true;
  return false;
}

}  // namespace

TEST(Identifiers, ImoCheckDigit) {
  EXPECT_TRUE(scr::valid_imo("9187629"));
  EXPECT_TRUE(scr::valid_imo("IMO 7937317"));
  EXPECT_FALSE(scr::valid_imo("9187620"));
  EXPECT_FALSE(scr::valid_imo("918762"));
  EXPECT_TRUE(scr::plausible_mmsi("572469210"));
  EXPECT_FALSE(scr::plausible_mmsi("072469210"));
  EXPECT_EQ(scr::canonical_call_sign("t2-eu 4"), "T2EU4");
}

TEST(Identifiers, ExtractFromRemarks) {
  std::vector<scr::Identifier> ids;
  scr::extract_identifiers("Vessel Registration Identification IMO 9187629; MMSI 572469210; Call Sign T2EU4", ids, false);
  ASSERT_EQ(ids.size(), 3u);
  EXPECT_EQ(ids[0].kind, "imo");
  EXPECT_EQ(ids[1].kind, "mmsi");
  EXPECT_EQ(ids[2].value, "T2EU4");
  ids.clear();
  scr::extract_identifiers("Registered owner of CHON MYONG 1. IMO number: 5571322.", ids, true);
  ASSERT_EQ(ids.size(), 1u);
  EXPECT_EQ(ids[0].kind, "imo_company");
  ids.clear();
  scr::extract_identifiers("SALIMOVICH 1234567", ids, false);
  EXPECT_TRUE(ids.empty()) << "IMO must be a word of its own";
}

TEST(FindVessel, ExactImoScoresOne) {
  if (all_lists().entities.empty()) GTEST_SKIP() << "shared data not found";
  auto ms = matcher().find_vessel({"7937317", "", "", ""});
  ASSERT_FALSE(ms.empty());
  EXPECT_FLOAT_EQ(ms[0].score, 1.0f);
  EXPECT_EQ(ms[0].method, "imo");
  EXPECT_TRUE(has(ms, "ofac", "17069"));  // CHONG CHON GANG
}

TEST(FindVessel, InvalidCheckDigitIsIgnored) {
  if (all_lists().entities.empty()) GTEST_SKIP() << "shared data not found";
  EXPECT_TRUE(matcher().find_vessel({"7937310", "", "", ""}).empty());
}

TEST(FindVessel, MmsiAndCallSign) {
  if (all_lists().entities.empty()) GTEST_SKIP() << "shared data not found";
  auto by_mmsi = matcher().find_vessel({"", "572469210", "", ""});
  EXPECT_TRUE(has(by_mmsi, "ofac", "15036"));
  auto by_cs = matcher().find_vessel({"", "", "t2eu4", ""});
  EXPECT_TRUE(has(by_cs, "ofac", "15036"));
  EXPECT_EQ(by_cs[0].method, "call_sign");
}

TEST(FindVessel, SpacingAndPrefixesIgnored) {
  if (all_lists().entities.empty()) GTEST_SKIP() << "shared data not found";
  for (const char* name : {"CHONMASAN", "Chon-Ma-San", "MV CHON MA SAN", "chon ma san"}) {
    auto ms = matcher().find_vessel({"", "", "", name});
    ASSERT_FALSE(ms.empty()) << name;
    EXPECT_TRUE(has(ms, "ofac", "23729")) << name;
    EXPECT_LT(ms[0].score, 1.0f) << "a name alone never scores like an identifier";
    EXPECT_EQ(ms[0].method, "name");
  }
}

TEST(FindVessel, NumberSuffixMustAgree) {
  if (all_lists().entities.empty()) GTEST_SKIP() << "shared data not found";
  auto ms = matcher().find_vessel({"", "", "", "SAM JONG 2"});
  ASSERT_FALSE(ms.empty());
  for (const auto& m : ms) EXPECT_NE(m.entity->name, "SAM JONG 1");
  EXPECT_TRUE(matcher().find_vessel({"", "", "", "CHON MA SAN 7"}).empty());
}

TEST(FindVessel, FormerNamesMatch) {
  if (all_lists().entities.empty()) GTEST_SKIP() << "shared data not found";
  auto ms = matcher().find_vessel({"", "", "", "Ryong Gun Bong"});
  bool found = false;
  for (const auto& m : ms)
    if (m.entity->name == "Chol Ryong") {  // EU: "Chol Ryong (Ryong Gun Bong)"
      found = true;
      EXPECT_EQ(m.matched_quality, scr::NameQuality::former);
    }
  EXPECT_TRUE(found);
}

TEST(FindVessel, SameNameOtherImoIsDowngraded) {
  if (all_lists().entities.empty()) GTEST_SKIP() << "shared data not found";
  // 9187629 is ARTAVIL's IMO; asking for CHONG CHON GANG with it must not give 0.97.
  scr::MatchOptions loose;  // not a designated initializer: GCC 12 warns about the members left out
  loose.threshold = 0.3f;
  auto ms = matcher().find_vessel({"9187629", "", "", "CHONG CHON GANG"}, loose);
  ASSERT_FALSE(ms.empty());
  EXPECT_EQ(ms[0].entity->id, "15036");
  for (const auto& m : ms)
    if (m.entity->id == "17069") {
      EXPECT_LT(m.score, 0.6f);
    }
}
