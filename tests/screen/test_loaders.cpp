// Loaders on the real list files in ../shared/data and on bad inputs.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <set>

#include "screen/screening.h"
#include "support/test_data.h"

namespace scr = seawarden::screen;

namespace {

const scr::Entity* find(const scr::ListSet& s, std::string_view list, std::string_view id) {
  for (const auto& e : s.entities)
    if (e.list == list && e.id == id) return &e;
  return nullptr;
}

std::string read_all(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace

TEST(UnLoader, ReadsConsolidatedXml) {
  SEAWARDEN_REQUIRE_DATA(path, "sanctions/un/UN_consolidated.xml");
  scr::ListSet s = scr::load_lists({path.string()});
  ASSERT_EQ(s.files.size(), 1u);
  EXPECT_EQ(s.files[0].format, scr::ListFormat::un_xml);
  EXPECT_EQ(s.entities.size(), 730u + 273u);  // every INDIVIDUAL and ENTITY of the file
  const scr::Entity* kim = find(s, "un", "KPi.033");
  ASSERT_NE(kim, nullptr);
  EXPECT_EQ(kim->type, scr::EntityType::person);
  EXPECT_EQ(kim->programs, std::vector<std::string>{"DPRK"});
  EXPECT_FALSE(kim->listed_on.empty());
  const scr::Entity* adf = find(s, "un", "CDe.001");
  ASSERT_NE(adf, nullptr);
  EXPECT_EQ(adf->type, scr::EntityType::organization);
  bool former = std::any_of(adf->aliases.begin(), adf->aliases.end(), [](auto& a) {
    return a.text == "NALU" && a.quality == scr::NameQuality::former;
  });
  EXPECT_TRUE(former) << "f.k.a. aliases are former names";
  // A UN entity's "IMO number" is a company number, never a ship identifier.
  for (const auto& e : s.entities)
    for (const auto& id : e.identifiers) EXPECT_NE(id.kind, "imo") << e.id;
}

TEST(UnLoader, LowQualityAliasesAreWeak) {
  SEAWARDEN_REQUIRE_DATA(path, "sanctions/un/UN_consolidated.xml");
  scr::ListSet s = scr::load_lists({path.string()});
  size_t weak = 0;
  for (const auto& e : s.entities)
    for (const auto& a : e.aliases) weak += a.quality == scr::NameQuality::weak;
  EXPECT_GT(weak, 500u);  // the file has 615 <QUALITY>Low aliases (some empty or duplicate)
}

TEST(OfacLoader, ReadsSdnWithAltAndAdd) {
  SEAWARDEN_REQUIRE_DATA(path, "sanctions/ofac-2021/sdn.csv");
  scr::ListSet s = scr::load_lists({path.string()});
  ASSERT_EQ(s.files.size(), 1u);
  EXPECT_EQ(s.files[0].format, scr::ListFormat::ofac_sdn_csv);
  EXPECT_GT(s.entities.size(), 8900u);
  const scr::Entity* artavil = find(s, "ofac", "15036");
  ASSERT_NE(artavil, nullptr);
  EXPECT_EQ(artavil->type, scr::EntityType::vessel);
  EXPECT_EQ(artavil->identifier("imo"), "9187629");
  EXPECT_EQ(artavil->identifier("mmsi"), "572469210");
  EXPECT_EQ(artavil->identifier("call_sign"), "T2EU4");
  EXPECT_EQ(artavil->flags, std::vector<std::string>{"Iran"});
  bool alpha = std::any_of(artavil->aliases.begin(), artavil->aliases.end(), [](auto& a) {
    return a.text == "ALPHA" && a.quality == scr::NameQuality::former;
  });
  EXPECT_TRUE(alpha);
  const scr::Entity* bnc = find(s, "ofac", "306");  // BANCO NACIONAL DE CUBA: alt.csv + add.csv
  ASSERT_NE(bnc, nullptr);
  EXPECT_TRUE(std::any_of(bnc->aliases.begin(), bnc->aliases.end(), [](auto& a) { return a.text == "NATIONAL BANK OF CUBA"; }));
  EXPECT_GE(bnc->addresses.size(), 3u);
  EXPECT_EQ(bnc->programs, std::vector<std::string>{"CUBA"});
}

TEST(OfacLoader, CompanionFileAloneIsAClearError) {
  SEAWARDEN_REQUIRE_DATA(path, "sanctions/ofac-2021/alt.csv");
  try {
    scr::load_lists({path.string()});
    FAIL() << "alt.csv alone must not load";
  } catch (const scr::ListLoadError& e) {
    EXPECT_NE(std::string(e.what()).find("sdn.csv"), std::string::npos) << e.what();
  }
}

TEST(EuRegulationLoader, ReadsDprkRegulationWithVessels) {
  SEAWARDEN_REQUIRE_DATA(path, "sanctions/eu/32017R1509.csv");
  scr::ListSet s = scr::load_lists({path.string()});
  ASSERT_EQ(s.files.size(), 1u);
  EXPECT_EQ(s.files[0].format, scr::ListFormat::eu_regulation_csv);
  EXPECT_EQ(s.entities.size(), 326u);
  size_t vessels = 0, with_imo = 0;
  for (const auto& e : s.entities) {
    vessels += e.type == scr::EntityType::vessel;
    with_imo += !e.identifier("imo").empty();
  }
  EXPECT_EQ(vessels, 75u);
  EXPECT_GT(with_imo, 60u);
  const scr::Entity* chol = nullptr;
  for (const auto& e : s.entities)
    if (e.name == "Chol Ryong") chol = &e;
  ASSERT_NE(chol, nullptr) << "parenthesised former names are split off vessel names";
  EXPECT_EQ(chol->identifier("imo"), "8606173");
  ASSERT_FALSE(chol->aliases.empty());
  EXPECT_EQ(chol->aliases[0].text, "Ryong Gun Bong");
  EXPECT_EQ(chol->aliases[0].quality, scr::NameQuality::former);
}

TEST(EuRegulationLoader, ReadsRussiaRegulation) {
  SEAWARDEN_REQUIRE_DATA(path, "sanctions/eu/32014R0833.csv");
  scr::ListSet s = scr::load_lists({path.string()});
  EXPECT_EQ(s.entities.size(), 1746u);
  std::set<std::string> ids;
  for (const auto& e : s.entities) ids.insert(e.id);
  EXPECT_EQ(ids.size(), s.entities.size()) << "ids are unique within the list";
}

TEST(Loaders, TruncatedXmlFailsWithLineAndLoadsNothing) {
  SEAWARDEN_REQUIRE_DATA(path, "sanctions/un/UN_consolidated.xml");
  std::string text = read_all(path);
  std::string half = text.substr(0, text.size() / 2);
  auto tmp = std::filesystem::temp_directory_path() / "seawarden_truncated_un.xml";
  std::ofstream(tmp, std::ios::binary) << half;
  scr::ListSet s;
  try {
    scr::load_list_file(tmp, s);
    FAIL() << "a truncated file must not load";
  } catch (const scr::ListLoadError& e) {
    std::string msg = e.what();
    EXPECT_NE(msg.find("line"), std::string::npos) << msg;
    EXPECT_NE(msg.find(tmp.string()), std::string::npos) << msg;
  }
  EXPECT_TRUE(s.entities.empty());
  EXPECT_TRUE(s.files.empty());
  std::filesystem::remove(tmp);
}

TEST(Loaders, WrongKindOfCsvIsRejected) {
  SEAWARDEN_REQUIRE_DATA(path, "screening/nomenklatura/cases.csv");
  std::vector<std::string> errors;
  scr::ListSet s = scr::load_lists({path.string()}, &errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("not a recognised sanctions list"), std::string::npos) << errors[0];
  EXPECT_TRUE(s.entities.empty());
}

TEST(Loaders, MissingFileIsAClearError) {
  EXPECT_THROW(scr::load_lists({"/nonexistent/list.xml"}), scr::ListLoadError);
}

TEST(Loaders, OfacRowWithWrongColumnCountFailsWithLine) {
  std::string sdn = "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n"
                    "37,\"BROKEN\",-0- \n";
  try {
    scr::parse_list(sdn, scr::ListFormat::ofac_sdn_csv, "sdn.csv");
    FAIL();
  } catch (const scr::ListLoadError& e) {
    EXPECT_NE(std::string(e.what()).find("line 2"), std::string::npos) << e.what();
  }
}
