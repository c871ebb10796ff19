// Loaders of the formats with no sample in shared data, on hand-written fixtures that follow
// each documented format (tests/screen/fixtures/).
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "screen/screening.h"

namespace scr = seawarden::screen;

namespace {

std::string fixture(const char* name) { return std::string(SEAWARDEN_SOURCE_DIR) + "/tests/screen/fixtures/" + name; }

scr::ListSet load(const char* name, scr::ListFormat expected) {
  scr::ListSet s = scr::load_lists({fixture(name)});
  EXPECT_EQ(s.files.size(), 1u);
  if (!s.files.empty()) {
    EXPECT_EQ(s.files[0].format, expected) << scr::to_string(s.files[0].format);
  }
  return s;
}

const scr::Entity* by_id(const scr::ListSet& s, std::string_view id) {
  for (const auto& e : s.entities)
    if (e.id == id) return &e;
  return nullptr;
}

bool has_alias(const scr::Entity& e, std::string_view text, scr::NameQuality q) {
  return std::any_of(e.aliases.begin(), e.aliases.end(), [&](auto& a) { return a.text == text && a.quality == q; });
}

}  // namespace

TEST(OfacXml, ClassicSdnXml) {
  auto s = load("ofac_sdn.xml", scr::ListFormat::ofac_sdn_xml);
  ASSERT_EQ(s.entities.size(), 3u);
  const auto* kim = by_id(s, "20157");
  ASSERT_NE(kim, nullptr);
  EXPECT_EQ(kim->name, "KIM, Jong Un");
  EXPECT_EQ(kim->type, scr::EntityType::person);
  EXPECT_EQ(kim->programs, std::vector<std::string>{"DPRK3"});
  EXPECT_TRUE(has_alias(*kim, "Marshal", scr::NameQuality::weak));
  EXPECT_EQ(kim->birth_dates, std::vector<std::string>{"08 Jan 1984"});
  const auto* ship = by_id(s, "15036");
  ASSERT_NE(ship, nullptr);
  EXPECT_EQ(ship->type, scr::EntityType::vessel);
  EXPECT_EQ(ship->identifier("imo"), "9187629");
  EXPECT_EQ(ship->identifier("mmsi"), "572469210");
  EXPECT_EQ(ship->identifier("call_sign"), "T2EU4");
  EXPECT_TRUE(has_alias(*ship, "ALPHA", scr::NameQuality::former));
  EXPECT_EQ(by_id(s, "11581")->type, scr::EntityType::organization);
}

TEST(OfacXml, AdvancedXml) {
  auto s = load("ofac_sdn_advanced.xml", scr::ListFormat::ofac_advanced_xml);
  ASSERT_EQ(s.entities.size(), 2u);
  const auto* ship = by_id(s, "17069");
  ASSERT_NE(ship, nullptr);
  EXPECT_EQ(ship->name, "CHONG CHON GANG");
  EXPECT_EQ(ship->type, scr::EntityType::vessel);
  EXPECT_EQ(ship->identifier("imo"), "7937317");
  EXPECT_EQ(ship->identifier("call_sign"), "HMZF");
  EXPECT_EQ(ship->flags, std::vector<std::string>{"Korea, North"});
  EXPECT_EQ(ship->programs, std::vector<std::string>{"DPRK3"});
  EXPECT_EQ(ship->listed_on, "2014-07-30");
  const auto* choe = by_id(s, "23213");
  ASSERT_NE(choe, nullptr);
  EXPECT_EQ(choe->type, scr::EntityType::person);
  EXPECT_EQ(choe->name, "CHOE Ryong Hae");
  EXPECT_TRUE(has_alias(*choe, "CH'OE Ryong-hae", scr::NameQuality::weak));
  EXPECT_EQ(choe->identifier("passport"), "745310010");
  EXPECT_EQ(choe->birth_dates, std::vector<std::string>{"1950-01-15"});
}

TEST(EuOfficial, Xml) {
  auto s = load("eu_fsf.xml", scr::ListFormat::eu_xml);
  ASSERT_EQ(s.entities.size(), 2u);
  const auto* kim = by_id(s, "EU.4040.72");
  ASSERT_NE(kim, nullptr);
  EXPECT_EQ(kim->name, "KIM Jong Un");
  EXPECT_EQ(kim->type, scr::EntityType::person);
  EXPECT_EQ(kim->programs, std::vector<std::string>{"PRK"});
  EXPECT_TRUE(has_alias(*kim, "김정은", scr::NameQuality::weak));  // strong="false"
  EXPECT_EQ(kim->identifier("passport"), "108410090");
  EXPECT_EQ(kim->birth_dates, std::vector<std::string>{"1984-01-08"});
  EXPECT_EQ(kim->nationalities, std::vector<std::string>{"NORTH KOREA"});
  const auto* bank = by_id(s, "EU.3887.43");
  ASSERT_NE(bank, nullptr);
  EXPECT_EQ(bank->type, scr::EntityType::organization);
  EXPECT_EQ(bank->addresses.size(), 1u);
}

TEST(EuOfficial, Csv) {
  auto s = load("eu_fsf.csv", scr::ListFormat::eu_csv);
  ASSERT_EQ(s.entities.size(), 2u);
  const auto* kim = by_id(s, "EU.4040.72");
  ASSERT_NE(kim, nullptr);
  EXPECT_EQ(kim->name, "KIM Jong Un");
  EXPECT_TRUE(has_alias(*kim, "Kim Jong-un", scr::NameQuality::good));
  EXPECT_EQ(kim->identifier("passport"), "108410090");
  EXPECT_EQ(kim->birth_dates, std::vector<std::string>{"1984-01-08"});
  EXPECT_EQ(kim->nationalities, std::vector<std::string>{"NORTH KOREA"});
  EXPECT_EQ(by_id(s, "EU.3887.43")->type, scr::EntityType::organization);
}

TEST(Uk, OfsiConsolidatedCsv) {
  auto s = load("uk_ofsi_conlist.csv", scr::ListFormat::uk_ofsi_csv);
  ASSERT_EQ(s.entities.size(), 3u);
  const auto* kim = by_id(s, "13009");
  ASSERT_NE(kim, nullptr);
  EXPECT_EQ(kim->name, "Jong Un KIM");
  EXPECT_EQ(kim->type, scr::EntityType::person);
  EXPECT_TRUE(has_alias(*kim, "Jong-un KIM", scr::NameQuality::good));
  EXPECT_TRUE(has_alias(*kim, "MARSHAL", scr::NameQuality::weak));
  EXPECT_TRUE(has_alias(*kim, "김정은", scr::NameQuality::good));
  EXPECT_EQ(kim->listed_on, "2013-04-22");
  EXPECT_EQ(by_id(s, "13640")->type, scr::EntityType::vessel);
  EXPECT_EQ(by_id(s, "13130")->identifier("imo_company"), "1790183");
}

TEST(Uk, SanctionsListCsv) {
  auto s = load("uk_sanctions_list.csv", scr::ListFormat::uk_sanctions_list_csv);
  ASSERT_EQ(s.entities.size(), 2u);
  const auto* ship = by_id(s, "RUS1234");
  ASSERT_NE(ship, nullptr);
  EXPECT_EQ(ship->type, scr::EntityType::vessel);
  EXPECT_EQ(ship->name, "AMUR");
  EXPECT_EQ(ship->identifier("imo"), "9187629");
  EXPECT_EQ(ship->flags, std::vector<std::string>{"Russia"});
  EXPECT_TRUE(has_alias(*ship, "NORD STAR", scr::NameQuality::good));
  EXPECT_EQ(by_id(s, "DPR0001")->identifier("passport"), "108410090");
}

TEST(Uk, SanctionsListXml) {
  auto s = load("uk_sanctions_list.xml", scr::ListFormat::uk_sanctions_list_xml);
  ASSERT_EQ(s.entities.size(), 2u);
  const auto* kim = by_id(s, "DPR0001");
  ASSERT_NE(kim, nullptr);
  EXPECT_EQ(kim->name, "Jong Un KIM");
  EXPECT_TRUE(has_alias(*kim, "MARSHAL", scr::NameQuality::weak));
  EXPECT_TRUE(has_alias(*kim, "김정은", scr::NameQuality::good));
  EXPECT_EQ(kim->birth_dates, std::vector<std::string>{"08/01/1984"});
  const auto* ship = by_id(s, "RUS1234");
  ASSERT_NE(ship, nullptr);
  EXPECT_EQ(ship->identifier("imo"), "9187629");
  EXPECT_EQ(ship->flags, std::vector<std::string>{"Russia"});
}

TEST(FollowTheMoney, JsonLines) {
  auto s = load("opensanctions.ftm.json", scr::ListFormat::ftm_json);
  ASSERT_EQ(s.entities.size(), 3u);  // the Sanction and Address entities are not targets
  const auto* kim = by_id(s, "NK-kim-jong-un");
  ASSERT_NE(kim, nullptr);
  EXPECT_EQ(kim->programs, std::vector<std::string>{"DPRK"});  // from the Sanction entity
  EXPECT_EQ(kim->listed_on, "2016-06-01");
  EXPECT_TRUE(has_alias(*kim, "Marshal", scr::NameQuality::weak));
  const auto* ship = by_id(s, "ofac-17069");
  ASSERT_NE(ship, nullptr);
  EXPECT_EQ(ship->type, scr::EntityType::vessel);
  EXPECT_EQ(ship->identifier("mmsi"), "445114000");
  const auto* omm = by_id(s, "NK-omm");
  ASSERT_NE(omm, nullptr);
  EXPECT_EQ(omm->programs, std::vector<std::string>{"DPRK"});  // nested sanction
  EXPECT_EQ(omm->identifier("imo_company"), "1790183");
  EXPECT_TRUE(omm->identifier("imo").empty());
}

TEST(FollowTheMoney, BadLineFailsWithLineNumber) {
  std::string text = "{\"id\": \"a\", \"schema\": \"Person\", \"properties\": {\"name\": [\"A B\"]}}\n{not json\n";
  try {
    scr::parse_list(text, scr::ListFormat::ftm_json, "x.json");
    FAIL();
  } catch (const scr::ListLoadError& e) {
    EXPECT_NE(std::string(e.what()).find("line 2"), std::string::npos) << e.what();
  }
}

TEST(Formats, DirectoryLoadsEveryRecognisedFile) {
  std::vector<std::string> errors;
  scr::ListSet s = scr::load_lists({std::string(SEAWARDEN_SOURCE_DIR) + "/tests/screen/fixtures"}, &errors);
  EXPECT_TRUE(errors.empty()) << errors.front();
  EXPECT_EQ(s.files.size(), 8u);
  // Screening across all of them: KIM Jong Un appears in every list.
  scr::Matcher m(s);
  scr::MatchOptions top20;  // not a designated initializer: GCC 12 warns about the members left out
  top20.limit = 20;
  auto ms = m.match("김정은", top20);
  std::set<std::string> lists;
  for (auto& x : ms) lists.insert(x.entity->list);
  EXPECT_EQ(lists, (std::set<std::string>{"ofac", "eu", "uk", "opensanctions"}));
}
