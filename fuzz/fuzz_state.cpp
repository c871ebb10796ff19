// Fuzzes Pipeline::load_state, the parser of the saved pipeline state (a store's
// pipeline_state row, a --load-state file): any bytes must end in std::runtime_error or in
// a pipeline that runs on (messages, pause, save, finish) without crashing. A state that
// loads must save to a blob that loads again. (Not compared byte for byte: structs are saved
// in their native layout, padding included.)
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <string_view>

#include "ais/message.h"
#include "detect/config.h"
#include "detect/pipeline.h"
#include "detect/zones.h"
#include "screen/lists.h"
#include "screen/matcher.h"

namespace {

const seawarden::detect::ZoneSet& zones() {
  static const seawarden::detect::ZoneSet z = seawarden::detect::ZoneSet::parse(
      R"({"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"id":"p1","name":"P1","kind":"port"},
         "geometry":{"type":"Polygon","coordinates":[[[124,38],[124.2,38],[124.2,38.2],[124,38.2],[124,38]]]}},
        {"type":"Feature","properties":{"id":"t1","name":"T1","kind":"transfer_area"},
         "geometry":{"type":"Polygon","coordinates":[[[124.5,38],[125,38],[125,38.5],[124.5,38.5],[124.5,38]]]}}]})",
      "fuzz");
  return z;
}

// A one-vessel list, so that the sanctions_hit detector runs and reads its section of the state.
const seawarden::screen::Matcher& matcher() {
  static const seawarden::screen::ListSet lists = [] {
    seawarden::screen::ListSet l;
    seawarden::screen::Entity e;
    e.list = "ofac";
    e.id = "90020";
    e.type = seawarden::screen::EntityType::vessel;
    e.name = "CHON MA SAN";
    e.identifiers = {{"imo", "9074729", ""}, {"mmsi", "412000001", ""}, {"call_sign", "HMXX9", ""}};
    l.entities.push_back(e);
    return l;
  }();
  static const seawarden::screen::Matcher m(lists);
  return m;
}

seawarden::ais::Received position(std::uint32_t mmsi, std::int64_t t, double lat, double lon) {
  seawarden::ais::Received r;
  r.meta.rxtime = t;
  r.msg.type = 1;
  r.msg.mmsi = mmsi;
  seawarden::ais::PositionA p;
  p.lat = static_cast<std::int32_t>(lat * 600000);
  p.lon = static_cast<std::int32_t>(lon * 600000);
  p.speed = 5;
  p.course = 900;
  r.msg.body = p;
  return r;
}

// A few messages after the restored state: the restored windows are then used.
void run_on(seawarden::detect::Pipeline& p) {
  const std::int64_t t0 = 1715212800000;
  for (int i = 0; i < 40; ++i) {
    p.on_message(position(412000001, t0 + i * 600000LL, 38.1, 124.1 + i * 0.01));
    p.on_message(position(412000002, t0 + i * 600000LL + 1000, 38.1, 124.1 + i * 0.01));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using seawarden::detect::Pipeline;
  const seawarden::detect::Config cfg;
  const std::string_view blob(reinterpret_cast<const char*>(data), size);
  std::string saved;
  {
    Pipeline p(cfg, &zones(), &matcher());
    try {
      p.load_state(blob);
    } catch (const std::runtime_error&) {
      return 0;
    }
    saved = p.save_state();
    run_on(p);
    p.pause();
    (void)p.save_state();
    p.finish();
  }
  Pipeline q(cfg, &zones(), &matcher());
  q.load_state(saved);  // what a pipeline wrote must load (throws: a finding)
  run_on(q);
  q.finish();
  return 0;
}
