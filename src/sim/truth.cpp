#include "sim/truth.h"

#include <algorithm>
#include <cmath>

#include "sim/identity.h"
#include "track/mid_table.h"

namespace seawarden::sim {
namespace {
constexpr std::int64_t kGapMs = 12 * kHour;
double round_to(double v, double q) {
  const double inv = std::round(1.0 / q);  // 1e-5 -> 100000: exact decimal results
  return std::round(v * inv) / inv;
}
detect::Event make(const char* kind, std::int64_t a, std::int64_t b, std::uint32_t mmsi, double lat, double lon) {
  detect::Event e;
  e.kind = kind;
  e.start_ms = a;
  e.end_ms = b;
  e.vessels = {mmsi};
  e.lat = round_to(lat, 1e-5);
  e.lon = round_to(lon, 1e-5);
  e.fields["mmsi"] = mmsi;
  return e;
}
std::string flag_of(std::uint32_t mmsi) { return std::string(track::lookup_mid(mmsi / 1000000).iso2); }
bool default_mmsi(std::uint32_t m) {
  if (m == 0 || m == 123456789 || m == 987654321) return true;
  if (m >= 100000000 && m % 111111111 == 0) return true;
  if (m < 100000000) return !((m >= 2000000 && m <= 7999999) || (m >= 20000000 && m <= 79999999));
  return false;
}
}  // namespace

TruthRecorder::TruthRecorder(const Scenario& sc) : sc_(sc), emitters_(sc.emitters.size()) {
  mmsis_.reserve(sc.emitters.size());
  for (const auto& e : sc.emitters) {
    by_emitter_.push_back(&mmsi(e.mmsi));
    if (e.role == Role::Clone) mmsi(e.mmsi).record_fixes = true;
  }
}

TruthRecorder::MmsiTruth& TruthRecorder::mmsi(std::uint32_t m) { return mmsis_[m]; }

void TruthRecorder::on_message(int ei, std::int64_t t) {
  auto& mt = *by_emitter_[static_cast<std::size_t>(ei)];
  mt.first_msg = std::min(mt.first_msg, t);
  mt.last_msg = std::max(mt.last_msg, t);
}

void TruthRecorder::on_fix(int ei, std::int64_t t, double lat, double lon, double sog, bool own_track) {
  const Emitter& e = sc_.emitters[ei];
  auto& mt = *by_emitter_[static_cast<std::size_t>(ei)];
  if (mt.has_fix && t - mt.last_fix >= kGapMs) {
    auto ev = make("gap", mt.last_fix, t, e.mmsi, mt.last_lat, mt.last_lon);
    const double km = detect::geo::distance_km(mt.last_lat, mt.last_lon, lat, lon);
    const double h = static_cast<double>(t - mt.last_fix) / kHour;
    ev.fields["duration_h"] = round_to(h, 0.01);
    ev.fields["distance_km"] = round_to(km, 0.1);
    ev.fields["implied_speed_kn"] = round_to(km / 1.852 / h, 0.01);
    ev.fields["after"] = {{"lat", round_to(lat, 1e-5)}, {"lon", round_to(lon, 1e-5)}};
    events_.push_back(std::move(ev));
  }
  if (!mt.has_fix) mt.first_lat = lat, mt.first_lon = lon;
  mt.has_fix = true;
  if (t >= mt.last_fix) mt.last_fix = t, mt.last_lat = lat, mt.last_lon = lon;
  if (mt.record_fixes) mt.fixes.emplace_back(t, lat, lon, ei);
  if (!own_track) return;
  EmitterTruth& et = emitters_[ei];
  if (et.in_spoof) {
    auto ev = make("position_jump", et.spoof_start, t, e.mmsi, et.spoof_lat, et.spoof_lon);
    ev.fields["from"] = {{"lat", round_to(et.from_lat, 1e-5)}, {"lon", round_to(et.from_lon, 1e-5)}};
    ev.fields["to"] = {{"lat", round_to(et.spoof_lat, 1e-5)}, {"lon", round_to(et.spoof_lon, 1e-5)}};
    ev.fields["distance_km"] = round_to(detect::geo::distance_km(et.from_lat, et.from_lon, et.spoof_lat, et.spoof_lon), 0.1);
    events_.push_back(std::move(ev));
    et.in_spoof = false;
  }
  et.last_good_t = t;
  et.last_lat = lat, et.last_lon = lon;
  // Zone visits: a visit is a run of consecutive fixes inside the polygon.
  sc_.area.zone_set.zones_at(lat, lon, zone_buf_);
  for (std::size_t i = 0; i < et.visits.size();) {
    if (std::find(zone_buf_.begin(), zone_buf_.end(), et.visits[i].zone) == zone_buf_.end()) {
      close_visit(e.mmsi, et.visits[i]);
      et.visits.erase(et.visits.begin() + static_cast<std::ptrdiff_t>(i));
    } else {
      auto& v = et.visits[i++];
      v.last = t;
      v.min_sog = std::min(v.min_sog, sog);
      if (sog < 1) v.stopped = true;
    }
  }
  for (std::uint32_t z : zone_buf_) {
    bool open = false;
    for (const auto& v : et.visits) open |= v.zone == z;
    if (!open) et.visits.push_back({z, t, t, sog, sog < 1, lat, lon});
  }
}

void TruthRecorder::on_spoof(int ei, std::int64_t t, double lat, double lon) {
  EmitterTruth& et = emitters_[ei];
  if (!et.in_spoof) {
    et.in_spoof = true;
    et.spoof_start = et.last_good_t == INT64_MIN ? t : et.last_good_t;
    et.spoof_lat = lat, et.spoof_lon = lon;
    et.from_lat = et.last_lat, et.from_lon = et.last_lon;
  }
  auto& mt = *by_emitter_[static_cast<std::size_t>(ei)];
  if (t >= mt.last_fix) mt.last_fix = t, mt.last_lat = lat, mt.last_lon = lon;
}

void TruthRecorder::close_visit(std::uint32_t m, const OpenVisit& v) {
  const auto& z = sc_.area.zone_set.zone(v.zone);
  auto ev = make("zone_visit", v.start, v.last, m, v.lat, v.lon);
  ev.fields["zone"] = z.id;
  ev.fields["zone_name"] = z.name;
  ev.fields["zone_kind"] = z.kind;
  ev.fields["dwell_h"] = round_to(static_cast<double>(v.last - v.start) / kHour, 0.01);
  ev.fields["min_speed_kn"] = round_to(v.min_sog, 0.1);
  ev.fields["port_call"] = v.stopped && (z.kind == "port" || z.kind == "anchorage");
  events_.push_back(std::move(ev));
}

void TruthRecorder::touch(std::vector<Span>& spans, const std::string& v, std::int64_t t) {
  for (auto& s : spans) {
    if (s.value == v) {
      s.first = std::min(s.first, t), s.last = std::max(s.last, t);
      return;
    }
  }
  spans.push_back({v, t, t});
}

void TruthRecorder::field(MmsiTruth& m, std::uint32_t mmsi_value, FieldTrack& f, const std::string& v, std::int64_t t,
                          const char* name, bool numeric) {
  if (v.empty()) return;
  if (!f.has_base) {
    f.base = v, f.has_base = true;
    return;
  }
  if (v == f.base) {
    f.cand_n = 0;
    return;
  }
  if (f.cand_n > 0 && v == f.cand) {
    if (++f.cand_n >= 2) {
      auto ev = make("identity_change", f.cand_t, f.cand_t, mmsi_value, m.last_lat, m.last_lon);
      ev.fields["field"] = name;
      if (numeric) ev.fields["from"] = std::stoul(f.base), ev.fields["to"] = std::stoul(v);
      else ev.fields["from"] = f.base, ev.fields["to"] = v;
      events_.push_back(std::move(ev));
      f.base = v;
      f.cand_n = 0;
    }
    return;
  }
  f.cand = v, f.cand_t = t, f.cand_n = 1;
}

void TruthRecorder::on_static(int ei, std::int64_t t, const StaticFields& s) {
  const std::uint32_t m = sc_.emitters[static_cast<std::size_t>(ei)].mmsi;
  auto& mt = *by_emitter_[static_cast<std::size_t>(ei)];
  if (s.name) {
    field(mt, m, mt.name, *s.name, t, "name", false);
    touch(mt.names, *s.name, t);
  }
  if (s.callsign) {
    field(mt, m, mt.callsign, *s.callsign, t, "callsign", false);
    touch(mt.callsigns, *s.callsign, t);
  }
  if (s.has_imo && s.imo != 0) {
    const std::string v = std::to_string(s.imo);
    field(mt, m, mt.imo, v, t, "imo", true);
    touch(mt.imos, v, t);
    if (imo_check_digit_ok(s.imo)) {
      auto [it, fresh] = imo_first_mmsi_.try_emplace(s.imo, m);
      const std::uint64_t key = (static_cast<std::uint64_t>(s.imo) << 32) | m;
      if (!fresh && it->second != m && !imo_seen_by_.count(key)) {
        const std::string a = flag_of(it->second), b = flag_of(m);
        if (a != b) {
          auto ev = make("identity_change", t, t, m, mt.last_lat, mt.last_lon);
          ev.fields["field"] = "flag";
          ev.fields["from"] = a;
          ev.fields["to"] = b;
          ev.fields["previous_mmsi"] = it->second;
          ev.fields["imo"] = s.imo;
          events_.push_back(std::move(ev));
        }
      }
      imo_seen_by_[key] = true;
    }
  }
  if (s.shiptype > 0) field(mt, m, mt.shiptype, std::to_string(s.shiptype), t, "shiptype", true);
  if (s.draught_m > 0) {
    if (mt.draught == 0) {
      mt.draught = s.draught_m, mt.draught_last_old = t;
    } else if (std::abs(s.draught_m - mt.draught) < 0.05f) {
      mt.draught_last_old = t, mt.draught_cand_n = 0;
    } else if (std::abs(s.draught_m - mt.draught) >= 0.5f - 1e-4f) {
      if (mt.draught_cand_n > 0 && std::abs(s.draught_m - mt.draught_cand) < 0.05f) {
        if (++mt.draught_cand_n >= 2) {
          auto ev = make("draught_change", mt.draught_last_old, mt.draught_cand_t, m, mt.last_lat, mt.last_lon);
          ev.fields["from_m"] = round_to(mt.draught, 0.1);
          ev.fields["to_m"] = round_to(s.draught_m, 0.1);
          ev.fields["delta_m"] = round_to(s.draught_m - mt.draught, 0.1);
          events_.push_back(std::move(ev));
          mt.draught = s.draught_m;
          mt.draught_last_old = t;
          mt.draught_cand_n = 0;
        }
      } else {
        mt.draught_cand = s.draught_m, mt.draught_cand_t = t, mt.draught_cand_n = 1;
      }
    }
  }
}

std::vector<detect::Event> TruthRecorder::finish() {
  for (std::size_t i = 0; i < emitters_.size(); ++i)
    for (const auto& v : emitters_[i].visits) close_visit(sc_.emitters[i].mmsi, v);
  // Compact names of listed vessels, for the sanctions match below.
  struct Key { const ListEntry* e; std::vector<std::string> names; };
  std::vector<Key> keys;
  for (const auto& le : sc_.sanctions) {
    if (le.type != "vessel") continue;
    Key k{&le, {compact_name(le.name)}};
    for (const auto& a : le.aka) k.names.push_back(compact_name(a));
    keys.push_back(std::move(k));
  }
  std::vector<std::uint32_t> order;
  for (const auto& [m, mt] : mmsis_) order.push_back(m);
  std::sort(order.begin(), order.end());
  for (std::uint32_t m : order) {
    auto& mt = mmsis_[m];
    if (mt.first_msg == INT64_MAX) continue;
    if (default_mmsi(m)) {
      auto ev = make("identity_anomaly", mt.first_msg, mt.last_msg, m, mt.first_lat, mt.first_lon);
      ev.fields["reason"] = "default_mmsi";
      events_.push_back(std::move(ev));
    } else if (m >= 200000000 && m < 800000000 && !track::mid_allocated(m / 1000000)) {
      auto ev = make("identity_anomaly", mt.first_msg, mt.last_msg, m, mt.first_lat, mt.first_lon);
      ev.fields["reason"] = "unallocated_mid";
      ev.fields["mid"] = m / 1000000;
      events_.push_back(std::move(ev));
    }
    for (const auto& s : mt.imos) {
      const auto imo = static_cast<std::uint32_t>(std::stoul(s.value));
      if (imo != 0 && !imo_check_digit_ok(imo)) {
        auto ev = make("identity_anomaly", s.first, s.last, m, mt.first_lat, mt.first_lon);
        ev.fields["reason"] = "invalid_imo";
        ev.fields["imo"] = imo;
        events_.push_back(std::move(ev));
      }
    }
    // MMSI conflicts: switches between transmitters > 50 km apart, < 1 h apart.
    if (mt.record_fixes && mt.fixes.size() > 1) {
      std::sort(mt.fixes.begin(), mt.fixes.end());
      std::vector<std::pair<std::size_t, std::size_t>> switches;
      for (std::size_t i = 1; i < mt.fixes.size(); ++i) {
        const auto& [ta, la, oa, ea] = mt.fixes[i - 1];
        const auto& [tb, lb, ob, eb] = mt.fixes[i];
        if (ea != eb && tb - ta < kHour && detect::geo::distance_km(la, oa, lb, ob) > 50) switches.push_back({i - 1, i});
      }
      std::size_t run_start = 0;
      for (std::size_t i = 1; i <= switches.size(); ++i) {
        const bool split = i == switches.size() ||
                           std::get<0>(mt.fixes[switches[i].first]) - std::get<0>(mt.fixes[switches[i - 1].second]) > kGapMs;
        if (!split) continue;
        if (i - run_start >= 4) {
          const auto& a = mt.fixes[switches[run_start].first];
          const auto& b = mt.fixes[switches[i - 1].second];
          auto ev = make("mmsi_conflict", std::get<0>(a), std::get<0>(b), m, std::get<1>(a), std::get<2>(a));
          ev.fields["switches"] = i - run_start;
          events_.push_back(std::move(ev));
        }
        run_start = i;
      }
    }
    // Sanctions hits: one per vessel and entry, best key imo > mmsi > callsign > name.
    for (const auto& k : keys) {
      const Span* span = nullptr;
      const char* on = nullptr;
      std::int64_t a = 0, b = 0;
      if (k.e->imo)
        for (const auto& s : mt.imos)
          if (s.value == std::to_string(k.e->imo)) span = &s, on = "imo";
      if (!on && k.e->mmsi == m) on = "mmsi", a = mt.first_msg, b = mt.last_msg;
      if (!on && !k.e->callsign.empty())
        for (const auto& s : mt.callsigns)
          if (s.value == k.e->callsign) span = &s, on = "callsign";
      if (!on && k.e->match_by_name)
        for (const auto& s : mt.names) {
          const std::string c = compact_name(s.value);
          if (c.size() >= 4 && std::find(k.names.begin(), k.names.end(), c) != k.names.end()) span = &s, on = "name";
        }
      if (!on) continue;
      if (span) a = span->first, b = span->last;
      auto ev = make("sanctions_hit", a, b, m, mt.first_lat, mt.first_lon);
      ev.fields["list"] = "ofac-sdn";
      ev.fields["entry_id"] = std::to_string(k.e->ent_num);
      ev.fields["matched_on"] = on;
      ev.fields["listed_name"] = k.e->name;
      ev.fields["score"] = 1.0;
      events_.push_back(std::move(ev));
    }
  }
  return std::move(events_);
}

}  // namespace seawarden::sim
