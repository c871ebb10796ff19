// JSON of the application messages carried by types 6 and 8 (gpsd's field names,
// order and formats), or of their raw bits.
#include <type_traits>

#include "ais/json_internal.h"
#include "ais/names.h"

namespace seawarden::ais::detail {

namespace {

// "%u-%uT%u:%u": gpsd's unpadded partial dates (inland ETA, berthing arrival).
void loose_date(JsonOut& j, std::string_view k, unsigned mo, unsigned d, unsigned h,
                unsigned mi) {
  j.key(k);
  j.ch('"');
  j.num(std::uint64_t{mo});
  j.ch('-');
  j.num(std::uint64_t{d});
  j.ch('T');
  j.num(std::uint64_t{h});
  j.ch(':');
  j.num(std::uint64_t{mi});
  j.ch('"');
}

void meteo(JsonOut& j, const app::MeteoHydro& w, bool scaled) {
  if (scaled) {
    j.deg("lat", w.lat, kMin1k6, 6);
    j.deg("lon", w.lon, kMin1k6, 6);
  } else {
    j.i("lat", w.lat);
    j.i("lon", w.lon);
  }
  if (w.imo289) j.b("accuracy", w.accuracy);
  j.key("timestamp");
  j.ch('"');
  j.pad2(w.day);
  j.ch('T');
  j.pad2(w.hour);
  j.ch(':');
  j.pad2(w.minute);
  j.raw("Z\"");
  j.u("wspeed", w.wspeed);
  j.u("wgust", w.wgust);
  j.u("wdir", w.wdir);
  j.u("wgustdir", w.wgustdir);
  j.u("humidity", w.humidity);
  if (scaled) {
    // IMO236 codes temperatures, dew point and levels with an offset; IMO289 uses
    // two's complement (and pressure 0 = 799 hPa instead of 800).
    if (w.imo289) {
      j.tenths("airtemp", w.airtemp);
      j.tenths("dewpoint", w.dewpoint);
      j.u("pressure", w.pressure + 799u);
    } else {
      j.tenths("airtemp", w.airtemp - 600);
      j.tenths("dewpoint", w.dewpoint - 200);
      j.u("pressure", w.pressure + 800u);
    }
    j.s("pressuretend", trend_text(w.pressuretend));
    if (w.imo289) j.b("visgreater", w.visgreater);
    j.tenths("visibility", w.visibility);
    if (w.imo289) j.f("waterlevel", (w.waterlevel - 1000) / 100.0, 1);
    else j.tenths("waterlevel", w.waterlevel - 100);
    j.s("leveltrend", trend_text(w.leveltrend));
    j.tenths("cspeed", w.cspeed);
    j.u("cdir", w.cdir);
    j.tenths("cspeed2", w.cspeed2);
    j.u("cdir2", w.cdir2);
    j.u("cdepth2", w.cdepth2);
    j.tenths("cspeed3", w.cspeed3);
    j.u("cdir3", w.cdir3);
    j.u("cdepth3", w.cdepth3);
    j.tenths("waveheight", w.waveheight);
    j.u("waveperiod", w.waveperiod);
    j.u("wavedir", w.wavedir);
    j.tenths("swellheight", w.swellheight);
    j.u("swellperiod", w.swellperiod);
    j.u("swelldir", w.swelldir);
    j.u("seastate", w.seastate);
    j.tenths("watertemp", w.imo289 ? w.watertemp : w.watertemp - 100);
    if (w.imo289) {
      j.s("preciptype", preciptype_text(w.preciptype));
      j.tenths("salinity", w.salinity);
      j.s("ice", ice_text(w.ice));
    } else {
      j.u("preciptype", w.preciptype);
      j.s("preciptype_text", preciptype_text(w.preciptype));
      j.tenths("salinity", w.salinity);
      j.u("ice", w.ice);
      j.s("ice_text", ice_text(w.ice));
    }
    return;
  }
  j.i("airtemp", w.airtemp);
  j.i("dewpoint", w.dewpoint);
  j.u("pressure", w.pressure);
  j.u("pressuretend", w.pressuretend);
  if (w.imo289) j.b("visgreater", w.visgreater);
  j.u("visibility", w.visibility);
  j.i("waterlevel", w.waterlevel);
  j.u("leveltrend", w.leveltrend);
  j.u("cspeed", w.cspeed);
  j.u("cdir", w.cdir);
  j.u("cspeed2", w.cspeed2);
  j.u("cdir2", w.cdir2);
  j.u("cdepth2", w.cdepth2);
  j.u("cspeed3", w.cspeed3);
  j.u("cdir3", w.cdir3);
  j.u("cdepth3", w.cdepth3);
  j.u("waveheight", w.waveheight);
  j.u("waveperiod", w.waveperiod);
  j.u("wavedir", w.wavedir);
  j.u("swellheight", w.swellheight);
  j.u("swellperiod", w.swellperiod);
  j.u("swelldir", w.swelldir);
  j.u("seastate", w.seastate);
  j.i("watertemp", w.watertemp);
  j.u("preciptype", w.preciptype);
  if (!w.imo289) j.s("preciptype_text", preciptype_text(w.preciptype));
  j.u("salinity", w.salinity);
  j.u("ice", w.ice);
  if (!w.imo289) j.s("ice_text", ice_text(w.ice));
}

void tidal(JsonOut& j, const app::TidalWindow& t, bool imo289, bool scaled) {
  j.u("month", t.month);
  j.u("day", t.day);
  j.raw(",\"tidals\":[");
  for (std::size_t i = 0; i < t.ntidals; ++i) {
    const auto& e = t.tidals[i];
    j.raw(i ? ",{" : "{");
    if (scaled) {
      // FI 32 positions are 1/1000 minute (6 decimals). FI 14 positions are
      // 1/10000 minute (IMO SN.1/Circ.236, like message 1); gpsd divides them as
      // 1/1000 minute, printing e.g. lon 279.3388 for 27.93388 degrees.
      const std::int64_t mult = imo289 ? kMin1k6 : kMin10k7;
      const int decimals = imo289 ? 6 : 7;
      j.raw("\"lon\":");
      j.deg(e.lon, mult, decimals);
      j.deg("lat", e.lat, mult, decimals);
    } else {
      j.raw("\"lon\":");
      j.num(std::int64_t{e.lon});
      j.i("lat", e.lat);
    }
    j.u("from_hour", e.from_hour);
    j.u("from_min", e.from_min);
    j.u("to_hour", e.to_hour);
    j.u("to_min", e.to_min);
    j.u("cdir", e.cdir);
    if (scaled) j.tenths("cspeed", e.cspeed);
    else j.u("cspeed", e.cspeed);
    j.ch('}');
  }
  j.ch(']');
}

void route(JsonOut& j, const app::RouteInfo& r, bool scaled) {
  j.u("linkage", r.linkage);
  j.u("sender", r.sender);
  j.u("rtype", r.rtype);
  j.s("rtype_text", route_type_text(r.rtype));
  j.partial_date("start", r.month, r.day, r.hour, r.minute, true);
  j.u("duration", r.duration);
  j.raw(",\"waypoints\":[");
  for (std::size_t i = 0; i < r.waycount; ++i) {
    j.raw(i ? ",{\"lon\":" : "{\"lon\":");
    if (scaled) {
      j.deg(r.waypoints[i][0], kMin10k7, 7);
      j.deg("lat", r.waypoints[i][1], kMin10k7, 7);
    } else {
      j.num(std::int64_t{r.waypoints[i][0]});
      j.i("lat", r.waypoints[i][1]);
    }
    j.ch('}');
  }
  j.ch(']');
}

}  // namespace

void append_binary_app(JsonOut& j, const AppBody& app, bool scaled) {
  std::visit(
      [&](const auto& p) {
        using T = std::decay_t<decltype(p)>;
        if constexpr (std::is_same_v<T, RawBits>) {
          j.data("data", p);
        } else if constexpr (std::is_same_v<T, app::DangerousCargo>) {
          j.s("lastport", p.lastport);
          j.partial_date("departure", p.lmonth, p.lday, p.lhour, p.lminute, true);
          j.s("nextport", p.nextport);
          j.partial_date("eta", p.nmonth, p.nday, p.nhour, p.nminute, true);
          j.s("dangerous", p.dangerous);
          j.s("imdcat", p.imdcat);
          j.u("unid", p.unid);
          j.u("amount", p.amount);
          j.u("unit", p.unit);
        } else if constexpr (std::is_same_v<T, app::TidalWindow>) {
          tidal(j, p, p.imo289, scaled);
        } else if constexpr (std::is_same_v<T, app::PersonsOnBoard>) {
          j.u("persons", p.persons);
        } else if constexpr (std::is_same_v<T, app::ClearanceTime>) {
          j.u("linkage", p.linkage);
          j.partial_date("arrival", p.month, p.day, p.hour, p.minute, true);
          j.s("portname", p.portname);
          j.s("destination", p.destination);
          j.lon_lat(p.lon, p.lat, scaled, kMin1k6, 6);
        } else if constexpr (std::is_same_v<T, app::BerthingData>) {
          static const char* const names[26] = {
              "agent", "fuel", "chandler", "stevedore", "electrical", "water", "customs",
              "cartage", "crane", "lift", "medical", "navrepair", "provisions", "shiprepair",
              "surveyor", "steam", "tugs", "solidwaste", "liquidwaste", "hazardouswaste",
              "ballast", "additional", "regional1", "regional2", "future1", "future2"};
          j.u("linkage", p.linkage);
          j.u("berth_length", p.berth_length);
          j.u("position", p.position);
          j.s("position_text", berth_position_text(p.position));
          loose_date(j, "arrival", p.month, p.day, p.hour, p.minute);
          j.u("availability", p.availability);
          for (std::size_t i = 0; i < 26; ++i) j.u(names[i], p.services[i]);
          j.s("berth_name", p.berth_name);
          if (scaled) {
            j.deg("berth_lon", p.berth_lon, kMin1k6, 6);
            j.deg("berth_lat", p.berth_lat, kMin1k6, 6);
            j.f("berth_depth", p.berth_depth * 0.1, 1);
          } else {
            j.i("berth_lon", p.berth_lon);
            j.i("berth_lat", p.berth_lat);
            j.u("berth_depth", p.berth_depth);
          }
        } else if constexpr (std::is_same_v<T, app::TextDescription>) {
          j.u("linkage", p.linkage);
          j.s("text", std::string_view(p.text, p.len));
        } else if constexpr (std::is_same_v<T, app::RouteInfo>) {
          route(j, p, scaled);
        } else if constexpr (std::is_same_v<T, app::InlandEta>) {
          j.s("country", p.country);
          j.s("locode", p.locode);
          j.s("section", p.section);
          j.s("terminal", p.terminal);
          j.s("hectometre", p.hectometre);
          loose_date(j, "eta", p.month, p.day, p.hour, p.minute);
          if (p.rta) {
            j.u("status", p.status);
            j.s("status_text", rta_status_text(p.status));
          } else {
            j.u("tugs", p.tugs);
            j.u("airdraught", p.airdraught);
          }
        } else if constexpr (std::is_same_v<T, app::InlandPersons>) {
          j.u("crew", p.crew);
          j.u("passengers", p.passengers);
          j.u("personnel", p.personnel);
        } else if constexpr (std::is_same_v<T, app::AtonMonitoring>) {
          j.b("off_pos", p.off_pos);
          j.b("alarm", p.alarm);
          j.u("stat_ext", p.stat_ext);
          // Analogue voltages in 0.05 V; gpsd prints a raw 0 unscaled.
          const auto volts = [&](std::string_view k, std::uint16_t v) {
            if (scaled && v != 0) j.f(k, v * 0.05, 2);
            else j.u(k, v);
          };
          volts("ana_int", p.ana_int);
          volts("ana_ext1", p.ana_ext1);
          volts("ana_ext2", p.ana_ext2);
          j.u("racon", p.racon);
          j.s("racon_text", racon_text(p.racon));
          j.u("light", p.light);
          j.s("light_text", light_text(p.light));
        } else if constexpr (std::is_same_v<T, app::MeteoHydro>) {
          meteo(j, p, scaled);
        } else if constexpr (std::is_same_v<T, app::FairwayClosed>) {
          j.s("reason", p.reason);
          j.s("closefrom", p.closefrom);
          j.s("closeto", p.closeto);
          j.u("radius", p.radius);
          j.u("extunit", p.extunit);
          j.partial_date("from", p.fmonth, p.fday, p.fhour, p.fminute, false);
          j.partial_date("to", p.tmonth, p.tday, p.thour, p.tminute, false);
        } else if constexpr (std::is_same_v<T, app::VtsTargets>) {
          j.raw(",\"targets\":[");
          for (std::size_t i = 0; i < p.ntargets; ++i) {
            const auto& t = p.targets[i];
            j.raw(i ? ",{\"idtype\":" : "{\"idtype\":");
            j.num(std::uint64_t{t.idtype});
            j.s("idtype_text", vts_idtype_text(t.idtype));
            j.key(vts_idtype_text(t.idtype));
            if (t.idtype <= 1) {  // gpsd quotes numeric ids too
              j.ch('"');
              j.num(t.id);
              j.ch('"');
            } else {
              j.str(t.text_id);
            }
            if (scaled) {
              j.deg("lat", t.lat, kMin1k6, 6);
              j.deg("lon", t.lon, kMin1k6, 6);
            } else {
              j.i("lat", t.lat);
              j.i("lon", t.lon);
            }
            j.u("course", t.course);
            j.u("second", t.second);
            j.u("speed", t.speed);
            j.ch('}');
          }
          j.ch(']');
        } else if constexpr (std::is_same_v<T, app::TrafficSignal>) {
          j.u("linkage", p.linkage);
          j.s("station", p.station);
          j.lon_lat(p.lon, p.lat, scaled, kMin1k6, 6);
          j.u("status", p.status);
          j.u("signal", p.signal);
          j.s("signal_text", signal_text(p.signal));
          j.u("hour", p.hour);
          j.u("minute", p.minute);
          j.u("nextsignal", p.nextsignal);
          j.s("nextsignal_text", signal_text(p.nextsignal));
        } else if constexpr (std::is_same_v<T, app::InlandStatic>) {
          j.s("vin", p.vin);
          j.u("length", p.length);
          j.u("beam", p.beam);
          j.u("shiptype", p.shiptype);
          j.s("shiptype_text", inland_shiptype_text(p.shiptype));
          j.u("hazard", p.hazard);
          j.s("hazard_text", inland_hazard_text(p.hazard));
          j.u("draught", p.draught);
          j.u("loaded", p.loaded);
          j.s("loaded_text", inland_loaded_text(p.loaded));
          j.b("speed_q", p.speed_q);
          j.b("course_q", p.course_q);
          j.b("heading_q", p.heading_q);
        } else if constexpr (std::is_same_v<T, app::InlandWaterLevel>) {
          j.s("country", p.country);
          j.raw(",\"gauges\":[");
          for (std::size_t i = 0; i < p.ngauges; ++i) {
            j.raw(i ? ",{\"id\":" : "{\"id\":");
            j.num(std::uint64_t{p.id[i]});
            j.i("level", p.level[i]);
            j.ch('}');
          }
          j.ch(']');
        }
      },
      app);
}

}  // namespace seawarden::ais::detail
