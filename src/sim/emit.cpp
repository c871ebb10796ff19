// The feed generator. Time advances in 10-minute windows; in each, every transmitter walks
// its report slots (one slot = the feed interval, or the transmit interval when longer),
// decides which transmissions a station or satellite heard, and appends the sentences to an
// arena with their arrival time. Records are sorted by arrival and those due before the
// window's end are written; the rest (late satellite batches, delayed lines) carry over.
#include "sim/emit.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>
#include <string>

#include "ais/encoder.h"
#include "sim/reception.h"

namespace seawarden::sim {
namespace {

constexpr std::int64_t kWindow = 10 * kMinute;

// xoshiro256** (Blackman & Vigna): small and fast, one per transmitter.
class FastRng {
 public:
  explicit FastRng(std::uint64_t seed) {
    for (auto& s : s_) {
      seed += 0x9E3779B97F4A7C15ull;
      std::uint64_t z = seed;
      z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
      z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
      s = z ^ (z >> 31);
    }
  }
  std::uint64_t next() {
    const std::uint64_t r = rotl(s_[1] * 5, 7) * 9, t = s_[1] << 17;
    s_[2] ^= s_[0], s_[3] ^= s_[1], s_[1] ^= s_[2], s_[0] ^= s_[3], s_[2] ^= t, s_[3] = rotl(s_[3], 45);
    return r;
  }
  double uniform() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }
  double uniform(double a, double b) { return a + (b - a) * uniform(); }
  bool chance(double p) { return uniform() < p; }
  double normal() {
    double u1 = uniform();
    if (u1 < 1e-300) u1 = 1e-300;
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * uniform());
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
};

struct TxState {
  std::int64_t next_pos = 0, next_static = 0;
  PlanCursor cursor, static_cursor;
  std::size_t identity = 0;
  std::size_t spoof = 0;
  int spoof_left = -1;
  bool part_b = false;
  FastRng rng{0};
};

struct Record {
  std::int64_t arrival, rx;
  std::uint64_t seq;
  std::uint32_t off, len;
};

class Feed {
 public:
  Feed(const Scenario& sc, std::FILE* out, TruthRecorder& truth, ScenarioResult& res)
      : sc_(sc), out_(out), truth_(truth), res_(res), recv_rng_(sc.options.seed ^ 0x5EA5EA5Eu),
        reception_(sc.area, sc.start_ms, sc.end_ms, recv_rng_), noise_rng_(sc.options.seed * 31 + 7) {
    tx_.resize(sc.emitters.size());
    for (std::size_t i = 0; i < sc.emitters.size(); ++i) {
      auto& s = tx_[i];
      s.rng = FastRng(sc.options.seed * 0x100000001B3ull + i * 0x9E3779B97F4A7C15ull + 1);
      s.next_pos = sc.start_ms + static_cast<std::int64_t>(s.rng.uniform(0, 60)) * 1000;
      s.next_static = sc.start_ms + static_cast<std::int64_t>(s.rng.uniform(0, 360)) * 1000;
    }
    arena_.reserve(16 << 20);
    next_junk_ = static_cast<std::uint64_t>(noise_rng_.uniform(5000, 60000));
  }

  void run() {
    for (std::int64_t w = sc_.start_ms; w < sc_.end_ms; w += kWindow) {
      const std::int64_t wend = std::min(w + kWindow, sc_.end_ms);
      for (std::size_t i = 0; i < sc_.emitters.size(); ++i) run_emitter(static_cast<int>(i), wend);
      flush(wend >= sc_.end_ms ? INT64_MAX : wend);
    }
  }

 private:
  // ---- reception
  struct Rx { bool ok = false; int station = -1, station2 = -1; bool satellite = false; std::int64_t t = 0; };

  // Chooses the first heard transmission among k at t, t+step, ...
  Rx receive(const Emitter& e, TxState& s, const LatLon& pos, std::int64_t t, std::int64_t step, int k) {
    Rx rx;
    ReceptionModel::Heard a, b;
    reception_.terrestrial(pos, e.class_b, t, a, b);
    for (int i = 0; i < k; ++i) {
      if (a.station >= 0 && s.rng.chance(a.p)) {
        rx.ok = true, rx.station = a.station, rx.t = t + i * step;
        if (b.station >= 0 && s.rng.chance(b.p * 0.5)) rx.station2 = b.station;
        return rx;
      }
    }
    for (int i = 0; i < k; ++i) {
      const std::int64_t ti = t + i * step;
      const double p = reception_.satellite(ti, e.class_b);
      if (p > 0 && s.rng.chance(p)) {
        rx.ok = true, rx.satellite = true, rx.t = ti;
        return rx;
      }
    }
    return rx;
  }

  static bool active(const Emitter& e, std::int64_t t, std::int64_t& resume) {
    if (t < e.on_ms) return resume = e.on_ms, false;
    if (t >= e.off_ms) return resume = INT64_MAX, false;
    for (const auto& [a, b] : e.silences)
      if (t >= a && t < b) return resume = b, false;
    return true;
  }

  static std::int64_t tx_interval(const Emitter& e, const State& st) {
    if (e.class_b) return st.sog_kn > 2 ? 30'000 : 180'000;
    if ((st.status == 1 || st.status == 5) && st.sog_kn < 3) return 180'000;
    if (st.sog_kn > 23) return 2'000;
    if (st.sog_kn > 14) return 6'000;
    return 10'000;
  }

  void run_emitter(int ei, std::int64_t wend) {
    const Emitter& e = sc_.emitters[ei];
    TxState& s = tx_[ei];
    const Plan& plan = sc_.plans[e.plan];
    while (s.next_pos < wend) {
      std::int64_t resume = 0;
      if (!active(e, s.next_pos, resume)) {
        s.next_pos = resume == INT64_MAX ? INT64_MAX : resume + static_cast<std::int64_t>(s.rng.uniform(0, 30)) * 1000;
        continue;
      }
      const State st = plan.at(s.next_pos, s.cursor);
      const std::int64_t step = tx_interval(e, st);
      const std::int64_t feed = static_cast<std::int64_t>(sc_.options.feed_interval_s) * 1000;
      const std::int64_t slot = std::max(step, feed);
      const int k = static_cast<int>(std::max<std::int64_t>(1, slot / step));
      bool spoofing = false;
      if (s.spoof < e.spoofs.size() && s.next_pos >= e.spoofs[s.spoof].t_ms) {
        if (s.spoof_left < 0) s.spoof_left = e.spoofs[s.spoof].count;
        spoofing = s.spoof_left > 0;
      }
      Rx rx = receive(e, s, st.pos, s.next_pos, step, k);
      if (spoofing && !rx.ok) {  // spoofed reports are made to be received
        ReceptionModel::Heard a, b;
        reception_.terrestrial(st.pos, e.class_b, s.next_pos, a, b);
        rx.ok = true, rx.t = s.next_pos, rx.station = a.station, rx.satellite = a.station < 0;
      }
      if (rx.ok) emit_position(ei, s, plan, rx, spoofing);
      if (spoofing && --s.spoof_left == 0) ++s.spoof, s.spoof_left = -1;
      s.next_pos += slot;
    }
    if (!e.sends_static) return;
    while (s.next_static < wend) {
      const std::int64_t t = s.next_static;
      s.next_static += e.class_b ? 180'000 : 360'000;
      std::int64_t resume = 0;
      if (!active(e, t, resume)) {
        if (resume == INT64_MAX) s.next_static = INT64_MAX;
        else if (resume > s.next_static) s.next_static = resume + static_cast<std::int64_t>(s.rng.uniform(0, 60)) * 1000;
        continue;
      }
      const State st = plan.at(t, s.static_cursor);
      Rx rx = receive(e, s, st.pos, t, 1000, 1);
      if (rx.ok) emit_static(ei, s, rx);
      if (e.class_b) s.part_b = !s.part_b;
    }
  }

  // ---- messages
  const Identity& identity_at(const Emitter& e, TxState& s, std::int64_t t) {
    while (s.identity + 1 < e.identity.size() && e.identity[s.identity + 1].from_ms <= t) ++s.identity;
    return e.identity[s.identity];
  }

  void emit_position(int ei, TxState& s, const Plan& plan, const Rx& rx, bool spoofing) {
    const Emitter& e = sc_.emitters[ei];
    PlanCursor c = s.cursor;
    const State st = plan.at(rx.t, c);
    double lat = st.pos.lat, lon = st.pos.lon;
    if (spoofing) {
      const LatLon f = offset_km(st.pos, e.spoofs[s.spoof].east_km, e.spoofs[s.spoof].north_km);
      lat = f.lat, lon = f.lon;
    }
    if (sc_.options.noise) {  // GNSS noise, ~10 m
      const LatLon n = offset_km({lat, lon}, s.rng.normal() * 0.007, s.rng.normal() * 0.007);
      lat = n.lat, lon = n.lon;
    }
    double sog = std::max(0.0, st.sog_kn + (st.sog_kn > 0.05 ? s.rng.normal() * 0.1 : 0.0));
    double cog = std::fmod(st.cog_deg + s.rng.normal() * (st.sog_kn > 0.5 ? 1.5 : 40) + 720.0, 360.0);
    ais::Message m;
    m.mmsi = e.mmsi;
    const std::uint8_t second = static_cast<std::uint8_t>((rx.t / 1000) % 60);
    const auto raw_lat = static_cast<std::int32_t>(std::lround(lat * 600000.0));
    const auto raw_lon = static_cast<std::int32_t>(std::lround(lon * 600000.0));
    bool long_range = false;
    if (!e.class_b) {
      long_range = rx.satellite && !spoofing && st.sog_kn > 3 && s.rng.chance(0.15);
      if (long_range) {
        m.type = 27;
        ais::LongRange p;
        p.status = st.status;
        p.lat = static_cast<std::int32_t>(std::lround(lat * 600.0));
        p.lon = static_cast<std::int32_t>(std::lround(lon * 600.0));
        p.speed = static_cast<std::uint8_t>(std::min(62.0, std::round(sog)));
        p.course = static_cast<std::uint16_t>(std::lround(cog) % 360);
        lat = p.lat / 600.0, lon = p.lon / 600.0, sog = p.speed;
        m.body = p;
      } else {
        m.type = s.rng.chance(0.1) ? 3 : 1;
        ais::PositionA p;
        p.status = st.status;
        p.turn = st.sog_kn > 0.5 ? 0 : -128;
        p.speed = static_cast<std::uint16_t>(std::min(1022.0, std::round(sog * 10)));
        p.accuracy = s.rng.chance(0.3);
        p.lat = raw_lat, p.lon = raw_lon;
        p.course = static_cast<std::uint16_t>(std::lround(cog * 10) % 3600);
        p.heading = static_cast<std::uint16_t>(std::lround(cog + s.rng.normal() * 2 + 360) % 360);
        p.second = second;
        p.radio = static_cast<std::uint32_t>(s.rng.next() & 0x7FFFF);
        m.body = p;
      }
    } else if (s.rng.chance(0.05)) {
      m.type = 19;
      ais::ExtendedB p;
      const Identity& id = identity_at(e, s, rx.t);
      p.speed = static_cast<std::uint16_t>(std::min(1022.0, std::round(sog * 10)));
      p.lat = raw_lat, p.lon = raw_lon;
      p.course = static_cast<std::uint16_t>(std::lround(cog * 10) % 3600);
      p.second = second;
      p.shipname.assign(id.name);
      p.shiptype = id.shiptype;
      p.to_bow = id.to_bow, p.to_stern = id.to_stern, p.to_port = id.to_port, p.to_starboard = id.to_starboard;
      p.epfd = 1;
      m.body = p;
      TruthRecorder::StaticFields f;
      f.name = &id.name;
      f.shiptype = id.shiptype;
      truth_.on_static(ei, second_floor(rx.t), f);
    } else {
      m.type = 18;
      ais::PositionB p;
      p.speed = static_cast<std::uint16_t>(std::min(1022.0, std::round(sog * 10)));
      p.lat = raw_lat, p.lon = raw_lon;
      p.course = static_cast<std::uint16_t>(std::lround(cog * 10) % 3600);
      p.second = second;
      p.cs = true, p.band = true, p.msg22 = true, p.dsc = s.rng.chance(0.5);
      p.radio = static_cast<std::uint32_t>(s.rng.next() & 0xFFFFF);
      m.body = p;
    }
    if (!long_range) lat = raw_lat / 600000.0, lon = raw_lon / 600000.0;
    const bool corrupt = sc_.options.noise && !spoofing && noise_rng_.chance(2e-5);
    write(m, rx, corrupt);
    if (corrupt) return;  // the detector cannot use it: not in the truth
    const std::int64_t t = second_floor(rx.t);
    truth_.on_message(ei, t);
    if (spoofing) truth_.on_spoof(ei, t, lat, lon);
    else truth_.on_fix(ei, t, lat, lon, sog, e.role != Role::Clone);
  }

  void emit_static(int ei, TxState& s, const Rx& rx) {
    const Emitter& e = sc_.emitters[ei];
    const Identity& id = identity_at(e, s, rx.t);
    ais::Message m;
    m.mmsi = e.mmsi;
    TruthRecorder::StaticFields f;
    if (!e.class_b) {
      m.type = 5;
      ais::StaticVoyage v;
      v.ais_version = 2;
      v.imo = id.imo;
      v.callsign.assign(id.callsign);
      v.shipname.assign(id.name);
      v.shiptype = id.shiptype;
      v.to_bow = id.to_bow, v.to_stern = id.to_stern, v.to_port = id.to_port, v.to_starboard = id.to_starboard;
      v.epfd = 1;
      v.draught = static_cast<std::uint8_t>(std::lround(id.draught_m * 10));
      v.destination.assign(id.destination);
      m.body = v;
      f.name = &id.name, f.callsign = &id.callsign, f.imo = id.imo, f.has_imo = true, f.shiptype = id.shiptype;
      f.draught_m = v.draught / 10.0f;
    } else {
      m.type = 24;
      ais::StaticB b;
      b.partno = s.part_b ? 1 : 0;
      if (!s.part_b) {
        b.shipname.assign(id.name);
        f.name = &id.name;
      } else {
        b.shiptype = id.shiptype;
        b.callsign.assign(id.callsign);
        b.to_bow = id.to_bow, b.to_stern = id.to_stern, b.to_port = id.to_port, b.to_starboard = id.to_starboard;
        f.callsign = &id.callsign, f.shiptype = id.shiptype;
      }
      m.body = b;
    }
    write(m, rx, false);
    const std::int64_t t = second_floor(rx.t);
    truth_.on_message(ei, t);
    truth_.on_static(ei, t, f);
  }

  static std::int64_t second_floor(std::int64_t t) { return t - ((t % 1000) + 1000) % 1000; }

  // ---- output
  void write(const ais::Message& m, const Rx& rx, bool corrupt) {
    ais::EncodedPayload pl;
    if (!ais::encode_payload(m, pl)) return;
    ++res_.messages;
    const bool noise = sc_.options.noise;
    std::int64_t arrival = rx.t;
    if (rx.satellite) arrival += noise ? static_cast<std::int64_t>(noise_rng_.uniform(0, 120)) * 1000 : 0;
    else if (noise && noise_rng_.chance(0.02)) arrival += static_cast<std::int64_t>(noise_rng_.uniform(5, 110)) * 1000;
    ais::SentenceOptions opt;
    opt.channel = (m.mmsi + static_cast<std::uint32_t>(rx.t / 1000)) % 2 ? 'B' : 'A';
    opt.station = rx.satellite ? std::string_view("SAT-1") : std::string_view(sc_.area.stations[rx.station].id);
    opt.rx_time = rx.t;
    opt.group_id = static_cast<int>(++group_ % 10000);
    add_record(arrival, pl, opt, corrupt);
    if (noise && !corrupt && rx.station2 >= 0) {
      opt.station = sc_.area.stations[rx.station2].id;
      opt.rx_time = rx.t + (noise_rng_.chance(0.3) ? 1000 : 0);
      opt.group_id = static_cast<int>(++group_ % 10000);
      add_record(arrival + 200, pl, opt, false);
      ++res_.duplicates;
    }
  }

  void add_record(std::int64_t arrival, const ais::EncodedPayload& pl, const ais::SentenceOptions& opt, bool corrupt) {
    const std::size_t off = arena_.size();
    const int n = ais::append_sentences(arena_, pl, opt);
    res_.sentences += static_cast<std::uint64_t>(n);
    if (corrupt) {  // flip the sentence checksum's last digit
      char& c = arena_[arena_.size() - 2];
      c = c == '0' ? '1' : '0';
      ++res_.bad_checksums;
    }
    records_.push_back({arrival, opt.rx_time, seq_++, static_cast<std::uint32_t>(off), static_cast<std::uint32_t>(arena_.size() - off)});
  }

  void junk_line(std::string& out) {
    static constexpr const char* kJunk[] = {
        "$GPGGA,092750.000,3850.1234,N,12430.5678,E,1,8,1.03,61.7,M,55.2,M,,*76",
        "!AIVDM,1,1,,A,13u?etPv2;0n:dDPwUM1U1Cb069D,0",
        "\\s:CN-DALIAN,c:1715212800*7F\\!AIVDM,1,1,,B,402=a",
        "RESET receiver 3 link lost",
        "!AIVDM,2,1,7,A,55NOvQP1u>QIL@O??SL985`u>0EQ18E=>222221J1p`884i6N344Sll1@m80,0*0C",
        "",
        "$PSTT,101,A*2B",
    };
    out += kJunk[noise_rng_.next() % std::size(kJunk)];
    out.push_back('\n');
  }

  void flush(std::int64_t due) {
    std::sort(records_.begin(), records_.end(),
              [](const Record& a, const Record& b) { return a.arrival != b.arrival ? a.arrival < b.arrival : a.seq < b.seq; });
    std::string out;
    out.reserve(arena_.size() + 4096);
    std::vector<Record> later;
    for (const Record& r : records_) {
      if (r.arrival >= due) {
        later.push_back(r);
        continue;
      }
      // A line whose receive time is older than one already written arrived out of order.
      if (r.rx < last_rx_written_) ++res_.out_of_order;
      last_rx_written_ = std::max(last_rx_written_, r.rx);
      out.append(arena_, r.off, r.len);
      ++lines_;
      if (sc_.options.noise && lines_ >= next_junk_) {
        junk_line(out);
        ++res_.junk_lines;
        next_junk_ = lines_ + static_cast<std::uint64_t>(noise_rng_.uniform(5000, 60000));
      }
    }
    if (!out.empty()) {
      if (std::fwrite(out.data(), 1, out.size(), out_) != out.size()) throw std::runtime_error("write failed");
      res_.bytes += out.size();
    }
    std::string carried;
    for (Record& r : later) {
      const auto off = static_cast<std::uint32_t>(carried.size());
      carried.append(arena_, r.off, r.len);
      r.off = off;
    }
    arena_.swap(carried);
    records_.swap(later);
  }

  const Scenario& sc_;
  std::FILE* out_;
  TruthRecorder& truth_;
  ScenarioResult& res_;
  Rng recv_rng_;
  ReceptionModel reception_;
  Rng noise_rng_;
  std::vector<TxState> tx_;
  std::string arena_;
  std::vector<Record> records_;
  std::uint64_t seq_ = 0, group_ = 0, lines_ = 0, next_junk_ = 0;
  std::int64_t last_rx_written_ = INT64_MIN;
};

}  // namespace

void emit_feed(const Scenario& sc, std::FILE* out, TruthRecorder& truth, ScenarioResult& result) {
  Feed feed(sc, out, truth, result);
  feed.run();
}

}  // namespace seawarden::sim
