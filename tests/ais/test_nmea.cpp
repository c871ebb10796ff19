// Sentence framing: checksums, VDM/VDO fields, USCG trailers, time conventions.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>

#include "ais/names.h"
#include "ais/nmea.h"
#include "ais/timestamps.h"

using namespace seawarden::ais;

TEST(NmeaChecksum, GoodAndBad) {
  EXPECT_TRUE(nmea_checksum_ok("AIVDM,1,1,,A,15B4FT5000JRP>PE6E68Nbkl0PS5,0", "70"));
  EXPECT_FALSE(nmea_checksum_ok("AIVDM,1,1,,A,15B4FT5000JRP>PE6E68Nbkl0PS5,0", "71"));
  EXPECT_TRUE(nmea_checksum_ok("c:1565218798", "53"));
  EXPECT_EQ(parse_hex_byte("5d"), 0x5d);  // lower case accepted
  EXPECT_EQ(parse_hex_byte("G0"), -1);
  EXPECT_EQ(parse_hex_byte("5"), -1);
}

TEST(ParseVdm, SingleSentenceFields) {
  VdmSentence v;
  ASSERT_EQ(parse_vdm("!AIVDM,1,1,,A,15B4FT5000JRP>PE6E68Nbkl0PS5,0*70,b003669794,1272412827", v),
            LineError::None);
  EXPECT_EQ(v.talker, "AI");
  EXPECT_FALSE(v.own_ship);
  EXPECT_EQ(v.total, 1);
  EXPECT_EQ(v.number, 1);
  EXPECT_EQ(v.seq_id, -1);
  EXPECT_EQ(v.channel, 'A');
  EXPECT_EQ(v.payload, "15B4FT5000JRP>PE6E68Nbkl0PS5");
  EXPECT_EQ(v.fill, 0);
  EXPECT_EQ(v.checksum, 0x70);
  EXPECT_EQ(v.trailer, ",b003669794,1272412827");
}

TEST(ParseVdm, AnyTalkerVdoAndNumericChannel) {
  VdmSentence v;
  // Real DMA lines: a BS talker VDO, and channel written as 1/2 by some base stations.
  ASSERT_EQ(parse_vdm("!BSVDO,1,1,,A,4025btQunn;ssPUHb<PF<F102<1e,0*13", v), LineError::None);
  EXPECT_EQ(v.talker, "BS");
  EXPECT_TRUE(v.own_ship);
  ASSERT_EQ(parse_vdm("!BSVDM,1,1,0,1,53F=qV02>n<<D<`H001A8tpTt00000000000000N3`J384V<t=PhD1H53mkP00000000000,2*67", v),
            LineError::None);
  EXPECT_EQ(v.channel, 'A');
  EXPECT_EQ(v.seq_id, 0);
  EXPECT_EQ(v.fill, 2);
  // Empty channel (misc/20181101.log writes "2,1,1,,").
  ASSERT_EQ(parse_vdm("!AIVDM,2,2,1,,88888888888,2*6C", v), LineError::None);
  EXPECT_EQ(v.channel, 0);
  EXPECT_EQ(v.number, 2);
  EXPECT_EQ(v.seq_id, 1);
}

TEST(ParseVdm, Errors) {
  VdmSentence v;
  EXPECT_EQ(parse_vdm("!AIVDM,1,1,,A,13u?etPv2;0n:dDPwUM1U1Cb069D,0*23", v), LineError::BadChecksum);
  EXPECT_EQ(parse_vdm("!AIVDM,1,1,,A,13u?etPv2;0n:dDPwUM1U1Cb069D,0", v), LineError::MalformedSentence);
  EXPECT_EQ(parse_vdm("!AIVDM,1,1,,A,13u?etPv2;0n:dDPwUM1U1Cb069D,0*2", v), LineError::MalformedSentence);
  EXPECT_EQ(parse_vdm("!AIVDM,1,1,,A,13u,0,7*4A", v), LineError::MalformedSentence);  // 7 fields
  // Fragment number above the count, fill bits above 5 (checksums correct).
  EXPECT_EQ(parse_vdm("!AIVDM,1,2,,A,13u?etPv2;0n:dDPwUM1U1Cb069D,0*27", v), LineError::MalformedSentence);
  EXPECT_EQ(parse_vdm("!AIVDM,1,1,,A,13u?etPv2;0n:dDPwUM1U1Cb069D,6*22", v), LineError::MalformedSentence);
  EXPECT_EQ(parse_vdm("!", v), LineError::MalformedSentence);
}

TEST(UscgTrailer, StationThenEpoch) {
  Trailer t;
  parse_uscg_trailer(",b003669794,1272412827", t);
  EXPECT_EQ(t.station, "b003669794");
  EXPECT_EQ(t.time, 1272412827000);
  // libais typeexamples: signal fields, station, then two stamps: the first is the logger time.
  parse_uscg_trailer(",d-109,S2105,t050056.00,T56.13718694,r003669946,1325394060,1325394001", t);
  EXPECT_EQ(t.station, "r003669946");
  EXPECT_EQ(t.time, 1325394060000);
  // exactEarth: milliseconds.
  parse_uscg_trailer(",1328133720012", t);
  EXPECT_EQ(t.station, "");
  EXPECT_EQ(t.time, 1328133720012);
  parse_uscg_trailer("", t);
  EXPECT_EQ(t.time, kUnknownTime);
  parse_uscg_trailer(",d-109,junk", t);
  EXPECT_EQ(t.time, kUnknownTime);
}

TEST(Timestamps, EpochSecondsMillisAndFractions) {
  EXPECT_EQ(parse_epoch("1272412827"), 1272412827000);
  EXPECT_EQ(parse_epoch("1272412827.25"), 1272412827250);
  EXPECT_EQ(parse_epoch("1328133720012"), 1328133720012);
  EXPECT_EQ(parse_epoch("12"), kUnknownTime);          // not a plausible date
  EXPECT_EQ(parse_epoch("1272412827x"), kUnknownTime);
  EXPECT_EQ(parse_epoch(""), kUnknownTime);
}

// The first eight digits are read as one word: every byte of that word is checked, and the
// result must equal reading digit by digit, whatever comes after.
TEST(Timestamps, EpochWordReadAgreesWithDigitByDigit) {
  EXPECT_EQ(parse_epoch("4102444800"), 4102444800000);  // the last accepted second (2100)
  EXPECT_EQ(parse_epoch("4102444801"), kUnknownTime);
  EXPECT_EQ(parse_epoch("0315532800"), 315532800000);   // leading zero, first accepted (1980)
  EXPECT_EQ(parse_epoch("99999999"), kUnknownTime);      // exactly eight digits, implausible
  EXPECT_EQ(parse_epoch("1699999999999.5"), 1699999999999);
  EXPECT_EQ(parse_epoch("17152128000000000"), kUnknownTime);  // 17 digits
  // A non-digit at each of the first eight places (and characters just outside '0'..'9',
  // including ones that carry when 6 is added) makes the word read fail and the whole fail.
  for (std::size_t at = 0; at < 8; ++at)
    for (char bad : {'/', ':', '.', ' ', '\xff', '\xfa', '@'}) {
      std::string s = "1715212800";
      s[at] = bad;
      EXPECT_EQ(parse_epoch(s), kUnknownTime) << "at " << at << " char " << int(bad);
    }
  // Every digit in every place of the word.
  for (int d = 0; d <= 9; ++d)
    for (std::size_t at = 0; at < 8; ++at) {
      std::string s = "1715212800";
      s[at] = static_cast<char>('0' + d);
      std::int64_t want = 0;
      for (char c : s) want = want * 10 + (c - '0');
      const bool plausible = want >= 315532800 && want <= 4102444800;
      EXPECT_EQ(parse_epoch(s), plausible ? want * 1000 : kUnknownTime) << s;
    }
}

TEST(Timestamps, Iso8601PrefixAndFormat) {
  TimeMs t = 0;
  EXPECT_EQ(parse_iso8601_prefix("2018-11-01T00:00:00Z !AIVDM", t), 20u);
  EXPECT_EQ(t, 1541030400000);
  EXPECT_EQ(parse_iso8601_prefix("2023-01-11 00:00:01.5;x", t), 21u);
  EXPECT_EQ(t, 1673395201500);
  EXPECT_EQ(parse_iso8601_prefix("2023-13-11T00:00:01", t), 0u);
  EXPECT_EQ(parse_iso8601_prefix("!AIVDM", t), 0u);
  EXPECT_EQ(format_iso8601(1541030400000), "2018-11-01T00:00:00Z");
  EXPECT_EQ(format_iso8601(1328133720087), "2012-02-01T22:02:00.087Z");
  EXPECT_EQ(format_iso8601(951782400000), "2000-02-29T00:00:00Z");
  EXPECT_EQ(format_iso8601(kUnknownTime), "");
  EXPECT_EQ(utc_to_ms(2010, 6, 11, 11, 46, 11, 390), 1276256771390);
  EXPECT_EQ(utc_to_ms(2010, 13, 11, 11, 46, 11, 390), kUnknownTime);
}

TEST(Timestamps, GatehousePghp) {
  Pghp p;
  // dma/stream_example.txt line 1; dates the AIVDM with checksum 2B that follows it.
  ASSERT_TRUE(parse_pghp("$PGHP,1,2010,6,11,11,46,11,390,231,45,992190934,1,2B*5B", p));
  EXPECT_EQ(format_iso8601(p.time), "2010-06-11T11:46:11.390Z");
  EXPECT_EQ(p.checksum_of_next, 0x2B);
  EXPECT_EQ(p.station, "992190934");
  // pyais/gatehouse.nmea: the 2009 line keeps the 2008 line's checksum (corrupt).
  EXPECT_TRUE(parse_pghp("$PGHP,1,2008,5,9,0,0,0,10,338,2,,1,09*17", p));
  EXPECT_EQ(p.station, "");
  EXPECT_FALSE(parse_pghp("$PGHP,1,2009,5,9,0,0,0,10,338,2,,1,09*17", p));
  EXPECT_FALSE(parse_pghp("$PGHP,2,2010,6,11,11,46,11,390*30", p));
}

namespace {
// "$" + body + "*hh" with the right checksum.
std::string with_sum(char lead, const std::string& body) {
  char hex[4];
  std::snprintf(hex, sizeof hex, "%02X", nmea_xor(body));
  return std::string(1, lead) + body + "*" + hex;
}
}  // namespace

TEST(Timestamps, GatehousePghpUnusualShapes) {
  // The fast path reads 1-4 digit fields in the first 64 bytes; anything else takes
  // the general path and must give the same answers.
  Pghp p;
  ASSERT_TRUE(parse_pghp(with_sum('$', "PGHP,1,02014,010,02,16,30,03,0887,219,1,992190917,1,7B"), p));
  EXPECT_EQ(format_iso8601(p.time), "2014-10-02T16:30:03.887Z");
  EXPECT_EQ(p.checksum_of_next, 0x7B);
  const std::string long_station(60, 'S');  // the '*' beyond byte 64
  // p.station views the line: keep the line alive while it is read.
  const std::string long_line = with_sum('$', "PGHP,1,2014,10,2,16,30,3,887,219,1," + long_station + ",1,7B");
  ASSERT_TRUE(parse_pghp(long_line, p));
  EXPECT_EQ(p.station, long_station);
  EXPECT_EQ(p.checksum_of_next, 0x7B);
  EXPECT_EQ(format_iso8601(p.time), "2014-10-02T16:30:03.887Z");
  // Exactly eight fields (the '*' ends the milliseconds), then too few.
  ASSERT_TRUE(parse_pghp(with_sum('$', "PGHP,1,2014,10,2,16,30,3,887"), p));
  EXPECT_EQ(p.checksum_of_next, -1);
  EXPECT_EQ(p.station, "");
  EXPECT_FALSE(parse_pghp(with_sum('$', "PGHP,1,2014,10,2,16,30,3"), p));
  EXPECT_FALSE(parse_pghp(with_sum('$', "PGHP,1,2014,10,2,16,3x,3,887,219,1,9,1,7B"), p));  // not a digit
  EXPECT_FALSE(parse_pghp(with_sum('$', "PGHP,1,2014,10,2,16,,3,887,219,1,9,1,7B"), p));    // empty field
  EXPECT_FALSE(parse_pghp(with_sum('$', "PGHP,01,2014,10,2,16,30,3,887,219,1,9,1,7B"), p));  // type "01"
  EXPECT_FALSE(parse_pghp(with_sum('$', "PGHP,1,2014,13,2,16,30,3,887,219,1,9,1,7B"), p));   // month 13
  EXPECT_FALSE(parse_pghp("$PGHP,1,2014,10,2,16,30,3,887,219,1,992190917,1,7B*5", p));      // one hex digit
}

TEST(ParseVdm, LayoutsOutsideTheFastPath) {
  VdmSentence v;
  // A '*' inside the payload: the checksum runs to the '*' after the fill field.
  const std::string star_inside = with_sum('!', "AIVDM,1,1,,A,13u?etPv2;0n*dDPw,0");
  EXPECT_EQ(parse_vdm(star_inside, v), LineError::None);  // (the views point into the line)
  EXPECT_EQ(v.payload, "13u?etPv2;0n*dDPw");
  // A comma in the talker is not a field separator; a comma in the payload is a field.
  const std::string comma_talker = with_sum('!', "B,VDM,1,1,,A,13u?etPv2;0n:dDPw,0");
  EXPECT_EQ(parse_vdm(comma_talker, v), LineError::None);
  EXPECT_EQ(v.payload, "13u?etPv2;0n:dDPw");
  EXPECT_EQ(parse_vdm(with_sum('!', "AIVDM,1,1,,A,13u?et,Pv2;0n:dDPw,0"), v), LineError::MalformedSentence);
  // Empty fill and empty payload; a two-character fill field.
  EXPECT_EQ(parse_vdm(with_sum('!', "AIVDM,2,2,1,A,888,"), v), LineError::None);
  EXPECT_EQ(v.fill, 0);
  EXPECT_EQ(parse_vdm(with_sum('!', "AIVDM,1,1,,A,,"), v), LineError::None);
  EXPECT_TRUE(v.payload.empty());
  EXPECT_EQ(parse_vdm(with_sum('!', "AIVDM,1,1,,A,13u?etPv2;0n:dDPw,00"), v), LineError::MalformedSentence);
  // Checksum errors are still reported as such on every shape.
  EXPECT_EQ(parse_vdm("!AIVDM,1,1,,A,13u?etPv2;0n:dDPw,00*00", v), LineError::BadChecksum);
  EXPECT_EQ(parse_vdm("!AIVDM,1,1,,A,,*00", v), LineError::BadChecksum);
}

TEST(Timestamps, IsoFormattingAcrossDaysKeepsNoStaleDate) {
  // format_iso8601 keeps the date of its previous call; alternate days and signs.
  EXPECT_EQ(format_iso8601(1412267403887), "2014-10-02T16:30:03.887Z");
  EXPECT_EQ(format_iso8601(1412267403000 + 86400000), "2014-10-03T16:30:03Z");
  EXPECT_EQ(format_iso8601(1412267403005), "2014-10-02T16:30:03.005Z");
  EXPECT_EQ(format_iso8601(-1), "1969-12-31T23:59:59.999Z");
  EXPECT_EQ(format_iso8601(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_iso8601(951782400000), "2000-02-29T00:00:00Z");  // leap day
  EXPECT_EQ(format_iso8601(kUnknownTime), "");
}

TEST(Timestamps, GatehouseWrappersSharingAMinute) {
  // The minute of the previous wrapper is reused when its text is identical.
  Pghp p;
  ASSERT_TRUE(parse_pghp(with_sum('$', "PGHP,1,2014,10,2,16,30,3,887,219,1,992190917,1,7B"), p));
  EXPECT_EQ(format_iso8601(p.time), "2014-10-02T16:30:03.887Z");
  ASSERT_TRUE(parse_pghp(with_sum('$', "PGHP,1,2014,10,2,16,30,59,1,219,1,992190917,1,7B"), p));
  EXPECT_EQ(format_iso8601(p.time), "2014-10-02T16:30:59.001Z");
  EXPECT_FALSE(parse_pghp(with_sum('$', "PGHP,1,2014,10,2,16,30,61,1,219,1,992190917,1,7B"), p));
  EXPECT_FALSE(parse_pghp(with_sum('$', "PGHP,1,2014,10,2,16,30,5,1000,219,1,992190917,1,7B"), p));
  ASSERT_TRUE(parse_pghp(with_sum('$', "PGHP,1,2014,10,2,16,3,0,0,219,1,992190917,1,7B"), p));
  EXPECT_EQ(format_iso8601(p.time), "2014-10-02T16:03:00Z");  // "16,3," is another minute
  ASSERT_TRUE(parse_pghp(with_sum('$', "PGHP,1,2014,10,21,6,30,0,0,219,1,992190917,1,7B"), p));
  EXPECT_EQ(format_iso8601(p.time), "2014-10-21T06:30:00Z");
  ASSERT_TRUE(parse_pghp(with_sum('$', "PGHP,1,2014,10,2,16,30,60,0,219,1,992190917,1,7B"), p));
  EXPECT_EQ(format_iso8601(p.time), "2014-10-02T16:31:00Z");  // leap second, as utc_to_ms
}

TEST(Names, LegendsNeedNoJsonEscaping) {
  // The JSON writer copies these legends without its escape scan (others, such as
  // signal_text's 'I = "in-bound" only acceptable.', do need escaping).
  for (unsigned v = 0; v < 10000; ++v) {
    for (std::string_view s : {status_text(v), shiptype_text(v), epfd_text(v), aid_type_text(v),
                               station_type_text(v)}) {
      ASSERT_FALSE(s.empty());
      for (char c : s) ASSERT_TRUE(c != '"' && c != '\\' && static_cast<unsigned char>(c) >= 0x20) << s;
    }
  }
  EXPECT_EQ(signal_text(9), "I = \"in-bound\" only acceptable.");
}

namespace {
// A VDM/VDO sentence of random shape: header fields of 0-5 characters, payloads holding stray
// ',' or '*', fill fields of 0-2 characters, trailers, and some damage after the checksum is
// set. Two in three have the usual one-character header fields.
std::string random_sentence(std::mt19937& rng) {
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  auto field = [&](const char* alphabet, int max_len) {
    std::string f;
    for (int n = pick(max_len + 1); n > 0; --n) f += alphabet[pick(static_cast<int>(std::strlen(alphabet)))];
    return f;
  };
  const int common = pick(3);  // 2 of 3: the usual header, to reach the fast path's header read
  std::string body = (pick(6) ? "AI" : field("AB,S*", 2)) + std::string(pick(4) ? "VDM" : "VDO");
  auto add = [&](const std::string& f) {  // (appended in two steps: GCC 12 warns on "," + f)
    body += ',';
    body += f;
  };
  add(common ? std::string(1, "12"[pick(2)]) : field("0123456789A", 4));
  add(common ? std::string(1, "12"[pick(2)]) : field("0123456789", 4));
  add(common ? field("0123456789", 1) : field("0123456789x", 5));
  add(common ? std::string(1, "AB12"[pick(4)]) : field("ABCD12x", 4));
  std::string payload = field("0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVW`abcdefghijklmnopqrstuvw", 60);
  if (!payload.empty() && pick(10) == 0) payload[pick(static_cast<int>(payload.size()))] = ",*"[pick(2)];
  add(payload);
  add(pick(5) ? field("012345", 1) : field("0123456x", 2));
  std::string line = with_sum('!', body);
  if (pick(4) == 0) line += ",s2573135,d-105,T44.1,x1,1333238400";
  switch (pick(10)) {  // damage some
    case 0: line[line.size() - 1] ^= 1; break;
    case 1: line[1 + pick(static_cast<int>(line.size()) - 1)] = ",*A1"[pick(4)]; break;
    case 2: line.resize(line.size() - 1 - pick(3)); break;
    default: break;
  }
  return line;
}
}  // namespace

TEST(ParseVdm, FastPathEqualsTheGeneralParser) {
  std::mt19937 rng(1371);
  int fast_shape = 0, accepted = 0;
  for (int i = 0; i < 200000; ++i) {
    const std::string s = random_sentence(rng);
    if (s.size() < 7 || s[6] != ',') continue;  // refused before either path looks
    VdmSentence a, b;
    const LineError ea = parse_vdm(s, a), eb = detail::parse_vdm_general(s, b);
    ASSERT_EQ(ea, eb) << s;
    accepted += ea == LineError::None;
    // The fast path's shape: exactly six commas before the first '*'.
    const std::size_t star = s.find('*');
    fast_shape += star != std::string::npos && std::count(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(star), ',') == 6;
    if (ea != LineError::None) continue;  // partial fields of a refused sentence are not used
    auto at = [&](std::string_view v) { return v.empty() ? -1 : v.data() - s.data(); };
    ASSERT_EQ(a.payload, b.payload) << s;
    ASSERT_EQ(at(a.payload), at(b.payload)) << s;
    ASSERT_EQ(a.talker, b.talker) << s;
    ASSERT_EQ(a.trailer, b.trailer) << s;
    ASSERT_EQ(a.own_ship, b.own_ship) << s;
    ASSERT_EQ(a.total, b.total) << s;
    ASSERT_EQ(a.number, b.number) << s;
    ASSERT_EQ(a.seq_id, b.seq_id) << s;
    ASSERT_EQ(a.channel, b.channel) << s;
    ASSERT_EQ(a.fill, b.fill) << s;
    ASSERT_EQ(a.checksum, b.checksum) << s;
  }
  // Both outcomes and the fast path's usual shape must be reached for the comparison to mean anything.
  EXPECT_GT(fast_shape, 50000);
  EXPECT_GT(accepted, 30000);
  EXPECT_GT(200000 - accepted, 30000);
}
