#include "detect/event_json.h"

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <tuple>

namespace seawarden::detect {

namespace {

// Days since 1970-01-01 for a civil date (Howard Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

}  // namespace

std::string json_number(double v) {
  if (!std::isfinite(v)) return "null";
  char buf[40];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);  // shortest round trip
  std::string out(buf, end);
  if (out.find_first_of(".eE") == std::string::npos) out += ".0";
  return out;
}

void append_json(std::string& out, const nlohmann::json& v) {
  switch (v.type()) {
    case nlohmann::json::value_t::number_float:
      out += json_number(v.get<double>());
      return;
    case nlohmann::json::value_t::array: {
      out += '[';
      bool first = true;
      for (const auto& x : v) {
        if (!first) out += ',';
        first = false;
        append_json(out, x);
      }
      out += ']';
      return;
    }
    case nlohmann::json::value_t::object: {
      out += '{';
      bool first = true;
      for (auto it = v.begin(); it != v.end(); ++it) {
        if (!first) out += ',';
        first = false;
        out += nlohmann::json(it.key()).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        out += ':';
        append_json(out, it.value());
      }
      out += '}';
      return;
    }
    default:  // strings, integers, booleans, null: nlohmann's form is already the shortest
      out += v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
}

std::string format_time_utc(std::int64_t t_ms) {
  std::int64_t secs = t_ms >= 0 ? t_ms / 1000 : (t_ms - 999) / 1000;
  int ms = static_cast<int>(t_ms - secs * 1000);
  std::int64_t days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
  int sod = static_cast<int>(secs - days * 86400);
  std::int64_t y;
  unsigned m, d;
  civil_from_days(days, y, m, d);
  char buf[64];  // room for any year the types allow (the compiler checks the worst case)
  if (ms == 0)
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02dZ", static_cast<long long>(y), m,
                  d, sod / 3600, sod / 60 % 60, sod % 60);
  else
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02d.%03dZ",
                  static_cast<long long>(y), m, d, sod / 3600, sod / 60 % 60, sod % 60, ms);
  return buf;
}

std::int64_t parse_time_utc(std::string_view s) {
  auto fail = [&] { throw std::invalid_argument("bad UTC time '" + std::string(s) + "'"); };
  auto num = [&](std::size_t pos, std::size_t len) {
    if (pos + len > s.size()) fail();
    int v = 0;
    for (std::size_t i = pos; i < pos + len; ++i) {
      if (s[i] < '0' || s[i] > '9') fail();
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  if (s.size() < 19 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') ||
      s[13] != ':' || s[16] != ':')
    fail();
  int y = num(0, 4), mo = num(5, 2), d = num(8, 2), h = num(11, 2), mi = num(14, 2), se = num(17, 2);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) fail();
  std::int64_t ms = 0;
  std::size_t i = 19;
  if (i < s.size() && s[i] == '.') {
    ++i;
    int digits = 0;
    std::int64_t frac = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      if (digits < 3) frac = frac * 10 + (s[i] - '0'), ++digits;
      ++i;
    }
    while (digits < 3) frac *= 10, ++digits;
    ms = frac;
  }
  std::string_view zone = s.substr(i);
  if (!(zone == "Z" || zone == "" || zone == "+00:00" || zone == "+0000")) fail();
  return (days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 +
          h * 3600 + mi * 60 + se) * 1000 + ms;
}

std::string to_json_line(const Event& e) {
  std::string out;
  out.reserve(256);
  out += "{\"kind\":";
  out += nlohmann::json(e.kind).dump();
  out += ",\"start\":\"" + format_time_utc(e.start_ms) + "\"";
  out += ",\"end\":\"" + format_time_utc(e.end_ms) + "\"";
  out += ",\"vessels\":";
  out += nlohmann::json(e.vessels).dump();
  out += ",\"lat\":";
  out += json_number(round_decimals(e.lat, 6));
  out += ",\"lon\":";
  out += json_number(round_decimals(e.lon, 6));
  if (e.fields.is_object()) {
    for (auto it = e.fields.begin(); it != e.fields.end(); ++it) {
      const std::string& key = it.key();
      if (key == "kind" || key == "start" || key == "end" || key == "vessels" || key == "lat" ||
          key == "lon")
        continue;  // the common fields are not repeatable
      out += ',';
      out += nlohmann::json(key).dump();
      out += ':';
      append_json(out, it.value());
    }
  }
  out += '}';
  return out;
}

Event event_from_json(const nlohmann::json& j) {
  if (!j.is_object()) throw std::invalid_argument("event is not a JSON object");
  for (const char* key : {"kind", "start", "end", "vessels"})
    if (!j.contains(key)) throw std::invalid_argument(std::string("event without \"") + key + "\"");
  Event e;
  e.kind = j.at("kind").get<std::string>();
  e.start_ms = parse_time_utc(j.at("start").get<std::string>());
  e.end_ms = parse_time_utc(j.at("end").get<std::string>());
  for (const auto& v : j.at("vessels")) e.vessels.push_back(v.get<std::uint32_t>());
  if (j.contains("lat") && j.at("lat").is_number()) e.lat = j.at("lat").get<double>();
  if (j.contains("lon") && j.at("lon").is_number()) e.lon = j.at("lon").get<double>();
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string& key = it.key();
    if (key == "kind" || key == "start" || key == "end" || key == "vessels" || key == "lat" ||
        key == "lon")
      continue;
    e.fields[key] = it.value();
  }
  return e;
}

bool event_before(const Event& a, const Event& b) {
  return std::tie(a.start_ms, a.end_ms, a.kind, a.vessels) <
         std::tie(b.start_ms, b.end_ms, b.kind, b.vessels);
}

}  // namespace seawarden::detect
