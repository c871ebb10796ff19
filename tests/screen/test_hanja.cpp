// Korean names written in Chinese characters: read in Korean (Unihan kHangul) as well as in
// Mandarin, at a small discount, in the matcher and in pairwise scores.
#include <gtest/gtest.h>

#include "screen/hanja.h"
#include "screen/screening.h"

namespace scr = seawarden::screen;

namespace {

scr::Entity person(const std::string& id, const std::string& name) {
  scr::Entity e;
  e.list = "test";
  e.id = id;
  e.type = scr::EntityType::person;
  e.name = name;
  return e;
}

const scr::Match* find(const std::vector<scr::Match>& ms, std::string_view id) {
  for (const auto& m : ms)
    if (m.entity->id == id) return &m;
  return nullptr;
}

}  // namespace

TEST(Hanja, SinoKoreanReadings) {
  std::string out;
  ASSERT_TRUE(scr::hanja_to_hangul("金正植", out));
  EXPECT_EQ(out, "김정식");  // 金 in names is 김 (Kim), not 금 (gold): the reading tagged for names
  ASSERT_TRUE(scr::hanja_to_hangul("李秀勇", out));
  EXPECT_EQ(out, "리수용");  // the first reading where none is tagged for names
  ASSERT_TRUE(scr::hanja_to_hangul("Mr 崔 (KPi.013)", out));
  EXPECT_EQ(out, "Mr 최 (KPi.013)");  // everything else kept as it is
  ASSERT_TRUE(scr::hanja_to_hangul("一", out));  // U+4E00, the first of the main block
  EXPECT_EQ(out, "일");
  out = "unchanged";
  EXPECT_FALSE(scr::hanja_to_hangul("陈杰", out));  // 陈 is simplified: only Chinese writes it
  EXPECT_EQ(out, "unchanged");
  ASSERT_TRUE(scr::hanja_to_hangul("陳傑", out));  // the traditional forms read in Korean
  EXPECT_EQ(out, "진걸");
  out = "unchanged";
  EXPECT_FALSE(scr::hanja_to_hangul("Kim Jong Sik 김정식", out));
  EXPECT_EQ(out, "unchanged");
  EXPECT_FALSE(scr::hanja_to_hangul(std::string_view("\xE9\x87", 2), out));  // a cut character
  ASSERT_TRUE(scr::hanja_to_hangul(std::string_view("\xFF\xE9\x87\x91", 4), out));  // junk, then 金
  EXPECT_EQ(out, "\xFF김");
}

TEST(Hanja, MatcherReadsChineseCharactersInKoreanToo) {
  scr::ListSet lists;
  lists.entities = {person("P1", "KIM JONG SIK"), person("P2", "RI SU YONG"), person("P3", "JIN ZHENG ZHI")};
  const scr::Matcher matcher(lists);
  const auto ms = matcher.match("金正植");
  const scr::Match* korean = find(ms, "P1");
  const scr::Match* mandarin = find(ms, "P3");
  ASSERT_NE(korean, nullptr);
  ASSERT_NE(mandarin, nullptr);  // the Mandarin reading still finds its own spelling
  EXPECT_FLOAT_EQ(mandarin->score, 1.0f);
  const float hangul = find(matcher.match("김정식"), "P1")->score;  // as if written in Hangul
  EXPECT_GT(hangul, 0.95f);
  EXPECT_NEAR(korean->score, scr::korean_reading_factor(3) * hangul, 0.001);
  ASSERT_FALSE(korean->notes.empty());
  EXPECT_NE(korean->notes.back().find("김정식"), std::string::npos);
  EXPECT_EQ(ms.front().entity->id, "P3");  // the direct reading ranks first
  EXPECT_FLOAT_EQ(find(matcher.match("Kim Jong-sik"), "P1")->score, 1.0f);
  EXPECT_EQ(find(matcher.match("王伟"), "P1"), nullptr);
  // The discount holds at the threshold: a reading under 0.95 is not reported at 0.95.
  scr::MatchOptions strict;
  strict.threshold = 0.95f;
  EXPECT_EQ(find(matcher.match("金正植", strict), "P1"), nullptr);
}

TEST(Hanja, PairScoresReadEitherSideInKorean) {
  EXPECT_NEAR(scr::score_pair("金正恩", "Kim Jong Un"), 0.95f * scr::score_pair("김정은", "Kim Jong Un"), 0.001);
  EXPECT_GT(scr::score_pair("Kim Jong Un", "金正恩"), 0.85f);
  EXPECT_FLOAT_EQ(scr::score_pair("习近平", "Xi Jinping"), 1.0f);  // Mandarin names as before
  EXPECT_LT(scr::score_pair("金正恩", "Wang Wei"), 0.5f);
  // Two characters (more often a Chinese name): the larger discount. 柳鎭 read in Mandarin (liu
  // zhen) does not meet Ryu Jin; read in Korean (류진) it is that name, at x0.90 instead of x0.95.
  EXPECT_LT(scr::korean_reading_factor(2), scr::korean_reading_factor(3));
  EXPECT_NEAR(scr::score_pair("柳鎭", "Ryu Jin"), scr::korean_reading_factor(2) * scr::score_pair("류진", "Ryu Jin"),
              0.001);
  EXPECT_GT(scr::score_pair("류진", "Ryu Jin"), 0.95f);
}
