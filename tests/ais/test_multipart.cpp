// Multipart reassembly: interleaving, orphans, duplicates, expiry and the memory bound.
#include <gtest/gtest.h>

#include <string>

#include "ais/multipart.h"

using namespace seawarden::ais;

namespace {

Fragment frag(std::string_view station, int seq, char channel, int total, int number,
              std::string_view payload, std::uint32_t line, int fill = 0) {
  Fragment f;
  f.key.source = source_hash(station);
  f.key.seq_id = static_cast<std::int8_t>(seq);
  f.key.channel = channel;
  f.key.total = static_cast<std::uint8_t>(total);
  f.number = number;
  f.payload = payload;
  f.fill = fill;
  f.station = station;
  f.line_no = line;
  return f;
}

}  // namespace

TEST(Multipart, TwoStationsInterleaved) {
  MultipartAssembler a(16, 64);
  AssembledMessage out;
  // Same sequence id and channel from two stations, fragments interleaved.
  EXPECT_EQ(a.add(frag("r1", 3, 'A', 2, 1, "AAA", 1), out), MultipartAssembler::Result::Pending);
  EXPECT_EQ(a.add(frag("r2", 3, 'A', 2, 1, "BBB", 2), out), MultipartAssembler::Result::Pending);
  EXPECT_EQ(a.pending(), 2u);
  ASSERT_EQ(a.add(frag("r2", 3, 'A', 2, 2, "bb", 3, 2), out), MultipartAssembler::Result::Complete);
  EXPECT_EQ(out.payload, "BBBbb");
  EXPECT_EQ(out.fill, 2);
  EXPECT_EQ(out.station, "r2");
  ASSERT_EQ(a.add(frag("r1", 3, 'A', 2, 2, "aa", 4), out), MultipartAssembler::Result::Complete);
  EXPECT_EQ(out.payload, "AAAaa");
  EXPECT_EQ(out.station, "r1");
  EXPECT_EQ(a.pending(), 0u);
  EXPECT_EQ(a.orphan_fragments(), 0u);
  EXPECT_EQ(a.expired_groups(), 0u);
}

TEST(Multipart, StationOnlyOnFirstFragment) {
  MultipartAssembler a(16, 64);
  AssembledMessage out;
  Fragment f1 = frag("AISD", 2, 'A', 2, 1, "53:Bu", 1);
  f1.time = 1412267454611;
  f1.rank = TimeRank::Wrapper;
  EXPECT_EQ(a.add(f1, out), MultipartAssembler::Result::Pending);
  ASSERT_EQ(a.add(frag("", 2, 'A', 2, 2, "?TiH", 2), out), MultipartAssembler::Result::Complete);
  EXPECT_EQ(out.payload, "53:Bu?TiH");
  EXPECT_EQ(out.station, "AISD");
  EXPECT_EQ(out.time, 1412267454611);
}

TEST(Multipart, OutOfOrderFragments) {
  MultipartAssembler a(16, 64);
  AssembledMessage out;
  EXPECT_EQ(a.add(frag("", 1, 'B', 3, 3, "c", 1), out), MultipartAssembler::Result::Pending);
  EXPECT_EQ(a.add(frag("", 1, 'B', 3, 1, "a", 2), out), MultipartAssembler::Result::Pending);
  ASSERT_EQ(a.add(frag("", 1, 'B', 3, 2, "b", 3), out), MultipartAssembler::Result::Complete);
  EXPECT_EQ(out.payload, "abc");
}

TEST(Multipart, DuplicateFragmentIsCounted) {
  MultipartAssembler a(16, 64);
  AssembledMessage out;
  EXPECT_EQ(a.add(frag("", 5, 'A', 2, 1, "xyz", 1), out), MultipartAssembler::Result::Pending);
  EXPECT_EQ(a.add(frag("", 5, 'A', 2, 1, "xyz", 2), out), MultipartAssembler::Result::Duplicate);
  EXPECT_EQ(a.orphan_fragments(), 1u);
  ASSERT_EQ(a.add(frag("", 5, 'A', 2, 2, "w", 3), out), MultipartAssembler::Result::Complete);
  EXPECT_EQ(out.payload, "xyzw");
}

TEST(Multipart, ReusedSequenceIdRestartsTheGroup) {
  MultipartAssembler a(16, 64);
  AssembledMessage out;
  EXPECT_EQ(a.add(frag("", 5, 'A', 2, 1, "old", 1), out), MultipartAssembler::Result::Pending);
  // Fragment 2 of "old" was lost; the id comes round again with a new message.
  EXPECT_EQ(a.add(frag("", 5, 'A', 2, 1, "new", 2), out), MultipartAssembler::Result::Pending);
  EXPECT_EQ(a.expired_groups(), 1u);
  ASSERT_EQ(a.add(frag("", 5, 'A', 2, 2, "2", 3), out), MultipartAssembler::Result::Complete);
  EXPECT_EQ(out.payload, "new2");
}

TEST(Multipart, OrphanAndExpiry) {
  MultipartAssembler a(16, 10);
  AssembledMessage out;
  EXPECT_EQ(a.add(frag("", 7, 'A', 2, 2, "tail", 1), out), MultipartAssembler::Result::Pending);
  EXPECT_EQ(a.add(frag("", 8, 'A', 2, 1, "head", 2), out), MultipartAssembler::Result::Pending);
  // 20 lines later both groups are past the window: one orphan tail, one expired head.
  EXPECT_EQ(a.add(frag("", 9, 'A', 2, 1, "fresh", 22), out), MultipartAssembler::Result::Pending);
  EXPECT_EQ(a.orphan_fragments(), 1u);
  EXPECT_EQ(a.expired_groups(), 1u);
  EXPECT_EQ(a.pending(), 1u);
  a.expire_all();
  EXPECT_EQ(a.expired_groups(), 2u);
  EXPECT_EQ(a.pending(), 0u);
}

TEST(Multipart, MemoryBound) {
  MultipartAssembler a(8, 1000000);
  AssembledMessage out;
  std::string payload(60, '5');
  for (std::uint32_t i = 0; i < 1000; ++i) {
    std::string station = "s";  // appended, not "s" + ...: GCC 12 -Wrestrict false positive
    station += std::to_string(i);
    a.add(frag(station, static_cast<int>(i % 10), 'A', 2, 1, payload, i + 1), out);
    EXPECT_LE(a.pending(), 8u);
  }
  EXPECT_EQ(a.expired_groups(), 1000u - 8u);  // the oldest groups were evicted, counted
  std::string too_long(MultipartAssembler::kMaxFragmentChars + 1, '5');
  EXPECT_EQ(a.add(frag("x", 1, 'A', 2, 1, too_long, 2000), out), MultipartAssembler::Result::TooLong);
}

TEST(Multipart, TagGroupIdSeparatesOtherwiseEqualKeys) {
  MultipartAssembler a(16, 64);
  AssembledMessage out;
  Fragment f1 = frag("", 6, 'A', 2, 1, "g1", 1);
  f1.key.group_id = 1604;
  Fragment f2 = frag("", 6, 'A', 2, 1, "g2", 2);
  f2.key.group_id = 1605;
  a.add(f1, out);
  a.add(f2, out);
  Fragment t = frag("", 6, 'A', 2, 2, "-end", 3);
  t.key.group_id = 1604;
  ASSERT_EQ(a.add(t, out), MultipartAssembler::Result::Complete);
  EXPECT_EQ(out.payload, "g1-end");
}

TEST(Multipart, WrapperChecksumIsXorOfFragments) {
  MultipartAssembler a(16, 64);
  AssembledMessage out;
  // dma/212123000_drift_1.ais lines 72-74: $PGHP ...,2A before fragments *06 and *2C.
  Fragment f1 = frag("AISD", 4, 'A', 2, 1, "p1", 1);
  f1.checksum = 0x06;
  f1.wrapper_time = 1412267454611;
  f1.wrapper_checksum = 0x2A;
  f1.wrapper_station = "992190917";
  a.add(f1, out);
  Fragment f2 = frag("", 4, 'A', 2, 2, "p2", 2);
  f2.checksum = 0x2C;
  ASSERT_EQ(a.add(f2, out), MultipartAssembler::Result::Complete);
  EXPECT_EQ(out.time, 1412267454611);
  EXPECT_EQ(out.station, "AISD");
  // A wrapper naming another checksum does not date the message.
  f1.wrapper_checksum = 0x11;
  a.add(f1, out);
  ASSERT_EQ(a.add(f2, out), MultipartAssembler::Result::Complete);
  EXPECT_EQ(out.time, kUnknownTime);
}
