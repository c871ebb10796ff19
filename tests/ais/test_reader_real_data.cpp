// Every real capture under ../shared/data/ais through the Reader: exact counts per
// file (lines, sentences, messages, messages without receive time, each error class),
// and decoded values with receive times checked by hand against the files.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "ais/reader.h"
#include "ais/timestamps.h"
#include "support/test_data.h"

using namespace seawarden::ais;

namespace {

struct Expected {
  const char* path;
  std::uint64_t lines, sentences, messages, without_rxtime;
  // bad_checksum, bad_tag_block, bad_armoring, wrong_length, unknown_type, orphan_fragment,
  // expired_fragment, malformed_sentence, unknown_line, bad_csv_row
  std::array<std::uint64_t, 10> errors;
};

// Regenerate with care: every change here must be explained by a framing or decoding fix.
const Expected kFiles[] = {
    {"aisdb/test_data_20210701.csv", 2499, 0, 2454, 0, {0, 0, 0, 0, 0, 0, 0, 0, 0, 1}},
    {"aisdb/test_data_20211101.nm4", 1000, 997, 979, 0, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0}},
    {"aisdb/test_data_noaa_20230101.csv", 1001, 0, 2000, 0, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0}},
    // A raw receiver log: no tag blocks, dated by its $GPZDA lines (all but the 11 messages
    // before the first one); its other $ sentences (ALR, VSI, PSHI, GGA, ...) are unknown lines.
    {"amsa/ais.txt.gz", 44687, 34029, 33985, 11, {2, 0, 0, 23, 1, 0, 4, 14, 9865, 0}},
    {"amsa/exact-earth-augmented-2.txt", 2138, 1135, 1123, 0, {0, 0, 0, 10, 2, 0, 0, 0, 0, 0}},
    {"amsa/exact-earth-augmented-3.txt", 7672, 4317, 4278, 0, {0, 0, 0, 31, 4, 4, 0, 0, 0, 0}},
    {"amsa/exact-earth-augmented.txt", 7160, 3972, 3955, 0, {0, 0, 0, 13, 4, 0, 0, 0, 0, 0}},
    {"amsa/exact-earth-with-tag-block.txt", 221, 221, 200, 0, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0}},
    {"dma/212123000_drift_1.ais", 10018, 3692, 3130, 0, {0, 0, 0, 0, 0, 0, 0, 0, 33, 0}},
    {"dma/538004030_drift_1.ais", 16104, 5475, 5252, 0, {0, 0, 0, 0, 0, 0, 0, 0, 80, 0}},
    {"dma/ais-sample.txt.gz", 80246, 26146, 26077, 0, {0, 0, 0, 0, 0, 0, 0, 0, 973, 0}},
    {"dma/stream_example.txt", 8551, 4500, 4051, 9, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0}},
    {"gpsd/ais-18-27.log", 280, 276, 207, 207, {0, 0, 0, 0, 69, 0, 0, 0, 0, 0}},
    {"gpsd/ais-nmea-type6-fid55.log", 1487, 1480, 1326, 1326, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0}},
    // A combined GPS/AIS receiver: dated by its $GPRMC lines (all but the first message).
    {"gpsd/ais-nmea.log", 1500, 183, 171, 1, {0, 0, 0, 0, 0, 0, 0, 0, 1149, 0}},
    {"gpsd/ais-raw-messages.log", 121, 114, 109, 109, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0}},
    {"gpsd/ais_unpack_sixbit.log", 28, 20, 13, 13, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0}},
    {"gpsd/sample.aivdm", 1121, 118, 102, 99, {0, 0, 0, 0, 0, 0, 0, 0, 1, 0}},
    // Its 246 grouped tag blocks leave g: out of the checksum (tolerated, see tag_block.h).
    {"kystverket/Ais1000Lines.nm4", 1000, 1000, 877, 0, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0}},
    {"libais/tagblock.nmea", 5, 5, 4, 0, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0}},
    {"libais/test.aivdm", 345, 263, 226, 0, {0, 0, 0, 18, 17, 0, 0, 0, 0, 0}},
    {"libais/typeexamples.nmea", 26, 26, 26, 0, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0}},
    {"misc/20181101.log", 483, 389, 334, 6, {1, 0, 0, 18, 17, 0, 1, 0, 2, 0}},
    {"pyais/gatehouse.nmea", 11, 4, 4, 3, {1, 0, 0, 0, 0, 0, 0, 0, 0, 0}},
    {"pyais/nmea_data_sample.txt", 898, 898, 778, 778, {0, 0, 0, 100, 0, 0, 20, 0, 0, 0}},
    {"pyais/timestamped.ais", 11, 4, 4, 3, {1, 0, 0, 0, 0, 0, 0, 0, 0, 0}},
};

// One decoded message, copied out of the callback.
struct Seen {
  std::uint32_t line;
  int type;
  std::uint32_t mmsi;
  TimeMs rxtime;
  std::string station;
  char channel;
  bool from_csv;
};

std::vector<Seen> read_all(const std::filesystem::path& p, ReaderStats* stats = nullptr) {
  std::vector<Seen> v;
  Reader r([&](const Received& m) {
    v.push_back({m.meta.line_no, m.msg.type, m.msg.mmsi, m.meta.rxtime, std::string(m.meta.station),
                 m.meta.channel, m.meta.from_csv});
  });
  r.read_file(p.string());
  if (stats) *stats = r.stats();
  return v;
}

const Seen* at_line(const std::vector<Seen>& v, std::uint32_t line, int type = -1) {
  for (const Seen& s : v)
    if (s.line == line && (type < 0 || s.type == type)) return &s;
  return nullptr;
}

}  // namespace

TEST(RealData, EveryFileHasExactCounts) {
  SEAWARDEN_REQUIRE_DATA(root, "ais");
  std::set<std::string> listed, found;
  for (const Expected& e : kFiles) listed.insert(e.path);
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    const std::string ext = entry.path().extension().string();
    if (ext == ".chk" || ext == ".json") continue;  // expected outputs, not captures
    found.insert(std::filesystem::relative(entry.path(), root).string());
  }
  EXPECT_EQ(found, listed) << "a capture was added or removed under ../shared/data/ais";
  for (const Expected& e : kFiles) {
    SCOPED_TRACE(e.path);
    Reader r([](const Received&) {});
    r.read_file((root / e.path).string());
    const ReaderStats& s = r.stats();
    EXPECT_EQ(s.lines, e.lines);
    EXPECT_EQ(s.sentences, e.sentences);
    EXPECT_EQ(s.messages, e.messages);
    EXPECT_EQ(s.without_rxtime, e.without_rxtime);
    for (std::size_t k = 0; k < e.errors.size(); ++k)
      EXPECT_EQ(s.errors[k + 1], e.errors[k]) << to_string(static_cast<LineError>(k + 1));
  }
}

TEST(RealData, UscgTrailerStationAndTime) {
  SEAWARDEN_REQUIRE_DATA(p, "ais/libais/test.aivdm");
  const auto v = read_all(p);
  // Line 4: !AIVDM,1,1,,A,15B4FT5000JRP>PE6E68Nbkl0PS5,0*70,b003669794,1272412827
  const Seen* s = at_line(v, 4);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->mmsi, 354490000u);
  EXPECT_EQ(s->station, "b003669794");
  EXPECT_EQ(format_iso8601(s->rxtime), "2010-04-28T00:00:27Z");
}

TEST(RealData, ExactEarthMillisecondTrailer) {
  SEAWARDEN_REQUIRE_DATA(p, "ais/amsa/exact-earth-augmented-2.txt");
  const auto v = read_all(p);
  // Line 2: !AIVDM,1,1,,A,144gjIP0085KKPQHMPjT81Sb1PSL,0*22,1328133720087 (its $PGHP follows it).
  const Seen* s = at_line(v, 2);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->type, 1);
  EXPECT_EQ(s->mmsi, 273412710u);
  EXPECT_EQ(format_iso8601(s->rxtime), "2012-02-01T22:02:00.087Z");
}

TEST(RealData, GatehouseWrapperDatesTheNextSentence) {
  SEAWARDEN_REQUIRE_DATA(p, "ais/dma/stream_example.txt");
  const auto v = read_all(p);
  // Lines 1-2: $PGHP,1,2010,6,11,11,46,11,390,231,45,992190934,1,2B*5B then a type 4 (*2B).
  const Seen* s = at_line(v, 2);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->type, 4);
  EXPECT_EQ(s->mmsi, 2311200u);
  EXPECT_EQ(s->station, "992190934");
  EXPECT_EQ(format_iso8601(s->rxtime), "2010-06-11T11:46:11.390Z");
  // Lines 15-17: $PGHP ...,72 then a two-sentence type 5 with checksums 65 and 17 (65^17=72).
  const Seen* m = at_line(v, 17);
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->type, 5);
  EXPECT_EQ(format_iso8601(m->rxtime), "2010-06-11T11:46:11.929Z");
}

TEST(RealData, DmaTagLineWrapperAndMultipart) {
  SEAWARDEN_REQUIRE_DATA(p, "ais/dma/212123000_drift_1.ais");
  const auto v = read_all(p);
  // Lines 71-74: \si:AISD*3F\, $PGHP,...,16,30,54,611,...,2A, then two fragments (*06, *2C).
  const Seen* s = at_line(v, 74);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->type, 5);
  EXPECT_EQ(s->mmsi, 212123000u);
  EXPECT_EQ(s->station, "AISD");
  EXPECT_EQ(format_iso8601(s->rxtime), "2014-10-02T16:30:54.611Z");
}

TEST(RealData, TagBlockGroupAndSeconds) {
  SEAWARDEN_REQUIRE_DATA(p, "ais/amsa/exact-earth-with-tag-block.txt");
  const auto v = read_all(p);
  const Seen* s = at_line(v, 2);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->type, 5);
  EXPECT_EQ(s->mmsi, 566206000u);
  EXPECT_EQ(s->station, "rEV02");
  EXPECT_EQ(format_iso8601(s->rxtime), "2012-04-13T17:15:17Z");
}

TEST(RealData, KystverketTagBlockTime) {
  SEAWARDEN_REQUIRE_DATA(p, "ais/kystverket/Ais1000Lines.nm4");
  const auto v = read_all(p);
  // Line 1: \c:1565218798*53\!BSVDM,1,1,,A,13mb9U0P00PRk8fT5nw>4?wj2006,0*5D
  const Seen* s = at_line(v, 1);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->mmsi, 257591700u);
  EXPECT_EQ(format_iso8601(s->rxtime), "2019-08-07T22:59:58Z");
  // Lines 13-14: a type 5 in two fragments whose tag blocks carry g: outside their
  // checksum; it keeps its receive time.
  const Seen* t5 = at_line(v, 14, 5);
  ASSERT_NE(t5, nullptr);
  EXPECT_EQ(format_iso8601(t5->rxtime), "2019-08-07T22:59:58Z");
}

TEST(RealData, TwoTrailingStampsUseTheFirst) {
  SEAWARDEN_REQUIRE_DATA(p, "ais/misc/20181101.log");
  const auto v = read_all(p);
  // Line 4: !ABVDM,1,1,7,B,H3uJVD4NDBE5847C62ppnk0@6120,0*4F,1541030311,1541030400
  const Seen* s = at_line(v, 4);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->type, 24);
  EXPECT_EQ(s->mmsi, 265725520u);
  EXPECT_EQ(format_iso8601(s->rxtime), "2018-10-31T23:58:31Z");
  EXPECT_EQ(s->channel, 'B');
}

TEST(RealData, NoaaCsvRows) {
  SEAWARDEN_REQUIRE_DATA(p, "ais/aisdb/test_data_noaa_20230101.csv");
  const auto v = read_all(p);
  // Line 3: 636021061,2023-01-11T00:00:00,26.09241,-80.04806,...,MSC NAISHA III,IMO9307839,...
  const Seen* pos = at_line(v, 3, 1);
  const Seen* stat = at_line(v, 3, 5);
  ASSERT_NE(pos, nullptr);
  ASSERT_NE(stat, nullptr);
  EXPECT_EQ(pos->mmsi, 636021061u);
  EXPECT_TRUE(pos->from_csv);
  EXPECT_EQ(format_iso8601(pos->rxtime), "2023-01-11T00:00:00Z");
}

TEST(RealData, ReceiverLogsDatedByTheirGpsClock) {
  // amsa/ais.txt.gz: a raw receiver log, one $GPZDA a second. Line 16 is the first:
  // $GPZDA,114702.51,27,01,2012,,*66; line 17's type 1 comes after it.
  SEAWARDEN_REQUIRE_DATA(amsa, "ais/amsa/ais.txt.gz");
  const auto v = read_all(amsa);
  const Seen* first = at_line(v, 17);
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(format_iso8601(first->rxtime), "2012-01-27T11:47:02.510Z");
  ASSERT_NE(at_line(v, 3), nullptr);
  EXPECT_EQ(at_line(v, 3)->rxtime, kUnknownTime);  // before the first tick
  // Every message is dated but the 11 before the first tick, nearly all within the log's ticks
  // (11:47:02.51 .. 11:53:27.50); a few carry trailer times of their own (earlier batches).
  const TimeMs lo = first->rxtime, hi = lo + (6 * 60 + 24) * 1000 + 990;
  std::size_t dated = 0, within = 0;
  for (const Seen& s : v) {
    if (s.rxtime == kUnknownTime) continue;
    ++dated;
    within += s.rxtime >= lo && s.rxtime <= hi;
  }
  EXPECT_GE(within, dated - 50);
  EXPECT_EQ(dated, v.size() - 11);

  // gpsd/ais-nmea.log: a combined GPS/AIS receiver, one $GPRMC a second. Line 16 follows
  // line 8's $GPRMC,213950.00,A,...,070420,...
  SEAWARDEN_REQUIRE_DATA(gpsd, "ais/gpsd/ais-nmea.log");
  const auto g = read_all(gpsd);
  ASSERT_NE(at_line(g, 16), nullptr);
  EXPECT_EQ(format_iso8601(at_line(g, 16)->rxtime), "2020-04-07T21:39:50Z");
}

TEST(RealData, TrackCsvReadByItsColumnNames) {
  // The Suez anchorage set (BOM, "ID,ais_pos_timestamp,longitude,latitude", day-first times
  // without seconds): every row a position of one of its 256 vessels, in March 2021.
  SEAWARDEN_REQUIRE_DATA(p, "tracks/suez/boat-positions.csv");
  ReaderStats st;
  const std::vector<Seen> v = read_all(p, &st);
  EXPECT_EQ(st.lines, 22288u);
  EXPECT_EQ(st.csv_rows, 22287u);
  EXPECT_EQ(st.messages, 22287u);
  for (std::uint64_t e : st.errors) EXPECT_EQ(e, 0u);
  std::set<std::uint32_t> vessels;
  for (const Seen& s : v) {
    vessels.insert(s.mmsi);
    EXPECT_EQ(s.type, 1);
    EXPECT_TRUE(s.from_csv);
    EXPECT_GE(s.rxtime, 1616198400000);  // 2021-03-20T00:00:00Z
    EXPECT_LT(s.rxtime, 1616630400000);  // 2021-03-25T00:00:00Z
  }
  EXPECT_EQ(vessels.size(), 256u);
  // Line 2: 1,20/03/2021 00:22,32.32925,31.4386
  const Seen* first = at_line(v, 2);
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->mmsi, 1u);
  EXPECT_EQ(format_iso8601(first->rxtime), "2021-03-20T00:22:00Z");
}
