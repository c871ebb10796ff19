// Normalization rules and the pair score, one rule per test.
#include <gtest/gtest.h>

#include "screen/screening.h"

namespace scr = seawarden::screen;

TEST(Normalize, CaseDiacriticsAndPunctuation) {
  EXPECT_EQ(scr::fold_name("Recep Tayyip ERDOĞAN"), "recep tayyip erdogan");
  EXPECT_EQ(scr::fold_name("Müller-Lüdenscheidt, Ø."), "muller ludenscheidt o");
  EXPECT_EQ(scr::fold_name("CH'OE Ryong-hae"), "choe ryong hae");
  EXPECT_EQ(scr::fold_name("Chŏng Ŭn"), "chong un");
  EXPECT_EQ(scr::fold_name("Ｋｉｍ"), "kim");  // NFKC: full-width letters
}

TEST(Normalize, Hangul) {
  EXPECT_EQ(scr::fold_name("김정은"), "gim jeong eun");
  EXPECT_EQ(scr::fold_name("박지성"), "bak ji seong");
}

TEST(Normalize, CyrillicBgnAndKoreanInCyrillic) {
  EXPECT_EQ(scr::fold_name("Евгений Пригожин"), "yevgeniy prigozhin");
  EXPECT_EQ(scr::fold_name("Ким Чен Ын"), "kim jong un");
}

TEST(Normalize, HanToPinyin) { EXPECT_EQ(scr::fold_name("习近平"), "xi jin ping"); }

TEST(Normalize, BadInputs) {
  EXPECT_EQ(scr::fold_name(""), "");
  EXPECT_EQ(scr::fold_name("  ,.;  "), "");
  std::string invalid = "KIM\xff\xfe Jong\xc3 Un";
  EXPECT_EQ(scr::fold_name(invalid), "kim jong un");
  std::string huge(10 * 1024, 'a');
  for (size_t i = 7; i < huge.size(); i += 8) huge[i] = ' ';
  EXPECT_LE(scr::fold_name(huge).size(), scr::kMaxNameBytes);
  EXPECT_LE(scr::name_tokens(huge).size(), scr::kMaxNameTokens);
  std::string huge_utf8;
  while (huge_utf8.size() < 10 * 1024) huge_utf8 += "김정은 ";
  EXPECT_FALSE(scr::fold_name(huge_utf8).empty());
}

TEST(PhoneticKey, KoreanRomanizations) {
  auto same = [](const char* a, const char* b) { return scr::phonetic_key(a) == scr::phonetic_key(b); };
  EXPECT_TRUE(same("chong", "jong"));
  EXPECT_TRUE(same("jeong", "jong"));
  EXPECT_TRUE(same("kang", "gang"));
  EXPECT_TRUE(same("pak", "park"));
  EXPECT_TRUE(same("bak", "pak"));
  EXPECT_TRUE(same("ri", "lee"));
  EXPECT_TRUE(same("yi", "rhee"));
  EXPECT_TRUE(same("choe", "choi"));
  EXPECT_TRUE(same("rim", "lim"));
  EXPECT_TRUE(same("ryu", "yoo"));
  EXPECT_TRUE(same("oh", "o"));
  EXPECT_TRUE(same("gim", "kim"));
  EXPECT_TRUE(same("yoon", "yun"));
  EXPECT_TRUE(same("pyongyang", "pyeongyang"));  // eo/o
  EXPECT_TRUE(same("teuk", "tuk"));              // eu/u
  EXPECT_FALSE(same("kim", "pak"));
}

TEST(PhoneticKey, ChineseAndRussian) {
  auto same = [](const char* a, const char* b) { return scr::phonetic_key(a) == scr::phonetic_key(b); };
  EXPECT_TRUE(same("hsi", "xi"));
  EXPECT_TRUE(same("tse", "ze"));
  EXPECT_TRUE(same("tung", "dong"));
  EXPECT_TRUE(same("chan", "chen"));
  EXPECT_TRUE(same("dmitriy", "dmitrii"));
  EXPECT_TRUE(same("dmitrij", "dmitry"));
  EXPECT_TRUE(same("fyodor", "fedor"));
  EXPECT_TRUE(same("yevgeny", "evgeny"));
  EXPECT_TRUE(same("khodorkovsky", "hodorkovsky"));
  EXPECT_TRUE(same("smirnoff", "smirnov"));
  EXPECT_FALSE(same("ivanov", "petrov"));
}

TEST(WordClass, LegalFormsAndCommonWords) {
  EXPECT_EQ(scr::word_class("ltd"), scr::WordClass::legal_form);
  EXPECT_EQ(scr::word_class("ooo"), scr::WordClass::legal_form);
  EXPECT_EQ(scr::word_class("kompaniya"), scr::WordClass::legal_form);
  EXPECT_EQ(scr::word_class("trading"), scr::WordClass::common);
  EXPECT_EQ(scr::word_class("general"), scr::WordClass::common);
  EXPECT_EQ(scr::word_class("mr"), scr::WordClass::honorific);
  EXPECT_EQ(scr::word_class("12"), scr::WordClass::number);
  EXPECT_EQ(scr::word_class("kim"), scr::WordClass::normal);
}

TEST(PairScore, KoreanVariants) {
  for (const char* v : {"KIM Jong Un", "Jong Un KIM", "KIM, Jong Un", "Kim Jong-un", "Kim Jongun", "Gim Jeong-eun",
                        "김정은", "Ким Чен Ын", "Kim Chong Un", "Kim Chŏng-ŭn"})
    EXPECT_GE(scr::score_pair(v, "Kim Jong Un"), 0.9f) << v;
  EXPECT_GE(scr::score_pair("Yi Che-son", "RI JE SON"), 0.9f);
  EXPECT_GE(scr::score_pair("Pak Pong Ju", "Park Bong-ju"), 0.9f);
  EXPECT_GE(scr::score_pair("Ch'oe Ryong-hae", "Choi Ryong Hae"), 0.9f);
  EXPECT_LT(scr::score_pair("Kim Jong Un", "Kim Jong Nam"), 0.8f);
  EXPECT_LT(scr::score_pair("Kim Jong Un", "Kim Yo Jong"), 0.8f);
  EXPECT_LT(scr::score_pair("Kim Jong-un", "KIM Tong-un"), 0.8f);  // one letter, another man
}

TEST(PairScore, RussianTransliterations) {
  EXPECT_GE(scr::score_pair("Yevgeniy Viktorovich Prigozhin", "Evgenij Viktorovič Prigožin"), 0.9f);
  EXPECT_GE(scr::score_pair("Владимир Путин", "Vladimir PUTIN"), 0.95f);
  EXPECT_GE(scr::score_pair("Vladimir Vladimirovich Putin", "PUTIN, Vladimir"), 0.85f);  // patronymic extra
  EXPECT_LT(scr::score_pair("Vladimir Putin", "Vladimir Medinsky"), 0.6f);
}

TEST(PairScore, OrganizationsWeighLegalFormsDown) {
  EXPECT_GE(scr::score_pair("Korea Kwangson Banking Corp.", "KOREA KWANGSON BANKING CORPORATION"), 0.9f);
  EXPECT_GE(scr::score_pair("OOO Sovfracht", "Sovfracht LLC"), 0.9f);
  EXPECT_GE(scr::score_pair("JSC TACTICAL MISSILES CORPORATION", "TACTICAL MISSILES CORPORATION JOINT STOCK COMPANY"), 0.85f);
  EXPECT_LT(scr::score_pair("Korea Kwangson Banking Corp", "Korea Daesong Banking Corp"), 0.6f);
  EXPECT_LT(scr::score_pair("Ocean Trading Co", "Sky Trading Co"), 0.6f);
}

TEST(PairScore, VesselSpacingAndNumbers) {
  EXPECT_GE(scr::score_pair("CHONMASAN", "CHON MA SAN"), 0.9f);
  EXPECT_LT(scr::score_pair("NAM SAN 8", "NAM SAN 6"), 0.7f);
  EXPECT_GE(scr::score_pair("Brigade Forty-Four", "Brigade 44"), 0.9f);
}

TEST(PairScore, OrderShuffleIsNotRotation) {
  EXPECT_LT(scr::score_pair("SALMAN BIN MUHAMMAD AL-RAWI", "MUHAMMAD BIN SALMAN AL-RAWI"), 0.9f);
  EXPECT_GE(scr::score_pair("Jong Un KIM", "KIM Jong Un"), 0.99f);
}

TEST(PairScore, ExplanationAddsUp) {
  scr::ScoreExplanation why;
  float s = scr::score_pair("Ri Je Son", "RI JE-SON", &why);
  EXPECT_FLOAT_EQ(s, 1.0f);
  EXPECT_EQ(why.pairs.size(), 3u);
  EXPECT_TRUE(why.unpaired_query.empty());
  EXPECT_NE(why.formula.find("= 1.000"), std::string::npos) << why.formula;
  scr::ScoreExplanation none;
  EXPECT_EQ(scr::score_pair("", "Kim", &none), 0.0f);
  EXPECT_EQ(scr::score_pair("Kim", "!!!"), 0.0f);
}
