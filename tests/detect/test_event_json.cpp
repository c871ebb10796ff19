#include <gtest/gtest.h>

#include "detect/event_json.h"

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
