#include "store/export.h"

#include <cmath>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "store/timefmt.h"

namespace seawarden::store {
namespace {

std::string json_string(std::string_view s) { return nlohmann::json(std::string(s)).dump(); }

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
    out += std::to_string(e.vessels[i]);
  }
  return out;
}

std::string fmt_double(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

double duration_h(const detect::Event& e) { return static_cast<double>(e.end_ms - e.start_ms) / 3600'000.0; }

const nlohmann::json& fields_of(const StoredEvent& e, nlohmann::json& scratch) {
  if (!e.event.fields.empty() || e.fields_json.empty() || e.fields_json == "{}") return e.event.fields;
  scratch = nlohmann::json::parse(e.fields_json, nullptr, false);
  if (scratch.is_discarded()) scratch = nlohmann::json::object();
  return scratch;
}

}  // namespace

std::string json_number(double v) {
  if (!std::isfinite(v)) return "null";
  return nlohmann::json(v).dump();
}

std::optional<EventFormat> parse_event_format(std::string_view n) {
  if (n == "jsonl" || n == "json") return EventFormat::jsonl;
  if (n == "csv") return EventFormat::csv;
  if (n == "geojson") return EventFormat::geojson;
  if (n == "table") return EventFormat::table;
  return std::nullopt;
}

std::string event_json_line(const StoredEvent& se) {
  const auto& e = se.event;
  std::string out = "{\"id\":" + std::to_string(se.id) + ",\"kind\":" + json_string(e.kind) + ",\"start\":\"" +
                    iso_utc(e.start_ms) + "\",\"end\":\"" + iso_utc(e.end_ms) + "\",\"vessels\":[" +
                    vessels_text(e, ",") + "],\"lat\":" + json_number(e.lat) + ",\"lon\":" + json_number(e.lon);
  if (se.provisional) out += ",\"provisional\":true";
  std::string fields = se.fields_json.empty() ? e.fields.dump() : se.fields_json;
  if (fields.size() > 2 && fields.front() == '{') {
    out += ',';
    out.append(fields, 1, std::string::npos);
  } else {
    out += '}';
  }
  return out;
}

std::string event_detail(const StoredEvent& se) {
  nlohmann::json scratch;
  const auto& f = fields_of(se, scratch);
  static const char* kKeys[] = {"zone",     "field", "from",     "to",         "list",     "entry_id",
                                "matched_on", "score", "reason", "median_distance_m", "distance_km",
                                "implied_speed_kn", "dwell_h", "delta_m", "name"};
  std::string out;
  for (const char* k : kKeys) {
    auto it = f.find(k);
    if (it == f.end() || it->is_null() || it->is_object() || it->is_array()) continue;
    if (!out.empty()) out += ' ';
    out += k;
    out += '=';
    if (it->is_string()) out += it->get<std::string>();
    else if (it->is_number_float()) out += fmt_double(it->get<double>(), 2);
    else out += it->dump();
  }
  return out;
}

void write_events(std::FILE* out, const std::vector<StoredEvent>& events, EventFormat format) {
  std::string buf;
  auto flush = [&] {
    std::fwrite(buf.data(), 1, buf.size(), out);
    buf.clear();
  };
  switch (format) {
    case EventFormat::jsonl:
      for (const auto& e : events) {
        buf += event_json_line(e);
        buf += '\n';
        if (buf.size() > (1 << 16)) flush();
      }
      break;
    case EventFormat::csv:
      buf = "id,kind,start,end,duration_h,vessels,lat,lon,provisional,detail,fields\n";
      for (const auto& se : events) {
        const auto& e = se.event;
        buf += std::to_string(se.id) + ',' + e.kind + ',' + iso_utc(e.start_ms) + ',' + iso_utc(e.end_ms) + ',' +
               fmt_double(duration_h(e), 2) + ',' + vessels_text(e, " ") + ',' + fmt_double(e.lat, 6) + ',' +
               fmt_double(e.lon, 6) + ',' + (se.provisional ? "true" : "false") + ',' +
               csv_field(event_detail(se)) + ',' + csv_field(se.fields_json.empty() ? e.fields.dump() : se.fields_json) +
               '\n';
        if (buf.size() > (1 << 16)) flush();
      }
      break;
    case EventFormat::geojson: {
      buf = "{\"type\":\"FeatureCollection\",\"features\":[";
      bool first = true;
      nlohmann::json scratch;
      for (const auto& se : events) {
        const auto& e = se.event;
        // Flat scalar properties (both tools show them as columns); nested ones as JSON text.
        nlohmann::json props = nlohmann::json::object();
        props["id"] = se.id;
        props["kind"] = e.kind;
        props["start"] = iso_utc(e.start_ms);
        props["end"] = iso_utc(e.end_ms);
        props["duration_h"] = std::round(duration_h(e) * 100) / 100;
        props["vessels"] = vessels_text(e, " ");
        props["mmsi"] = e.vessels.empty() ? 0 : e.vessels[0];
        if (e.vessels.size() > 1) props["mmsi2"] = e.vessels[1];
        props["provisional"] = se.provisional;
        for (const auto& [k, v] : fields_of(se, scratch).items()) {
          if (props.contains(k)) continue;
          props[k] = (v.is_object() || v.is_array()) ? nlohmann::json(v.dump()) : v;
        }
        buf += first ? "\n" : ",\n";
        first = false;
        buf += "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[" + json_number(e.lon) + ',' +
               json_number(e.lat) + "]},\"properties\":" + props.dump() + '}';
        if (buf.size() > (1 << 16)) flush();
      }
      buf += "\n]}\n";
      break;
    }
    case EventFormat::table: {
      char line[512];
      std::snprintf(line, sizeof line, "%-7s %-16s %-20s %-20s %7s %-19s %9s %10s  %s\n", "ID", "KIND", "START",
                    "END", "HOURS", "VESSELS", "LAT", "LON", "DETAIL");
      buf = line;
      for (const auto& se : events) {
        const auto& e = se.event;
        std::string kind = e.kind + (se.provisional ? "*" : "");
        auto secs = [](std::int64_t t) { return iso_utc(t - ((t % 1000) + 1000) % 1000); };  // aligned columns
        std::snprintf(line, sizeof line, "%-7lld %-16s %-20s %-20s %7.1f %-19s %9.4f %10.4f  ",
                      static_cast<long long>(se.id), kind.c_str(), secs(e.start_ms).c_str(),
                      secs(e.end_ms).c_str(), duration_h(e), vessels_text(e, ",").c_str(), e.lat, e.lon);
        buf += line;
        buf += event_detail(se);
        buf += '\n';
        if (buf.size() > (1 << 16)) flush();
      }
      if (!events.empty()) {
        bool any_provisional = false;
        for (const auto& se : events) any_provisional |= se.provisional;
        if (any_provisional) buf += "* still open at the end of the input ingested so far\n";
      }
      break;
    }
  }
  flush();
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
    out += "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[" + json_number(se.event.lon) +
           ',' + json_number(se.event.lat) + "]},\"properties\":{\"id\":" + std::to_string(se.id) +
           ",\"kind\":" + json_string(se.event.kind) + ",\"start\":\"" + iso_utc(se.event.start_ms) +
           "\",\"end\":\"" + iso_utc(se.event.end_ms) + "\",\"vessels\":\"" + vessels_text(se.event, " ") +
           "\",\"detail\":" + json_string(event_detail(se)) + "}}";
  }
  out += "\n]}\n";
  return out;
}

}  // namespace seawarden::store
