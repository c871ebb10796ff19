#include "ais/gps_clock.h"

#include "ais/nmea.h"
#include "ais/timestamps.h"

namespace seawarden::ais {
namespace {

// The i-th comma-separated field after the sentence name (0 = the first), or an empty view.
std::string_view field(std::string_view body, int i) {
  std::size_t pos = body.find(',');
  for (; i > 0 && pos != std::string_view::npos; --i) pos = body.find(',', pos + 1);
  if (pos == std::string_view::npos) return {};
  const std::size_t end = body.find(',', pos + 1);
  return body.substr(pos + 1, end == std::string_view::npos ? std::string_view::npos : end - pos - 1);
}

// Exactly `n` digits from s[at]; -1 otherwise.
int digits(std::string_view s, std::size_t at, std::size_t n) {
  if (at + n > s.size()) return -1;
  int v = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

int whole_number(std::string_view s) {
  if (s.empty() || s.size() > 4) return -1;
  return digits(s, 0, s.size());
}

// "hhmmss" with an optional fraction (".s", ".ss", ".sss"); false when malformed.
bool time_of_day(std::string_view s, int& h, int& m, int& sec, int& ms) {
  h = digits(s, 0, 2), m = digits(s, 2, 2), sec = digits(s, 4, 2);
  if (h < 0 || m < 0 || sec < 0) return false;
  ms = 0;
  if (s.size() == 6) return true;
  if (s[6] != '.' || s.size() == 7) return false;
  int scale = 100;
  for (std::size_t i = 7; i < s.size(); ++i, scale /= 10) {
    if (s[i] < '0' || s[i] > '9') return false;
    ms += (s[i] - '0') * scale;
  }
  return true;
}

}  // namespace

GpsTime parse_gps_time(std::string_view line, TimeMs& out) {
  // "$" talker(2) type(3) ","
  if (line.size() < 8 || line[0] != '$' || line[6] != ',') return GpsTime::NotGps;
  const std::string_view type = line.substr(3, 3);
  const bool zda = type == "ZDA", rmc = type == "RMC";
  if (!zda && !rmc) return GpsTime::NotGps;
  const std::size_t star = line.rfind('*');
  if (star == std::string_view::npos || star < 7 || !nmea_checksum_ok(line.substr(1, star - 1), line.substr(star + 1)))
    return GpsTime::BadChecksum;
  const std::string_view body = line.substr(1, star - 1);
  int h, m, s, ms, day, month, year;
  if (!time_of_day(field(body, 0), h, m, s, ms)) return GpsTime::NoTime;
  if (zda) {
    day = whole_number(field(body, 1));
    month = whole_number(field(body, 2));
    year = whole_number(field(body, 3));
  } else {
    if (field(body, 1) != "A") return GpsTime::NoFix;
    const std::string_view date = field(body, 8);
    if (date.size() != 6) return GpsTime::NoTime;
    day = digits(date, 0, 2), month = digits(date, 2, 2), year = digits(date, 4, 2);
    if (year >= 0) year += 2000;
  }
  if (day < 0 || month < 0 || year < 2000 || year > 2100) return GpsTime::NoTime;
  out = utc_to_ms(year, month, day, h, m, s, ms);
  return out == kUnknownTime ? GpsTime::NoTime : GpsTime::Time;
}

}  // namespace seawarden::ais
