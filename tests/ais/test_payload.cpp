// Payload decoder: field layouts, length policy and armoring, on messages built bit by
// bit (tests/ais/payload_builder.h) and on a few well-known public sentences.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "ais/bits.h"
#include "ais/json_writer.h"
#include "ais/payload.h"
#include "ais/payload_builder.h"
#include "ais/static_pairing.h"

namespace {

using namespace seawarden::ais;
using seawarden::testing::PayloadBuilder;

PayloadError decode(const PayloadBuilder& b, Message& m) {
  const auto [payload, fill] = b.armor();
  return decode_payload(payload, fill, m);
}

nlohmann::json to_json(const Message& m, bool scaled = true) {
  Received r;
  r.msg = m;
  std::string s;
  append_json(r, {scaled, false}, s);
  return nlohmann::json::parse(s);
}

PayloadBuilder type1(unsigned extra_bits = 0) {
  PayloadBuilder b;
  b.header(1, 244660274)
      .u(7, 4)          // status: engaged in fishing
      .s(-20, 8)        // turn
      .u(123, 10)       // speed 12.3 kn
      .u(1, 1)          // accuracy
      .s(-4442420, 28)  // lon -7.403 deg
      .s(29028980, 27)  // lat 48.3816333 deg
      .u(2240, 12)      // course
      .u(215, 9)        // heading
      .u(33, 6)         // second
      .u(1, 2)          // maneuver
      .u(0, 3)          // spare
      .u(1, 1)          // raim
      .u(34017, 19);    // radio
  b.u(0, extra_bits);
  return b;
}

TEST(Payload, ClassicType1Sentence) {
  Message m;
  ASSERT_EQ(decode_payload("15RTgt0PAso;90TKcjM8h6g208CQ", 0, m), PayloadError::None);
  EXPECT_EQ(m.type, 1);
  EXPECT_EQ(m.mmsi, 371798000u);
  const auto& p = std::get<PositionA>(m.body);
  EXPECT_EQ(p.status, 0);
  EXPECT_EQ(p.turn, -127);
  EXPECT_EQ(p.speed, 123);
  EXPECT_TRUE(p.accuracy);
  EXPECT_EQ(p.lon, -74037230);
  EXPECT_EQ(p.lat, 29028980);
  EXPECT_EQ(p.course, 2240);
  EXPECT_EQ(p.heading, 215);
  EXPECT_EQ(p.second, 33);
  EXPECT_EQ(p.radio, 34017u);
  EXPECT_EQ(m.warning, Warning::None);
}

TEST(Payload, BuiltType1AllFields) {
  Message m;
  ASSERT_EQ(decode(type1(), m), PayloadError::None);
  const auto& p = std::get<PositionA>(m.body);
  EXPECT_EQ(m.mmsi, 244660274u);
  EXPECT_EQ(p.status, 7);
  EXPECT_EQ(p.turn, -20);
  EXPECT_EQ(p.lon, -4442420);
  EXPECT_EQ(p.lat, 29028980);
  EXPECT_EQ(p.maneuver, 1);
  EXPECT_TRUE(p.raim);
  EXPECT_EQ(p.radio, 34017u);
  const auto j = to_json(m);
  EXPECT_EQ(j["lon"].get<double>(), -7.4040333);
  EXPECT_EQ(j["turn"], "-17.86");  // (20 / 4.733)^2
  EXPECT_EQ(j["status_text"], "Engaged in fishing");
}

TEST(Payload, Type1With204BitsIsAcceptedWithWarning) {
  Message m;
  ASSERT_EQ(decode(type1(36), m), PayloadError::None);
  EXPECT_EQ(m.warning, Warning::LongPayload);
  EXPECT_EQ(std::get<PositionA>(m.body).lat, 29028980);
}

TEST(Payload, ShortType1KeepsCompleteFieldsOnly) {
  // 150 bits: everything up to the RAIM flag is there; the radio status is cut.
  PayloadBuilder b = type1();
  auto [full, fill] = b.armor();
  Message m;
  ASSERT_EQ(decode_payload(full.substr(0, 25), 0, m), PayloadError::None);
  EXPECT_EQ(m.warning, Warning::ShortPayload);
  EXPECT_EQ(std::get<PositionA>(m.body).heading, 215);
  // 102 bits: the longitude is complete, the latitude is not -> unusable, and the
  // latitude keeps its "not available" value instead of a bogus one.
  ASSERT_EQ(decode_payload(full.substr(0, 17), 0, m), PayloadError::WrongLength);
  const auto& p = std::get<PositionA>(m.body);
  EXPECT_EQ(p.lon, -4442420);
  EXPECT_EQ(p.lat, kLatNotAvailable);
  EXPECT_EQ(p.course, kCourseNotAvailable);
}

TEST(Payload, Type24PartASentAs160Bits) {
  PayloadBuilder b;
  b.header(24, 271041815).u(0, 2).text("PROGUY", 20);
  ASSERT_EQ(b.size(), 160u);
  Message m;
  ASSERT_EQ(decode(b, m), PayloadError::None);
  EXPECT_EQ(m.warning, Warning::NonStandardSize);
  const auto& s = std::get<StaticB>(m.body);
  EXPECT_EQ(s.partno, 0);
  EXPECT_EQ(s.shipname.view(), "PROGUY");
  EXPECT_EQ(to_json(m)["part"], "A");
}

TEST(Payload, Type24PartBAndPairing) {
  PayloadBuilder a;
  a.header(24, 271041815).u(0, 2).text("PROGUY", 20).u(0, 8);
  PayloadBuilder b;
  b.header(24, 271041815).u(1, 2).u(60, 8).text("1D0", 3).u(12, 4).u(199796, 20)
      .text("TC6163", 7).u(0, 9).u(15, 9).u(0, 6).u(5, 6).u(0, 6);
  Message ma, mb;
  ASSERT_EQ(decode(a, ma), PayloadError::None);
  ASSERT_EQ(decode(b, mb), PayloadError::None);
  EXPECT_EQ(ma.warning, Warning::None);
  const auto& pb = std::get<StaticB>(mb.body);
  EXPECT_EQ(pb.shiptype, 60);
  EXPECT_EQ(pb.model, 12);
  EXPECT_EQ(pb.serial, 199796u);
  EXPECT_EQ(pb.callsign.view(), "TC6163");
  EXPECT_EQ(pb.to_stern, 15);
  EXPECT_EQ(pb.to_starboard, 5);
  EXPECT_EQ(to_json(mb)["part"], "B");
  StaticBPairing pairing;
  EXPECT_FALSE(pairing.pair(ma));
  EXPECT_TRUE(pairing.pair(mb));
  EXPECT_FALSE(pairing.pair(mb));  // already merged
  const auto j = to_json(mb);
  EXPECT_FALSE(j.contains("part"));
  EXPECT_EQ(j["shipname"], "PROGUY");
  EXPECT_EQ(j["callsign"], "TC6163");
}

TEST(Payload, AuxiliaryCraftCarriesMothership) {
  PayloadBuilder b;
  b.header(24, 982710123).u(1, 2).u(52, 8).text("ABC", 3).u(0, 24).text("X", 7)
      .u(271041815, 30).u(0, 6);
  Message m;
  ASSERT_EQ(decode(b, m), PayloadError::None);
  EXPECT_EQ(std::get<StaticB>(m.body).mothership_mmsi, 271041815u);
  EXPECT_EQ(to_json(m)["mothership_mmsi"], 271041815u);
}

TEST(Payload, Type27LongRange) {
  PayloadBuilder b;
  b.header(27, 206914217, 1).u(0, 1).u(0, 1).u(2, 4).s(82214, 18).s(2904, 17).u(57, 6)
      .u(167, 9).u(0, 1).u(0, 1);
  ASSERT_EQ(b.size(), 96u);
  Message m;
  ASSERT_EQ(decode(b, m), PayloadError::None);
  EXPECT_EQ(m.warning, Warning::None);
  const auto& p = std::get<LongRange>(m.body);
  EXPECT_EQ(p.lon, 82214);
  EXPECT_EQ(p.lat, 2904);
  EXPECT_EQ(p.speed, 57);
  const auto j = to_json(m);
  EXPECT_EQ(j["lon"].get<double>(), 137.0233);
  EXPECT_EQ(j["lat"].get<double>(), 4.84);
  // The same report sent in a whole 168-bit slot, as some transmitters do.
  b.u(0, 72);
  ASSERT_EQ(decode(b, m), PayloadError::None);
  EXPECT_EQ(m.warning, Warning::LongPayload);
  EXPECT_EQ(std::get<LongRange>(m.body).lon, 82214);
}

TEST(Payload, Type5LengthPolicy) {
  PayloadBuilder b;
  b.header(5, 351759000).u(0, 2).u(9134270, 30).text("3FOF8", 7).text("EVER DIADEM", 20)
      .u(70, 8).u(225, 9).u(70, 9).u(1, 6).u(31, 6).u(1, 4).u(5, 4).u(15, 5).u(14, 5)
      .u(0, 6).u(122, 8).text("NEW YORK", 20);
  ASSERT_EQ(b.size(), 422u);
  Message m;
  ASSERT_EQ(decode(b, m), PayloadError::None);  // 422 bits: common, tolerated
  EXPECT_EQ(m.warning, Warning::ShortPayload);
  const auto& p = std::get<StaticVoyage>(m.body);
  EXPECT_EQ(p.imo, 9134270u);
  EXPECT_EQ(p.callsign.view(), "3FOF8");
  EXPECT_EQ(p.shipname.view(), "EVER DIADEM");
  EXPECT_EQ(p.destination.view(), "NEW YORK");
  EXPECT_EQ(p.draught, 122);
  EXPECT_EQ(to_json(m)["eta"], "05-15T14:00Z");
  b.u(0, 2);
  ASSERT_EQ(decode(b, m), PayloadError::None);
  EXPECT_EQ(m.warning, Warning::None);
  // 414 bits: the destination is cut -> unusable, but the identity is still there.
  const auto [payload, fill] = b.armor();
  ASSERT_EQ(decode_payload(payload.substr(0, 69), 0, m), PayloadError::WrongLength);
  EXPECT_EQ(std::get<StaticVoyage>(m.body).shipname.view(), "EVER DIADEM");
}

TEST(Payload, BadArmoringCharacters) {
  Message m;
  const std::string good = "15RTgt0PAso;90TKcjM8h6g208CQ";
  for (int c = 0; c < 256; ++c) {
    const bool valid = (c >= '0' && c <= 'W') || (c >= '`' && c <= 'w');
    std::string p = good;
    p[10] = static_cast<char>(c);
    const auto err = decode_payload(p, 0, m);
    if (valid) EXPECT_NE(err, PayloadError::BadArmoring) << c;
    else EXPECT_EQ(err, PayloadError::BadArmoring) << c;
  }
}

TEST(Payload, FillBitsZeroToFive) {
  // A type 8 whose length is not a multiple of 6: the fill bits say how many of the
  // last character's bits are padding, and the binary data length follows.
  for (int extra = 0; extra < 6; ++extra) {
    PayloadBuilder b;
    b.header(8, 2300057).u(0, 2).u(366, 10).u(56, 6).u(0xABCDEF, 24).u(0, static_cast<unsigned>(extra));
    const auto [payload, fill] = b.armor();
    ASSERT_GE(fill, 0);
    ASSERT_LE(fill, 5);
    Message m;
    ASSERT_EQ(decode_payload(payload, fill, m), PayloadError::None) << extra;
    const auto& raw = std::get<RawBits>(std::get<BinaryBroadcast>(std::get<OtherBody>(m.body)).app);
    EXPECT_EQ(raw.bit_count, 24u + static_cast<unsigned>(extra));
    EXPECT_EQ(raw.bytes[0], 0xAB);
    EXPECT_EQ(raw.bytes[2], 0xEF);
  }
  // Out-of-range fill values are clamped, never trusted as a length.
  Message m;
  EXPECT_EQ(decode_payload("15RTgt0PAso;90TKcjM8h6g208CQ", 9, m), PayloadError::None);
  EXPECT_EQ(m.warning, Warning::ShortPayload);
}

TEST(Payload, UnknownTypesAndEmptyPayloads) {
  Message m;
  EXPECT_EQ(decode_payload("", 0, m), PayloadError::WrongLength);
  EXPECT_EQ(decode_payload("0", 0, m), PayloadError::UnknownType);  // type 0
  for (char c : std::string("LMNOPQRSTUVW`abcdefghijklmnopqrstuvw")) {  // 28..63
    EXPECT_EQ(decode_payload(std::string(1, c) + "00000", 0, m), PayloadError::UnknownType) << c;
  }
  EXPECT_EQ(decode_payload("1", 0, m), PayloadError::WrongLength);  // header incomplete
  EXPECT_EQ(m.type, 1);
}

TEST(Payload, SixbitTextStopsAtAtAndTrims) {
  PayloadBuilder b;
  b.header(14, 351809000).u(0, 2).text("HELLO  ", 7).text("", 2).text("X", 1);
  Message m;
  ASSERT_EQ(decode(b, m), PayloadError::None);
  EXPECT_EQ(std::get<SafetyText>(std::get<OtherBody>(m.body)).view(), "HELLO");
}

TEST(Payload, MeteoHydro289Scaling) {
  PayloadBuilder b;
  b.header(8, 992509977).u(0, 2).u(1, 10).u(31, 6)
      .s(-368040, 25).s(3197696, 24).u(0, 1).u(29, 5).u(23, 5).u(24, 6)  // pos, time
      .u(12, 7).u(15, 7).u(250, 9).u(260, 9)   // wind
      .s(-12, 11).u(80, 7).s(-35, 10).u(214, 9).u(1, 2)  // air
      .u(0, 1).u(53, 7).u(1538, 12).u(0, 2)    // visibility, water level
      .u(0, 8 + 9 + 8 + 9 + 5 + 8 + 9 + 5)     // currents
      .u(0, 8 + 6 + 9 + 8 + 6 + 9 + 4)         // waves, swell, sea state
      .s(-5, 10).u(2, 3).u(300, 9).u(1, 2).u(0, 10);
  Message m;
  ASSERT_EQ(decode(b, m), PayloadError::None);
  const auto j = to_json(m);
  EXPECT_EQ(j["fid"], 31);
  EXPECT_EQ(j["airtemp"].get<double>(), -1.2);
  EXPECT_EQ(j["dewpoint"].get<double>(), -3.5);
  EXPECT_EQ(j["pressure"], 1013);
  EXPECT_EQ(j["pressuretend"], "increasing");
  EXPECT_EQ(j["waterlevel"].get<double>(), 5.4);
  EXPECT_EQ(j["watertemp"].get<double>(), -0.5);
  EXPECT_EQ(j["preciptype"], "thunderstorm");
  EXPECT_EQ(j["ice"], "yes");
  EXPECT_EQ(j["salinity"].get<double>(), 30.0);
}

TEST(Payload, BitReaderNeverReadsPastTheBuffer) {
  PayloadBits bits;
  ASSERT_TRUE(bits.load("w", 0));
  EXPECT_EQ(bits.bit_count(), 6u);
  EXPECT_EQ(bits.u(0, 6), 63u);
  EXPECT_EQ(bits.u(6, 57), 0u);
  // Not a constant: GCC 12 would otherwise "prove" the guarded load out of bounds (-Warray-bounds).
  volatile std::size_t far_past_the_end = 100000;
  EXPECT_EQ(bits.u(far_past_the_end, 30), 0u);
  EXPECT_EQ(bits.s(0, 6), -1);
  const std::string huge(5000, 'w');
  ASSERT_TRUE(bits.load(huge, 0));
  EXPECT_TRUE(bits.truncated());
  EXPECT_EQ(bits.bit_count(), PayloadBits::kMaxChars * 6);
}

}  // namespace

TEST(PayloadBits, VectorDearmoringMatchesBitByBitAtEveryLength) {
  // The de-armoring works 16 characters at a time with an overlapping last block;
  // compare with a one-bit-at-a-time reference for every length and a bad character
  // at every position.
  std::uint32_t rng = 12345;
  auto next = [&] { return rng = rng * 1103515245u + 12345u; };
  const std::string alphabet = "0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVW`abcdefghijklmnopqrstuvw";
  ASSERT_EQ(alphabet.size(), 64u);
  for (std::size_t len = 0; len <= 90; ++len) {
    std::string text;
    std::vector<int> bits;
    for (std::size_t i = 0; i < len; ++i) {
      const int v = static_cast<int>(next() >> 16) & 63;
      text += alphabet[static_cast<std::size_t>(v)];
      for (int b = 5; b >= 0; --b) bits.push_back((v >> b) & 1);
    }
    PayloadBits pb;
    ASSERT_TRUE(pb.load(text, 0)) << len;
    ASSERT_EQ(pb.bit_count(), 6 * len);
    ASSERT_EQ(pb.used_bytes(), (6 * len + 7) / 8);
    for (std::size_t i = 0; i < bits.size(); ++i) ASSERT_EQ(pb.u(i, 1), static_cast<std::uint64_t>(bits[i])) << len << " " << i;
    for (std::size_t i = bits.size(); i < 8 * pb.used_bytes(); ++i) ASSERT_EQ(pb.u(i, 1), 0u);  // zero padding
    for (std::size_t bad = 0; bad < len; ++bad) {
      for (char c : {'X', '_', ',', '*', '\x80', '/', 'x'}) {
        std::string broken = text;
        broken[bad] = c;
        EXPECT_FALSE(pb.load(broken, 0)) << len << " " << bad << " " << c;
      }
    }
  }
}
