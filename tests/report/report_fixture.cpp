#include "report/report_fixture.h"

#include <unistd.h>

#include <atomic>
#include <cmath>
#include <fstream>

#include "screen/lists.h"
#include "store/open.h"
#include "store/reference.h"
#include "store/writer.h"

namespace seawarden::testing {

ReportFixture::ReportFixture() {
  static std::atomic<int> n{0};
  dir = std::filesystem::temp_directory_path() /
        ("seawarden-report-test-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  db_path = (dir / "cases.db").string();
  auto db = store::open_store_for_writing(db_path);

  // A transfer area zone around the meeting point.
  std::ofstream(dir / "zones.geojson") << R"({"type":"FeatureCollection","features":[{"type":"Feature",
    "properties":{"id":"kb-sts","name":"Test transfer area","kind":"transfer_area"},
    "geometry":{"type":"Polygon","coordinates":[[[124.62,38.5],[124.72,38.5],[124.72,38.6],[124.62,38.6],[124.62,38.5]]]}}]})";
  store::store_zones_file(*db, (dir / "zones.geojson").string());

  store::StoreWriter w(*db);
  store::FileRecord f;
  f.run_id = w.start_run("seawarden ingest test.nmea", (dir / "zones.geojson").string(), "[\"sdn.csv\"]",
                         R"({"encounter":{"max_distance_m":500,"min_duration_h":2},"gap":{"min_duration_h":12}})");
  f.path = "test.nmea";
  f.content_id = "fixture";
  w.begin_file(f);
  const std::int64_t t0 = 1715212800000;  // 2024-05-09T00:00:00Z
  detect::VesselInfo a, b;
  a.mmsi = 412000001;
  a.name = "SEA STAR";
  a.flag = "CN";
  a.draught_m = 5.5;
  b.mmsi = 445000002;
  b.name = "CHON MA";
  b.flag = "KP";
  b.imo = 9074729;
  b.draught_m = 7.0;
  w.on_identity(a.mmsi, t0, a);
  w.on_identity(b.mmsi, t0, b);
  // 10 hours a minute: A comes from the south-west, B from the north-east, both stop at
  // (38.55, 124.6) from 3 h to 7 h, then leave.
  for (int i = 0; i <= 600; ++i) {
    std::int64_t t = t0 + i * 60'000LL;
    double k = i < 180 ? (180 - i) / 180.0 : i > 420 ? (i - 420) / 180.0 : 0;
    float sog = (i < 180 || i > 420) ? 11.f : 0.3f;
    track::Fix fa{a.mmsi, t, 38.55 - 0.45 * k, 124.75 - 0.5 * k, sog, 45, -1, 0, 1, 1};
    track::Fix fb{b.mmsi, t + 5000, 38.551 - 0.35 * k, 124.751 + 0.05 * k, sog * 0.9f, 225, -1, 0, 1, 1};
    w.on_fix(fa);
    w.on_fix(fb);
    if (i == 450) {
      b.draught_m = 8.4;  // loaded during the meeting
      w.on_identity(b.mmsi, t, b);
    }
  }
  detect::Event enc{"encounter", t0 + 3 * 3600'000LL, t0 + 7 * 3600'000LL, {412000001, 445000002}, 38.5505, 124.7505, {}};
  enc.fields = {{"median_distance_m", 110.0}, {"duration_h", 4.0}};
  encounter_id = w.on_event(enc);
  detect::Event hit{"sanctions_hit", t0, t0 + 10 * 3600'000LL, {445000002}, 38.55, 124.6, {}};
  hit.fields = {{"list", "ofac"}, {"entry_id", "36001"}, {"matched_on", "imo"}, {"score", 1.0},
                {"agrees_on", {"imo"}}, {"differs_on", {"callsign"}}};
  hit_id = w.on_event(hit);
  detect::Event gap{"gap", t0 + 8 * 3600'000LL, t0 + 9 * 3600'000LL, {412000001}, 38.6, 124.7, {}};
  gap_id = w.on_event(gap);
  w.commit_file(f, "");
}

ReportFixture::~ReportFixture() {
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
}

}  // namespace seawarden::testing
