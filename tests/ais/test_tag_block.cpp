// NMEA 4.0 tag blocks.
#include <gtest/gtest.h>

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
