// The Reader's framing rules, fed from strings and small temporary files.
#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "ais/nmea.h"
#include "ais/reader.h"

using namespace seawarden::ais;

namespace {

struct Collected {
  std::vector<Received> msgs;
  std::vector<std::string> stations;  // copied: RxMeta views are only valid in the callback
  std::vector<std::string> talkers;   // the same
  ReaderStats stats;
};

Collected read_text(const std::string& text, ReaderOptions opt = {}, std::size_t chunk = 0) {
  Collected c;
  Reader r(
      [&](const Received& m) {
        c.msgs.push_back(m);
        c.stations.emplace_back(m.meta.station);
        c.talkers.emplace_back(m.meta.talker);
      },
      opt);
  if (chunk == 0) {
    r.feed(text);
  } else {
    for (std::size_t i = 0; i < text.size(); i += chunk) r.feed(std::string_view(text).substr(i, chunk));
  }
  r.finish();
  c.stats = r.stats();
  return c;
}

std::uint64_t err(const ReaderStats& s, LineError e) { return s.errors[static_cast<std::size_t>(e)]; }

// "!" + body + "*hh" with the right checksum.
std::string nmea(const std::string& body) {
  char hex[4];
  std::snprintf(hex, sizeof hex, "%02X", nmea_xor(body));
  return "!" + body + "*" + hex;
}

// Two real two-sentence type 5 messages (misc/20181101.log), payloads split as sent.
const char* kA1 = "53UnLh02@O75=H5cR210E@4htr22222222222216H`P>G6hSNHD3lU80hDU2";
const char* kA2 = "AD`88888880";
const char* kB1 = "53M@cKD2CB:tl8AcV21HTdTpN18DHhER2222220l1H=366`D06QDjjAR";
const char* kB2 = "SlQ5D`888888880";

const char* kPos = "!AIVDM,1,1,,A,15B4FT5000JRP>PE6E68Nbkl0PS5,0*70";  // type 1, MMSI 354490000

}  // namespace

TEST(Reader, CrLfJunkCommentsAndUnterminatedLastLine) {
  const std::string text = std::string("# comment\r\n\r\n$GPGGA,1,2,3*00\r\nhello world\r\n") + kPos +
                           "\r\n" + kPos;  // no final newline
  const Collected c = read_text(text);
  ASSERT_EQ(c.msgs.size(), 2u);
  EXPECT_EQ(c.msgs[0].msg.mmsi, 354490000u);
  EXPECT_EQ(c.msgs[0].meta.rxtime, kUnknownTime);  // no time convention: never invented
  EXPECT_EQ(c.msgs[1].meta.line_no, 6u);
  EXPECT_EQ(c.stats.lines, 6u);
  EXPECT_EQ(c.stats.ignored_lines, 2u);
  EXPECT_EQ(err(c.stats, LineError::UnknownLine), 2u);
  EXPECT_EQ(c.stats.without_rxtime, 2u);
  EXPECT_EQ(c.stats.by_type[1], 2u);
}

TEST(Reader, ChunkBoundariesDoNotMatter) {
  std::string text;
  for (int i = 0; i < 50; ++i) text += std::string("\\s:r1,c:1635731889*72\\") + kPos + "\n";
  const Collected whole = read_text(text);
  const Collected bytewise = read_text(text, {}, 1);
  const Collected sevens = read_text(text, {}, 7);
  EXPECT_EQ(whole.msgs.size(), 50u);
  EXPECT_EQ(bytewise.msgs.size(), 50u);
  EXPECT_EQ(sevens.msgs.size(), 50u);
  EXPECT_EQ(bytewise.stats.lines, whole.stats.lines);
  EXPECT_EQ(bytewise.msgs.back().meta.rxtime, whole.msgs.back().meta.rxtime);
}

TEST(Reader, EmptyInput) {
  const Collected c = read_text("");
  EXPECT_EQ(c.msgs.size(), 0u);
  EXPECT_EQ(c.stats.lines, 0u);
}

TEST(Reader, BadChecksumCounted) {
  const Collected c = read_text("!AIVDM,1,1,,A,15B4FT5000JRP>PE6E68Nbkl0PS5,0*71\n");
  EXPECT_EQ(c.msgs.size(), 0u);
  EXPECT_EQ(err(c.stats, LineError::BadChecksum), 1u);
}

TEST(Reader, TagBlockStationAndTime) {
  // aisdb/test_data_20211101.nm4 line 4.
  const Collected c = read_text(
      "\\s:41925,c:1635731889,t:1635731965*66\\!AIVDM,1,1,,,15Di=4002i<chWiba2`rPpD:04;`,0*37\n");
  ASSERT_EQ(c.msgs.size(), 1u);
  EXPECT_EQ(c.stations[0], "41925");
  EXPECT_EQ(c.msgs[0].meta.rxtime, 1635731889000);
}

TEST(Reader, BadTagBlockIsCountedAndNotTrusted) {
  const Collected c = read_text(std::string("\\s:41925,c:1635731889*00\\") + kPos + "\n\\s:x,c:1" + kPos + "\n");
  ASSERT_EQ(c.msgs.size(), 1u);  // the sentence itself is intact
  EXPECT_EQ(c.msgs[0].meta.rxtime, kUnknownTime);
  EXPECT_EQ(c.stations[0], "");
  EXPECT_EQ(err(c.stats, LineError::BadTagBlock), 2u);  // wrong checksum; no closing backslash
}

TEST(Reader, TagBlockGroupAcrossSentences) {
  // amsa/exact-earth-with-tag-block.txt lines 1-2: only the first carries s: and c:.
  const Collected c = read_text(
      "\\g:1-2-3985,s:rEV02,c:1334337317*2D\\!AIVDM,2,1,9,B,58KvN<42ACikUKW77F1H4hF0<PTp622222222216`0`cF5BF0RT13H0T,0*70\n"
      "\\g:2-2-3985*5A\\!AIVDM,2,2,9,B,PFRC88888888880,2*29\n");
  ASSERT_EQ(c.msgs.size(), 1u);
  EXPECT_EQ(c.msgs[0].msg.type, 5);
  EXPECT_EQ(c.msgs[0].msg.mmsi, 566206000u);
  EXPECT_EQ(c.stations[0], "rEV02");
  EXPECT_EQ(c.msgs[0].meta.rxtime, 1334337317000);
  EXPECT_EQ(c.msgs[0].meta.line_no, 2u);
}

TEST(Reader, InterleavedMultipartFromTwoStations) {
  // The same sequence id and channel from two receivers, fragments interleaved; the
  // station is in the USCG trailer.
  const std::string a1 = nmea(std::string("AIVDM,2,1,3,B,") + kA1 + ",0") + ",rSTATION1,1541030311";
  const std::string b1 = nmea(std::string("AIVDM,2,1,3,B,") + kB1 + ",0") + ",rSTATION2,1541030312";
  const std::string a2 = nmea(std::string("AIVDM,2,2,3,B,") + kA2 + ",2") + ",rSTATION1,1541030311";
  const std::string b2 = nmea(std::string("AIVDM,2,2,3,B,") + kB2 + ",2") + ",rSTATION2,1541030312";
  const Collected c = read_text(a1 + "\n" + b1 + "\n" + b2 + "\n" + a2 + "\n");
  ASSERT_EQ(c.msgs.size(), 2u);
  EXPECT_EQ(c.stations[0], "rSTATION2");
  EXPECT_EQ(c.msgs[0].meta.rxtime, 1541030312000);
  EXPECT_EQ(c.stations[1], "rSTATION1");
  EXPECT_EQ(c.msgs[1].msg.type, 5);
  EXPECT_NE(c.msgs[0].msg.mmsi, c.msgs[1].msg.mmsi);
  EXPECT_EQ(err(c.stats, LineError::OrphanFragment), 0u);
}

TEST(Reader, OrphanDuplicateAndExpiredFragments) {
  ReaderOptions opt;
  opt.group_window_lines = 4;
  const std::string a1 = nmea(std::string("AIVDM,2,1,3,B,") + kA1 + ",0");
  const std::string a2 = nmea(std::string("AIVDM,2,2,3,B,") + kA2 + ",2");
  const std::string b1 = nmea(std::string("AIVDM,2,1,5,A,") + kB1 + ",0");
  const std::string lone_tail = nmea(std::string("AIVDM,2,2,7,B,") + kA2 + ",2");
  std::string text = lone_tail + "\n";    // orphan: its first fragment never comes
  text += a1 + "\n" + a1 + "\n";          // duplicate first fragment
  text += a2 + "\n";                      // completes
  text += b1 + "\n";                      // never completes
  for (int i = 0; i < 6; ++i) text += std::string(kPos) + "\n";
  const Collected c = read_text(text, opt);
  ASSERT_EQ(c.msgs.size(), 7u);
  EXPECT_EQ(c.msgs[0].msg.type, 5);
  EXPECT_EQ(err(c.stats, LineError::OrphanFragment), 2u);  // the lone tail + the duplicate
  EXPECT_EQ(err(c.stats, LineError::ExpiredFragment), 1u);
}

TEST(Reader, TimePrefixes) {
  const Collected c = read_text(std::string("1541030311 ") + kPos + "\n" + "1328133720012," + kPos + "\n" +
                                "2018-11-01T00:00:00Z\t" + kPos + "\n" + "2018-11-01 00:00:00.250;" + kPos +
                                "\n" + "12345" + kPos + "\n");
  ASSERT_EQ(c.msgs.size(), 4u);
  EXPECT_EQ(c.msgs[0].meta.rxtime, 1541030311000);
  EXPECT_EQ(c.msgs[1].meta.rxtime, 1328133720012);
  EXPECT_EQ(c.msgs[2].meta.rxtime, 1541030400000);
  EXPECT_EQ(c.msgs[3].meta.rxtime, 1541030400250);
  EXPECT_EQ(err(c.stats, LineError::UnknownLine), 1u);
}

TEST(Reader, UscgTrailerSecondsAndExactEarthMillis) {
  // libais/test.aivdm line 4 and amsa/exact-earth-augmented-2.txt line 2.
  const Collected c = read_text(
      "!AIVDM,1,1,,A,15B4FT5000JRP>PE6E68Nbkl0PS5,0*70,b003669794,1272412827\n"
      "!AIVDM,1,1,,A,144gjIP0085KKPQHMPjT81Sb1PSL,0*22,1328133720087\n");
  ASSERT_EQ(c.msgs.size(), 2u);
  EXPECT_EQ(c.stations[0], "b003669794");
  EXPECT_EQ(c.msgs[0].meta.rxtime, 1272412827000);
  EXPECT_EQ(c.msgs[1].meta.rxtime, 1328133720087);
  EXPECT_EQ(c.msgs[1].msg.mmsi, 273412710u);
}

TEST(Reader, GatehouseWrapperAndStandaloneTag) {
  // dma/212123000_drift_1.ais lines 1-3: tag block alone, $PGHP, then the sentence.
  const Collected c = read_text(
      "\\si:AISD*3F\\\n"
      "$PGHP,1,2014,10,2,16,30,3,887,219,1,992190917,1,7B*5C\n"
      "!AIVDM,1,1,,B,13:BuN001=15mQFOjcOBG1p800SK,0*7B\n"
      "$PGHP,1,2014,10,2,16,30,4,137,219,,2190077,1,00*12\n"  // names another checksum
      "!AIVDM,1,1,,B,13:BuN001=15mQFOjcOBG1p800SK,0*7B\n");
  ASSERT_EQ(c.msgs.size(), 2u);
  EXPECT_EQ(c.msgs[0].meta.rxtime, 1412267403887);  // 2014-10-02T16:30:03.887Z
  EXPECT_EQ(c.stations[0], "AISD");
  EXPECT_EQ(c.msgs[1].meta.rxtime, kUnknownTime);
  EXPECT_EQ(c.stats.metadata_lines, 3u);
}

TEST(Reader, BadStandaloneTagKeepsThePendingOne) {
  // A corrupt tag block on its own line is counted and leaves the good one before it pending.
  const Collected c = read_text(
      "\\si:AISD*3F\\\n"
      "\\si:OTHER*00\\\n"
      "!AIVDM,1,1,,B,13:BuN001=15mQFOjcOBG1p800SK,0*7B\n");
  ASSERT_EQ(c.msgs.size(), 1u);
  EXPECT_EQ(c.stations[0], "AISD");
  EXPECT_EQ(c.stats.errors[static_cast<std::size_t>(LineError::BadTagBlock)], 1u);
  EXPECT_EQ(c.stats.metadata_lines, 1u);
}

TEST(Reader, GatehouseDatesVdoWithZeroChecksum) {
  // dma/ais-sample.txt.gz: Gatehouse writes 00 before its own-ship VDO sentences.
  const Collected c = read_text(
      "$PGHP,1,2013,11,12,12,0,0,292,219,,2190066,1,00*1A\n"
      "!BSVDO,1,1,,A,4025btQunn;ssPUHb<PF<F102<1e,0*13\n");
  ASSERT_EQ(c.msgs.size(), 1u);
  EXPECT_TRUE(c.msgs[0].meta.own_ship);
  EXPECT_EQ(c.msgs[0].meta.rxtime, 1384257600292);  // 2013-11-12T12:00:00.292Z
  EXPECT_EQ(c.talkers[0], "BS");
}

TEST(Reader, GzipFileAndUnreadableFile) {
  const auto dir = std::filesystem::temp_directory_path() / ("seawarden-frame-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string gz = (dir / "in.nmea.gz").string();
  gzFile f = gzopen(gz.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  for (int i = 0; i < 1000; ++i) {
    const std::string line = std::string(kPos) + "\r\n";
    gzwrite(f, line.data(), static_cast<unsigned>(line.size()));
  }
  gzclose(f);
  std::uint64_t n = 0;
  Reader r([&](const Received&) { ++n; });
  r.read_file(gz);
  EXPECT_EQ(n, 1000u);
  EXPECT_EQ(r.stats().lines, 1000u);
  EXPECT_THROW(r.read_file((dir / "missing.nmea").string()), std::runtime_error);
  EXPECT_THROW(r.read_file(dir.string()), std::runtime_error);  // a directory
  std::filesystem::remove_all(dir);
}

TEST(Reader, BareCrLfAndCrLfLineEndsAtEveryChunkSize) {
  // Old Mac-style captures end lines with a bare CR; mixed files exist too.
  const std::string text = std::string("\\s:r1,c:1635731889*72\\") + kPos + "\r" + kPos + "\r\n" +
                           "# comment\r" + kPos + "\n\r\n" + kPos;
  for (std::size_t chunk : {0, 1, 2, 3, 7, 49, 50, 51, 64, 100}) {
    SCOPED_TRACE(chunk);
    const Collected c = read_text(text, {}, chunk);
    ASSERT_EQ(c.msgs.size(), 4u);
    EXPECT_EQ(c.msgs[0].meta.rxtime, 1635731889000);  // the tag block stays with its own line
    EXPECT_EQ(c.msgs[1].meta.rxtime, kUnknownTime);
    // CRLF is one line end: kPos, kPos, comment, kPos, empty line, kPos.
    EXPECT_EQ(c.stats.lines, 6u);
    EXPECT_EQ(c.msgs[3].meta.line_no, 6u);
    EXPECT_EQ(c.stats.ignored_lines, 2u);
    EXPECT_EQ(c.stats.errors[0] + err(c.stats, LineError::UnknownLine), 0u);
  }
}

TEST(Reader, CrAtChunkEndFollowedByLf) {
  Collected c;
  Reader r([&](const Received& m) { c.msgs.push_back(m); });
  r.feed(std::string(kPos) + "\r");
  r.feed("\n");
  r.feed(std::string(kPos) + "\r");
  r.feed("\n\n");  // the second LF ends an empty line
  r.finish();
  EXPECT_EQ(c.msgs.size(), 2u);
  EXPECT_EQ(r.stats().lines, 3u);
  EXPECT_EQ(r.stats().ignored_lines, 1u);
}

TEST(Reader, PlainFileMappedWithUnterminatedLastLineAndEmptyFile) {
  // Plain files are memory-mapped: the last line may end exactly at the end of the
  // mapping, and an empty file maps nothing.
  const auto dir = std::filesystem::temp_directory_path() / ("seawarden-map-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string plain = (dir / "in.nmea").string(), empty = (dir / "empty.nmea").string();
  {
    std::ofstream out(plain, std::ios::binary);
    for (int i = 0; i < 5000; ++i) out << kPos << (i % 3 == 0 ? "\r" : i % 3 == 1 ? "\n" : "\r\n");
    out << "$PGHP,1,2013,11,12,12,0,0,292,219,,2190066,1,70*1D\n" << kPos;  // no final line end
    std::ofstream{empty};
  }
  std::vector<TimeMs> times;
  Reader r([&](const Received& m) { times.push_back(m.meta.rxtime); });
  r.read_file(plain);
  ASSERT_EQ(times.size(), 5001u);
  EXPECT_EQ(times.back(), 1384257600292);  // the wrapper right before the unterminated line
  EXPECT_EQ(r.stats().lines, 5002u);
  r.read_file(empty);
  EXPECT_EQ(r.stats().lines, 5002u);
  std::filesystem::remove_all(dir);
}

TEST(Reader, GroupOutsideTagChecksumTrustedOnlyWhenTheSentenceAgrees) {
  // Kystverket style: the tag block checksum leaves g: out. Fragment numbers in the
  // (checksummed) sentence must match the group, else the block is not trusted.
  const std::string good = "\\g:1-1-9999,c:1565218798*53\\" + std::string(kPos) + "\n";
  const std::string wrong = "\\g:1-2-9999,c:1565218798*53\\" + std::string(kPos) + "\n";
  const Collected c = read_text(good + wrong);
  ASSERT_EQ(c.msgs.size(), 2u);
  EXPECT_EQ(c.msgs[0].meta.rxtime, 1565218798000);
  EXPECT_EQ(c.msgs[1].meta.rxtime, kUnknownTime);  // g: says 1 of 2, the sentence 1 of 1
  EXPECT_EQ(c.stats.unchecked_tag_groups, 1u);
  EXPECT_EQ(err(c.stats, LineError::BadTagBlock), 1u);
}
