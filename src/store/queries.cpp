#include "store/queries.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <functional>
#include <map>
#include <stdexcept>

#include "store/track_codec.h"

namespace seawarden::store {
namespace {

constexpr const char* kEventColumns =
    "SELECT e.id, e.kind, e.start_ms, e.end_ms, e.mmsi, e.mmsi2, e.lat, e.lon, e.fields, e.provisional, "
    "e.file_id FROM events e";

// Reads a row into `se`, reusing its strings' capacity (a streamed query allocates nothing per row).
void read_event(const Statement& st, bool parse_fields, StoredEvent& se) {
  se.id = st.int64(0);
  se.event.kind.assign(st.text_view(1));
  se.event.start_ms = st.int64(2);
  se.event.end_ms = st.int64(3);
  se.event.vessels.clear();
  se.event.vessels.push_back(static_cast<std::uint32_t>(st.int64(4)));
  if (!st.is_null(5)) se.event.vessels.push_back(static_cast<std::uint32_t>(st.int64(5)));
  se.event.lat = st.real(6);
  se.event.lon = st.real(7);
  se.fields_json.assign(st.text_view(8));
  if (parse_fields) {
    se.event.fields = nlohmann::json::parse(se.fields_json, nullptr, false);
    if (se.event.fields.is_discarded() || !se.event.fields.is_object()) se.event.fields = nlohmann::json::object();
  } else if (!se.event.fields.empty()) {
    se.event.fields = nlohmann::json::object();
  }
  se.provisional = st.int64(9) != 0;
  se.file_id = st.int64(10);
}

StoredEvent read_event(const Statement& st, bool parse_fields) {
  StoredEvent se;
  read_event(st, parse_fields, se);
  return se;
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool valid_imo(std::string_view digits) {
  if (digits.size() != 7 || !all_digits(digits)) return false;
  int sum = 0;
  for (int i = 0; i < 6; ++i) sum += (digits[i] - '0') * (7 - i);
  return sum % 10 == digits[6] - '0';
}

std::uint32_t to_u32(std::string_view s) {
  std::uint32_t v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

double haversine_km(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kRad = M_PI / 180, kEarthKm = 6371.0088;
  double dlat = (lat2 - lat1) * kRad, dlon = (lon2 - lon1) * kRad;
  double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
             std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthKm * std::asin(std::min(1.0, std::sqrt(a)));
}

}  // namespace

bool BBox::contains(double lat, double lon) const {
  if (lat < south || lat > north) return false;
  return west <= east ? (lon >= west && lon <= east) : (lon >= west || lon <= east);
}

std::optional<BBox> parse_bbox(std::string_view text) {
  double v[4];
  std::size_t pos = 0;
  for (int i = 0; i < 4; ++i) {
    std::size_t end = i < 3 ? text.find(',', pos) : text.size();
    if (end == std::string_view::npos) return std::nullopt;
    auto part = text.substr(pos, end - pos);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    auto [p, ec] = std::from_chars(part.data(), part.data() + part.size(), v[i]);
    if (ec != std::errc() || p != part.data() + part.size()) return std::nullopt;
    pos = end + 1;
  }
  BBox b{v[0], v[1], v[2], v[3]};
  if (b.south > b.north || b.south < -90 || b.north > 90 || b.west < -180 || b.east > 180 || b.west > 180 ||
      b.east < -180)
    return std::nullopt;
  return b;
}

void for_each_event(Database& db, const EventFilter& f, const std::function<void(const StoredEvent&)>& fn) {
  std::string sql = kEventColumns;
  sql += " WHERE 1";
  if (f.kind) sql += " AND e.kind = ?1";
  if (f.vessels) {
    sql += " AND e.id IN (SELECT event_id FROM event_vessels WHERE mmsi IN (";
    for (std::size_t i = 0; i < f.vessels->size(); ++i) sql += (i ? "," : "") + std::to_string((*f.vessels)[i]);
    sql += "))";
  }
  if (f.since_ms) sql += " AND e.end_ms >= ?2";
  if (f.until_ms) sql += " AND e.start_ms <= ?3";
  if (f.bbox) {
    sql += " AND e.lat BETWEEN ?4 AND ?5";
    sql += f.bbox->west <= f.bbox->east ? " AND e.lon BETWEEN ?6 AND ?7" : " AND (e.lon >= ?6 OR e.lon <= ?7)";
  }
  sql += " ORDER BY e.start_ms, e.id";
  if (f.limit) sql += " LIMIT " + std::to_string(f.limit);
  auto st = db.prepare(sql);
  if (f.kind) st.bind(1, *f.kind);
  if (f.since_ms) st.bind(2, *f.since_ms);
  if (f.until_ms) st.bind(3, *f.until_ms);
  if (f.bbox) st.bind(4, f.bbox->south).bind(5, f.bbox->north).bind(6, f.bbox->west).bind(7, f.bbox->east);
  StoredEvent row;
  while (st.step()) {
    read_event(st, f.parse_fields, row);
    fn(row);
  }
}

std::vector<StoredEvent> query_events(Database& db, const EventFilter& f) {
  std::vector<StoredEvent> out;
  for_each_event(db, f, [&](const StoredEvent& e) { out.push_back(e); });
  return out;
}

std::optional<StoredEvent> get_event(Database& db, std::int64_t id) {
  auto st = db.prepare(std::string(kEventColumns) + " WHERE e.id = ?");
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return read_event(st, true);
}

std::vector<std::uint32_t> resolve_vessel(Database& db, std::string_view q) {
  while (!q.empty() && std::isspace(static_cast<unsigned char>(q.front()))) q.remove_prefix(1);
  while (!q.empty() && std::isspace(static_cast<unsigned char>(q.back()))) q.remove_suffix(1);
  std::vector<std::uint32_t> out;
  auto collect = [&](Statement& st) {
    while (st.step()) out.push_back(static_cast<std::uint32_t>(st.int64(0)));
  };
  std::string_view imo_digits;
  if (q.size() == 10 && (q.substr(0, 3) == "IMO" || q.substr(0, 3) == "imo") && all_digits(q.substr(3)))
    imo_digits = q.substr(3);
  else if (valid_imo(q))
    imo_digits = q;
  if (!imo_digits.empty()) {
    auto st = db.prepare("SELECT DISTINCT mmsi FROM identities WHERE imo = ? ORDER BY mmsi");
    st.bind(1, to_u32(imo_digits));
    collect(st);
    if (!out.empty() || q.size() == 10) return out;
  }
  if (all_digits(q) && q.size() <= 9) {
    auto st = db.prepare(
        "SELECT mmsi FROM vessels WHERE mmsi = ?1 UNION SELECT mmsi FROM event_vessels WHERE mmsi = ?1");
    st.bind(1, to_u32(q));
    collect(st);
    return out;
  }
  std::string name(q);
  auto exact = db.prepare("SELECT DISTINCT mmsi FROM identities WHERE name = ? COLLATE NOCASE ORDER BY mmsi");
  exact.bind(1, name);
  collect(exact);
  if (!out.empty()) return out;
  auto like = db.prepare(
      "SELECT DISTINCT mmsi FROM identities WHERE name LIKE '%' || ? || '%' ESCAPE '\\' ORDER BY mmsi");
  std::string escaped;
  for (char c : name) {
    if (c == '%' || c == '_' || c == '\\') escaped += '\\';
    escaped += c;
  }
  like.bind(1, escaped);
  collect(like);
  return out;
}

std::optional<VesselRecord> get_vessel(Database& db, std::uint32_t mmsi) {
  auto st = db.prepare(
      "SELECT name,callsign,imo,shiptype,flag,length_m,beam_m,draught_m,first_ms,last_ms,fixes FROM vessels "
      "WHERE mmsi=?");
  st.bind(1, mmsi);
  if (!st.step()) return std::nullopt;
  VesselRecord v;
  v.mmsi = mmsi;
  v.current.name = st.text(0);
  v.current.callsign = st.text(1);
  v.current.imo = static_cast<std::uint32_t>(st.int64(2));
  v.current.shiptype = static_cast<int>(st.int64(3));
  v.current.flag = st.text(4);
  v.current.length_m = st.real(5);
  v.current.beam_m = st.real(6);
  v.current.draught_m = st.real(7);
  v.first_ms = st.int64(8);
  v.last_ms = st.int64(9);
  v.fixes = static_cast<std::uint64_t>(st.int64(10));
  return v;
}

std::vector<Identity> identity_history(Database& db, std::uint32_t mmsi) {
  auto st = db.prepare(
      "SELECT t_ms,name,callsign,imo,shiptype,flag,length_m,beam_m,draught_m FROM identities WHERE mmsi=? "
      "ORDER BY t_ms");
  st.bind(1, mmsi);
  std::vector<Identity> out;
  while (st.step()) {
    Identity i;
    i.t_ms = st.int64(0);
    i.name = st.text(1);
    i.callsign = st.text(2);
    i.imo = static_cast<std::uint32_t>(st.int64(3));
    i.shiptype = static_cast<int>(st.int64(4));
    i.flag = st.text(5);
    i.length_m = st.real(6);
    i.beam_m = st.real(7);
    i.draught_m = st.real(8);
    out.push_back(std::move(i));
  }
  return out;
}

std::vector<StoredPosition> stored_track(Database& db, std::uint32_t mmsi, std::int64_t from_ms, std::int64_t to_ms) {
  // A chunk spans at most kChunkMaxSpanMs, so its start lies no earlier than that before `from`.
  const std::int64_t first_start = from_ms < INT64_MIN + kChunkMaxSpanMs ? INT64_MIN : from_ms - kChunkMaxSpanMs;
  auto st = db.prepare(
      "SELECT n, data FROM track_chunks WHERE mmsi=? AND t0_ms BETWEEN ? AND ? AND t1_ms >= ? ORDER BY t0_ms, id");
  st.bind(1, mmsi).bind(2, first_start).bind(3, to_ms).bind(4, from_ms);
  std::vector<StoredPosition> all;
  while (st.step()) {
    auto blob = st.text_view(1);
    if (!decode_chunk(blob, all, static_cast<std::uint32_t>(st.int64(0))))
      throw std::runtime_error("store: damaged track chunk of MMSI " + std::to_string(mmsi));
  }
  std::vector<StoredPosition> out;
  out.reserve(all.size());
  for (const auto& p : all)
    if (p.t_ms >= from_ms && p.t_ms <= to_ms) out.push_back(p);
  // Chunks overlap where positions were kept for an event after the fact.
  auto by_time = [](const StoredPosition& a, const StoredPosition& b) {
    return a.t_ms != b.t_ms ? a.t_ms < b.t_ms : a.segment < b.segment;
  };
  if (!std::is_sorted(out.begin(), out.end(), by_time)) std::stable_sort(out.begin(), out.end(), by_time);
  return out;
}

std::vector<Position> track(Database& db, std::uint32_t mmsi, std::int64_t from_ms, std::int64_t to_ms) {
  auto stored = stored_track(db, mmsi, from_ms, to_ms);
  std::vector<Position> out;
  out.reserve(stored.size());
  for (const auto& s : stored) {
    Position p;
    p.t_ms = s.t_ms;
    p.lat = static_cast<double>(s.lat_e6) / 1e6;
    p.lon = static_cast<double>(s.lon_e6) / 1e6;
    p.sog = s.sog_dkn < 0 ? -1 : static_cast<double>(s.sog_dkn) / 10;
    p.cog = s.cog_ddeg < 0 ? -1 : static_cast<double>(s.cog_ddeg) / 10;
    p.heading = s.heading;
    p.status = s.status;
    p.segment = s.segment;
    out.push_back(p);
  }
  return out;
}

TrackSummary summarize(const std::vector<Position>& ps) {
  TrackSummary s;
  s.positions = ps.size();
  if (ps.empty()) return s;
  s.first_ms = ps.front().t_ms;
  s.last_ms = ps.back().t_ms;
  std::map<std::uint32_t, const Position*> last_of_segment;
  for (const auto& p : ps) {
    auto [it, inserted] = last_of_segment.try_emplace(p.segment, &p);
    if (!inserted) {
      s.distance_km += haversine_km(it->second->lat, it->second->lon, p.lat, p.lon);
      it->second = &p;
    }
    s.max_sog = std::max(s.max_sog, p.sog);
    s.bbox.west = std::min(s.bbox.west, p.lon);
    s.bbox.east = std::max(s.bbox.east, p.lon);
    s.bbox.south = std::min(s.bbox.south, p.lat);
    s.bbox.north = std::max(s.bbox.north, p.lat);
  }
  s.segments = static_cast<std::uint32_t>(last_of_segment.size());
  return s;
}

std::vector<SanctionHit> sanction_hits(Database& db, std::optional<std::uint32_t> mmsi) {
  // The newest stored version of the hit's list that holds the entry.
  std::string sql =
      "SELECT h.event_id, h.mmsi, h.list, h.entry_id, h.matched_on, IFNULL(h.score, 0), e.start_ms, e.end_ms, "
      "IFNULL(se.name,''), IFNULL(se.data,''), IFNULL(sl.version,''), IFNULL(sl.published,''), "
      "IFNULL(sl.path,''), e.fields FROM screening_hits h JOIN events e ON e.id = h.event_id "
      "LEFT JOIN sanction_entries se ON se.entry_id = h.entry_id AND se.list_id = (SELECT max(l2.id) FROM "
      "sanction_lists l2 JOIN sanction_entries s2 ON s2.list_id = l2.id AND s2.entry_id = h.entry_id WHERE "
      "l2.name = h.list) LEFT JOIN sanction_lists sl ON sl.id = se.list_id";
  if (mmsi) sql += " WHERE h.mmsi = ?";
  sql += " ORDER BY h.mmsi, e.start_ms, h.event_id";
  auto st = db.prepare(sql);
  if (mmsi) st.bind(1, *mmsi);
  std::vector<SanctionHit> out;
  while (st.step()) {
    SanctionHit h;
    h.event_id = st.int64(0);
    h.mmsi = static_cast<std::uint32_t>(st.int64(1));
    h.list = st.text(2);
    h.entry_id = st.text(3);
    h.matched_on = st.text(4);
    h.score = st.real(5);
    h.start_ms = st.int64(6);
    h.end_ms = st.int64(7);
    h.entry_name = st.text(8);
    h.entry_json = st.text(9);
    h.list_version = st.text(10);
    h.list_published = st.text(11);
    h.list_path = st.text(12);
    h.event_fields = st.text(13);
    out.push_back(std::move(h));
  }
  return out;
}

std::vector<ZoneRecord> zones_in(Database& db, const BBox& a) {
  auto st = db.prepare(
      "SELECT id,name,kind,geometry,min_lat,min_lon,max_lat,max_lon FROM zones WHERE max_lat >= ? AND min_lat <= ? "
      "AND max_lon >= ? AND min_lon <= ? ORDER BY id");
  st.bind(1, a.south).bind(2, a.north).bind(3, a.west).bind(4, a.east);
  std::vector<ZoneRecord> out;
  while (st.step()) {
    ZoneRecord z;
    z.id = st.text(0);
    z.name = st.text(1);
    z.kind = st.text(2);
    z.geometry_json = st.text(3);
    z.bbox = {st.real(5), st.real(4), st.real(7), st.real(6)};
    out.push_back(std::move(z));
  }
  return out;
}

std::optional<Provenance> provenance(Database& db, std::int64_t file_id) {
  auto st = db.prepare(
      "SELECT f.path, f.content_id, f.committed_at, r.started_at, r.argv, IFNULL(r.zones_path,''), "
      "IFNULL(r.lists,''), IFNULL(r.config,'') FROM ingest_files f JOIN ingest_runs r ON r.id = f.run_id "
      "WHERE f.id = ?");
  st.bind(1, file_id);
  if (!st.step()) return std::nullopt;
  return Provenance{st.text(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5), st.text(6), st.text(7)};
}

StoreSummary store_summary(Database& db) {
  StoreSummary s;
  s.vessels = static_cast<std::uint64_t>(db.scalar_int("SELECT count(*) FROM vessels"));
  s.positions = static_cast<std::uint64_t>(db.scalar_int("SELECT IFNULL(sum(n), 0) FROM track_chunks"));
  s.identities = static_cast<std::uint64_t>(db.scalar_int("SELECT count(*) FROM identities"));
  s.events = static_cast<std::uint64_t>(db.scalar_int("SELECT count(*) FROM events"));
  s.files = static_cast<std::uint64_t>(db.scalar_int("SELECT count(*) FROM ingest_files"));
  s.hits = static_cast<std::uint64_t>(db.scalar_int("SELECT count(*) FROM screening_hits"));
  auto st = db.prepare("SELECT kind, count(*) FROM events GROUP BY kind ORDER BY count(*) DESC, kind");
  while (st.step()) s.by_kind.emplace_back(st.text(0), static_cast<std::uint64_t>(st.int64(1)));
  return s;
}

}  // namespace seawarden::store
