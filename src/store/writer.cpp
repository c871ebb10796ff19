#include "store/writer.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <deque>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "detect/event_json.h"
#include "store/schema.h"
#include "store/timefmt.h"
#include "store/track_codec.h"

namespace seawarden::store {
namespace {

// A position as stored (and as buffered while waiting for a possible event).
using Row = StoredPosition;

Row to_row(const track::Fix& f) {
  Row r;
  r.t_ms = f.t_ms;
  r.lat_e6 = static_cast<std::int32_t>(std::lround(f.lat * 1e6));
  r.lon_e6 = static_cast<std::int32_t>(std::lround(f.lon * 1e6));
  r.sog_dkn = f.sog < 0 ? -1 : static_cast<std::int16_t>(std::lround(std::min(f.sog, 3000.f) * 10));
  r.cog_ddeg = f.cog < 0 ? -1 : static_cast<std::int16_t>(std::lround(std::min(f.cog, 3600.f) * 10));
  r.heading = f.heading;
  r.status = f.status;
  r.segment = f.segment;
  return r;
}

struct Identity {
  std::string name, callsign, flag;
  std::uint32_t imo = 0;
  int shiptype = 0;
  float length_m = 0, beam_m = 0, draught_m = 0;

  bool same_as(const detect::VesselInfo& v) const {
    return name == v.name && callsign == v.callsign && flag == v.flag && imo == v.imo && shiptype == v.shiptype &&
           std::fabs(length_m - v.length_m) < 0.05f && std::fabs(beam_m - v.beam_m) < 0.05f &&
           std::fabs(draught_m - v.draught_m) < 0.05f;
  }
};

struct VesselState {
  Identity id;
  bool has_identity = false;
  std::int64_t first_ms = 0, last_ms = 0;
  std::uint64_t fixes = 0;
  bool dirty = false;
  // Thinning.
  std::int64_t last_kept_ms = INT64_MIN;
  std::int64_t dense_until_ms = INT64_MIN;
  std::uint32_t last_segment = UINT32_MAX;
  std::deque<Row> dropped;  // time-ordered, within retain_ms of the newest fix
  ChunkEncoder open;        // kept positions not yet written (written at the latest at commit)
};

// Little-endian-agnostic (same machine) binary serialization of the thinning state.
template <typename T>
void put(std::string& out, const T& v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}
template <typename T>
T get(std::string_view& in) {
  if (in.size() < sizeof(T)) throw std::runtime_error("store: truncated writer state");
  T v;
  std::memcpy(&v, in.data(), sizeof v);
  in.remove_prefix(sizeof v);
  return v;
}
constexpr std::uint32_t kWriterStateMagic = 0x53574531;  // "SWE1"

}  // namespace

std::string event_fingerprint(const detect::Event& e) {
  std::string fp = e.kind;
  fp += '|';
  fp += std::to_string(e.start_ms);
  for (auto v : e.vessels) {
    fp += '|';
    fp += std::to_string(v);
  }
  // Key fields that tell apart two events of one kind, vessel set and start.
  static const char* kKeys[] = {"zone", "field", "to", "list", "entry_id", "reason"};
  for (const char* k : kKeys) {
    auto it = e.fields.find(k);
    if (it != e.fields.end()) {
      fp += '|';
      fp += k;
      fp += '=';
      fp += it->is_string() ? it->get<std::string>() : it->dump();
    }
  }
  return fp;
}

struct StoreWriter::Impl {
  Database& db;
  ThinningOptions opt;
  std::unordered_map<std::uint32_t, VesselState> vessels;
  Statement insert_chunk, insert_identity, upsert_event, find_event, insert_event_vessel, insert_hit;
  std::optional<Transaction> tx;
  std::int64_t file_id = 0;
  std::unordered_set<std::int64_t> stale_provisional;
  std::uint64_t buffered = 0;       // rows in all vessels' `dropped`
  std::uint64_t open_positions = 0;  // rows in all vessels' `open` chunks

  Impl(Database& d, ThinningOptions o) : db(d), opt(o) {
    insert_chunk = prepare_chunk_insert(db);
    insert_identity = db.prepare("INSERT OR REPLACE INTO identities VALUES(?,?,?,?,?,?,?,?,?,?)");
    upsert_event = db.prepare(
        "INSERT INTO events(kind,start_ms,end_ms,mmsi,mmsi2,lat,lon,fields,fingerprint,provisional,file_id) "
        "VALUES(?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(fingerprint) DO UPDATE SET end_ms=excluded.end_ms, "
        "lat=excluded.lat, lon=excluded.lon, fields=excluded.fields, provisional=excluded.provisional, "
        "file_id=excluded.file_id WHERE events.provisional=1 RETURNING id");
    find_event = db.prepare("SELECT id FROM events WHERE fingerprint=?");
    insert_event_vessel = db.prepare("INSERT OR IGNORE INTO event_vessels VALUES(?,?)");
    insert_hit = db.prepare("INSERT OR REPLACE INTO screening_hits VALUES(?,?,?,?,?,?)");
  }

  // Provisional events (still open when the last file ended) are re-emitted, as final or
  // again as provisional, by whatever follows; those that are not are gone (deleted at commit).
  void collect_provisional() {
    stale_provisional.clear();
    auto st = db.prepare("SELECT id FROM events WHERE provisional=1");
    while (st.step()) stale_provisional.insert(st.int64(0));
  }
  void delete_stale_provisional() {
    auto del = db.prepare("DELETE FROM events WHERE id=? AND provisional=1");
    for (auto id : stale_provisional) del.bind(1, id).run();
    stale_provisional.clear();
  }

  void insert(std::uint32_t mmsi, const ChunkEncoder& chunk) {
    store::insert_chunk(insert_chunk, mmsi, chunk);
  }

  void flush_open(std::uint32_t mmsi, VesselState& v) {
    if (v.open.empty()) return;
    insert(mmsi, v.open);
    open_positions -= v.open.size();
    v.open.clear();
  }

  // Every open chunk to the database: at commit, and when they hold too many positions
  // (memory stays bounded whatever the number of vessels).
  void flush_all_open() {
    for (auto& [mmsi, v] : vessels) flush_open(mmsi, v);
  }

  // Keeps a position: it joins the vessel's open chunk (full chunks are written).
  void write(std::uint32_t mmsi, VesselState& v, const Row& r) {
    if (v.open.would_overflow(r.t_ms)) flush_open(mmsi, v);
    v.open.add(r);
    if (++open_positions > opt.max_open_positions) flush_all_open();
  }

  // Writes the buffered positions of a vessel within [from, to], as chunks of their own
  // (they lie between positions already kept; readers merge overlapping chunks).
  std::uint64_t flush_window(VesselState& v, std::uint32_t mmsi, std::int64_t from, std::int64_t to) {
    auto first = std::lower_bound(v.dropped.begin(), v.dropped.end(), from,
                                  [](const Row& r, std::int64_t t) { return r.t_ms < t; });
    auto last = first;
    while (last != v.dropped.end() && last->t_ms <= to) ++last;
    if (first == last) return 0;
    ChunkEncoder chunk;
    for (auto it = first; it != last; ++it) {
      if (chunk.would_overflow(it->t_ms)) {
        insert(mmsi, chunk);
        chunk.clear();
      }
      chunk.add(*it);
    }
    insert(mmsi, chunk);
    auto n = static_cast<std::uint64_t>(last - first);
    v.dropped.erase(first, last);
    buffered -= n;
    return n;
  }

  std::string save_writer_state() const {
    std::string out;
    put(out, kWriterStateMagic);
    put(out, static_cast<std::uint64_t>(vessels.size()));
    // Sorted so the blob is deterministic.
    std::vector<std::uint32_t> keys;
    keys.reserve(vessels.size());
    for (auto& [k, _] : vessels) keys.push_back(k);
    std::sort(keys.begin(), keys.end());
    for (auto k : keys) {
      const auto& v = vessels.at(k);
      put(out, k);
      put(out, v.last_kept_ms);
      put(out, v.dense_until_ms);
      put(out, v.last_segment);
      put(out, static_cast<std::uint64_t>(v.dropped.size()));
      for (const Row& r : v.dropped) put(out, r);
    }
    return out;
  }

  void load_writer_state(std::string_view in) {
    if (in.empty()) return;
    if (get<std::uint32_t>(in) != kWriterStateMagic) throw std::runtime_error("store: unknown writer state");
    auto n = get<std::uint64_t>(in);
    for (std::uint64_t i = 0; i < n; ++i) {
      auto mmsi = get<std::uint32_t>(in);
      auto& v = vessels[mmsi];
      v.last_kept_ms = get<std::int64_t>(in);
      v.dense_until_ms = get<std::int64_t>(in);
      v.last_segment = get<std::uint32_t>(in);
      auto rows = get<std::uint64_t>(in);
      for (std::uint64_t j = 0; j < rows; ++j) v.dropped.push_back(get<Row>(in));
      buffered += rows;
    }
  }

  void write_vessels() {
    auto st = db.prepare(
        "INSERT INTO vessels VALUES(?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(mmsi) DO UPDATE SET "
        "name=excluded.name, callsign=excluded.callsign, imo=excluded.imo, shiptype=excluded.shiptype, "
        "flag=excluded.flag, length_m=excluded.length_m, beam_m=excluded.beam_m, draught_m=excluded.draught_m, "
        "first_ms=excluded.first_ms, last_ms=excluded.last_ms, fixes=excluded.fixes");
    for (auto& [mmsi, v] : vessels) {
      if (!v.dirty) continue;
      st.bind(1, mmsi).bind(2, v.id.name).bind(3, v.id.callsign).bind(4, v.id.imo).bind(5, v.id.shiptype);
      st.bind(6, v.id.flag).bind(7, double(v.id.length_m)).bind(8, double(v.id.beam_m));
      st.bind(9, double(v.id.draught_m));
      if (v.fixes) st.bind(10, v.first_ms).bind(11, v.last_ms); else st.bind_null(10).bind_null(11);
      st.bind(12, static_cast<std::int64_t>(v.fixes));
      st.run();
      v.dirty = false;
    }
  }
};

StoreWriter::StoreWriter(Database& db, ThinningOptions options)
    : impl_(std::make_unique<Impl>(db, options)) {}
StoreWriter::~StoreWriter() = default;

std::string StoreWriter::load_state() {
  auto& I = *impl_;
  I.vessels.clear();
  I.buffered = 0;
  I.open_positions = 0;
  auto st = I.db.prepare(
      "SELECT mmsi,name,callsign,imo,shiptype,flag,length_m,beam_m,draught_m,first_ms,last_ms,fixes FROM vessels");
  while (st.step()) {
    auto& v = I.vessels[static_cast<std::uint32_t>(st.int64(0))];
    v.id.name = st.text(1);
    v.id.callsign = st.text(2);
    v.id.imo = static_cast<std::uint32_t>(st.int64(3));
    v.id.shiptype = static_cast<int>(st.int64(4));
    v.id.flag = st.text(5);
    v.id.length_m = static_cast<float>(st.real(6));
    v.id.beam_m = static_cast<float>(st.real(7));
    v.id.draught_m = static_cast<float>(st.real(8));
    v.first_ms = st.int64(9);
    v.last_ms = st.int64(10);
    v.fixes = static_cast<std::uint64_t>(st.int64(11));
  }
  // has_identity: whether identity history has a row for the vessel.
  auto ids = I.db.prepare("SELECT DISTINCT mmsi FROM identities");
  for (auto& [_, v] : I.vessels) v.has_identity = false;
  while (ids.step()) {
    auto it = I.vessels.find(static_cast<std::uint32_t>(ids.int64(0)));
    if (it != I.vessels.end()) it->second.has_identity = true;
  }
  std::string pipeline;
  auto ps = I.db.prepare("SELECT pipeline, writer FROM pipeline_state WHERE id=1");
  if (ps.step()) {
    pipeline = ps.text(0);
    I.load_writer_state(ps.text_view(1));
  }
  return pipeline;
}

std::int64_t StoreWriter::start_run(std::string_view argv, std::string_view zones_path, std::string_view lists_json,
                                    std::string_view config_json) {
  auto st = impl_->db.prepare("INSERT INTO ingest_runs(started_at,argv,zones_path,lists,config) VALUES(?,?,?,?,?)");
  st.bind(1, now_iso()).bind(2, argv);
  if (zones_path.empty()) st.bind_null(3); else st.bind(3, zones_path);
  st.bind(4, lists_json).bind(5, config_json);
  st.run();
  return impl_->db.last_insert_rowid();
}

void StoreWriter::finish_run(std::int64_t run_id) {
  auto st = impl_->db.prepare("UPDATE ingest_runs SET finished_at=? WHERE id=?");
  st.bind(1, now_iso()).bind(2, run_id).run();
}

bool StoreWriter::file_done(std::string_view content_id) {
  auto st = impl_->db.prepare("SELECT 1 FROM ingest_files WHERE content_id=?");
  st.bind(1, content_id);
  return st.step();
}

void StoreWriter::begin_file(const FileRecord& file) {
  auto& I = *impl_;
  I.tx.emplace(I.db);
  counts_ = {};
  // The row is provisional until the commit; its id tags the file's events.
  auto st = I.db.prepare(
      "INSERT INTO ingest_files(run_id,path,size,content_id,committed_at,seconds,lines,messages,errors,fixes,"
      "positions,identities,events) VALUES(?,?,?,?,?,0,0,0,0,0,0,0,0)");
  st.bind(1, file.run_id).bind(2, file.path).bind(3, static_cast<std::int64_t>(file.size));
  st.bind(4, file.content_id).bind(5, now_iso()).run();
  I.file_id = I.db.last_insert_rowid();
  I.collect_provisional();
}

void StoreWriter::on_fix(const track::Fix& fix) {
  auto& I = *impl_;
  auto& v = I.vessels[fix.mmsi];
  ++counts_.fixes;
  if (!counts_.first_ms || fix.t_ms < counts_.first_ms) counts_.first_ms = fix.t_ms;
  counts_.last_ms = std::max(counts_.last_ms, fix.t_ms);
  if (!v.fixes || fix.t_ms < v.first_ms) v.first_ms = fix.t_ms;
  v.last_ms = std::max(v.last_ms, fix.t_ms);
  ++v.fixes;
  v.dirty = true;

  Row r = to_row(fix);
  // "interval since the last kept fix" without subtracting from it: it starts at INT64_MIN.
  const bool interval_due = v.last_kept_ms <= fix.t_ms - I.opt.interval_ms;
  bool keep = interval_due || fix.segment != v.last_segment || fix.t_ms <= v.dense_until_ms;
  if (keep) {
    I.write(fix.mmsi, v, r);
    ++counts_.positions;
    if (interval_due || fix.segment != v.last_segment) v.last_kept_ms = fix.t_ms;
    v.last_segment = fix.segment;
  } else if (I.buffered < I.opt.max_buffered) {
    v.dropped.push_back(r);
    ++I.buffered;
  }
  const std::int64_t horizon = fix.t_ms - I.opt.retain_ms;
  while (!v.dropped.empty() && v.dropped.front().t_ms < horizon) {
    v.dropped.pop_front();
    --I.buffered;
  }
}

void StoreWriter::on_identity(std::uint32_t mmsi, std::int64_t t_ms, const detect::VesselInfo& info) {
  auto& I = *impl_;
  auto& v = I.vessels[mmsi];
  if (v.has_identity && v.id.same_as(info)) return;
  v.id = Identity{info.name, info.callsign, info.flag, info.imo, info.shiptype, info.length_m, info.beam_m,
                  info.draught_m};
  v.has_identity = true;
  v.dirty = true;
  auto& st = I.insert_identity;
  st.bind(1, mmsi).bind(2, t_ms).bind(3, info.name).bind(4, info.callsign).bind(5, info.imo);
  st.bind(6, static_cast<int>(info.shiptype)).bind(7, info.flag).bind(8, double(info.length_m));
  st.bind(9, double(info.beam_m)).bind(10, double(info.draught_m));
  st.run();
  ++counts_.identities;
}

std::int64_t StoreWriter::on_event(const detect::Event& e, bool provisional) {
  auto& I = *impl_;
  if (e.vessels.empty()) return 0;
  const std::string fp = event_fingerprint(e);
  std::string fields_text;
  detect::append_json(fields_text, e.fields);
  auto& st = I.upsert_event;
  st.bind(1, e.kind).bind(2, e.start_ms).bind(3, e.end_ms).bind(4, e.vessels[0]);
  if (e.vessels.size() > 1) st.bind(5, e.vessels[1]); else st.bind_null(5);
  // The position as detect writes it (6 decimals), like the positions inside the fields.
  st.bind(6, detect::round_decimals(e.lat, 6)).bind(7, detect::round_decimals(e.lon, 6)).bind(8, fields_text).bind(9, fp).bind(10, provisional ? 1 : 0);
  if (I.file_id) st.bind(11, I.file_id); else st.bind_null(11);
  std::int64_t id = 0;
  if (st.step()) id = st.int64(0);
  st.reset();
  if (!id) {  // already stored as final: keep it as it is
    I.find_event.bind(1, fp);
    if (I.find_event.step()) id = I.find_event.int64(0);
    I.find_event.reset();
    I.stale_provisional.erase(id);
    return id;
  }
  I.stale_provisional.erase(id);
  ++counts_.events;
  for (auto mmsi : e.vessels) I.insert_event_vessel.bind(1, mmsi).bind(2, id).run();
  if (e.kind == "sanctions_hit") {
    auto str = [&](const char* k) {
      auto it = e.fields.find(k);
      return it == e.fields.end() ? std::string() : it->is_string() ? it->get<std::string>() : it->dump();
    };
    auto& h = I.insert_hit;
    h.bind(1, id).bind(2, e.vessels[0]).bind(3, str("list")).bind(4, str("entry_id")).bind(5, str("matched_on"));
    auto sc = e.fields.find("score");
    if (sc != e.fields.end() && sc->is_number()) h.bind(6, sc->get<double>()); else h.bind_null(6);
    h.run();
  }
  // Keep every position around the event (not for list or identity findings, which
  // span a vessel's whole presence).
  if (e.kind != "sanctions_hit" && e.kind != "identity_anomaly") {
    const auto m = I.opt.event_margin_ms;
    for (auto mmsi : e.vessels) {
      auto it = I.vessels.find(mmsi);
      if (it == I.vessels.end()) continue;
      auto& v = it->second;
      if (e.end_ms - e.start_ms <= I.opt.max_dense_span_ms) {
        counts_.positions += I.flush_window(v, mmsi, e.start_ms - m, e.end_ms + m);
      } else {
        counts_.positions += I.flush_window(v, mmsi, e.start_ms - m, e.start_ms + m);
        counts_.positions += I.flush_window(v, mmsi, e.end_ms - m, e.end_ms + m);
      }
      if (!provisional) v.dense_until_ms = std::max(v.dense_until_ms, e.end_ms + m);
    }
  }
  return id;
}

void StoreWriter::commit_file(const FileRecord& file, std::string_view pipeline_state) {
  auto& I = *impl_;
  if (!I.tx) throw std::logic_error("commit_file without begin_file");
  I.flush_all_open();
  I.write_vessels();
  // Every event of the file has been delivered: what was held back stays thinned.
  for (auto& [_, v] : I.vessels) std::deque<Row>().swap(v.dropped);
  I.buffered = 0;
  auto st = I.db.prepare(
      "UPDATE ingest_files SET committed_at=?, seconds=?, lines=?, messages=?, errors=?, fixes=?, positions=?, "
      "identities=?, events=?, first_ms=?, last_ms=? WHERE id=?");
  st.bind(1, now_iso()).bind(2, file.seconds).bind(3, static_cast<std::int64_t>(file.lines));
  st.bind(4, static_cast<std::int64_t>(file.messages)).bind(5, static_cast<std::int64_t>(file.errors));
  st.bind(6, static_cast<std::int64_t>(counts_.fixes)).bind(7, static_cast<std::int64_t>(counts_.positions));
  st.bind(8, static_cast<std::int64_t>(counts_.identities)).bind(9, static_cast<std::int64_t>(counts_.events));
  if (counts_.fixes) st.bind(10, counts_.first_ms).bind(11, counts_.last_ms); else st.bind_null(10).bind_null(11);
  st.bind(12, I.file_id).run();
  I.delete_stale_provisional();
  auto ps = I.db.prepare("INSERT OR REPLACE INTO pipeline_state VALUES(1,?,?,?,?)");
  ps.bind_blob(1, pipeline_state).bind_blob(2, I.save_writer_state()).bind(3, I.file_id).bind(4, now_iso()).run();
  I.tx->commit();
  I.tx.reset();
}

void StoreWriter::rollback() {
  auto& I = *impl_;
  for (auto& [_, v] : I.vessels) v.open.clear();
  I.open_positions = 0;
  I.tx.reset();  // rolls back
  I.file_id = 0;
}

}  // namespace seawarden::store
