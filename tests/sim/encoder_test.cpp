// The AIS encoder against real sentences (gpsd's sample) and the project's decoder.
#include <gtest/gtest.h>

#include <string>

#include "ais/encoder.h"
#include "ais/payload.h"

namespace ais = seawarden::ais;

namespace {

std::string single_sentence(const ais::EncodedPayload& p, char channel = 'A') {
  std::string out;
  ais::SentenceOptions opt;
  opt.channel = channel;
  ais::append_sentences(out, p, opt);
  return out;
}

}  // namespace

// gpsd sample.aivdm line 1: !AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A
// (field values as gpsdecode -u prints them).
TEST(Encoder, Type1MatchesRealSentence) {
  ais::Message m;
  m.type = 1;
  m.mmsi = 371798000;
  ais::PositionA p;
  p.status = 0;
  p.turn = -127;
  p.speed = 123;
  p.accuracy = true;
  p.lon = -74037230;
  p.lat = 29028980;
  p.course = 2240;
  p.heading = 215;
  p.second = 33;
  p.maneuver = 0;
  p.raim = false;
  p.radio = 34017;
  m.body = p;
  ais::EncodedPayload out;
  ASSERT_TRUE(ais::encode_payload(m, out));
  EXPECT_EQ(out.view(), "15RTgt0PAso;90TKcjM8h6g208CQ");
  EXPECT_EQ(out.fill_bits, 0);
  EXPECT_EQ(single_sentence(out), "!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A\n");
}

// gpsd sample: the two-fragment type 5 of EVER DIADEM (text fields padded with spaces there).
TEST(Encoder, Type5MatchesRealSentenceAndSplits) {
  ais::Message m;
  m.type = 5;
  m.mmsi = 351759000;
  ais::StaticVoyage v;
  v.ais_version = 0;
  v.imo = 9134270;
  v.callsign.assign("3FOF8  ");
  v.shipname.assign("EVER DIADEM         ");
  v.shiptype = 70;
  v.to_bow = 225, v.to_stern = 70, v.to_port = 1, v.to_starboard = 31;
  v.epfd = 1;
  v.month = 5, v.day = 15, v.hour = 14, v.minute = 0;
  v.draught = 122;
  v.destination.assign("NEW YORK            ");
  v.dte = false;
  m.body = v;
  ais::EncodedPayload out;
  ASSERT_TRUE(ais::encode_payload(m, out));
  EXPECT_EQ(out.view(), "55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp888888888880");
  EXPECT_EQ(out.fill_bits, 2);
  std::string text;
  ais::SentenceOptions opt;
  opt.sequence_id = 1;
  ais::append_sentences(text, out, opt);
  EXPECT_EQ(text,
            "!AIVDM,2,1,1,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*1C\n"
            "!AIVDM,2,2,1,A,88888888880,2*25\n");
}

TEST(Encoder, TagBlocksCarryStationTimeAndGroup) {
  ais::EncodedPayload p;
  ais::Message m;
  m.type = 5;
  m.mmsi = 412000001;
  m.body = ais::StaticVoyage{};
  ASSERT_TRUE(ais::encode_payload(m, p));
  std::string text;
  ais::SentenceOptions opt;
  opt.station = "CN-DALIAN";
  opt.rx_time = 1715212800000;
  opt.group_id = 42;
  EXPECT_EQ(ais::append_sentences(text, p, opt), 2);
  const auto nl = text.find('\n');
  const std::string first = text.substr(0, nl), second = text.substr(nl + 1);
  EXPECT_EQ(first.rfind("\\g:1-2-42,s:CN-DALIAN,c:1715212800*", 0), 0u) << first;
  EXPECT_EQ(second.rfind("\\g:2-2-42*", 0), 0u) << second;
  // Both checksums (tag block and sentence) verify.
  for (const std::string& line : {first, second}) {
    const auto star = line.find('*');
    const auto close = line.find('\\', 1);
    ASSERT_NE(close, std::string::npos);
    const std::string tag = line.substr(1, star - 1);
    EXPECT_EQ(std::stoi(line.substr(star + 1, 2), nullptr, 16), ais::nmea_checksum(tag));
    const std::string sentence = line.substr(close + 1);
    const auto s_star = sentence.rfind('*');
    EXPECT_EQ(std::stoi(sentence.substr(s_star + 1, 2), nullptr, 16),
              ais::nmea_checksum(sentence.substr(1, s_star - 1)));
  }
}

TEST(Encoder, RoundTripsThroughDecoder) {
  // Class A position with negative coordinates and turn.
  {
    ais::Message m;
    m.type = 3;
    m.mmsi = 445123456;
    ais::PositionA p;
    p.status = 1, p.turn = -20, p.speed = 3, p.lon = 124 * 600000 + 12345, p.lat = -(38 * 600000 + 4321);
    p.course = 3599, p.heading = 511, p.second = 59, p.radio = 0x7FFFF;
    m.body = p;
    ais::EncodedPayload out;
    ASSERT_TRUE(ais::encode_payload(m, out));
    ais::Message d;
    ASSERT_EQ(ais::decode_payload(out.view(), out.fill_bits, d), ais::PayloadError::None);
    EXPECT_EQ(d.type, 3);
    EXPECT_EQ(d.mmsi, 445123456u);
    const auto& q = std::get<ais::PositionA>(d.body);
    EXPECT_EQ(q.status, 1);
    EXPECT_EQ(q.turn, -20);
    EXPECT_EQ(q.lon, p.lon);
    EXPECT_EQ(q.lat, p.lat);
    EXPECT_EQ(q.course, 3599);
    EXPECT_EQ(q.radio, 0x7FFFFu);
  }
  // Class B position, extended class B, static B parts A and B, long range.
  {
    ais::Message m;
    m.type = 18;
    m.mmsi = 413999001;
    ais::PositionB p;
    p.speed = 55, p.lon = -600000, p.lat = 600000, p.course = 1234, p.second = 7, p.cs = true, p.msg22 = true;
    m.body = p;
    ais::EncodedPayload out;
    ASSERT_TRUE(ais::encode_payload(m, out));
    EXPECT_EQ(out.len, 28);
    ais::Message d;
    ASSERT_EQ(ais::decode_payload(out.view(), out.fill_bits, d), ais::PayloadError::None);
    const auto& q = std::get<ais::PositionB>(d.body);
    EXPECT_EQ(q.lon, -600000);
    EXPECT_EQ(q.speed, 55);
    EXPECT_TRUE(q.cs);
    EXPECT_TRUE(q.msg22);
  }
  {
    ais::Message m;
    m.type = 19;
    m.mmsi = 440000123;
    ais::ExtendedB p;
    p.speed = 80, p.lon = 75000000, p.lat = 22000000, p.shipname.assign("HANA 7 HO"), p.shiptype = 37;
    p.to_bow = 10, p.to_stern = 5, p.to_port = 2, p.to_starboard = 3, p.epfd = 1;
    m.body = p;
    ais::EncodedPayload out;
    ASSERT_TRUE(ais::encode_payload(m, out));
    ais::Message d;
    ASSERT_EQ(ais::decode_payload(out.view(), out.fill_bits, d), ais::PayloadError::None);
    const auto& q = std::get<ais::ExtendedB>(d.body);
    EXPECT_EQ(q.shipname.view(), "HANA 7 HO");
    EXPECT_EQ(q.shiptype, 37);
    EXPECT_EQ(q.to_starboard, 3);
  }
  for (int part = 0; part < 2; ++part) {
    ais::Message m;
    m.type = 24;
    m.mmsi = 413000777;
    ais::StaticB s;
    s.partno = static_cast<std::uint8_t>(part);
    s.shipname.assign("LU RONG YU 1234");
    s.shiptype = 30;
    s.callsign.assign("BXYZ9");
    s.to_bow = 20, s.to_stern = 8, s.to_port = 3, s.to_starboard = 3;
    m.body = s;
    ais::EncodedPayload out;
    ASSERT_TRUE(ais::encode_payload(m, out));
    EXPECT_EQ(out.len, part == 0 ? 27 : 28);
    ais::Message d;
    ASSERT_EQ(ais::decode_payload(out.view(), out.fill_bits, d), ais::PayloadError::None);
    const auto& q = std::get<ais::StaticB>(d.body);
    EXPECT_EQ(q.partno, part);
    if (part == 0) {
      EXPECT_EQ(q.shipname.view(), "LU RONG YU 1234");
    } else {
      EXPECT_EQ(q.callsign.view(), "BXYZ9");
      EXPECT_EQ(q.shiptype, 30);
      EXPECT_EQ(q.to_bow, 20);
    }
  }
  {
    ais::Message m;
    m.type = 27;
    m.mmsi = 636012345;
    ais::LongRange p;
    p.status = 0, p.lon = 124 * 600 + 17, p.lat = 38 * 600 + 31, p.speed = 11, p.course = 271;
    m.body = p;
    ais::EncodedPayload out;
    ASSERT_TRUE(ais::encode_payload(m, out));
    EXPECT_EQ(out.len, 16);
    ais::Message d;
    ASSERT_EQ(ais::decode_payload(out.view(), out.fill_bits, d), ais::PayloadError::None);
    const auto& q = std::get<ais::LongRange>(d.body);
    EXPECT_EQ(q.lon, p.lon);
    EXPECT_EQ(q.lat, p.lat);
    EXPECT_EQ(q.speed, 11);
    EXPECT_EQ(q.course, 271);
  }
}

TEST(Encoder, RejectsMismatchedBody) {
  ais::Message m;
  m.type = 1;
  m.body = ais::StaticVoyage{};
  ais::EncodedPayload out;
  EXPECT_FALSE(ais::encode_payload(m, out));
  m.type = 8;
  EXPECT_FALSE(ais::encode_payload(m, out));
}
