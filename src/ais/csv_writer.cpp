// CSV rows for positions and static data (see docs/decode-csv.md for the columns).
#include "ais/csv_writer.h"

#include <charconv>
#include <cstdlib>
#include <string_view>
#include <type_traits>

#include "ais/json_internal.h"

namespace seawarden::ais {

namespace {

constexpr std::string_view kHeader =
    "rxtime,station,type,mmsi,lat,lon,speed,course,heading,turn,status,accuracy,second,"
    "imo,callsign,shipname,shiptype,to_bow,to_stern,to_port,to_starboard,draught,"
    "destination,eta,epfd,part\n";
constexpr int kColumns = 26;

// Row under construction: columns are filled by index, then written in order.
struct Row {
  std::array<std::string_view, kColumns> text{};
  std::array<bool, kColumns> quote{};
  // Storage for formatted numbers (each column at most 32 characters).
  std::array<std::array<char, 32>, kColumns> buf{};

  enum Col { rxtime, station, type, mmsi, lat, lon, speed, course, heading, turn, status,
             accuracy, second, imo, callsign, shipname, shiptype, to_bow, to_stern, to_port,
             to_starboard, draught, destination, eta, epfd, part };

  void str(Col c, std::string_view v) {
    text[c] = v;
    quote[c] = true;
  }
  void set(Col c, std::string_view formatted) {
    auto& b = buf[c];
    const std::size_t n = formatted.size() < b.size() ? formatted.size() : b.size();
    for (std::size_t i = 0; i < n; ++i) b[i] = formatted[i];
    text[c] = {b.data(), n};
  }
  void num(Col c, std::int64_t v) {
    auto& b = buf[c];
    const auto res = std::to_chars(b.data(), b.data() + b.size(), v);
    text[c] = {b.data(), static_cast<std::size_t>(res.ptr - b.data())};
  }
};

// Small formatting helper reusing the JSON number formatter.
template <typename F>
std::string_view fmt(std::string& scratch, F&& f) {
  scratch.clear();
  {
    detail::JsonOut j(scratch);  // appends to scratch when it goes out of scope
    f(j);
  }
  return scratch;
}

void position(Row& r, bool scaled, std::int32_t lat, std::int32_t lon, std::int32_t not_lat,
              std::int32_t not_lon, std::int64_t mult, int decimals) {
  std::string s;
  if (!scaled) {
    r.num(Row::lat, lat);
    r.num(Row::lon, lon);
    return;
  }
  if (lat != not_lat && lon != not_lon) {
    r.set(Row::lat, fmt(s, [&](detail::JsonOut& j) { j.deg(lat, mult, decimals); }));
    r.set(Row::lon, fmt(s, [&](detail::JsonOut& j) { j.deg(lon, mult, decimals); }));
  }
}

void tenths(Row& r, Row::Col c, bool scaled, unsigned raw, unsigned not_available) {
  std::string s;
  if (!scaled) r.num(c, raw);
  else if (raw != not_available)
    r.set(c, fmt(s, [&](detail::JsonOut& j) { j.tenths(static_cast<std::int64_t>(raw)); }));
}

void dims(Row& r, unsigned bow, unsigned stern, unsigned port, unsigned starboard) {
  r.num(Row::to_bow, bow);
  r.num(Row::to_stern, stern);
  r.num(Row::to_port, port);
  r.num(Row::to_starboard, starboard);
}

void write_field(std::string& out, std::string_view v, bool quote) {
  const bool needs = quote && v.find_first_of(",\"\n\r") != std::string_view::npos;
  if (!needs) {
    out.append(v);
    return;
  }
  out += '"';
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace

void append_csv_header(const CsvWriterOptions&, std::string& out) { out.append(kHeader); }

bool append_csv_row(const Received& rec, const CsvWriterOptions& opt, std::string& out) {
  const Message& m = rec.msg;
  const bool sc = opt.scaled;
  Row r;
  std::string s;
  bool has_row = true;
  std::visit(
      [&](const auto& p) {
        using T = std::decay_t<decltype(p)>;
        if constexpr (std::is_same_v<T, PositionA>) {
          position(r, sc, p.lat, p.lon, kLatNotAvailable, kLonNotAvailable, detail::kMin10k7, 7);
          tenths(r, Row::speed, sc, p.speed, kSpeedNotAvailable);
          tenths(r, Row::course, sc, p.course, kCourseNotAvailable);
          if (!sc || p.heading != kHeadingNotAvailable) r.num(Row::heading, p.heading);
          if (!sc) {
            r.num(Row::turn, p.turn);
          } else if (p.turn != -128) {
            // ROT_AIS = 4.733 sqrt(deg/min); +-127 (no turn indicator) gives +-720.00.
            double rot = p.turn / 4.733;
            rot *= rot;
            if (p.turn < 0) rot = -rot;
            r.set(Row::turn, fmt(s, [&](detail::JsonOut& j) { j.fixed(rot, 2); }));
          }
          r.num(Row::status, p.status);
          r.num(Row::accuracy, p.accuracy);
          r.num(Row::second, p.second);
        } else if constexpr (std::is_same_v<T, BaseStation>) {
          position(r, sc, p.lat, p.lon, kLatNotAvailable, kLonNotAvailable, detail::kMin10k7, 7);
          r.num(Row::accuracy, p.accuracy);
          r.num(Row::second, p.second);
          r.num(Row::epfd, p.epfd);
        } else if constexpr (std::is_same_v<T, StaticVoyage>) {
          r.num(Row::imo, p.imo);
          r.str(Row::callsign, p.callsign.view());
          r.str(Row::shipname, p.shipname.view());
          r.num(Row::shiptype, p.shiptype);
          dims(r, p.to_bow, p.to_stern, p.to_port, p.to_starboard);
          if (sc) r.set(Row::draught, fmt(s, [&](detail::JsonOut& j) { j.tenths(p.draught); }));
          else r.num(Row::draught, p.draught);
          r.str(Row::destination, p.destination.view());
          r.set(Row::eta, fmt(s, [&](detail::JsonOut& j) {
            j.month_day_time(p.month, p.day, p.hour, p.minute);
            j.ch('Z');
          }));
          r.num(Row::epfd, p.epfd);
        } else if constexpr (std::is_same_v<T, PositionB> || std::is_same_v<T, ExtendedB>) {
          position(r, sc, p.lat, p.lon, kLatNotAvailable, kLonNotAvailable, detail::kMin10k7, 7);
          tenths(r, Row::speed, sc, p.speed, kSpeedNotAvailable);
          tenths(r, Row::course, sc, p.course, kCourseNotAvailable);
          if (!sc || p.heading != kHeadingNotAvailable) r.num(Row::heading, p.heading);
          r.num(Row::accuracy, p.accuracy);
          r.num(Row::second, p.second);
          if constexpr (std::is_same_v<T, ExtendedB>) {
            r.str(Row::shipname, p.shipname.view());
            r.num(Row::shiptype, p.shiptype);
            dims(r, p.to_bow, p.to_stern, p.to_port, p.to_starboard);
            r.num(Row::epfd, p.epfd);
          }
        } else if constexpr (std::is_same_v<T, StaticB>) {
          r.set(Row::part, p.merged ? "AB" : p.partno == 0 ? "A" : "B");
          if (p.partno == 0 || p.merged) r.str(Row::shipname, p.shipname.view());
          if (p.partno == 1) {
            r.str(Row::callsign, p.callsign.view());
            r.num(Row::shiptype, p.shiptype);
            if (m.mmsi / 10000000 != 98) dims(r, p.to_bow, p.to_stern, p.to_port, p.to_starboard);
          }
        } else if constexpr (std::is_same_v<T, LongRange>) {
          // Low-resolution position (1/10 minute), speed in whole knots, course in degrees.
          position(r, sc, p.lat, p.lon, 91 * 600, 181 * 600, detail::kMin10_4, 4);
          if (!sc || p.speed != 63) r.num(Row::speed, p.speed);
          if (!sc || p.course != 511) r.num(Row::course, p.course);
          r.num(Row::status, p.status);
          r.num(Row::accuracy, p.accuracy);
        } else if constexpr (std::is_same_v<T, OtherBody>) {
          if (const auto* sar = std::get_if<SarAircraft>(&p)) {
            position(r, sc, sar->lat, sar->lon, kLatNotAvailable, kLonNotAvailable,
                     detail::kMin10k7, 7);
            if (!sc || sar->speed != 1023) r.num(Row::speed, sar->speed);  // whole knots
            tenths(r, Row::course, sc, sar->course, kCourseNotAvailable);
            r.num(Row::accuracy, sar->accuracy);
            r.num(Row::second, sar->second);
          } else if (const auto* a = std::get_if<AidToNavigation>(&p)) {
            position(r, sc, a->lat, a->lon, kLatNotAvailable, kLonNotAvailable,
                     detail::kMin10k7, 7);
            r.str(Row::shipname, a->view());
            r.num(Row::accuracy, a->accuracy);
            r.num(Row::second, a->second);
            dims(r, a->to_bow, a->to_stern, a->to_port, a->to_starboard);
            r.num(Row::epfd, a->epfd);
          } else {
            has_row = false;
          }
        } else {
          has_row = false;
        }
      },
      m.body);
  if (!has_row) return false;

  // Receive time (ISO-8601 UTC) and station.
  if (rec.meta.rxtime != kUnknownTime)
    r.set(Row::rxtime, fmt(s, [&](detail::JsonOut& j) { detail::iso_time(j, rec.meta.rxtime); }));
  r.str(Row::station, rec.meta.station);
  r.num(Row::type, m.type);
  r.num(Row::mmsi, m.mmsi);
  for (int c = 0; c < kColumns; ++c) {
    if (c) out += ',';
    write_field(out, r.text[c], r.quote[c]);
  }
  out += '\n';
  return true;
}

}  // namespace seawarden::ais
