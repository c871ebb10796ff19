#include "store/export.h"

#include <charconv>
#include <cmath>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "store/timefmt.h"

namespace seawarden::store {
namespace {

// A JSON string literal. Invalid UTF-8 bytes become U+FFFD (the exports stay valid JSON
// whatever a zone file or a broadcast name held).
void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  static const char* kHex = "0123456789abcdef";
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (c == '"' || c == '\\') {
        out += '\\';
        out += static_cast<char>(c);
      } else if (c < 0x20) {
        switch (c) {
          case '\n': out += "\\n"; break;
          case '\r': out += "\\r"; break;
          case '\t': out += "\\t"; break;
          default:
            out += "\\u00";
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
      } else {
        out += static_cast<char>(c);
      }
      ++i;
      continue;
    }
    // Length of a well-formed UTF-8 sequence starting here, 0 when malformed.
    std::size_t n = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (n && i + n <= s.size()) {
      for (std::size_t k = 1; k < n; ++k)
        if ((static_cast<unsigned char>(s[i + k]) & 0xc0) != 0x80) n = 0;
      if (n == 3 && ((c == 0xe0 && static_cast<unsigned char>(s[i + 1]) < 0xa0) ||
                     (c == 0xed && static_cast<unsigned char>(s[i + 1]) >= 0xa0)))
        n = 0;  // overlong or surrogate
      if (n == 4 && ((c == 0xf0 && static_cast<unsigned char>(s[i + 1]) < 0x90) ||
                     (c == 0xf4 && static_cast<unsigned char>(s[i + 1]) >= 0x90)))
        n = 0;
    } else {
      n = 0;
    }
    if (n) {
      out.append(s.data() + i, n);
      i += n;
    } else {
      out += "\xef\xbf\xbd";
      ++i;
    }
  }
  out += '"';
}

std::string json_string(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

void append_uint(std::string& out, std::uint64_t v) {
  char buf[24];
  auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, p);
}

// Visits the top-level members of a JSON object text (an event's stored `fields`) without
// building a DOM: fn(key, raw value text). Keys are compared as written (the detectors'
// keys have no escapes). Returns false when the text is not a well-formed object.
template <typename Fn>
bool for_each_member(std::string_view t, Fn&& fn) {
  std::size_t i = 0;
  auto ws = [&] {
    while (i < t.size() && (t[i] == ' ' || t[i] == '\n' || t[i] == '\r' || t[i] == '\t')) ++i;
  };
  auto skip_string = [&]() -> bool {  // at the opening quote; leaves i after the closing one
    for (++i; i < t.size(); ++i) {
      if (t[i] == '\\') ++i;
      else if (t[i] == '"') return ++i, true;
    }
    return false;
  };
  ws();
  if (i >= t.size() || t[i] != '{') return false;
  ++i;
  ws();
  if (i < t.size() && t[i] == '}') return true;
  while (i < t.size()) {
    ws();
    if (i >= t.size() || t[i] != '"') return false;
    const std::size_t k0 = i;
    if (!skip_string()) return false;
    const std::string_view key = t.substr(k0 + 1, i - k0 - 2);
    ws();
    if (i >= t.size() || t[i] != ':') return false;
    ++i;
    ws();
    const std::size_t v0 = i;
    if (i >= t.size()) return false;
    if (t[i] == '"') {
      if (!skip_string()) return false;
    } else if (t[i] == '{' || t[i] == '[') {
      int depth = 0;
      while (i < t.size()) {
        if (t[i] == '"') {
          if (!skip_string()) return false;
          continue;
        }
        if (t[i] == '{' || t[i] == '[') ++depth;
        else if ((t[i] == '}' || t[i] == ']') && --depth == 0) break;
        ++i;
      }
      if (i >= t.size()) return false;
      ++i;
    } else {
      while (i < t.size() && t[i] != ',' && t[i] != '}' && t[i] != ' ' && t[i] != '\n') ++i;
    }
    fn(key, t.substr(v0, i - v0));
    ws();
    if (i < t.size() && t[i] == ',') {
      ++i;
      continue;
    }
    return i < t.size() && t[i] == '}';
  }
  return false;
}

// The stored fields text of an event (dumped from the parsed fields when absent).
std::string fields_text(const StoredEvent& e) {
  if (!e.fields_json.empty()) return e.fields_json;
  std::string out;
  detect::append_json(out, e.event.fields);
  return out;
}

bool is_float_text(std::string_view v) { return v.find_first_of(".eE") != std::string_view::npos; }

// A string value's text without its quotes, unescaped.
std::string unquote(std::string_view raw) {
  if (raw.size() >= 2 && raw.find('\\') == std::string_view::npos) return std::string(raw.substr(1, raw.size() - 2));
  auto j = nlohmann::json::parse(raw, nullptr, false);
  return j.is_string() ? j.get<std::string>() : std::string();
}

std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

std::string vessels_text(const detect::Event& e, const char* sep) {
  std::string out;
  for (std::size_t i = 0; i < e.vessels.size(); ++i) {
    if (i) out += sep;
    append_uint(out, e.vessels[i]);
  }
  return out;
}

std::string fmt_double(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

double duration_h(const detect::Event& e) { return static_cast<double>(e.end_ms - e.start_ms) / 3600'000.0; }

}  // namespace

std::optional<EventFormat> parse_event_format(std::string_view n) {
  if (n == "jsonl" || n == "json") return EventFormat::jsonl;
  if (n == "csv") return EventFormat::csv;
  if (n == "geojson") return EventFormat::geojson;
  if (n == "table") return EventFormat::table;
  return std::nullopt;
}

std::string event_json_line(const StoredEvent& se) {
  const auto& e = se.event;
  std::string out;
  out.reserve(160 + se.fields_json.size());
  out += "{\"id\":";
  append_uint(out, static_cast<std::uint64_t>(se.id));
  out += ",\"kind\":";
  append_json_string(out, e.kind);
  out += ",\"start\":\"" + iso_utc(e.start_ms) + "\",\"end\":\"" + iso_utc(e.end_ms) + "\",\"vessels\":[";
  out += vessels_text(e, ",");
  out += "],\"lat\":" + event_coordinate(e.lat) + ",\"lon\":" + event_coordinate(e.lon);
  if (se.provisional) out += ",\"provisional\":true";
  const std::string fields = fields_text(se);
  if (fields.size() > 2 && fields.front() == '{') {
    out += ',';
    out.append(fields, 1, std::string::npos);
  } else {
    out += '}';
  }
  return out;
}

std::string event_detail(const StoredEvent& se) {
  static constexpr std::string_view kKeys[] = {
      "zone",  "field",  "from",     "to",         "list",     "entry_id", "matched_on", "score",
      "reason", "median_distance_m", "distance_km", "implied_speed_kn", "dwell_h", "delta_m", "name"};
  std::string_view raw[std::size(kKeys)];
  const std::string fields = fields_text(se);
  for_each_member(fields, [&](std::string_view key, std::string_view value) {
    for (std::size_t i = 0; i < std::size(kKeys); ++i)
      if (key == kKeys[i]) raw[i] = value;
  });
  std::string out;
  for (std::size_t i = 0; i < std::size(kKeys); ++i) {
    std::string_view v = raw[i];
    if (v.empty() || v == "null" || v.front() == '{' || v.front() == '[') continue;
    if (!out.empty()) out += ' ';
    out += kKeys[i];
    out += '=';
    if (v.front() == '"') {
      out += unquote(v);
    } else if (is_float_text(v)) {
      double d = 0;
      std::from_chars(v.data(), v.data() + v.size(), d);
      out += fmt_double(d, 2);
    } else {
      out += v;
    }
  }
  return out;
}

EventWriter::EventWriter(std::FILE* out, EventFormat format) : out_(out), format_(format) {
  switch (format_) {
    case EventFormat::jsonl: break;
    case EventFormat::csv: buf_ = "id,kind,start,end,duration_h,vessels,lat,lon,provisional,detail,fields\n"; break;
    case EventFormat::geojson: buf_ = "{\"type\":\"FeatureCollection\",\"features\":["; break;
    case EventFormat::table: {
      char line[256];
      std::snprintf(line, sizeof line, "%-7s %-16s %-20s %-20s %7s %-19s %9s %10s  %s\n", "ID", "KIND", "START",
                    "END", "HOURS", "VESSELS", "LAT", "LON", "DETAIL");
      buf_ = line;
      break;
    }
  }
}

EventWriter::~EventWriter() { finish(); }

void EventWriter::flush() {
  std::fwrite(buf_.data(), 1, buf_.size(), out_);
  buf_.clear();
}

void EventWriter::add(const StoredEvent& se) {
  const auto& e = se.event;
  std::string& buf = buf_;
  switch (format_) {
    case EventFormat::jsonl:
      buf += event_json_line(se);
      buf += '\n';
      break;
    case EventFormat::csv:
      buf += std::to_string(se.id) + ',' + e.kind + ',' + iso_utc(e.start_ms) + ',' + iso_utc(e.end_ms) + ',' +
             fmt_double(duration_h(e), 2) + ',' + vessels_text(e, " ") + ',' + fmt_double(e.lat, 6) + ',' +
             fmt_double(e.lon, 6) + ',' + (se.provisional ? "true" : "false") + ',' + csv_field(event_detail(se)) +
             ',' + csv_field(fields_text(se)) + '\n';
      break;
    case EventFormat::geojson: {
      buf += count_ ? ",\n" : "\n";
      buf += "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[" + event_coordinate(e.lon) + ',' +
             event_coordinate(e.lat) + "]},\"properties\":{\"id\":";
      // Flat scalar properties (both tools show them as columns); nested ones as JSON text.
      append_uint(buf, static_cast<std::uint64_t>(se.id));
      buf += ",\"kind\":";
      append_json_string(buf, e.kind);
      buf += ",\"start\":\"" + iso_utc(e.start_ms) + "\",\"end\":\"" + iso_utc(e.end_ms) +
             "\",\"duration_h\":" + json_number(std::round(duration_h(e) * 100) / 100) + ",\"vessels\":\"" +
             vessels_text(e, " ") + "\",\"mmsi\":";
      append_uint(buf, e.vessels.empty() ? 0 : e.vessels[0]);
      if (e.vessels.size() > 1) {
        buf += ",\"mmsi2\":";
        append_uint(buf, e.vessels[1]);
      }
      buf += se.provisional ? ",\"provisional\":true" : ",\"provisional\":false";
      const std::string fields = fields_text(se);
      for_each_member(fields, [&](std::string_view key, std::string_view value) {
        static constexpr std::string_view kOwn[] = {"id",      "kind", "start", "end",        "duration_h",
                                                    "vessels", "mmsi", "mmsi2", "provisional"};
        for (auto k : kOwn)
          if (key == k) return;
        buf += ",\"";
        buf += key;
        buf += "\":";
        if (value.front() == '{' || value.front() == '[') append_json_string(buf, value);
        else buf += value;
      });
      buf += "}}";
      break;
    }
    case EventFormat::table: {
      char line[512];
      std::string kind = e.kind + (se.provisional ? "*" : "");
      auto secs = [](std::int64_t t) { return iso_utc(t - ((t % 1000) + 1000) % 1000); };  // aligned columns
      std::snprintf(line, sizeof line, "%-7lld %-16s %-20s %-20s %7.1f %-19s %9.4f %10.4f  ",
                    static_cast<long long>(se.id), kind.c_str(), secs(e.start_ms).c_str(), secs(e.end_ms).c_str(),
                    duration_h(e), vessels_text(e, ",").c_str(), e.lat, e.lon);
      buf += line;
      buf += event_detail(se);
      buf += '\n';
      any_provisional_ |= se.provisional;
      break;
    }
  }
  ++count_;
  if (buf.size() > (1 << 16)) flush();
}

void EventWriter::finish() {
  if (finished_) return;
  finished_ = true;
  if (format_ == EventFormat::geojson) buf_ += "\n]}\n";
  if (format_ == EventFormat::table && any_provisional_) buf_ += "* still open at the end of the input ingested so far\n";
  flush();
}

void write_events(std::FILE* out, const std::vector<StoredEvent>& events, EventFormat format) {
  EventWriter w(out, format);
  for (const auto& e : events) w.add(e);
  w.finish();
}

void append_track_features(std::string& out, bool& first, std::uint32_t mmsi, std::string_view name,
                           const std::vector<Position>& ps, const TrackFeatureOptions& opt) {
  std::size_t i = 0;
  while (i < ps.size()) {
    std::size_t j = i + 1;
    while (j < ps.size() && ps[j].segment == ps[i].segment && ps[j].t_ms - ps[j - 1].t_ms <= opt.split_gap_ms) ++j;
    if (j - i >= 2) {
      out += first ? "\n" : ",\n";
      first = false;
      out += "{\"type\":\"Feature\",\"geometry\":{\"type\":\"LineString\",\"coordinates\":[";
      for (std::size_t k = i; k < j; ++k) {
        if (k > i) out += ',';
        out += '[' + fmt_double(ps[k].lon, 6) + ',' + fmt_double(ps[k].lat, 6) + ']';
      }
      out += "]},\"properties\":{\"mmsi\":" + std::to_string(mmsi) + ",\"name\":" + json_string(name) +
             ",\"segment\":" + std::to_string(ps[i].segment) + ",\"start\":\"" + iso_utc(ps[i].t_ms) +
             "\",\"end\":\"" + iso_utc(ps[j - 1].t_ms) + "\",\"positions\":" + std::to_string(j - i) + "}}";
    }
    i = j;
  }
}

std::string vessel_geojson(std::uint32_t mmsi, std::string_view name, const std::vector<Position>& positions,
                           const std::vector<StoredEvent>& events) {
  std::string out = "{\"type\":\"FeatureCollection\",\"features\":[";
  bool first = true;
  append_track_features(out, first, mmsi, name, positions);
  for (const auto& se : events) {
    out += first ? "\n" : ",\n";
    first = false;
    out += "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[" + event_coordinate(se.event.lon) +
           ',' + event_coordinate(se.event.lat) + "]},\"properties\":{\"id\":" + std::to_string(se.id) +
           ",\"kind\":" + json_string(se.event.kind) + ",\"start\":\"" + iso_utc(se.event.start_ms) +
           "\",\"end\":\"" + iso_utc(se.event.end_ms) + "\",\"vessels\":\"" + vessels_text(se.event, " ") +
           "\",\"detail\":" + json_string(event_detail(se)) + "}}";
  }
  out += "\n]}\n";
  return out;
}

}  // namespace seawarden::store
