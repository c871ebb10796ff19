#include "ais/csv_reader.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

#include "ais/csv_columns.h"
#include "ais/timestamps.h"

namespace seawarden::ais {
namespace {

using Col = CsvReader::Col;
using csv::ColumnName;

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '@'))
    s.remove_suffix(1);
  return s;
}

bool is_missing(std::string_view s) {
  return s.empty() || s == "None" || s == "Unknown" || s == "Unknown value" || s == "NaN" ||
         s == "nan" || s == "Undefined";
}

bool to_double(std::string_view s, double& out) {
  s = trim(s);
  if (is_missing(s)) return false;
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size() && std::isfinite(out);
}

bool to_long(std::string_view s, long long& out) {
  double d;
  if (!to_double(s, d) || std::fabs(d) > 9.0e15) return false;
  out = std::llround(d);
  return true;
}

template <typename T>
T clamp_round(double v, double lo, double hi) {
  if (v < lo) v = lo;
  if (v > hi) v = hi;
  return static_cast<T>(std::lround(v));
}

bool ieq_contains(std::string_view hay, std::string_view needle) {
  if (needle.size() > hay.size()) return false;
  for (std::size_t i = 0; i + needle.size() <= hay.size(); ++i) {
    std::size_t k = 0;
    while (k < needle.size()) {
      char a = hay[i + k], b = needle[k];
      if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
      if (b >= 'A' && b <= 'Z') b = static_cast<char>(b - 'A' + 'a');
      if (a != b) break;
      ++k;
    }
    if (k == needle.size()) return true;
  }
  return false;
}

// DMA writes navigational status, ship type and EPFD as text.
int dma_status(std::string_view s) {
  static constexpr std::pair<const char*, int> k[] = {
      {"using engine", 0}, {"at anchor", 1}, {"not under command", 2}, {"restricted", 3},
      {"constrained", 4}, {"moored", 5}, {"aground", 6}, {"fishing", 7}, {"sailing", 8},
      {"[hsc]", 9}, {"[wig]", 10}, {"towing astern", 11}, {"pushing ahead", 12},
      {"ais-sart", 14}, {"sart", 14}};
  for (auto& [text, code] : k)
    if (ieq_contains(s, text)) return code;
  long long v;
  if (to_long(s, v) && v >= 0 && v <= 15) return static_cast<int>(v);
  return 15;
}

int dma_shiptype(std::string_view type, std::string_view cargo) {
  static constexpr std::pair<const char*, int> k[] = {
      {"wig", 20}, {"towing long", 32}, {"towing", 31}, {"fishing", 30}, {"dredging", 33},
      {"diving", 34}, {"military", 35}, {"sailing", 36}, {"pleasure", 37}, {"hsc", 40},
      {"pilot", 50}, {"sar", 51}, {"tug", 52}, {"port tender", 53}, {"anti-pollution", 54},
      {"law enforcement", 55}, {"medical", 58}, {"passenger", 60}, {"cargo", 70}, {"tanker", 80},
      {"other", 90}};
  long long v;
  if (to_long(type, v) && v >= 0 && v <= 255) return static_cast<int>(v);
  int code = 0;
  for (auto& [text, c] : k)
    if (ieq_contains(type, text)) {
      code = c;
      break;
    }
  // Hazardous cargo category refines passenger/cargo/tanker/HSC/WIG/other codes.
  if (code == 20 || code == 40 || code == 60 || code == 70 || code == 80 || code == 90) {
    if (ieq_contains(cargo, "category x")) code += 1;
    else if (ieq_contains(cargo, "category y")) code += 2;
    else if (ieq_contains(cargo, "category z")) code += 3;
    else if (ieq_contains(cargo, "category os")) code += 4;
  }
  return code;
}

int dma_epfd(std::string_view s) {
  static constexpr std::pair<const char*, int> k[] = {
      {"combined", 3}, {"glonass", 2}, {"gps", 1}, {"loran", 4}, {"chayka", 5},
      {"integrated", 6}, {"surveyed", 7}, {"galileo", 8}};
  for (auto& [text, code] : k)
    if (ieq_contains(s, text)) return code;
  return 0;
}

// RFC 4180 fields of one line; false when a quote is left open or text follows a closing quote.
// A quoted field with doubled quotes inside is written to `unquoted` with each pair made one, and
// its view points there (reserved to the line's length first, so the views never move).
bool split_fields(std::string_view line, std::vector<std::string_view>& fields, std::string& unquoted) {
  fields.clear();
  unquoted.clear();
  unquoted.reserve(line.size());
  std::size_t i = 0;
  const std::size_t n = line.size();
  for (;;) {
    if (i < n && line[i] == '"') {
      const std::size_t start = ++i;
      bool doubled = false;
      while (i < n && !(line[i] == '"' && (i + 1 >= n || line[i + 1] != '"'))) {
        doubled |= line[i] == '"';
        i += line[i] == '"' ? 2 : 1;
      }
      if (i >= n) return false;  // unterminated quote
      std::string_view field = line.substr(start, i - start);
      if (doubled) {
        const std::size_t from = unquoted.size();
        for (std::size_t k = 0; k < field.size(); ++k) {
          unquoted.push_back(field[k]);
          if (field[k] == '"') ++k;  // the second of the pair
        }
        field = std::string_view(unquoted).substr(from);
      }
      fields.push_back(field);
      ++i;
      if (i < n && line[i] != ',') return false;
    } else {
      const std::size_t start = i;
      while (i < n && line[i] != ',') ++i;
      fields.push_back(line.substr(start, i - start));
    }
    if (i >= n) break;
    ++i;  // skip the comma
  }
  return true;
}

// Columns of a header read by name (csv::kNamed, whose order is preference: each column takes
// the first of its names the header has). "type" is the message type only beside "rxtime" and
// "station" (seawarden's own CSV); elsewhere it often means the ship type.
void map_named_columns(const std::vector<std::string_view>& header, std::int16_t (&index)[Col::kColCount]) {
  std::vector<std::string> names;
  for (std::string_view f : header) names.push_back(csv::normalize_column(f));
  for (auto& i : index) i = -1;
  for (const ColumnName& c : csv::kNamed)
    for (std::size_t f = 0; f < names.size() && index[c.col] < 0; ++f)
      if (names[f] == c.name) index[c.col] = static_cast<std::int16_t>(f);
  auto has = [&](const char* n) { return std::find(names.begin(), names.end(), n) != names.end(); };
  if (index[Col::kMsgId] < 0 && has("rxtime") && has("station"))
    for (std::size_t f = 0; f < names.size(); ++f)
      if (names[f] == "type") index[Col::kMsgId] = static_cast<std::int16_t>(f);
}

// "dd/mm/yyyy hh:mm:ss" (DMA), or without the seconds.
TimeMs parse_dmy(std::string_view s, int* parts = nullptr) {
  s = trim(s);
  int v[6] = {0, 0, 0, 0, 0, 0};
  static constexpr char seps[] = {'/', '/', ' ', ':', ':'};
  std::size_t i = 0;
  for (int k = 0; k < 6; ++k) {
    const std::size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9' && i - start < 4) v[k] = v[k] * 10 + (s[i++] - '0');
    if (i == start) return kUnknownTime;
    if (k == 4 && i == s.size()) break;  // no seconds
    if (k < 5) {
      if (i >= s.size() || s[i] != seps[k]) return kUnknownTime;
      ++i;
    }
  }
  if (i != s.size()) return kUnknownTime;
  if (parts != nullptr)
    for (int k = 0; k < 6; ++k) parts[k] = v[k];
  return utc_to_ms(v[2], v[1], v[0], v[3], v[4], v[5], 0);
}

// Raw ROT_AIS from degrees per minute (the inverse of gpsd's scaling).
std::int8_t rot_raw(double deg_per_min) {
  const double a = std::fabs(deg_per_min);
  if (a >= 730.0) return -128;
  // 720 is how decoders (seawarden's CSV, gpsd) write ROT_AIS 127, "turning faster than
  // 5 degrees per 30 s, no turn indicator"; under it, 126 is the largest measured rate.
  const int r = a >= 720.0 ? 127 : std::min(126, static_cast<int>(std::lround(4.733 * std::sqrt(a))));
  return static_cast<std::int8_t>(deg_per_min < 0 ? -r : r);
}

std::uint64_t fnv(std::uint64_t h, std::string_view s) {
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return h * 1099511628211ULL;  // separator, so ("ab","c") != ("a","bc")
}
std::uint64_t fnv(std::uint64_t h, std::uint64_t v) {
  return fnv(h, std::string_view(reinterpret_cast<const char*>(&v), sizeof v));
}

// What the static de-duplication compares: the values a row's static report carries.
std::uint64_t static_hash(const StaticVoyage& s) {
  std::uint64_t h = 1469598103934665603ULL;
  h = fnv(h, s.shipname.view());
  h = fnv(h, s.callsign.view());
  h = fnv(h, s.destination.view());
  h = fnv(h, (std::uint64_t{s.imo} << 8) | s.shiptype);
  h = fnv(h, (std::uint64_t{s.to_bow} << 48) | (std::uint64_t{s.to_stern} << 32) |
                 (std::uint64_t{s.to_port} << 24) | (std::uint64_t{s.to_starboard} << 16) |
                 (std::uint64_t{s.draught} << 8) | s.epfd);
  return fnv(h, (std::uint64_t{s.month} << 24) | (std::uint64_t{s.day} << 16) | (std::uint64_t{s.hour} << 8) |
                    s.minute);
}
std::uint64_t static_hash(const StaticB& b) {
  const std::uint64_t h =
      fnv(fnv(fnv(1469598103934665603ULL, b.shipname.view()), b.callsign.view()), b.vendorid.view());
  return fnv(h, (std::uint64_t{b.shiptype} << 48) | (std::uint64_t{b.to_bow} << 32) |
                    (std::uint64_t{b.to_stern} << 16) | (std::uint64_t{b.to_port} << 8) | b.to_starboard);
}

}  // namespace

CsvFormat detect_csv_header(std::string_view h) {
  while (!h.empty() && (h.back() == '\r' || h.back() == ' ')) h.remove_suffix(1);
  if (starts_with(h, "\xEF\xBB\xBF")) h.remove_prefix(3);  // UTF-8 BOM
  if (starts_with(h, "MMSI,BaseDateTime,LAT,LON")) return CsvFormat::Noaa;
  if (starts_with(h, "# Timestamp,Type of mobile,MMSI") || starts_with(h, "Timestamp,Type of mobile,MMSI"))
    return CsvFormat::Dma;
  if (starts_with(h, "MMSI,Message_ID,Repeat_indicator,Time")) return CsvFormat::Spire;
  // Any other export: by its column names (a longer first line is no header: int16 indexes).
  if (h.size() > kMaxNamedHeader) return CsvFormat::None;
  std::vector<std::string_view> fields;
  std::string unquoted;
  if (!split_fields(h, fields, unquoted)) return CsvFormat::None;
  std::int16_t index[Col::kColCount];
  map_named_columns(fields, index);
  return index[Col::kMmsi] >= 0 && index[Col::kTime] >= 0 && index[Col::kLat] >= 0 && index[Col::kLon] >= 0
             ? CsvFormat::Named
             : CsvFormat::None;
}

CsvReader::CsvReader(CsvFormat format, std::string_view header) : format_(format) {
  for (auto& i : index_) i = -1;
  if (starts_with(header, "\xEF\xBB\xBF")) header.remove_prefix(3);
  while (!header.empty() && (header.back() == '\r' || header.back() == ' ')) header.remove_suffix(1);
  split(header);
  if (format == CsvFormat::Named) {
    map_named_columns(fields_, index_);
    radio_rows_ = index_[Col::kMsgId] >= 0;  // decoded radio messages, not a curated export
    return;
  }
  const ColumnName* table = csv::kNoaa;
  std::size_t n = std::size(csv::kNoaa);
  if (format == CsvFormat::Dma) {
    table = csv::kDma;
    n = std::size(csv::kDma);
  } else if (format == CsvFormat::Spire) {
    table = csv::kSpire;
    n = std::size(csv::kSpire);
  }
  for (std::size_t f = 0; f < fields_.size(); ++f)
    for (std::size_t k = 0; k < n; ++k)
      if (fields_[f] == table[k].name && index_[table[k].col] < 0)
        index_[table[k].col] = static_cast<std::int16_t>(f);
}

bool CsvReader::split(std::string_view line) { return split_fields(line, fields_, unquoted_); }

std::string_view CsvReader::col(Col c) const {
  const int i = index_[c];
  return i >= 0 && static_cast<std::size_t>(i) < fields_.size() ? trim(fields_[static_cast<std::size_t>(i)])
                                                                 : std::string_view{};
}

TimeMs CsvReader::row_time() const {
  const std::string_view t = col(Col::kTime);
  if (format_ == CsvFormat::Dma) return parse_dmy(t);
  if (format_ == CsvFormat::Spire) {
    // "20210701_185151" plus a Millisecond column.
    if (t.size() != 15 || t[8] != '_') return kUnknownTime;
    int v[6];
    static constexpr int pos[6] = {0, 4, 6, 9, 11, 13}, len[6] = {4, 2, 2, 2, 2, 2};
    for (int k = 0; k < 6; ++k) {
      v[k] = 0;
      for (int j = 0; j < len[k]; ++j) {
        const char c = t[static_cast<std::size_t>(pos[k] + j)];
        if (c < '0' || c > '9') return kUnknownTime;
        v[k] = v[k] * 10 + (c - '0');
      }
    }
    long long ms = 0;
    if (!to_long(col(Col::kMillis), ms) || ms < 0 || ms > 999) ms = 0;
    return utc_to_ms(v[0], v[1], v[2], v[3], v[4], v[5], static_cast<int>(ms));
  }
  TimeMs out = kUnknownTime;
  if (parse_iso8601_prefix(t, out) == t.size()) return out;
  if (format_ != CsvFormat::Named || t.empty()) return kUnknownTime;
  if (t.find('/') != std::string_view::npos) return parse_dmy(t);
  return parse_epoch(t);  // seconds (with a fraction) or milliseconds
}

bool CsvReader::static_changed(std::uint64_t key, std::uint64_t hash) {
  auto [it, inserted] = static_hash_.try_emplace(key, hash);
  if (inserted) return true;
  if (it->second == hash) {
    ++static_unchanged_;
    return false;
  }
  it->second = hash;
  return true;
}

// Fills the static fields the row has; false when it has none at all.
bool CsvReader::fill_static(StaticVoyage& s) {
  bool any = false;
  long long v;
  double d;
  s = StaticVoyage{};
  if (std::string_view t = col(Col::kName); !is_missing(t)) s.shipname.assign(t), any = true;
  if (std::string_view t = col(Col::kCallsign); !is_missing(t)) s.callsign.assign(t), any = true;
  std::string_view imo = col(Col::kImo);
  if (starts_with(imo, "IMO")) imo.remove_prefix(3);
  if (to_long(imo, v) && v > 0 && v < (1LL << 30)) s.imo = static_cast<std::uint32_t>(v), any = true;
  if (format_ == CsvFormat::Dma || format_ == CsvFormat::Named) {  // text or number
    const std::string_view st = col(Col::kShipType);
    if (!is_missing(st)) s.shiptype = static_cast<std::uint8_t>(dma_shiptype(st, col(Col::kCargo))), any = true;
    s.epfd = static_cast<std::uint8_t>(dma_epfd(col(Col::kEpfd)));
    int eta[6];
    if (parse_dmy(col(Col::kEta), eta) != kUnknownTime) {
      s.month = static_cast<std::uint8_t>(eta[1]);
      s.day = static_cast<std::uint8_t>(eta[0]);
      s.hour = static_cast<std::uint8_t>(eta[3]);
      s.minute = static_cast<std::uint8_t>(eta[4]);
    }
  } else if (to_long(col(Col::kShipType), v) && v >= 0 && v <= 255) {
    s.shiptype = static_cast<std::uint8_t>(v), any = true;
  }
  if (format_ == CsvFormat::Spire) {
    if (to_long(col(Col::kEpfd), v) && v >= 0 && v <= 15) s.epfd = static_cast<std::uint8_t>(v);
    if (to_long(col(Col::kAisVersion), v) && v >= 0 && v <= 3) s.ais_version = static_cast<std::uint8_t>(v);
    if (to_long(col(Col::kDte), v)) s.dte = v != 0;
    if (to_long(col(Col::kEtaMonth), v) && v >= 0 && v <= 12) s.month = static_cast<std::uint8_t>(v);
    if (to_long(col(Col::kEtaDay), v) && v >= 0 && v <= 31) s.day = static_cast<std::uint8_t>(v);
    if (to_long(col(Col::kEtaHour), v) && v >= 0 && v <= 24) s.hour = static_cast<std::uint8_t>(v);
    if (to_long(col(Col::kEtaMinute), v) && v >= 0 && v <= 60) s.minute = static_cast<std::uint8_t>(v);
  }
  // Dimensions: reference-point distances when the export has them (DMA A-D, Spire),
  // otherwise NOAA's overall length/width split evenly about the antenna.
  if (index_[Col::kToBow] >= 0) {
    if (to_long(col(Col::kToBow), v)) s.to_bow = clamp_round<std::uint16_t>(double(v), 0, 511), any = true;
    if (to_long(col(Col::kToStern), v)) s.to_stern = clamp_round<std::uint16_t>(double(v), 0, 511);
    if (to_long(col(Col::kToPort), v)) s.to_port = clamp_round<std::uint8_t>(double(v), 0, 63);
    if (to_long(col(Col::kToStarboard), v)) s.to_starboard = clamp_round<std::uint8_t>(double(v), 0, 63);
  } else {
    if (to_double(col(Col::kLength), d) && d > 0) {
      const int len = clamp_round<int>(d, 0, 1022);
      s.to_bow = static_cast<std::uint16_t>(len - len / 2), s.to_stern = static_cast<std::uint16_t>(len / 2);
      any = true;
    }
    if (to_double(col(Col::kWidth), d) && d > 0) {
      const int w = clamp_round<int>(d, 0, 126);
      s.to_port = static_cast<std::uint8_t>(w / 2), s.to_starboard = static_cast<std::uint8_t>(w - w / 2);
    }
  }
  if (format_ == CsvFormat::Spire) {
    if (to_long(col(Col::kDraught), v)) s.draught = clamp_round<std::uint8_t>(double(v), 0, 255);  // already 0.1 m
  } else if (to_double(col(Col::kDraught), d) && d > 0) {
    s.draught = clamp_round<std::uint8_t>(d * 10.0, 0, 255), any = true;
  }
  if (std::string_view t = col(Col::kDestination); !is_missing(t)) s.destination.assign(t), any = true;
  return any;
}

int CsvReader::parse_row(std::string_view line, Received out[2]) {
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
  if (!split(line)) return -1;
  long long mmsi;
  // MMSI 0 is a transponder never set up: broadcast, so kept in decoded radio messages.
  if (!to_long(col(Col::kMmsi), mmsi) || mmsi < (radio_rows_ ? 0 : 1) || mmsi > 999999999) return -1;
  const TimeMs t = row_time();
  if (t == kUnknownTime && !col(Col::kTime).empty() && format_ != CsvFormat::Spire) return -1;

  int type = 0;  // the radio message type this row stands for
  long long v;
  double d;
  if (format_ == CsvFormat::Spire) {
    if (!to_long(col(Col::kMsgId), v)) return -1;
    type = static_cast<int>(v);
  } else if (radio_rows_) {
    // Rows of decoded messages (seawarden's own CSV): vessels' positions and static data only.
    if (!to_long(col(Col::kMsgId), v)) v = -1;
    switch (v) {
      case 1: case 2: case 3: type = static_cast<int>(v); break;
      case 18: case 19: type = 18; break;
      case 27: type = 27; break;  // a long-range position: back to its 1/10-minute resolution
      case 5: type = 5; break;
      case 24: type = 24; break;  // kept as Class B static data, even an empty part A
      default: ++skipped_; return 0;  // base stations, aids to navigation, SAR aircraft, binary, junk
    }
  } else {
    const std::string_view cls = col(Col::kClass);
    if (ieq_contains(cls, "base station") || ieq_contains(cls, "aton") || ieq_contains(cls, "sar")) {
      ++skipped_;
      return 0;
    }
    type = (cls == "B" || ieq_contains(cls, "class b")) ? 18 : 1;
  }

  auto init = [&](Received& r, int msg_type) {
    r.meta = RxMeta{};
    r.meta.rxtime = t;
    r.meta.from_csv = !radio_rows_;  // curated exports: one report confirms an identity change
    r.msg.type = static_cast<std::uint8_t>(msg_type);
    r.msg.repeat = 0;
    r.msg.mmsi = static_cast<std::uint32_t>(mmsi);
    r.msg.warning = Warning::None;
    if (to_long(col(Col::kRepeat), v) && v >= 0 && v <= 3) r.msg.repeat = static_cast<std::uint8_t>(v);
  };
  const bool has_lat = to_double(col(Col::kLat), d) && d >= -90 && d <= 91;
  const std::int32_t lat = has_lat ? static_cast<std::int32_t>(std::llround(d * 600000.0)) : kLatNotAvailable;
  const bool has_lon = to_double(col(Col::kLon), d) && d >= -180 && d <= 181;
  const std::int32_t lon = has_lon ? static_cast<std::int32_t>(std::llround(d * 600000.0)) : kLonNotAvailable;
  const std::uint16_t speed = to_double(col(Col::kSog), d) && d >= 0 && d < 102.3
                                  ? clamp_round<std::uint16_t>(d * 10.0, 0, 1022) : kSpeedNotAvailable;
  const std::uint16_t course = to_double(col(Col::kCog), d) && d >= 0 && d < 360
                                   ? clamp_round<std::uint16_t>(d * 10.0, 0, 3599) : kCourseNotAvailable;
  const std::uint16_t heading = to_double(col(Col::kHeading), d) && d >= 0 && d < 360
                                    ? clamp_round<std::uint16_t>(d, 0, 359) : kHeadingNotAvailable;
  const bool accuracy = to_long(col(Col::kAccuracy), v) && v != 0;
  const bool raim = to_long(col(Col::kRaim), v) && v != 0;
  const std::uint32_t radio = to_long(col(Col::kRadio), v) && v >= 0 ? static_cast<std::uint32_t>(v) : 0;
  const std::uint8_t second = to_long(col(Col::kUtcSecond), v) && v >= 0 && v <= 63
                                  ? static_cast<std::uint8_t>(v) : (t != kUnknownTime ? static_cast<std::uint8_t>(t / 1000 % 60) : 60);

  int n = 0;
  auto emit_static = [&](Received& r, std::uint64_t key_kind) {
    StaticVoyage s;
    if (!fill_static(s)) return;
    // (Decoded radio messages keep every report, as their NMEA would: repeats confirm changes.)
    if (!radio_rows_ && !static_changed((static_cast<std::uint64_t>(mmsi) << 4) | key_kind, static_hash(s))) return;
    init(r, 5);
    r.msg.body = s;
    ++n;
  };

  if (format_ == CsvFormat::Named && (type == 5 || (!radio_rows_ && is_missing(col(Col::kLat)) &&
                                                     is_missing(col(Col::kLon))))) {
    // Static data, or a row of an export without a position: its identity only.
    emit_static(out[0], 0);
    if (n == 0) ++skipped_;
    return n;
  }
  switch (type) {
    case 1: case 2: case 3: {
      Received& r = out[n++];
      init(r, type);
      PositionA p;
      p.lat = lat, p.lon = lon, p.speed = speed, p.course = course, p.heading = heading;
      p.accuracy = accuracy, p.raim = raim, p.radio = radio, p.second = second;
      if (format_ == CsvFormat::Dma || format_ == CsvFormat::Named) {  // text or number
        p.status = static_cast<std::uint8_t>(dma_status(col(Col::kStatus)));
      } else if (to_long(col(Col::kStatus), v) && v >= 0 && v <= 15) {
        p.status = static_cast<std::uint8_t>(v);
      }
      if (to_double(col(Col::kRot), d)) p.turn = rot_raw(d);
      if (to_long(col(Col::kManeuver), v) && v >= 0 && v <= 3) p.maneuver = static_cast<std::uint8_t>(v);
      r.msg.body = p;
      if (format_ != CsvFormat::Spire) emit_static(out[n], 0);
      return n;
    }
    case 18: {
      Received& r = out[n++];
      init(r, 18);
      PositionB p;
      p.lat = lat, p.lon = lon, p.speed = speed, p.course = course, p.heading = heading;
      p.accuracy = accuracy, p.raim = raim, p.radio = radio, p.second = second;
      r.msg.body = p;
      if (format_ != CsvFormat::Spire) emit_static(out[n], 0);
      return n;
    }
    case 5:
      emit_static(out[0], 0);
      return n;
    case 19: {
      Received& r = out[n++];
      init(r, 19);
      ExtendedB e;
      e.lat = lat, e.lon = lon, e.speed = speed, e.course = course, e.heading = heading;
      e.accuracy = accuracy, e.raim = raim, e.second = second;
      StaticVoyage s;
      fill_static(s);
      e.shipname = s.shipname, e.shiptype = s.shiptype, e.epfd = s.epfd, e.dte = s.dte;
      e.to_bow = s.to_bow, e.to_stern = s.to_stern, e.to_port = s.to_port, e.to_starboard = s.to_starboard;
      r.msg.body = e;
      return n;
    }
    case 24: {
      StaticVoyage s;
      fill_static(s);
      StaticB b;
      // Spire: 0 or 1. seawarden: A, B, or AB for a part B written with its part A's name.
      const std::string_view part = col(Col::kPartNumber);
      b.partno = (to_long(part, v) && v == 1) || part == "B" || part == "AB" ? 1 : 0;
      b.shipname = s.shipname, b.shiptype = s.shiptype, b.callsign = s.callsign;
      b.to_bow = s.to_bow, b.to_stern = s.to_stern, b.to_port = s.to_port, b.to_starboard = s.to_starboard;
      b.vendorid.assign(col(Col::kVendor));
      if (!radio_rows_ && !static_changed((static_cast<std::uint64_t>(mmsi) << 4) | (1 + b.partno), static_hash(b)))
        return 0;
      init(out[0], 24);
      out[0].msg.body = b;
      return 1;
    }
    case 4: {
      init(out[0], 4);
      BaseStation b;
      b.lat = lat, b.lon = lon, b.accuracy = accuracy, b.raim = raim, b.radio = radio;
      if (to_long(col(Col::kYear), v) && v >= 0 && v <= 9999) b.year = static_cast<std::uint16_t>(v);
      if (to_long(col(Col::kMonth), v) && v >= 0 && v <= 15) b.month = static_cast<std::uint8_t>(v);
      if (to_long(col(Col::kDay), v) && v >= 0 && v <= 31) b.day = static_cast<std::uint8_t>(v);
      if (to_long(col(Col::kHour), v) && v >= 0 && v <= 31) b.hour = static_cast<std::uint8_t>(v);
      if (to_long(col(Col::kMinute), v) && v >= 0 && v <= 63) b.minute = static_cast<std::uint8_t>(v);
      if (to_long(col(Col::kUtcSecond), v) && v >= 0 && v <= 63) b.second = static_cast<std::uint8_t>(v);
      if (to_long(col(Col::kEpfd), v) && v >= 0 && v <= 15) b.epfd = static_cast<std::uint8_t>(v);
      out[0].msg.body = b;
      return 1;
    }
    case 27: {
      init(out[0], 27);
      LongRange l;
      l.accuracy = accuracy, l.raim = raim;
      if (has_lat) l.lat = static_cast<std::int32_t>(std::lround(lat / 1000.0));
      if (has_lon) l.lon = static_cast<std::int32_t>(std::lround(lon / 1000.0));
      if (to_double(col(Col::kSog), d) && d >= 0 && d < 63) l.speed = clamp_round<std::uint8_t>(d, 0, 62);
      if (to_double(col(Col::kCog), d) && d >= 0 && d < 360) l.course = clamp_round<std::uint16_t>(d, 0, 359);
      if (to_long(col(Col::kStatus), v) && v >= 0 && v <= 15) l.status = static_cast<std::uint8_t>(v);
      if (to_long(col(Col::kGnss), v)) l.gnss = v != 0;
      out[0].msg.body = l;
      return 1;
    }
    default:
      if (type < 1 || type > 27) return -1;
      ++skipped_;
      return 0;
  }
}

}  // namespace seawarden::ais
