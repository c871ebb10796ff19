#include <cmath>
#include <limits>

#include <gtest/gtest.h>

#include "detect/event_json.h"
#include "support/test_data.h"

using namespace seawarden::detect;

TEST(EventJson, TimeRoundTrip) {
  EXPECT_EQ(format_time_utc(1715212800000), "2024-05-09T00:00:00Z");
  EXPECT_EQ(format_time_utc(1715212800250), "2024-05-09T00:00:00.250Z");
  EXPECT_EQ(parse_time_utc("2024-05-09T00:00:00Z"), 1715212800000);
  EXPECT_EQ(parse_time_utc("2024-05-09T00:00:00.25Z"), 1715212800250);
  EXPECT_EQ(parse_time_utc("2021-01-06T07:33:48+00:00"), 1609918428000);
  EXPECT_EQ(parse_time_utc("2014-01-01 01:14:25.000000"), 1388538865000);
  EXPECT_THROW(parse_time_utc("yesterday"), std::invalid_argument);
}

TEST(EventJson, LineRoundTripAndOrder) {
  Event e;
  e.kind = "encounter";
  e.start_ms = 1715224200000;
  e.end_ms = 1715240400000;
  e.vessels = {412345678, 445123456};
  e.lat = 38.51;
  e.lon = 124.92;
  e.fields["duration_h"] = 4.5;
  std::string line = to_json_line(e);
  EXPECT_EQ(line.rfind("{\"kind\":\"encounter\",\"start\":\"2024-05-09T03:10:00Z\",\"end\":\"2024-05-09T07:40:00Z\","
                       "\"vessels\":[412345678,445123456],\"lat\":38.51,\"lon\":124.92,",
                       0),
            0u)
      << line;
  Event back = event_from_json(nlohmann::json::parse(line));
  EXPECT_EQ(back.kind, e.kind);
  EXPECT_EQ(back.start_ms, e.start_ms);
  EXPECT_EQ(back.end_ms, e.end_ms);
  EXPECT_EQ(back.vessels, e.vessels);
  EXPECT_EQ(back.fields["duration_h"], 4.5);
  Event later = e;
  later.start_ms += 1;
  EXPECT_TRUE(event_before(e, later));
  EXPECT_FALSE(event_before(later, e));
  EXPECT_THROW(event_from_json(nlohmann::json::parse("{\"kind\":\"gap\"}")), std::invalid_argument);
}

TEST(EventJson, NumbersAreWrittenInTheirShortestForm) {
  // nlohmann::json writes this double with 17 digits; it reads back from 9.
  const double lat = std::round(37.5531720001 * 1e6) / 1e6;
  EXPECT_EQ(json_number(lat), "37.553172");
  EXPECT_EQ(json_number(38.0), "38.0");  // whole values keep their point, as before
  EXPECT_EQ(json_number(-0.5), "-0.5");
  EXPECT_EQ(json_number(std::numeric_limits<double>::quiet_NaN()), "null");
  EXPECT_EQ(json_number(std::numeric_limits<double>::infinity()), "null");
  // Rounding by multiplying with 0.1 gave 62.300000000000004; a float's draught gave its own tail.
  EXPECT_EQ(json_number(round_decimals(62.34, 1)), "62.3");
  EXPECT_EQ(json_number(round_decimals(0.6899999, 2)), "0.69");
  EXPECT_EQ(json_number(round_decimals(6.1f, 2)), "6.1");
  EXPECT_EQ(json_number(round_decimals(-2.7f, 1)), "-2.7");
  EXPECT_EQ(json_number(round_decimals(121.4207783, 6)), "121.420778");

  Event e;
  e.kind = "gap";
  e.start_ms = e.end_ms = 1715212800000;
  e.vessels = {412345678};
  e.lat = lat;
  e.lon = 121.4207783;
  e.fields["before"] = position_json(37.55317216666667, 121.42077833333333);
  e.fields["speeds"] = {round_decimals(0.35, 2), 1};
  e.fields["name"] = "A \"B\"";
  e.fields["bad"] = std::string("\xff");  // invalid UTF-8 is replaced, never thrown on
  e.fields["none"] = nullptr;
  EXPECT_EQ(to_json_line(e),
            "{\"kind\":\"gap\",\"start\":\"2024-05-09T00:00:00Z\",\"end\":\"2024-05-09T00:00:00Z\","
            "\"vessels\":[412345678],\"lat\":37.553172,\"lon\":121.420778,\"bad\":\"\xef\xbf\xbd\","
            "\"before\":{\"lat\":37.553172,\"lon\":121.420778},\"name\":\"A \\\"B\\\"\",\"none\":null,"
            "\"speeds\":[0.35,1]}");
  // What is written reads back as the same values.
  const Event back = event_from_json(nlohmann::json::parse(to_json_line(e)));
  EXPECT_EQ(back.lat, lat);
  EXPECT_EQ(back.fields["before"]["lon"].get<double>(), round_decimals(121.42077833333333, 6));
}

// The tests' check for long numbers in event lines finds them, and only them.
TEST(EventJson, LongDecimalCheckFindsOnlyNumbersPastSixDecimals) {
  using seawarden::testing::long_decimal_number;
  EXPECT_EQ(long_decimal_number(R"({"draught_m":6.099999904632568})"), "6.099999904632568");
  EXPECT_EQ(long_decimal_number(R"({"v":[1,-37.5531720]})"), "-37.5531720");
  EXPECT_EQ(long_decimal_number(R"({"lat":38.123456,"lon":-124.5,"n":[12345678,0.1]})"), "");
  EXPECT_EQ(long_decimal_number(R"({"name":"A.1234567"})"), "");  // not a number: no ':' before it
  EXPECT_EQ(long_decimal_number(R"({"x":1.})"), "");
}
