// Application messages inside types 6 and 8: the IMO 236 / IMO 289 international
// messages (DAC 1), Inland AIS (DAC 200) and GLA AtoN monitoring (DAC 235/250) that
// gpsd decodes. Bit offsets are absolute positions in the whole message.
//
// Like gpsd, IMO messages are decoded without a length check (missing bits read as
// zero); regional ones only at their exact length, since other national messages
// reuse the same DAC/FI with other layouts.
#include "ais/decode_internal.h"

namespace seawarden::ais::detail {

namespace {

using u8 = std::uint8_t;
using u16 = std::uint16_t;
using i16 = std::int16_t;
using i32 = std::int32_t;

void tidal_window(const PayloadBits& b, bool imo289, app::TidalWindow& t) {
  const std::size_t n = b.bit_count();
  t.imo289 = imo289;
  t.month = static_cast<u8>(b.u(88, 4));
  t.day = static_cast<u8>(b.u(92, 5));
  // IMO236 (FI 14): 93-bit entries, latitude first, 1/10000 min.
  // IMO289 (FI 32): 88-bit entries, longitude first, 1/1000 min.
  const std::size_t size = imo289 ? 88 : 93;
  std::size_t i = 0;
  // An entry is decoded when it starts inside the payload; a truncated last entry
  // keeps the bits present (the rest read as zero), as gpsd prints it.
  for (; i < t.tidals.size() && 97 + size * i < n; ++i) {
    const std::size_t a = 97 + size * i;
    auto& e = t.tidals[i];
    if (imo289) {
      e.lon = static_cast<i32>(b.s(a, 25));
      e.lat = static_cast<i32>(b.s(a + 25, 24));
    } else {
      e.lat = static_cast<i32>(b.s(a, 27));
      e.lon = static_cast<i32>(b.s(a + 27, 28));
    }
    const std::size_t c = a + (imo289 ? 49 : 55);
    e.from_hour = static_cast<u8>(b.u(c, 5));
    e.from_min = static_cast<u8>(b.u(c + 5, 6));
    e.to_hour = static_cast<u8>(b.u(c + 11, 5));
    e.to_min = static_cast<u8>(b.u(c + 16, 6));
    e.cdir = static_cast<u16>(b.u(c + 22, 9));
    e.cspeed = static_cast<u8>(b.u(c + 31, imo289 ? 8 : 7));
  }
  t.ntidals = static_cast<u8>(i);
}

void route_info(const PayloadBits& b, std::size_t base, app::RouteInfo& r) {
  r.linkage = static_cast<u16>(b.u(base, 10));
  r.sender = static_cast<u8>(b.u(base + 10, 3));
  r.rtype = static_cast<u8>(b.u(base + 13, 5));
  r.month = static_cast<u8>(b.u(base + 18, 4));
  r.day = static_cast<u8>(b.u(base + 22, 5));
  r.hour = static_cast<u8>(b.u(base + 27, 5));
  r.minute = static_cast<u8>(b.u(base + 32, 6));
  r.duration = static_cast<std::uint32_t>(b.u(base + 38, 18));
  std::size_t count = b.u(base + 56, 5);
  if (count > r.waypoints.size()) count = r.waypoints.size();
  r.waycount = static_cast<u8>(count);
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t a = base + 61 + 55 * i;
    r.waypoints[i][0] = static_cast<i32>(b.s(a, 28));
    r.waypoints[i][1] = static_cast<i32>(b.s(a + 28, 27));
  }
}

void text_description(const PayloadBits& b, std::size_t base, app::TextDescription& t) {
  const std::size_t n = b.bit_count();
  t.linkage = static_cast<u16>(b.u(base, 10));
  const std::size_t chars = n > base + 10 ? (n - base - 10) / 6 : 0;
  t.len = static_cast<u8>(b.text(base + 10, chars, t.text, sizeof t.text - 1));
  t.text[t.len] = '\0';
}

void meteo(const PayloadBits& b, bool imo289, app::MeteoHydro& w) {
  w.imo289 = imo289;
  if (!imo289) {  // IMO236: latitude first, offset-binary temperatures
    w.lat = static_cast<i32>(b.s(56, 24));
    w.lon = static_cast<i32>(b.s(80, 25));
    w.day = static_cast<u8>(b.u(105, 5));
    w.hour = static_cast<u8>(b.u(110, 5));
    w.minute = static_cast<u8>(b.u(115, 6));
    w.wspeed = static_cast<u8>(b.u(121, 7));
    w.wgust = static_cast<u8>(b.u(128, 7));
    w.wdir = static_cast<u16>(b.u(135, 9));
    w.wgustdir = static_cast<u16>(b.u(144, 9));
    w.airtemp = static_cast<i16>(b.u(153, 11));
    w.humidity = static_cast<u8>(b.u(164, 7));
    w.dewpoint = static_cast<i16>(b.u(171, 10));
    w.pressure = static_cast<u16>(b.u(181, 9));
    w.pressuretend = static_cast<u8>(b.u(190, 2));
    w.visibility = static_cast<u8>(b.u(192, 8));
    w.waterlevel = static_cast<i16>(b.u(200, 9));
    w.leveltrend = static_cast<u8>(b.u(209, 2));
    std::size_t a = 211;
    w.cspeed = static_cast<u8>(b.u(a, 8));
    w.cdir = static_cast<u16>(b.u(a + 8, 9));
    w.cspeed2 = static_cast<u8>(b.u(a + 17, 8));
    w.cdir2 = static_cast<u16>(b.u(a + 25, 9));
    w.cdepth2 = static_cast<u8>(b.u(a + 34, 5));
    w.cspeed3 = static_cast<u8>(b.u(a + 39, 8));
    w.cdir3 = static_cast<u16>(b.u(a + 47, 9));
    w.cdepth3 = static_cast<u8>(b.u(a + 56, 5));
    a = 272;
    w.waveheight = static_cast<u8>(b.u(a, 8));
    w.waveperiod = static_cast<u8>(b.u(a + 8, 6));
    w.wavedir = static_cast<u16>(b.u(a + 14, 9));
    w.swellheight = static_cast<u8>(b.u(a + 23, 8));
    w.swellperiod = static_cast<u8>(b.u(a + 31, 6));
    w.swelldir = static_cast<u16>(b.u(a + 37, 9));
    w.seastate = static_cast<u8>(b.u(a + 46, 4));
    w.watertemp = static_cast<i16>(b.u(a + 50, 10));
    w.preciptype = static_cast<u8>(b.u(a + 60, 3));
    w.salinity = static_cast<u16>(b.u(a + 63, 9));
    w.ice = static_cast<u8>(b.u(a + 72, 2));
    return;
  }
  // IMO289: longitude first, position accuracy, signed temperatures.
  w.lon = static_cast<i32>(b.s(56, 25));
  w.lat = static_cast<i32>(b.s(81, 24));
  w.accuracy = b.flag(105);
  w.day = static_cast<u8>(b.u(106, 5));
  w.hour = static_cast<u8>(b.u(111, 5));
  w.minute = static_cast<u8>(b.u(116, 6));
  w.wspeed = static_cast<u8>(b.u(122, 7));
  w.wgust = static_cast<u8>(b.u(129, 7));
  w.wdir = static_cast<u16>(b.u(136, 9));
  w.wgustdir = static_cast<u16>(b.u(145, 9));
  w.airtemp = static_cast<i16>(b.s(154, 11));
  w.humidity = static_cast<u8>(b.u(165, 7));
  w.dewpoint = static_cast<i16>(b.s(172, 10));
  w.pressure = static_cast<u16>(b.u(182, 9));
  w.pressuretend = static_cast<u8>(b.u(191, 2));
  w.visgreater = b.flag(193);
  w.visibility = static_cast<u8>(b.u(194, 7));
  w.waterlevel = static_cast<i16>(b.u(201, 12));
  w.leveltrend = static_cast<u8>(b.u(213, 2));
  std::size_t a = 215;
  w.cspeed = static_cast<u8>(b.u(a, 8));
  w.cdir = static_cast<u16>(b.u(a + 8, 9));
  w.cspeed2 = static_cast<u8>(b.u(a + 17, 8));
  w.cdir2 = static_cast<u16>(b.u(a + 25, 9));
  w.cdepth2 = static_cast<u8>(b.u(a + 34, 5));
  w.cspeed3 = static_cast<u8>(b.u(a + 39, 8));
  w.cdir3 = static_cast<u16>(b.u(a + 47, 9));
  w.cdepth3 = static_cast<u8>(b.u(a + 56, 5));
  a = 276;
  w.waveheight = static_cast<u8>(b.u(a, 8));
  w.waveperiod = static_cast<u8>(b.u(a + 8, 6));
  w.wavedir = static_cast<u16>(b.u(a + 14, 9));
  w.swellheight = static_cast<u8>(b.u(a + 23, 8));
  w.swellperiod = static_cast<u8>(b.u(a + 31, 6));
  w.swelldir = static_cast<u16>(b.u(a + 37, 9));
  w.seastate = static_cast<u8>(b.u(a + 46, 4));
  w.watertemp = static_cast<i16>(b.s(a + 50, 10));
  w.preciptype = static_cast<u8>(b.u(a + 60, 3));
  w.salinity = static_cast<u16>(b.u(a + 63, 9));
  w.ice = static_cast<u8>(b.u(a + 72, 2));
}

void vts_targets(const PayloadBits& b, app::VtsTargets& v) {
  const std::size_t n = b.bit_count();
  std::size_t i = 0;
  for (; i < v.targets.size() && 56 + 122 * i < n; ++i) {  // as for tidal windows
    const std::size_t a = 56 + 122 * i;
    auto& t = v.targets[i];
    t.idtype = static_cast<u8>(b.u(a, 2));
    if (t.idtype <= 1) {
      t.id = b.u(a + 2, 42);
    } else {
      const std::size_t len = b.text(a + 2, 7, t.text_id, 7);
      t.text_id[len] = '\0';
    }
    t.lat = static_cast<i32>(b.s(a + 48, 24));
    t.lon = static_cast<i32>(b.s(a + 72, 25));
    t.course = static_cast<u16>(b.u(a + 97, 9));
    t.second = static_cast<u8>(b.u(a + 106, 6));
    t.speed = static_cast<u16>(b.u(a + 112, 10));
  }
  v.ntargets = static_cast<u8>(i);
}

}  // namespace

bool decode_app_addressed(const PayloadBits& b, std::uint16_t dac, std::uint8_t fid,
                          AppBody& out) {
  const std::size_t n = b.bit_count();
  if (dac == 1) {
    switch (fid) {
      case 12: {  // IMO236 dangerous cargo indication
        auto& c = out.emplace<app::DangerousCargo>();
        text_into(b, 88, 5, c.lastport);
        c.lmonth = static_cast<u8>(b.u(118, 4));
        c.lday = static_cast<u8>(b.u(122, 5));
        c.lhour = static_cast<u8>(b.u(127, 5));
        c.lminute = static_cast<u8>(b.u(132, 6));
        text_into(b, 138, 5, c.nextport);
        c.nmonth = static_cast<u8>(b.u(168, 4));
        c.nday = static_cast<u8>(b.u(172, 5));
        c.nhour = static_cast<u8>(b.u(177, 5));
        c.nminute = static_cast<u8>(b.u(182, 6));
        text_into(b, 188, 20, c.dangerous);
        text_into(b, 308, 4, c.imdcat);
        c.unid = static_cast<u16>(b.u(332, 13));
        c.amount = static_cast<u16>(b.u(345, 10));
        c.unit = static_cast<u8>(b.u(355, 2));
        return true;
      }
      case 14: tidal_window(b, false, out.emplace<app::TidalWindow>()); return true;
      case 32: tidal_window(b, true, out.emplace<app::TidalWindow>()); return true;
      case 16:  // IMO289 number of persons on board (13 bits + 3 spare)
        if (n < 101) return false;
        out.emplace<app::PersonsOnBoard>().persons = static_cast<u16>(b.u(88, 13));
        return true;
      case 18: {  // IMO289 clearance time to enter port
        auto& c = out.emplace<app::ClearanceTime>();
        c.linkage = static_cast<u16>(b.u(88, 10));
        c.month = static_cast<u8>(b.u(98, 4));
        c.day = static_cast<u8>(b.u(102, 5));
        c.hour = static_cast<u8>(b.u(107, 5));
        c.minute = static_cast<u8>(b.u(112, 6));
        text_into(b, 118, 20, c.portname);
        text_into(b, 238, 5, c.destination);
        c.lon = static_cast<i32>(b.s(268, 25));
        c.lat = static_cast<i32>(b.s(293, 24));
        return true;
      }
      case 20: {  // IMO289 berthing data
        auto& d = out.emplace<app::BerthingData>();
        d.linkage = static_cast<u16>(b.u(88, 10));
        d.berth_length = static_cast<u16>(b.u(98, 9));
        d.berth_depth = static_cast<u8>(b.u(107, 8));
        d.position = static_cast<u8>(b.u(115, 3));
        d.month = static_cast<u8>(b.u(118, 4));
        d.day = static_cast<u8>(b.u(122, 5));
        d.hour = static_cast<u8>(b.u(127, 5));
        d.minute = static_cast<u8>(b.u(132, 6));
        d.availability = b.flag(138);
        for (std::size_t i = 0; i < d.services.size(); ++i)
          d.services[i] = static_cast<u8>(b.u(139 + 2 * i, 2));
        text_into(b, 191, 20, d.berth_name);
        d.berth_lon = static_cast<i32>(b.s(311, 25));
        d.berth_lat = static_cast<i32>(b.s(336, 24));
        return true;
      }
      case 28: route_info(b, 88, out.emplace<app::RouteInfo>()); return true;
      case 30: text_description(b, 88, out.emplace<app::TextDescription>()); return true;
      default: return false;
    }
  }
  if (dac == 200) {
    if ((fid == 21 && n == 248) || (fid == 22 && n == 232)) {  // inland ETA / RTA
      auto& e = out.emplace<app::InlandEta>();
      e.rta = fid == 22;
      text_into(b, 88, 2, e.country);
      text_into(b, 100, 3, e.locode);
      text_into(b, 118, 5, e.section);
      text_into(b, 148, 5, e.terminal);
      text_into(b, 178, 5, e.hectometre);
      e.month = static_cast<u8>(b.u(208, 4));
      e.day = static_cast<u8>(b.u(212, 5));
      e.hour = static_cast<u8>(b.u(217, 5));
      e.minute = static_cast<u8>(b.u(222, 6));
      if (e.rta) {
        e.status = static_cast<u8>(b.u(228, 2));
      } else {
        e.tugs = static_cast<u8>(b.u(228, 3));
        e.airdraught = static_cast<u16>(b.u(231, 12));
      }
      return true;
    }
    if (fid == 55 && n == 168) {  // inland persons on board
      auto& p = out.emplace<app::InlandPersons>();
      p.crew = static_cast<u8>(b.u(88, 8));
      p.passengers = static_cast<u16>(b.u(96, 13));
      p.personnel = static_cast<u8>(b.u(109, 8));
      return true;
    }
    return false;
  }
  if ((dac == 235 || dac == 250) && fid == 10 && n == 136) {  // GLA AtoN monitoring
    auto& a = out.emplace<app::AtonMonitoring>();
    a.ana_int = static_cast<u16>(b.u(88, 10));
    a.ana_ext1 = static_cast<u16>(b.u(98, 10));
    a.ana_ext2 = static_cast<u16>(b.u(108, 10));
    a.racon = static_cast<u8>(b.u(118, 2));
    a.light = static_cast<u8>(b.u(120, 2));
    a.alarm = b.flag(122);
    a.stat_ext = static_cast<u8>(b.u(123, 8));
    a.off_pos = b.flag(131);
    return true;
  }
  return false;
}

bool decode_app_broadcast(const PayloadBits& b, std::uint16_t dac, std::uint8_t fid,
                          AppBody& out) {
  const std::size_t n = b.bit_count();
  if (dac == 1) {
    switch (fid) {
      case 11: meteo(b, false, out.emplace<app::MeteoHydro>()); return true;
      case 31: meteo(b, true, out.emplace<app::MeteoHydro>()); return true;
      case 13: {  // IMO236 fairway closed
        auto& f = out.emplace<app::FairwayClosed>();
        text_into(b, 56, 20, f.reason);
        text_into(b, 176, 20, f.closefrom);
        text_into(b, 296, 20, f.closeto);
        f.radius = static_cast<u16>(b.u(416, 10));
        f.extunit = static_cast<u8>(b.u(426, 2));
        f.fday = static_cast<u8>(b.u(428, 5));
        f.fmonth = static_cast<u8>(b.u(433, 4));
        f.fhour = static_cast<u8>(b.u(437, 5));
        f.fminute = static_cast<u8>(b.u(442, 6));
        f.tday = static_cast<u8>(b.u(448, 5));
        f.tmonth = static_cast<u8>(b.u(453, 4));
        f.thour = static_cast<u8>(b.u(457, 5));
        f.tminute = static_cast<u8>(b.u(462, 6));
        return true;
      }
      case 17: vts_targets(b, out.emplace<app::VtsTargets>()); return true;
      case 19: {  // IMO289 marine traffic signal
        auto& s = out.emplace<app::TrafficSignal>();
        s.linkage = static_cast<u16>(b.u(56, 10));
        text_into(b, 66, 20, s.station);
        s.lon = static_cast<i32>(b.s(186, 25));
        s.lat = static_cast<i32>(b.s(211, 24));
        s.status = static_cast<u8>(b.u(235, 2));
        s.signal = static_cast<u8>(b.u(237, 5));
        s.hour = static_cast<u8>(b.u(242, 5));
        s.minute = static_cast<u8>(b.u(247, 6));
        s.nextsignal = static_cast<u8>(b.u(253, 5));
        return true;
      }
      case 27: route_info(b, 56, out.emplace<app::RouteInfo>()); return true;
      case 29: text_description(b, 56, out.emplace<app::TextDescription>()); return true;
      default: return false;
    }
  }
  if (dac == 200 && n == 168) {
    if (fid == 10) {  // inland ship static and voyage related data
      const auto hazard = static_cast<u8>(b.u(141, 3));
      if (hazard > 5) return false;  // not this message (gpsd's sanity check)
      auto& s = out.emplace<app::InlandStatic>();
      text_into(b, 56, 8, s.vin);
      s.length = static_cast<u16>(b.u(104, 13));
      s.beam = static_cast<u16>(b.u(117, 10));
      s.shiptype = static_cast<u16>(b.u(127, 14));
      s.hazard = hazard;
      s.draught = static_cast<u16>(b.u(144, 11));
      s.loaded = static_cast<u8>(b.u(155, 2));
      s.speed_q = b.flag(157);
      s.course_q = b.flag(158);
      s.heading_q = b.flag(159);
      return true;
    }
    if (fid == 24) {  // inland water levels
      auto& w = out.emplace<app::InlandWaterLevel>();
      text_into(b, 56, 2, w.country);
      std::size_t i = 0;
      for (; i < w.id.size() && 68 + 25 * i < n; ++i) {
        w.id[i] = static_cast<u16>(b.u(68 + 25 * i, 11));
        w.level[i] = static_cast<i16>(b.s(68 + 25 * i + 11, 14));
      }
      w.ngauges = static_cast<u8>(i);
      return true;
    }
  }
  return false;
}

}  // namespace seawarden::ais::detail
