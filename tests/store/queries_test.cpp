// Queries, vessel lookup and exports over a small hand-made store.
#include <gtest/gtest.h>

#include <cstdio>

#include <nlohmann/json.hpp>

#include "store/export.h"
#include "store/queries.h"
#include "store/schema.h"
#include "store/store_test_util.h"
#include "store/timefmt.h"
#include "store/writer.h"

namespace seawarden::store {
namespace {

using testing::make_event;
using testing::make_fix;
using testing::kT0;
using testing::TempDir;

constexpr std::int64_t kH = 3600'000;

class StoreQueries : public ::testing::Test {
 protected:
  void SetUp() override {
    db = std::make_unique<Database>(dir.file("q.db"), Database::Mode::ReadWrite);
    migrate(*db);
    StoreWriter w(*db);
    const FileRecord f = testing::begin_day1(w, "{\"encounter\":{\"max_distance_m\":500}}");
    detect::VesselInfo a;
    a.mmsi = 412000001;
    a.name = "SEA STAR";
    a.imo = 9074729;  // valid check digit
    a.flag = "CN";
    w.on_identity(a.mmsi, kT0, a);
    a.name = "OCEAN GLORY";  // renamed
    w.on_identity(a.mmsi, kT0 + 5 * kH, a);
    w.on_identity(a.mmsi, kT0 + 6 * kH, a);  // unchanged: no new row
    detect::VesselInfo b;
    b.mmsi = 445000002;
    b.name = "CHON MA";
    w.on_identity(b.mmsi, kT0, b);
    for (int i = 0; i < 600; ++i) {
      w.on_fix(make_fix(a.mmsi, kT0 + i * 60'000, 38.5, 124.9 + i * 1e-4));
      w.on_fix(make_fix(b.mmsi, kT0 + i * 60'000 + 1000, 38.5, 124.9));
    }
    auto enc = make_event("encounter", kT0 + 2 * kH, kT0 + 6 * kH, {412000001, 445000002}, 38.5, 124.9);
    enc.fields["distance_m"] = 120.5;
    encounter_id = w.on_event(enc);
    auto gap = make_event("gap", kT0 + 20 * kH, kT0 + 34 * kH, {445000002}, 30.0, 122.0);
    gap.fields["distance_km"] = 80.0;
    gap_id = w.on_event(gap);
    auto hit = make_event("sanctions_hit", kT0, kT0 + 9 * kH, {445000002}, 38.5, 124.9);
    hit.fields = {{"list", "ofac"}, {"entry_id", "9999"}, {"matched_on", "name"}, {"score", 0.97}};
    hit_id = w.on_event(hit);
    w.commit_file(f, "");
  }
  TempDir dir;
  std::unique_ptr<Database> db;
  std::int64_t encounter_id = 0, gap_id = 0, hit_id = 0;
};

TEST_F(StoreQueries, FiltersByKindVesselTimeAndBox) {
  EventFilter all;
  auto events = query_events(*db, all);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].event.start_ms, kT0);  // ordered by start
  EventFilter kind;
  kind.kind = "gap";
  ASSERT_EQ(query_events(*db, kind).size(), 1u);
  EventFilter vessel;
  vessel.vessels = std::vector<std::uint32_t>{412000001};
  auto ev = query_events(*db, vessel);
  ASSERT_EQ(ev.size(), 1u);
  EXPECT_EQ(ev[0].id, encounter_id);
  EXPECT_EQ(ev[0].event.vessels, (std::vector<std::uint32_t>{412000001, 445000002}));
  EventFilter window;
  window.since_ms = kT0 + 10 * kH;  // overlap semantics: the gap (20-34 h) only
  ASSERT_EQ(query_events(*db, window).size(), 1u);
  window.until_ms = kT0 + 15 * kH;
  EXPECT_EQ(query_events(*db, window).size(), 0u);
  EventFilter box;
  box.bbox = parse_bbox("121,29,123,31");
  ASSERT_TRUE(box.bbox);
  auto in_box = query_events(*db, box);
  ASSERT_EQ(in_box.size(), 1u);
  EXPECT_EQ(in_box[0].id, gap_id);
}

TEST_F(StoreQueries, ResolvesVesselsByMmsiImoAndAnyName) {
  EXPECT_EQ(resolve_vessel(*db, "412000001"), std::vector<std::uint32_t>{412000001});
  EXPECT_EQ(resolve_vessel(*db, "IMO9074729"), std::vector<std::uint32_t>{412000001});
  EXPECT_EQ(resolve_vessel(*db, "9074729"), std::vector<std::uint32_t>{412000001});
  EXPECT_EQ(resolve_vessel(*db, "sea star"), std::vector<std::uint32_t>{412000001});  // a former name
  EXPECT_EQ(resolve_vessel(*db, "GLORY"), std::vector<std::uint32_t>{412000001});
  EXPECT_TRUE(resolve_vessel(*db, "NO SUCH SHIP").empty());
  auto history = identity_history(*db, 412000001);
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].name, "SEA STAR");
  EXPECT_EQ(history[1].name, "OCEAN GLORY");
  auto v = get_vessel(*db, 412000001);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->current.name, "OCEAN GLORY");
  EXPECT_EQ(v->fixes, 600u);
}

TEST_F(StoreQueries, SanctionHitsAndSummary) {
  auto hits = sanction_hits(*db, 445000002u);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].event_id, hit_id);
  EXPECT_EQ(hits[0].entry_id, "9999");
  EXPECT_DOUBLE_EQ(hits[0].score, 0.97);
  auto s = store_summary(*db);
  EXPECT_EQ(s.events, 3u);
  EXPECT_EQ(s.vessels, 2u);
  EXPECT_EQ(s.hits, 1u);
  auto sum = summarize(track(*db, 412000001));
  EXPECT_EQ(sum.positions, 600u);
  EXPECT_NEAR(sum.distance_km, 599 * 1e-4 * 111.32 * std::cos(38.5 * M_PI / 180), 0.05);
}

using testing::capture;

TEST_F(StoreQueries, ExportsParseAndCarryTheIds) {
  auto events = query_events(*db, {});
  auto jsonl = capture(events, EventFormat::jsonl);
  auto first = nlohmann::json::parse(jsonl.substr(0, jsonl.find('\n')));
  EXPECT_EQ(first["id"], hit_id);
  EXPECT_EQ(first["kind"], "sanctions_hit");
  EXPECT_EQ(first["start"], "2024-05-09T00:00:00Z");
  EXPECT_EQ(first["entry_id"], "9999");
  auto geo = nlohmann::json::parse(capture(events, EventFormat::geojson));
  ASSERT_EQ(geo["features"].size(), 3u);
  EXPECT_EQ(geo["features"][1]["geometry"]["coordinates"][0], 124.9);
  EXPECT_EQ(geo["features"][1]["properties"]["mmsi2"], 445000002);
  auto csv = capture(events, EventFormat::csv);
  EXPECT_EQ(csv.substr(0, csv.find('\n')), "id,kind,start,end,duration_h,vessels,lat,lon,provisional,detail,fields");
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 4);
  auto table = capture(events, EventFormat::table);
  EXPECT_NE(table.find("encounter"), std::string::npos);
  auto track_geo = nlohmann::json::parse(vessel_geojson(412000001, "OCEAN GLORY", track(*db, 412000001), events));
  EXPECT_EQ(track_geo["features"][0]["geometry"]["type"], "LineString");
  EXPECT_EQ(track_geo["features"][0]["geometry"]["coordinates"].size(), 600u);
}

TEST(StoreTime, FormatsAndParses) {
  EXPECT_EQ(iso_utc(kT0), "2024-05-09T00:00:00Z");
  EXPECT_EQ(iso_utc(kT0 + 250), "2024-05-09T00:00:00.250Z");
  EXPECT_EQ(parse_time("2024-05-09"), kT0);
  EXPECT_EQ(parse_time("2024-05-09T03:10:00Z"), kT0 + 3 * kH + 600'000);
  EXPECT_EQ(parse_time("2024-05-09 03:10"), kT0 + 3 * kH + 600'000);
  EXPECT_EQ(parse_time("1715212800"), kT0);
  EXPECT_FALSE(parse_time("2024-13-01"));
  EXPECT_FALSE(parse_time("yesterday"));
  EXPECT_FALSE(parse_bbox("1,2,3"));
  EXPECT_FALSE(parse_bbox("0,50,10,40"));
}

}  // namespace
}  // namespace seawarden::store
