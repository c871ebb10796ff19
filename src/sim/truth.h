// Ground truth from what the feed actually delivered: the recorder sees every received
// message (first copy of duplicates, bad-checksum lines excluded) in receive-time order per
// transmitter and derives the events whose definitions depend on reception — zone visits,
// gaps, identity changes and anomalies, draught changes, MMSI conflicts, position jumps and
// sanctions hits — with the rules of docs/detectors.md. Encounters and loitering are known
// by design and added by the caller.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "detect/event.h"
#include "sim/scenario.h"

namespace seawarden::sim {

class TruthRecorder {
 public:
  TruthRecorder(const Scenario& sc);

  // A position fix. own_track: the emitter's real ship (not a clone, not spoofed).
  void on_fix(int emitter, std::int64_t t_ms, double lat, double lon, double sog_kn, bool own_track);
  // Any message of an emitter's MMSI (for first/last-message spans).
  void on_message(int emitter, std::int64_t t_ms);
  // Static data as received: fields that the message type carries (others empty/zero/-1).
  struct StaticFields {
    const std::string* name = nullptr;
    const std::string* callsign = nullptr;
    std::uint32_t imo = 0;
    bool has_imo = false;
    int shiptype = -1;
    float draught_m = -1;  // type 5 only
  };
  void on_static(int emitter, std::int64_t t_ms, const StaticFields& f);
  // A spoofed fix of an emitter (for position_jump spans).
  void on_spoof(int emitter, std::int64_t t_ms, double lat, double lon);

  std::vector<detect::Event> finish();

 private:
  struct OpenVisit { std::uint32_t zone; std::int64_t start, last; double min_sog; bool stopped; double lat, lon; };
  struct EmitterTruth {
    std::vector<OpenVisit> visits;
    std::int64_t last_good_t = INT64_MIN;
    double last_lat = 0, last_lon = 0;
    bool in_spoof = false;
    std::int64_t spoof_start = 0;
    double spoof_lat = 0, spoof_lon = 0, from_lat = 0, from_lon = 0;
  };
  struct FieldTrack {
    std::string base, cand;
    bool has_base = false;
    std::int64_t cand_t = 0;
    int cand_n = 0;
  };
  struct Span { std::string value; std::int64_t first, last; };
  struct MmsiTruth {
    std::int64_t first_msg = INT64_MAX, last_msg = INT64_MIN;
    std::int64_t last_fix = INT64_MIN;
    double last_lat = 0, last_lon = 0, first_lat = 0, first_lon = 0;
    bool has_fix = false;
    FieldTrack name, callsign, imo, shiptype;
    float draught = 0;
    std::int64_t draught_last_old = 0;
    float draught_cand = 0;
    std::int64_t draught_cand_t = 0;
    int draught_cand_n = 0;
    std::vector<Span> names, callsigns, imos;
    bool record_fixes = false;
    std::vector<std::tuple<std::int64_t, double, double, int>> fixes;  // conflict analysis
  };
  MmsiTruth& mmsi(std::uint32_t m);
  void close_visit(std::uint32_t mmsi, const OpenVisit& v);
  void field(MmsiTruth& m, std::uint32_t mmsi, FieldTrack& f, const std::string& v, std::int64_t t,
             const char* name, bool numeric);
  static void touch(std::vector<Span>& spans, const std::string& v, std::int64_t t);

  const Scenario& sc_;
  std::vector<EmitterTruth> emitters_;
  std::unordered_map<std::uint32_t, MmsiTruth> mmsis_;
  std::vector<MmsiTruth*> by_emitter_;  // emitter -> its MMSI's entry (nodes are stable)
  std::unordered_map<std::uint32_t, std::uint32_t> imo_first_mmsi_;
  std::unordered_map<std::uint64_t, bool> imo_seen_by_;
  std::vector<std::uint32_t> zone_buf_;
  std::vector<detect::Event> events_;
};

}  // namespace seawarden::sim
