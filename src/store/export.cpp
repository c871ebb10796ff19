#include "store/export.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include <nlohmann/json.hpp>

#include "store/terminal_text.h"
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
    const std::size_t n = utf8_sequence_length(s, i);
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

// Visits the top-level members of an event's fields as clean_fields writes them (one compact,
// well-formed JSON object) without building a DOM: fn(key, raw value text), keys as written.
template <typename Fn>
void for_each_member(std::string_view t, Fn&& fn) {
  std::size_t i = 1;  // after the '{'
  auto skip_string = [&] {  // at the opening quote; leaves i after the closing one
    for (++i; i < t.size() && t[i] != '"'; ++i)
      if (t[i] == '\\') ++i;
    ++i;
  };
  while (i < t.size() && t[i] == '"') {
    const std::size_t k0 = i;
    skip_string();
    const std::string_view key = t.substr(k0 + 1, i - k0 - 2);
    const std::size_t v0 = ++i;  // after the ':'
    for (int depth = 0; i < t.size() && (depth > 0 || (t[i] != ',' && t[i] != '}'));) {
      if (t[i] == '"') {
        skip_string();
        continue;
      }
      if (t[i] == '{' || t[i] == '[') ++depth;
      else if (t[i] == '}' || t[i] == ']') --depth;
      ++i;
    }
    if (i >= t.size()) return;
    fn(key, t.substr(v0, i - v0));
    if (t[i] == ',') ++i;
  }
}

// Members of an event's own, which the exports write themselves: a stored field of one of these
// names is left out (in a JSON line it would repeat, and for most readers override, the event's).
constexpr std::string_view kCommonKeys[] = {"id", "kind", "start", "end", "vessels", "lat", "lon", "provisional"};

bool is_common_key(std::string_view key) {
  for (auto k : kCommonKeys)
    if (key == k) return true;
  return false;
}

// Reads JSON text as RFC 8259 and nlohmann::json have it (well-formed UTF-8, \u surrogates in
// pairs; at most kMaxDepth levels deep); with an output string, writes it there compact: every
// token copied as written, whitespace left out. A stored `fields` text is checked this way
// before any export copies it.
class CompactJson {
 public:
  static constexpr int kMaxDepth = 64;
  CompactJson(std::string_view t, std::string* out) : t_(t), out_(out) {}

  bool take(char c) {  // `c` when it is next after whitespace (writes nothing)
    ws();
    return i_ < t_.size() && t_[i_] == c ? (++i_, true) : false;
  }
  bool at_end() { return ws(), i_ == t_.size(); }
  bool spaced() const { return spaced_; }  // whitespace was left out
  // A string token; `text` is what it holds as written (escapes kept), `escaped` whether it
  // holds an escape. False when there is none or it is malformed.
  bool string(std::string_view* text = nullptr, bool* escaped = nullptr) {
    ws();
    if (i_ >= t_.size() || t_[i_] != '"') return false;
    const std::size_t start = i_++;
    bool any_escape = false;
    for (;;) {
      const char* p = t_.data() + i_;
      const char* const end = t_.data() + t_.size();
      while (p != end && kPlain[static_cast<unsigned char>(*p)]) ++p;
      i_ = static_cast<std::size_t>(p - t_.data());
      if (p == end) return false;
      const auto c = static_cast<unsigned char>(*p);
      if (c == '"') {
        ++i_;
        put(start);
        if (text) *text = t_.substr(start + 1, i_ - start - 2);
        if (escaped) *escaped = any_escape;
        return true;
      }
      if (c < 0x20) return false;
      if (c == '\\') {
        if (!escape()) return false;
        any_escape = true;
      } else {
        const std::size_t n = utf8_sequence_length(t_, i_);
        if (n == 0) return false;
        i_ += n;
      }
    }
  }
  // Any value; false when malformed (the output then holds part of it).
  bool value(int depth) {
    ws();
    if (i_ >= t_.size()) return false;
    const char c = t_[i_];
    if (c == '"') return string();
    if (c == '{' || c == '[') {
      const char close = c == '{' ? '}' : ']';
      if (depth >= kMaxDepth) return false;
      ++i_;
      put(c);
      if (take(close)) return put(close), true;
      for (;;) {
        if (c == '{') {
          if (!string() || !take(':')) return false;
          put(':');
        }
        if (!value(depth + 1)) return false;
        if (take(close)) return put(close), true;
        if (!take(',')) return false;
        put(',');
      }
    }
    const std::size_t start = i_;
    if (c == '-' || digit()) {
      if (c == '-') ++i_;
      if (!digit()) return false;
      if (t_[i_] == '0') ++i_;
      else while (digit()) ++i_;
      if (i_ < t_.size() && t_[i_] == '.') {
        ++i_;
        if (!digit()) return false;
        while (digit()) ++i_;
      }
      const bool exponent = i_ < t_.size() && (t_[i_] == 'e' || t_[i_] == 'E');
      if (exponent) {
        ++i_;
        if (i_ < t_.size() && (t_[i_] == '+' || t_[i_] == '-')) ++i_;
        if (!digit()) return false;
        while (digit()) ++i_;
      }
      // Beyond a double's range (1e999): nlohmann::json, and so `vessel --format json`, refuses it.
      if ((exponent || i_ - start > 300) && std::isinf(std::strtod(std::string(t_, start, i_ - start).c_str(), nullptr)))
        return false;
      put(start);
      return true;
    }
    for (std::string_view word : {"true", "false", "null"}) {
      if (t_.substr(i_, word.size()) == word) {
        i_ += word.size();
        put(start);
        return true;
      }
    }
    return false;  // NaN, Infinity, a bare word, a stray character
  }

 private:
  // Bytes a string holds as they are: ASCII from the space up, but the quote and the backslash.
  static constexpr std::array<bool, 256> kPlain = [] {
    std::array<bool, 256> plain{};
    for (int c = 0x20; c < 0x80; ++c) plain[static_cast<std::size_t>(c)] = c != '"' && c != '\\';
    return plain;
  }();

  void put(char c) { if (out_) *out_ += c; }
  // The token from there to the current position.
  void put(std::size_t token_start) { if (out_) out_->append(t_, token_start, i_ - token_start); }
  void ws() {
    const std::size_t from = i_;
    while (i_ < t_.size() && (t_[i_] == ' ' || t_[i_] == '\n' || t_[i_] == '\r' || t_[i_] == '\t')) ++i_;
    spaced_ |= i_ != from;
  }
  bool digit() const { return i_ < t_.size() && t_[i_] >= '0' && t_[i_] <= '9'; }
  int hex4(std::size_t at) const {  // the 4 hex digits at `at`, -1 when they are not
    unsigned v = 0;
    const char* b = t_.data() + std::min(at, t_.size());
    const auto [end, ec] = std::from_chars(b, b + std::min<std::size_t>(4, t_.data() + t_.size() - b), v, 16);
    return ec == std::errc() && end == b + 4 ? static_cast<int>(v) : -1;
  }
  bool escape() {  // at a backslash inside a string
    if (i_ + 1 >= t_.size()) return false;
    const char e = t_[i_ + 1];
    if (e != 'u') {
      i_ += 2;
      return e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't';
    }
    const int u = hex4(i_ + 2);
    i_ += 6;
    if (u < 0 || (u >= 0xdc00 && u <= 0xdfff)) return false;  // a low surrogate must follow a high one
    if (u < 0xd800 || u > 0xdbff) return true;
    if (i_ + 1 >= t_.size() || t_[i_] != '\\' || t_[i_ + 1] != 'u') return false;
    const int low = hex4(i_ + 2);
    i_ += 6;
    return low >= 0xdc00 && low <= 0xdfff;
  }

  std::string_view t_;
  std::string* out_;
  std::size_t i_ = 0;
  bool spaced_ = false;
};

struct FieldsScan {
  bool ok = false;        // one well-formed JSON object
  bool in_order = true;   // keys increasing as written, none with an escape (so each key once)
  bool exact = false;     // ... and compact, none of the event's own names: to copy as it is
};

// One pass over a stored fields text: checks it and, with `out`, writes it compact without the
// members named like the event's own, and without the damage and what follows when damaged.
FieldsScan scan_fields(std::string_view text, std::string* out) {
  FieldsScan r;
  CompactJson p(text, out);
  if (out) out->assign(1, '{');
  bool ok = p.take('{'), common_seen = false, has_last = false;
  std::string_view last_key;
  if (ok && !p.take('}')) {
    for (;;) {
      const std::size_t mark = out ? out->size() : 0;
      if (out && mark > 1) *out += ',';
      std::string_view key;
      bool escaped = false;
      const bool named = p.string(&key, &escaped) && p.take(':');
      if (named && out) *out += ':';
      if (!named || !p.value(1)) {
        ok = false;
        if (out) out->resize(mark);
        break;
      }
      if (escaped || (has_last && key <= last_key)) r.in_order = false;
      if (is_common_key(key)) {
        common_seen = true;
        if (out) out->resize(mark);
      } else {
        last_key = key;
        has_last = true;
      }
      if (p.take('}')) break;
      if (!p.take(',')) {
        ok = false;
        break;
      }
    }
  }
  r.ok = ok && p.at_end();
  if (out) *out += '}';
  r.exact = r.ok && r.in_order && !common_seen && !p.spaced();
  return r;
}

// An event's stored fields as compact JSON object text that every export can copy, whatever a
// damaged or hostile store holds (NaN, bare words, a second JSON line). False when the text is
// not one well-formed JSON object: `out` then holds the members before the damage ("{}" when
// none). Keys out of order (one repeated?) or with escapes: written again through nlohmann::json
// (each key once). A valid store's text (detect::append_json's) is checked, then copied as it is.
bool clean_fields(std::string_view text, std::string& out) {
  if (scan_fields(text, nullptr).exact) {
    out.assign(text);
    return true;
  }
  const FieldsScan r = scan_fields(text, &out);
  if (!r.in_order) {
    auto j = nlohmann::json::parse(out, nullptr, false);  // well-formed by now
    if (j.is_object()) {
      for (auto k : kCommonKeys) j.erase(std::string(k));
      out.clear();
      detect::append_json(out, j);
    }
  }
  return r.ok;
}

// clean_fields of an event's stored fields (of its parsed fields when none is stored).
bool event_fields(const StoredEvent& e, std::string& out) {
  if (!e.fields_json.empty()) return clean_fields(e.fields_json, out);
  std::string dumped = "{}";
  if (e.event.fields.is_object()) {
    dumped.clear();
    detect::append_json(dumped, e.event.fields);
  }
  clean_fields(dumped, out);
  return true;
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

namespace {

// An event as one JSON object, its fields (clean_fields text) after its own members.
void append_event_json(std::string& out, const StoredEvent& se, std::string_view fields) {
  const auto& e = se.event;
  out += "{\"id\":";
  append_uint(out, static_cast<std::uint64_t>(se.id));
  out += ",\"kind\":";
  append_json_string(out, e.kind);
  out += ",\"start\":\"" + iso_utc(e.start_ms) + "\",\"end\":\"" + iso_utc(e.end_ms) + "\",\"vessels\":[";
  out += vessels_text(e, ",");
  out += "],\"lat\":" + event_coordinate(e.lat) + ",\"lon\":" + event_coordinate(e.lon);
  if (se.provisional) out += ",\"provisional\":true";
  if (fields.size() > 2) {
    out += ',';
    out += fields.substr(1);
  } else {
    out += '}';
  }
}

// event_detail from the event's fields (clean_fields text).
std::string detail_text(std::string_view fields) {
  static constexpr std::string_view kKeys[] = {
      "zone",  "field",  "from",     "to",         "list",     "entry_id", "matched_on", "score",
      "reason", "median_distance_m", "distance_km", "implied_speed_kn", "dwell_h", "delta_m", "name"};
  std::string_view raw[std::size(kKeys)];
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

}  // namespace

std::string event_json_line(const StoredEvent& se) {
  std::string fields, out;
  event_fields(se, fields);
  out.reserve(160 + fields.size());
  append_event_json(out, se, fields);
  return out;
}

std::string event_detail(const StoredEvent& se) {
  std::string fields;
  event_fields(se, fields);
  return detail_text(fields);
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
  std::string& fields = fields_;
  if (!event_fields(se, fields) && damaged_fields_++ == 0) first_damaged_id_ = se.id;
  switch (format_) {
    case EventFormat::jsonl:
      append_event_json(buf, se, fields);
      buf += '\n';
      break;
    case EventFormat::csv:
      buf += std::to_string(se.id) + ',' + csv_field(e.kind) + ',' + iso_utc(e.start_ms) + ',' + iso_utc(e.end_ms) + ',' +
             fmt_double(duration_h(e), 2) + ',' + vessels_text(e, " ") + ',' + fmt_double(e.lat, 6) + ',' +
             fmt_double(e.lon, 6) + ',' + (se.provisional ? "true" : "false") + ',' + csv_field(detail_text(fields)) +
             ',' + csv_field(fields) + '\n';
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
      // Text from outside (kinds and fields from the store, zone names, broadcast names) shown
      // with its control characters escaped: none reaches the terminal.
      std::string kind = terminal_safe(e.kind) + (se.provisional ? "*" : "");
      auto secs = [](std::int64_t t) { return iso_utc(t - ((t % 1000) + 1000) % 1000); };  // aligned columns
      std::snprintf(line, sizeof line, "%-7lld %-16s %-20s %-20s %7.1f %-19s %9.4f %10.4f  ",
                    static_cast<long long>(se.id), kind.c_str(), secs(e.start_ms).c_str(), secs(e.end_ms).c_str(),
                    duration_h(e), vessels_text(e, ",").c_str(), e.lat, e.lon);
      buf += line;
      buf += terminal_safe(detail_text(fields));
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
