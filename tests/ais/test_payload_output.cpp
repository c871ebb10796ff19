// JSON metadata, string escaping and the CSV writer.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "ais/csv_writer.h"
#include "ais/json_writer.h"
#include "ais/payload.h"
#include "ais/payload_builder.h"

namespace {

using namespace seawarden::ais;
using seawarden::testing::PayloadBuilder;

Received classic_type1() {
  Received r;
  EXPECT_EQ(decode_payload("15RTgt0PAso;90TKcjM8h6g208CQ", 0, r.msg), PayloadError::None);
  return r;
}

TEST(PayloadJson, GpsdScaledFormat) {
  Received r = classic_type1();
  std::string s;
  append_json(r, {true, false}, s);
  EXPECT_EQ(s,
            "{\"class\":\"AIS\",\"device\":\"stdin\",\"type\":1,\"repeat\":0,\"mmsi\":371798000,"
            "\"scaled\":true,\"status\":0,\"status_text\":\"Under way using engine\","
            "\"turn\":\"fastleft\",\"speed\":12.3,\"accuracy\":true,\"lon\":-123.3953833,"
            "\"lat\":48.3816333,\"course\":224.0,\"heading\":215,\"second\":33,\"maneuver\":0,"
            "\"raim\":false,\"radio\":34017}");
}

TEST(PayloadJson, AppendsWithoutClearing) {
  Received r = classic_type1();
  std::string s = "prefix|";
  append_json(r, {false, false}, s);
  EXPECT_EQ(s.rfind("prefix|{\"class\":\"AIS\"", 0), 0u);
  EXPECT_NE(s.find("\"lon\":-74037230,\"lat\":29028980"), std::string::npos);
}

TEST(PayloadJson, ReceiveTimeAndStation) {
  Received r = classic_type1();
  r.meta.rxtime = 1418169601000;  // 2014-12-10T00:00:01Z
  r.meta.station = "rORBCOMM008";
  std::string s;
  append_json(r, {true, true}, s);
  auto j = nlohmann::json::parse(s);
  EXPECT_EQ(j["rxtime"], "2014-12-10T00:00:01Z");
  EXPECT_EQ(j["station"], "rORBCOMM008");
  r.meta.rxtime = 1418169601250;
  s.clear();
  append_json(r, {true, true}, s);
  EXPECT_EQ(nlohmann::json::parse(s)["rxtime"], "2014-12-10T00:00:01.250Z");
  r.meta.rxtime = -1;  // 1969-12-31T23:59:59.999Z
  s.clear();
  append_json(r, {true, true}, s);
  EXPECT_EQ(nlohmann::json::parse(s)["rxtime"], "1969-12-31T23:59:59.999Z");
  r.meta.rxtime = kUnknownTime;
  r.meta.station = {};
  s.clear();
  append_json(r, {true, true}, s);
  j = nlohmann::json::parse(s);
  EXPECT_FALSE(j.contains("rxtime"));  // never invented
  EXPECT_FALSE(j.contains("station"));
}

TEST(PayloadJson, QuotesAndBackslashesInNamesAreEscaped) {
  PayloadBuilder b;
  b.header(24, 244670701).u(0, 2).text("A\"B\\C", 20).u(0, 8);
  Received r;
  const auto [payload, fill] = b.armor();
  ASSERT_EQ(decode_payload(payload, fill, r.msg), PayloadError::None);
  std::string s;
  append_json(r, {true, false}, s);
  EXPECT_NE(s.find(R"("shipname":"A\"B\\C")"), std::string::npos) << s;
  EXPECT_EQ(nlohmann::json::parse(s)["shipname"], "A\"B\\C");
}

TEST(PayloadJson, LongEscapedStationCrossesTheOutputBuffer) {
  // The writer gathers output in a 2 KB stack buffer; a long station name full of
  // characters to escape must cross it intact.
  Received r = classic_type1();
  std::string station;
  for (int i = 0; i < 5000; ++i) station += (i % 7 == 0) ? '"' : (i % 11 == 0) ? '\x01' : 'a';
  r.meta.station = station;
  std::string s;
  append_json(r, {true, true}, s);
  const auto j = nlohmann::json::parse(s);
  EXPECT_EQ(j["station"], station);
  EXPECT_EQ(j["mmsi"], 371798000u);
}

TEST(PayloadCsv, HeaderAndPositionRow) {
  std::string out;
  CsvWriterOptions opt;
  append_csv_header(opt, out);
  EXPECT_EQ(out.substr(0, out.find('\n')),
            "rxtime,station,type,mmsi,lat,lon,speed,course,heading,turn,status,accuracy,"
            "second,imo,callsign,shipname,shiptype,to_bow,to_stern,to_port,to_starboard,"
            "draught,destination,eta,epfd,part");
  out.clear();
  Received r = classic_type1();
  r.meta.rxtime = 1418169601000;
  r.meta.station = "st,1";
  ASSERT_TRUE(append_csv_row(r, opt, out));
  EXPECT_EQ(out,
            "2014-12-10T00:00:01Z,\"st,1\",1,371798000,48.3816333,-123.3953833,12.3,224.0,215,"
            "-720.00,0,1,33,,,,,,,,,,,,,\n");
  out.clear();
  opt.scaled = false;
  ASSERT_TRUE(append_csv_row(r, opt, out));
  EXPECT_EQ(out.substr(0, 80).find("29028980,-74037230,123,2240,215,-127"), out.find("29028980"));
}

TEST(PayloadCsv, StaticRowAndTypesWithoutRow) {
  PayloadBuilder b;
  b.header(5, 351759000).u(0, 2).u(9134270, 30).text("3FOF8", 7).text("EVER, DIADEM", 20)
      .u(70, 8).u(225, 9).u(70, 9).u(1, 6).u(31, 6).u(1, 4).u(5, 4).u(15, 5).u(14, 5)
      .u(0, 6).u(122, 8).text("NEW YORK", 20).u(0, 2);
  Received r;
  const auto [payload, fill] = b.armor();
  ASSERT_EQ(decode_payload(payload, fill, r.msg), PayloadError::None);
  std::string out;
  ASSERT_TRUE(append_csv_row(r, {}, out));
  EXPECT_EQ(out, ",,5,351759000,,,,,,,,,,9134270,3FOF8,\"EVER, DIADEM\",70,225,70,1,31,12.2,"
                 "NEW YORK,05-15T14:00Z,1,\n");
  Received ack;
  ASSERT_EQ(decode_payload("702R5`hwCjq8", 0, ack.msg), PayloadError::None);
  out.clear();
  EXPECT_FALSE(append_csv_row(ack, {}, out));
  EXPECT_TRUE(out.empty());
}

TEST(PayloadCsv, NotAvailableValuesAreEmpty) {
  PayloadBuilder b;
  b.header(18, 338087471).u(0, 8).u(1023, 10).u(0, 1).s(181 * 600000, 28).s(91 * 600000, 27)
      .u(3600, 12).u(511, 9).u(60, 6).u(0, 29);
  Received r;
  const auto [payload, fill] = b.armor();
  ASSERT_EQ(decode_payload(payload, fill, r.msg), PayloadError::None);
  std::string out;
  ASSERT_TRUE(append_csv_row(r, {}, out));
  EXPECT_EQ(out, ",,18,338087471,,,,,,,,0,60,,,,,,,,,,,,,\n");
}

}  // namespace
