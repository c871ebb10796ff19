// Exports built without a JSON DOM: tricky stored fields still give valid, equal output.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>

#include <nlohmann/json.hpp>

#include "store/export.h"
#include "store/store_test_util.h"
#include "store/timefmt.h"

namespace seawarden::store {
namespace {

using testing::capture;

TEST(StoreExport, FieldsWithBracesQuotesNestingAndBadUtf8) {
  StoredEvent se;
  se.id = 7;
  se.event.kind = "gap";
  se.event.start_ms = 1715212800000;
  se.event.end_ms = 1715212800000 + 5400'000 + 250;
  se.event.vessels = {412000001};
  se.event.lat = 38.5;
  se.event.lon = 124.0;
  se.fields_json = R"({"reason":"a } \" { [ \\ end","nested":{"x":[1,"]}"],"y":{}},"empty":[],"score":0.125,)"
                   R"("n":3,"ok":true,"none":null,"name":"S\u00e9oul","duration_h":99})";
  auto geo = nlohmann::json::parse(capture({se}, EventFormat::geojson));
  const auto& p = geo["features"][0]["properties"];
  EXPECT_EQ(p["id"], 7);
  EXPECT_EQ(p["reason"], "a } \" { [ \\ end");
  EXPECT_EQ(p["nested"], R"({"x":[1,"]}"],"y":{}})");  // nested values as JSON text
  EXPECT_EQ(p["empty"], "[]");
  EXPECT_EQ(p["score"], 0.125);
  EXPECT_EQ(p["n"], 3);
  EXPECT_EQ(p["ok"], true);
  EXPECT_TRUE(p["none"].is_null());
  EXPECT_EQ(p["name"], "S\u00e9oul");
  EXPECT_EQ(p["duration_h"], 1.5);  // the event's own, not the field's
  EXPECT_EQ(p["end"], "2024-05-09T01:30:00.250Z");
  auto line = nlohmann::json::parse(event_json_line(se));
  EXPECT_EQ(line["nested"]["x"][1], "]}");
  EXPECT_EQ(line["lat"], 38.5);
  EXPECT_EQ(event_detail(se), "score=0.12 reason=a } \" { [ \\ end name=S\u00e9oul");
  // A broadcast name with invalid UTF-8 still makes valid JSON (U+FFFD in its place).
  se.event.kind = "bad\xff\xc3(kind";
  auto again = nlohmann::json::parse(capture({se}, EventFormat::geojson));
  EXPECT_EQ(again["features"][0]["properties"]["kind"], "bad\xef\xbf\xbd\xef\xbf\xbd(kind");
  // A damaged fields text never breaks the document: members up to the damage are kept.
  se.fields_json = R"({"reason":"cut", "x": {"unterminated": )";
  auto cut = nlohmann::json::parse(capture({se}, EventFormat::geojson));
  EXPECT_EQ(cut["features"][0]["properties"]["reason"], "cut");
}

TEST(StoreExport, NumbersAndTimes) {
  EXPECT_EQ(json_number(38.0), "38.0");
  EXPECT_EQ(json_number(124.9), "124.9");
  EXPECT_EQ(json_number(-0.000001), "-1e-06");
  EXPECT_EQ(json_number(std::nan("")), "null");
  EXPECT_EQ(iso_utc(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(iso_utc(-1), "1969-12-31T23:59:59.999Z");
  EXPECT_EQ(iso_utc(253402300799000), "9999-12-31T23:59:59Z");
}

}  // namespace
}  // namespace seawarden::store
