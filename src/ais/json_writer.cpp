// gpsd-compatible JSON for every message type. Field order, names and number
// formats follow gpsd's json_aivdm_dump (gpsd 3.25), so that seawarden's output can
// be compared with gpsd's regression files byte for byte where gpsd is right.
#include "ais/json_writer.h"

#include <cmath>
#include <cstdlib>
#include <type_traits>

#include "ais/json_internal.h"
#include "ais/names.h"
#include "ais/timestamps.h"

namespace seawarden::ais {

namespace {

using detail::JsonOut;
using detail::kMin10_4;
using detail::kMin10_6;
using detail::kMin10k7;

void position_a(JsonOut& j, const PositionA& p, bool scaled) {
  j.u("status", p.status);
  j.legend("status_text", status_text(p.status));
  if (scaled) {
    if (std::abs(int{p.turn}) >= 128) j.lit("turn", "\"n/a\"");
    else if (p.turn == -127) j.lit("turn", "\"fastleft\"");
    else if (p.turn == 127) j.lit("turn", "\"fastright\"");
    else {
      // ROT_AIS = 4.733 * sqrt(ROT deg/min); gpsd prints the rate as a string.
      double rot = p.turn / 4.733;
      rot *= rot;
      if (p.turn < 0) rot = -rot;
      j.key("turn");
      j.ch('"');
      j.fixed(rot, 2);
      j.ch('"');
    }
    if (p.speed == 1023) j.lit("speed", "\"n/a\"");
    else if (p.speed == 1022) j.lit("speed", "\"fast\"");
    else j.tenths("speed", p.speed);
    j.b("accuracy", p.accuracy);
    j.deg("lon", p.lon, kMin10k7, 7);
    j.deg("lat", p.lat, kMin10k7, 7);
    j.tenths("course", p.course);
  } else {
    j.i("turn", p.turn);
    j.u("speed", p.speed);
    j.b("accuracy", p.accuracy);
    j.i("lon", p.lon);
    j.i("lat", p.lat);
    j.u("course", p.course);
  }
  j.u("heading", p.heading);
  j.u("second", p.second);
  j.u("maneuver", p.maneuver);
  j.b("raim", p.raim);
  j.u("radio", p.radio);
}

void base_station(JsonOut& j, const BaseStation& p, bool scaled) {
  j.key("timestamp");
  j.ch('"');
  if (p.year < 1000) j.ch('0');
  if (p.year < 100) j.ch('0');
  j.pad2(p.year);
  j.ch('-');
  j.month_day_time(p.month, p.day, p.hour, p.minute);
  j.ch(':');
  j.pad2(p.second);
  j.raw("Z\"");
  j.b("accuracy", p.accuracy);
  j.lon_lat(p.lon, p.lat, scaled, kMin10k7, 7);
  j.u("epfd", p.epfd);
  j.legend("epfd_text", epfd_text(p.epfd));
  j.b("raim", p.raim);
  j.u("radio", p.radio);
}

void static_voyage(JsonOut& j, const StaticVoyage& p, bool scaled) {
  j.u("imo", p.imo);
  j.u("ais_version", p.ais_version);
  j.s("callsign", p.callsign.view());
  j.s("shipname", p.shipname.view());
  j.u("shiptype", p.shiptype);
  j.legend("shiptype_text", shiptype_text(p.shiptype));
  j.u("to_bow", p.to_bow);
  j.u("to_stern", p.to_stern);
  j.u("to_port", p.to_port);
  j.u("to_starboard", p.to_starboard);
  j.u("epfd", p.epfd);
  j.legend("epfd_text", epfd_text(p.epfd));
  j.partial_date("eta", p.month, p.day, p.hour, p.minute, true);
  if (scaled) j.tenths("draught", p.draught);
  else j.u("draught", p.draught);
  j.s("destination", p.destination.view());
  j.u("dte", p.dte);
}

// Class B reports (types 18 and 19) share this run of fields.
template <class ClassB>
void class_b_motion(JsonOut& j, const ClassB& p, bool scaled) {
  if (scaled) {
    j.tenths("speed", p.speed);
    j.b("accuracy", p.accuracy);
    j.deg("lon", p.lon, kMin10k7, 7);
    j.deg("lat", p.lat, kMin10k7, 7);
    j.tenths("course", p.course);
  } else {
    j.u("speed", p.speed);
    j.b("accuracy", p.accuracy);
    j.i("lon", p.lon);
    j.i("lat", p.lat);
    j.u("course", p.course);
  }
  j.u("heading", p.heading);
  j.u("second", p.second);
  j.u("regional", p.regional);
}

void position_b(JsonOut& j, const PositionB& p, bool scaled) {
  j.u("reserved", p.reserved);
  class_b_motion(j, p, scaled);
  j.b("cs", p.cs);
  j.b("display", p.display);
  j.b("dsc", p.dsc);
  j.b("band", p.band);
  j.b("msg22", p.msg22);
  j.b("raim", p.raim);
  j.u("radio", p.radio);
}

void extended_b(JsonOut& j, const ExtendedB& p, bool scaled) {
  j.u("reserved", p.reserved);
  class_b_motion(j, p, scaled);
  j.s("shipname", p.shipname.view());
  j.u("shiptype", p.shiptype);
  j.legend("shiptype_text", shiptype_text(p.shiptype));
  j.u("to_bow", p.to_bow);
  j.u("to_stern", p.to_stern);
  j.u("to_port", p.to_port);
  j.u("to_starboard", p.to_starboard);
  j.u("epfd", p.epfd);
  j.legend("epfd_text", epfd_text(p.epfd));
  j.b("raim", p.raim);
  j.u("dte", p.dte);
  j.b("assigned", p.assigned);
}

void static_b(JsonOut& j, const StaticB& p, std::uint32_t mmsi) {
  // gpsd prints a matched A+B pair as one object, single parts with "part".
  if (!p.merged) j.lit("part", p.partno == 0 ? "\"A\"" : "\"B\"");
  if (p.partno == 0 || p.merged) j.s("shipname", p.shipname.view());
  if (p.partno != 0) {
    j.u("shiptype", p.shiptype);
    j.legend("shiptype_text", shiptype_text(p.shiptype));
    j.s("vendorid", p.vendorid.view());
    j.u("model", p.model);
    j.u("serial", p.serial);
    j.s("callsign", p.callsign.view());
    if (mmsi / 10000000 == 98) {
      j.u("mothership_mmsi", p.mothership_mmsi);
    } else {
      j.u("to_bow", p.to_bow);
      j.u("to_stern", p.to_stern);
      j.u("to_port", p.to_port);
      j.u("to_starboard", p.to_starboard);
    }
  }
}

void long_range(JsonOut& j, const LongRange& p, bool scaled) {
  j.u("status", p.status);
  if (scaled) j.legend("status_text", status_text(p.status));
  j.b("accuracy", p.accuracy);
  j.lon_lat(p.lon, p.lat, scaled, kMin10_4, 4);
  j.u("speed", p.speed);
  j.u("course", p.course);
  j.b("raim", p.raim);
  j.b("gnss", p.gnss);
}

void sar(JsonOut& j, const SarAircraft& p, bool scaled) {
  if (scaled) {
    if (p.alt == 4095) j.lit("alt", "\"nan\"");
    else if (p.alt == 4094) j.lit("alt", "\"high\"");
    else j.u("alt", p.alt);
    if (p.speed == 1023) j.lit("speed", "\"nan\"");
    else if (p.speed == 1022) j.lit("speed", "\"fast\"");
    else j.u("speed", p.speed);
    j.b("accuracy", p.accuracy);
    j.deg("lon", p.lon, kMin10k7, 7);
    j.deg("lat", p.lat, kMin10k7, 7);
    j.tenths("course", p.course);
  } else {
    j.u("alt", p.alt);
    j.u("speed", p.speed);
    j.b("accuracy", p.accuracy);
    j.i("lon", p.lon);
    j.i("lat", p.lat);
    j.u("course", p.course);
  }
  j.u("second", p.second);
  j.u("regional", p.regional);
  j.u("dte", p.dte);
  j.b("raim", p.raim);
  j.u("radio", p.radio);
}

void aton(JsonOut& j, const AidToNavigation& p, bool scaled) {
  j.u("aid_type", p.aid_type);
  j.legend("aid_type_text", aid_type_text(p.aid_type));
  j.s("name", p.view());
  if (scaled) {
    j.deg("lon", p.lon, kMin10k7, 7);
    j.deg("lat", p.lat, kMin10k7, 7);
    j.b("accuracy", p.accuracy);
  } else {
    j.b("accuracy", p.accuracy);
    j.i("lon", p.lon);
    j.i("lat", p.lat);
  }
  j.u("to_bow", p.to_bow);
  j.u("to_stern", p.to_stern);
  j.u("to_port", p.to_port);
  j.u("to_starboard", p.to_starboard);
  j.u("epfd", p.epfd);
  j.legend("epfd_text", epfd_text(p.epfd));
  j.u("second", p.second);
  j.u("regional", p.regional);
  j.b("off_position", p.off_position);
  j.b("raim", p.raim);
  j.b("virtual_aid", p.virtual_aid);
}

// Area corners of types 22/23: gpsd prints them scaled as quoted "%f" strings.
void corner(JsonOut& j, std::string_view k, std::int32_t raw, bool scaled) {
  if (!scaled) {
    j.i(k, raw);
    return;
  }
  j.key(k);
  j.ch('"');
  j.deg(raw, kMin10_6, 6);
  j.ch('"');
}

void other(JsonOut& j, const OtherBody& body, unsigned type, bool scaled) {
  std::visit(
      [&](const auto& p) {
        using T = std::decay_t<decltype(p)>;
        if constexpr (std::is_same_v<T, BinaryAddressed>) {
          j.u("seqno", p.seqno);
          j.u("dest_mmsi", p.dest_mmsi);
          j.b("retransmit", p.retransmit);
          j.u("dac", p.dac);
          j.u("fid", p.fid);
          detail::append_binary_app(j, p.app, scaled);
        } else if constexpr (std::is_same_v<T, BinaryBroadcast>) {
          j.u("dac", p.dac);
          j.u("fid", p.fid);
          detail::append_binary_app(j, p.app, scaled);
        } else if constexpr (std::is_same_v<T, Acknowledge>) {
          j.u("mmsi1", p.mmsi[0]);
          j.u("mmsi2", p.mmsi[1]);
          j.u("mmsi3", p.mmsi[2]);
          j.u("mmsi4", p.mmsi[3]);
        } else if constexpr (std::is_same_v<T, SarAircraft>) {
          sar(j, p, scaled);
        } else if constexpr (std::is_same_v<T, UtcInquiry>) {
          j.u("dest_mmsi", p.dest_mmsi);
        } else if constexpr (std::is_same_v<T, SafetyText>) {
          if (type == 12) {
            j.u("seqno", p.seqno);
            j.u("dest_mmsi", p.dest_mmsi);
            j.b("retransmit", p.retransmit);
          }
          j.s("text", p.view());
        } else if constexpr (std::is_same_v<T, Interrogation>) {
          j.u("mmsi1", p.mmsi1);
          j.u("type1_1", p.type1_1);
          j.u("offset1_1", p.offset1_1);
          j.u("type1_2", p.type1_2);
          j.u("offset1_2", p.offset1_2);
          j.u("mmsi2", p.mmsi2);
          j.u("type2_1", p.type2_1);
          j.u("offset2_1", p.offset2_1);
        } else if constexpr (std::is_same_v<T, AssignedMode>) {
          j.u("mmsi1", p.mmsi1);
          j.u("offset1", p.offset1);
          j.u("increment1", p.increment1);
          j.u("mmsi2", p.mmsi2);
          j.u("offset2", p.offset2);
          j.u("increment2", p.increment2);
        } else if constexpr (std::is_same_v<T, DgnssBroadcast>) {
          if (scaled) {
            j.f("lon", p.lon / 600.0, 1);
            j.f("lat", p.lat / 600.0, 1);
          } else {
            j.i("lon", p.lon);
            j.i("lat", p.lat);
          }
          j.data("data", p.data);
        } else if constexpr (std::is_same_v<T, DataLinkManagement>) {
          static const char* const names[4][4] = {
              {"offset1", "number1", "timeout1", "increment1"},
              {"offset2", "number2", "timeout2", "increment2"},
              {"offset3", "number3", "timeout3", "increment3"},
              {"offset4", "number4", "timeout4", "increment4"}};
          for (int i = 0; i < 4; ++i) {
            j.u(names[i][0], p.offset[i]);
            j.u(names[i][1], p.number[i]);
            j.u(names[i][2], p.timeout[i]);
            j.u(names[i][3], p.increment[i]);
          }
        } else if constexpr (std::is_same_v<T, AidToNavigation>) {
          aton(j, p, scaled);
        } else if constexpr (std::is_same_v<T, ChannelManagement>) {
          j.u("channel_a", p.channel_a);
          j.u("channel_b", p.channel_b);
          j.u("txrx", p.txrx);
          j.b("power", p.power);
          if (p.addressed) {
            j.u("dest1", p.dest1);
            j.u("dest2", p.dest2);
          } else {
            corner(j, "ne_lon", p.ne_lon, scaled);
            corner(j, "ne_lat", p.ne_lat, scaled);
            corner(j, "sw_lon", p.sw_lon, scaled);
            corner(j, "sw_lat", p.sw_lat, scaled);
          }
          j.b("addressed", p.addressed);
          j.b("band_a", p.band_a);
          j.b("band_b", p.band_b);
          j.u("zonesize", p.zonesize);
        } else if constexpr (std::is_same_v<T, GroupAssignment>) {
          corner(j, "ne_lon", p.ne_lon, scaled);
          corner(j, "ne_lat", p.ne_lat, scaled);
          corner(j, "sw_lon", p.sw_lon, scaled);
          corner(j, "sw_lat", p.sw_lat, scaled);
          j.u("stationtype", p.stationtype);
          j.legend("stationtype_text", station_type_text(p.stationtype));
          j.u("shiptype", p.shiptype);
          j.legend("shiptype_text", shiptype_text(p.shiptype));
          j.u("interval", p.interval);
          j.u("quiet", p.quiet);
        } else if constexpr (std::is_same_v<T, BinarySlot>) {
          j.b("addressed", p.addressed);
          j.b("structured", p.structured);
          j.u("dest_mmsi", p.dest_mmsi);
          j.u("app_id", p.app_id);
          j.data("data", p.data);
        }
      },
      body);
}

}  // namespace

void detail::iso_time(JsonOut& j, TimeMs t) {
  // format_iso8601 keeps the date of the previous call: rxtimes come in order.
  j.advance(format_iso8601(t, j.reserve(32)));
}

void append_json(const Received& rec, const JsonOptions& opt, std::string& out) {
  const Message& m = rec.msg;
  JsonOut j(out);
  j.raw("{\"class\":\"AIS\",\"device\":\"stdin\"");
  j.u("type", m.type);
  j.u("repeat", m.repeat);
  j.u("mmsi", m.mmsi);
  j.lit("scaled", opt.scaled ? "true" : "false");
  std::visit(
      [&](const auto& p) {
        using T = std::decay_t<decltype(p)>;
        if constexpr (std::is_same_v<T, PositionA>) position_a(j, p, opt.scaled);
        else if constexpr (std::is_same_v<T, BaseStation>) base_station(j, p, opt.scaled);
        else if constexpr (std::is_same_v<T, StaticVoyage>) static_voyage(j, p, opt.scaled);
        else if constexpr (std::is_same_v<T, PositionB>) position_b(j, p, opt.scaled);
        else if constexpr (std::is_same_v<T, ExtendedB>) extended_b(j, p, opt.scaled);
        else if constexpr (std::is_same_v<T, StaticB>) static_b(j, p, m.mmsi);
        else if constexpr (std::is_same_v<T, LongRange>) long_range(j, p, opt.scaled);
        else if constexpr (std::is_same_v<T, OtherBody>) other(j, p, m.type, opt.scaled);
      },
      m.body);
  if (opt.with_meta) {
    if (rec.meta.rxtime != kUnknownTime) {
      j.key("rxtime");
      j.ch('"');
      detail::iso_time(j, rec.meta.rxtime);
      j.ch('"');
    }
    if (!rec.meta.station.empty()) j.s("station", rec.meta.station);
  }
  j.ch('}');
}

}  // namespace seawarden::ais
