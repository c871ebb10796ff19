// NMEA 4.0 tag blocks.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "ais/tag_block.h"

using namespace seawarden::ais;

TEST(TagBlock, StationTimeAndUnknownKeys) {
  TagBlock t;
  // aisdb/test_data_20211101.nm4 line 1.
  ASSERT_TRUE(parse_tag_block("s:42809,c:1635731889,t:1635731965*6A", t));
  EXPECT_EQ(t.station, "42809");
  EXPECT_EQ(t.time, 1635731889000);
  EXPECT_FALSE(t.has_group());
  // libais/tagblock.nmea: ORBCOMM with q: and a human T: field.
  ASSERT_TRUE(parse_tag_block("s:rORBCOMM104,q:u,c:1418172113,T:2014-12-10 00.41.53*55", t));
  EXPECT_EQ(t.station, "rORBCOMM104");
  EXPECT_EQ(t.time, 1418172113000);
}

TEST(TagBlock, MillisecondEpoch) {
  TagBlock t;
  ASSERT_TRUE(parse_tag_block("s:r1,c:1635731889123*42", t));
  EXPECT_EQ(t.time, 1635731889123);
}

TEST(TagBlock, GroupField) {
  TagBlock t;
  // amsa/exact-earth-with-tag-block.txt: first fragment carries g, s and c; the second only g.
  ASSERT_TRUE(parse_tag_block("g:1-2-3985,s:rEV02,c:1334337317*2D", t));
  EXPECT_TRUE(t.has_group());
  EXPECT_EQ(t.group_number, 1);
  EXPECT_EQ(t.group_total, 2);
  EXPECT_EQ(t.group_id, 3985);
  EXPECT_EQ(t.station, "rEV02");
  ASSERT_TRUE(parse_tag_block("g:2-2-3985*5A", t));
  EXPECT_EQ(t.group_number, 2);
  EXPECT_EQ(t.station, "");
  EXPECT_EQ(t.time, kUnknownTime);
}

TEST(TagBlock, DmaSourceIdentifier) {
  TagBlock t;
  ASSERT_TRUE(parse_tag_block("si:AISD*3F", t));
  EXPECT_EQ(t.station, "AISD");
}

TEST(TagBlock, Rejected) {
  TagBlock t;
  // A g: field outside the checksum is tolerated, but nothing else: "c:1565218799"
  // alone XORs to 52, and a corrupt time inside the checked part still fails.
  EXPECT_FALSE(parse_tag_block("g:1-2-9999,c:1565218799*53", t));
  EXPECT_FALSE(parse_tag_block("c:1565218798,s:x*53", t));  // no g: field to leave out
  EXPECT_FALSE(parse_tag_block("g:1-2-9999,c:1565218798*54", t));
  EXPECT_FALSE(parse_tag_block("g:1-2-99x9,c:1565218798*53", t));  // the group must still parse
  EXPECT_FALSE(parse_tag_block("s:42809,c:1635731889", t));        // no checksum
  EXPECT_FALSE(parse_tag_block("s:42809,c:1635731889*6", t));      // truncated checksum
  EXPECT_FALSE(parse_tag_block("g:3-2-1*6D", t));                  // number above total
  EXPECT_FALSE(parse_tag_block("junk*1A", t));
}

TEST(TagBlock, KystverketGroupOutsideTheChecksum) {
  // Ais1000Lines.nm4 (Norwegian Coastal Administration) adds g: to the tag block but
  // keeps the checksum of "c:1565218798" alone (53), on all 246 of its grouped lines.
  TagBlock t;
  ASSERT_TRUE(parse_tag_block("g:1-2-9999,c:1565218798*53", t));
  EXPECT_TRUE(t.group_outside_checksum);
  EXPECT_EQ(t.group_number, 1);
  EXPECT_EQ(t.group_total, 2);
  EXPECT_EQ(t.group_id, 9999);
  EXPECT_EQ(t.time, 1565218798000);
  ASSERT_TRUE(parse_tag_block("c:1565218798,g:2-2-9999*53", t));  // g: last
  EXPECT_TRUE(t.group_outside_checksum);
  EXPECT_EQ(t.group_number, 2);
  ASSERT_TRUE(parse_tag_block("g:2-2-3985*00", t));  // g: alone: nothing is checked
  EXPECT_TRUE(t.group_outside_checksum);
  ASSERT_TRUE(parse_tag_block("g:2-2-3985*5A", t));  // a correct checksum is not flagged
  EXPECT_FALSE(t.group_outside_checksum);
}

namespace {

std::string with_checksum(const std::string& body) {
  unsigned x = 0;
  for (char c : body) x ^= static_cast<unsigned char>(c);
  static const char* hex = "0123456789ABCDEF";
  return body + '*' + hex[x >> 4] + hex[x & 15];
}

// Tag-block texts of every shape the parsers must agree on: the usual fields, unknown and
// malformed ones, empty fields, colons and stars inside values, wrong checksums, and lengths
// on both sides of the fast path's 16..64-byte window.
std::string random_tag_text(std::mt19937& rng) {
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  auto digits = [&](int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += static_cast<char>('0' + pick(10));
    return s;
  };
  static const std::vector<std::string> junk = {"", ":", "*", ",", "a:b:c", "x", "::", "si", "g:", "c:"};
  std::vector<std::string> fields;
  const int count = pick(5);
  for (int i = 0; i < count; ++i) {
    switch (pick(9)) {
      case 0: fields.push_back("s:" + std::string(1 + pick(20), static_cast<char>('A' + pick(26)))); break;
      case 1: fields.push_back("si:AISD"); break;
      case 2: fields.push_back("c:" + digits(pick(3) == 0 ? 13 : 10)); break;
      case 3: fields.push_back("g:" + digits(1) + "-" + digits(1) + "-" + digits(1 + pick(5))); break;
      case 4: fields.push_back("g:" + digits(pick(3)) + "-x" + digits(pick(2))); break;
      case 5: fields.push_back(std::string(1, static_cast<char>('a' + pick(26))) + ":" + digits(pick(12))); break;
      case 6: fields.push_back("T:2014-12-10 00:41:53"); break;
      case 7: fields.push_back(std::string(pick(3) == 0 ? 40 : 2, 'q') + ":v"); break;
      default: fields.push_back(junk[pick(static_cast<int>(junk.size()))]); break;
    }
  }
  std::string body;
  for (std::size_t i = 0; i < fields.size(); ++i) body += (i ? "," : "") + fields[i];
  std::string text = with_checksum(body);
  switch (pick(8)) {  // damage some
    case 0: text[text.size() - 1] = text[text.size() - 1] == '0' ? '1' : '0'; break;  // wrong checksum
    case 1: if (!text.empty()) text[pick(static_cast<int>(text.size()))] = "*,:\\0Ag"[pick(7)]; break;
    case 2: text.pop_back(); break;
    default: break;
  }
  return text;
}

}  // namespace

TEST(TagBlock, FastPathEqualsTheGeneralParser) {
  std::mt19937 rng(2024);
  int fast_window = 0, accepted = 0;
  for (int i = 0; i < 200000; ++i) {
    const std::string text = random_tag_text(rng);
    TagBlock a, b;
    const bool ok_a = parse_tag_block(text, a), ok_b = detail::parse_tag_block_general(text, b);
    ASSERT_EQ(ok_a, ok_b) << text;
    fast_window += text.size() >= 16 && text.size() <= 64;
    accepted += ok_a;
    // Partial results of a rejected text are compared too: callers see the same either way.
    ASSERT_EQ(a.station, b.station) << text;
    auto offset = [&](const TagBlock& t) { return t.station.empty() ? -1 : t.station.data() - text.data(); };
    ASSERT_EQ(offset(a), offset(b)) << text;
    ASSERT_EQ(a.time, b.time) << text;
    ASSERT_EQ(a.group_number, b.group_number) << text;
    ASSERT_EQ(a.group_total, b.group_total) << text;
    ASSERT_EQ(a.group_id, b.group_id) << text;
    ASSERT_EQ(a.group_outside_checksum, b.group_outside_checksum) << text;
  }
  // The generator must reach both paths and both outcomes for the comparison to mean anything.
  EXPECT_GT(fast_window, 50000);
  EXPECT_GT(accepted, 50000);
  EXPECT_GT(200000 - accepted, 20000);
}
