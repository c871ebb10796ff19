#include "track/observation.h"

#include <cmath>

namespace seawarden::track {

template <std::size_t N>
void FixedText<N>::assign(std::string_view s) {
  // Trim '@' padding and spaces at both ends, collapse inner runs of spaces.
  std::size_t b = 0, e = s.size();
  auto blank = [](char c) { return c == ' ' || c == '@' || static_cast<unsigned char>(c) < 0x20; };
  while (b < e && blank(s[b])) ++b;
  while (e > b && blank(s[e - 1])) --e;
  len = 0;
  bool prev_space = false;
  std::size_t i = b;
  for (; i < e && len < N; ++i) {
    char c = s[i];
    if (blank(c)) {
      if (prev_space) continue;
      c = ' ';
      prev_space = true;
    } else {
      prev_space = false;
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    buf[len++] = c;
  }
  // Full with a UTF-8 character cut in two (CSV text): its first bytes go too.
  if (i < e && (static_cast<unsigned char>(s[i]) & 0xc0) == 0x80) len = static_cast<std::uint8_t>(ais::utf8_whole(view()));
  buf[len] = '\0';
}

template struct FixedText<20>;
template struct FixedText<7>;

namespace {

// Class A/B positions: 1/10000 minute, speed 0.1 kn, course 0.1 degree.
template <class P>
void fill_position(const P& p, Observation& o) {
  o.has_position = true;
  o.raw_lat = p.lat;
  o.raw_lon = p.lon;
  o.lat = p.lat / 600000.0;
  o.lon = p.lon / 600000.0;
  o.position_valid = p.lat != ais::kLatNotAvailable && p.lon != ais::kLonNotAvailable &&
                     std::fabs(o.lat) <= 90 && std::fabs(o.lon) <= 180 && !(p.lat == 0 && p.lon == 0);
  o.sog = p.speed == ais::kSpeedNotAvailable ? -1.f : p.speed / 10.f;
  o.cog = p.course >= ais::kCourseNotAvailable ? -1.f : p.course / 10.f;
  o.heading = p.heading >= 360 ? -1 : static_cast<std::int16_t>(p.heading);
}

void set_dims(StaticReport& r, unsigned bow, unsigned stern, unsigned port, unsigned starboard) {
  unsigned length = bow + stern, beam = port + starboard;
  if (length > 0 && beam > 0) {
    r.length_m = static_cast<std::uint16_t>(length);
    r.beam_m = static_cast<std::uint16_t>(beam);
    r.has |= StaticReport::kDims;
  }
}

void set_name(StaticReport& r, std::string_view s) {
  r.name.assign(s);
  if (!r.name.empty()) r.has |= StaticReport::kName;
}

}  // namespace

ObservationKind make_observation(const ais::Received& rec, Observation& o) {
  const ais::Message& m = rec.msg;
  // A copy of a ready-made blank (a plain 128-byte copy) rather than a value-initialised
  // temporary built field by field for every message.
  static const Observation kBlank{};
  o = kBlank;
  o.t_ms = rec.meta.rxtime;
  o.mmsi = m.mmsi;
  o.msg_type = m.type;
  o.from_csv = rec.meta.from_csv;
  StaticReport& r = o.report;
  if (auto* a = std::get_if<ais::PositionA>(&m.body)) {
    fill_position(*a, o);
    o.status = a->status;
    return ObservationKind::Position;
  }
  if (auto* b = std::get_if<ais::PositionB>(&m.body)) {
    fill_position(*b, o);
    return ObservationKind::Position;
  }
  if (auto* x = std::get_if<ais::ExtendedB>(&m.body)) {
    fill_position(*x, o);
    set_name(r, x->shipname.view());
    if (x->shiptype) r.shiptype = x->shiptype, r.has |= StaticReport::kShiptype;
    set_dims(r, x->to_bow, x->to_stern, x->to_port, x->to_starboard);
    o.has_static = r.has != 0;
    return o.has_static ? ObservationKind::PositionAndStatic : ObservationKind::Position;
  }
  if (auto* l = std::get_if<ais::LongRange>(&m.body)) {
    o.has_position = true;
    o.raw_lat = l->lat;
    o.raw_lon = l->lon;
    o.lat = l->lat / 600.0;
    o.lon = l->lon / 600.0;
    o.position_valid = l->lat != 91 * 600 && l->lon != 181 * 600 && std::fabs(o.lat) <= 90 &&
                       std::fabs(o.lon) <= 180 && !(l->lat == 0 && l->lon == 0);
    o.sog = l->speed == 63 ? -1.f : static_cast<float>(l->speed);
    o.cog = l->course >= 360 ? -1.f : static_cast<float>(l->course);
    o.status = l->status;
    return ObservationKind::Position;
  }
  if (auto* s = std::get_if<ais::StaticVoyage>(&m.body)) {
    set_name(r, s->shipname.view());
    r.callsign.assign(s->callsign.view());
    if (!r.callsign.empty()) r.has |= StaticReport::kCallsign;
    if (s->imo) r.imo = s->imo, r.has |= StaticReport::kImo;
    if (s->shiptype) r.shiptype = s->shiptype, r.has |= StaticReport::kShiptype;
    set_dims(r, s->to_bow, s->to_stern, s->to_port, s->to_starboard);
    if (s->draught) r.draught_m = s->draught / 10.f, r.has |= StaticReport::kDraught;
    r.destination.assign(s->destination.view());
    if (!r.destination.empty()) r.has |= StaticReport::kDestination;
    o.has_static = true;
    return ObservationKind::Static;
  }
  if (auto* p = std::get_if<ais::StaticB>(&m.body)) {
    if (p->partno == 0) {
      set_name(r, p->shipname.view());
    } else if (p->partno == 1) {
      if (p->shiptype) r.shiptype = p->shiptype, r.has |= StaticReport::kShiptype;
      r.callsign.assign(p->callsign.view());
      if (!r.callsign.empty()) r.has |= StaticReport::kCallsign;
      // Auxiliary craft (98MIDxxxx) carry the mother ship's MMSI instead of dimensions.
      if (m.mmsi / 10000000u != 98) set_dims(r, p->to_bow, p->to_stern, p->to_port, p->to_starboard);
    }
    o.has_static = true;
    return ObservationKind::Static;
  }
  return ObservationKind::Ignored;
}

}  // namespace seawarden::track
