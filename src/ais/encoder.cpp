// AIS payload encoder and NMEA sentence writer (see encoder.h).
#include "ais/encoder.h"

#include <array>
#include <cstring>

namespace seawarden::ais {
namespace {

// Big-endian bit packer, fixed capacity (1008 bits).
class BitWriter {
 public:
  void put(std::uint64_t value, int width) {
    for (int i = width - 1; i >= 0; --i) {
      if (pos_ >= kMaxBits) return;
      if ((value >> i) & 1u) bytes_[pos_ >> 3] |= static_cast<std::uint8_t>(0x80u >> (pos_ & 7));
      ++pos_;
    }
  }
  void put_signed(std::int64_t value, int width) {
    put(static_cast<std::uint64_t>(value) & ((std::uint64_t{1} << width) - 1), width);
  }
  // Six-bit text, upper-cased, padded with '@' (0) to `chars` characters.
  void put_text(std::string_view s, int chars) {
    for (int i = 0; i < chars; ++i) {
      unsigned v = 0;
      if (static_cast<std::size_t>(i) < s.size()) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c >= 'a' && c <= 'z') c = static_cast<unsigned char>(c - 32);
        if (c >= 64 && c < 96) v = c - 64;
        else if (c >= 32 && c < 64) v = c;
        else v = 32;  // unrepresentable -> space
      }
      put(v, 6);
    }
  }
  void armor(EncodedPayload& out) const {
    const int chars = (pos_ + 5) / 6;
    for (int i = 0; i < chars; ++i) {
      unsigned v = 0;
      for (int b = 0; b < 6; ++b) {
        const int bit = i * 6 + b;
        v <<= 1;
        if (bit < pos_ && (bytes_[bit >> 3] & (0x80u >> (bit & 7)))) v |= 1;
      }
      out.chars[i] = static_cast<char>(v < 40 ? v + 48 : v + 56);
    }
    out.len = static_cast<std::uint16_t>(chars);
    out.chars[chars] = '\0';
    out.fill_bits = static_cast<std::uint8_t>(chars * 6 - pos_);
  }

 private:
  static constexpr int kMaxBits = 1008;
  std::array<std::uint8_t, kMaxBits / 8> bytes_{};
  int pos_ = 0;
};

void put_header(BitWriter& w, const Message& m) {
  w.put(m.type, 6);
  w.put(m.repeat, 2);
  w.put(m.mmsi, 30);
}

void put_dims(BitWriter& w, std::uint16_t bow, std::uint16_t stern, std::uint8_t port,
              std::uint8_t starboard) {
  w.put(bow, 9);
  w.put(stern, 9);
  w.put(port, 6);
  w.put(starboard, 6);
}

bool encode_position_a(BitWriter& w, const PositionA& p) {
  w.put(p.status, 4);
  w.put_signed(p.turn, 8);
  w.put(p.speed, 10);
  w.put(p.accuracy, 1);
  w.put_signed(p.lon, 28);
  w.put_signed(p.lat, 27);
  w.put(p.course, 12);
  w.put(p.heading, 9);
  w.put(p.second, 6);
  w.put(p.maneuver, 2);
  w.put(0, 3);
  w.put(p.raim, 1);
  w.put(p.radio, 19);
  return true;
}

bool encode_static_voyage(BitWriter& w, const StaticVoyage& s) {
  w.put(s.ais_version, 2);
  w.put(s.imo, 30);
  w.put_text(s.callsign.view(), 7);
  w.put_text(s.shipname.view(), 20);
  w.put(s.shiptype, 8);
  put_dims(w, s.to_bow, s.to_stern, s.to_port, s.to_starboard);
  w.put(s.epfd, 4);
  w.put(s.month, 4);
  w.put(s.day, 5);
  w.put(s.hour, 5);
  w.put(s.minute, 6);
  w.put(s.draught, 8);
  w.put_text(s.destination.view(), 20);
  w.put(s.dte, 1);
  w.put(0, 1);
  return true;
}

bool encode_position_b(BitWriter& w, const PositionB& p) {
  w.put(p.reserved, 8);
  w.put(p.speed, 10);
  w.put(p.accuracy, 1);
  w.put_signed(p.lon, 28);
  w.put_signed(p.lat, 27);
  w.put(p.course, 12);
  w.put(p.heading, 9);
  w.put(p.second, 6);
  w.put(p.regional, 2);
  w.put(p.cs, 1);
  w.put(p.display, 1);
  w.put(p.dsc, 1);
  w.put(p.band, 1);
  w.put(p.msg22, 1);
  w.put(p.assigned, 1);
  w.put(p.raim, 1);
  w.put(p.radio, 20);
  return true;
}

bool encode_extended_b(BitWriter& w, const ExtendedB& p) {
  w.put(p.reserved, 8);
  w.put(p.speed, 10);
  w.put(p.accuracy, 1);
  w.put_signed(p.lon, 28);
  w.put_signed(p.lat, 27);
  w.put(p.course, 12);
  w.put(p.heading, 9);
  w.put(p.second, 6);
  w.put(p.regional, 4);
  w.put_text(p.shipname.view(), 20);
  w.put(p.shiptype, 8);
  put_dims(w, p.to_bow, p.to_stern, p.to_port, p.to_starboard);
  w.put(p.epfd, 4);
  w.put(p.raim, 1);
  w.put(p.dte, 1);
  w.put(p.assigned, 1);
  w.put(0, 4);
  return true;
}

bool encode_static_b(BitWriter& w, const Message& m, const StaticB& s) {
  w.put(s.partno, 2);
  if (s.partno == 0) {  // part A: 160 bits
    w.put_text(s.shipname.view(), 20);
    return true;
  }
  w.put(s.shiptype, 8);
  // ITU-R M.1371-5: vendor id 3 characters, unit model code 4 bits, serial 20 bits.
  w.put_text(s.vendorid.view().substr(0, std::min<std::size_t>(3, s.vendorid.len)), 3);
  w.put(s.model, 4);
  w.put(s.serial, 20);
  w.put_text(s.callsign.view(), 7);
  if (m.mmsi / 10000000 == 98) w.put(s.mothership_mmsi, 30);  // auxiliary craft
  else put_dims(w, s.to_bow, s.to_stern, s.to_port, s.to_starboard);
  w.put(0, 6);
  return true;
}

bool encode_long_range(BitWriter& w, const LongRange& p) {
  w.put(p.accuracy, 1);
  w.put(p.raim, 1);
  w.put(p.status, 4);
  w.put_signed(p.lon, 18);
  w.put_signed(p.lat, 17);
  w.put(p.speed, 6);
  w.put(p.course, 9);
  w.put(p.gnss, 1);
  w.put(0, 1);
  return true;
}

void append_uint(std::string& out, std::uint64_t v) {
  char buf[24];
  int n = 0;
  do {
    buf[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v);
  while (n) out.push_back(buf[--n]);
}

void append_hex2(std::string& out, std::uint8_t v) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  out.push_back(kHex[v >> 4]);
  out.push_back(kHex[v & 15]);
}

}  // namespace

bool encode_payload(const Message& msg, EncodedPayload& out) {
  BitWriter w;
  put_header(w, msg);
  bool ok = false;
  switch (msg.type) {
    case 1: case 2: case 3:
      if (auto* p = std::get_if<PositionA>(&msg.body)) ok = encode_position_a(w, *p);
      break;
    case 5:
      if (auto* p = std::get_if<StaticVoyage>(&msg.body)) ok = encode_static_voyage(w, *p);
      break;
    case 18:
      if (auto* p = std::get_if<PositionB>(&msg.body)) ok = encode_position_b(w, *p);
      break;
    case 19:
      if (auto* p = std::get_if<ExtendedB>(&msg.body)) ok = encode_extended_b(w, *p);
      break;
    case 24:
      if (auto* p = std::get_if<StaticB>(&msg.body)) ok = encode_static_b(w, msg, *p);
      break;
    case 27:
      if (auto* p = std::get_if<LongRange>(&msg.body)) ok = encode_long_range(w, *p);
      break;
    default:
      break;
  }
  if (!ok) return false;
  w.armor(out);
  return true;
}

std::uint8_t nmea_checksum(std::string_view body) {
  std::uint8_t x = 0;
  for (char c : body) x ^= static_cast<std::uint8_t>(c);
  return x;
}

void append_tag_block(std::string& out, std::string_view fields) {
  out.push_back('\\');
  out.append(fields);
  out.push_back('*');
  append_hex2(out, nmea_checksum(fields));
  out.push_back('\\');
}

namespace {
// Tag block text in a fixed buffer: no allocation per sentence.
class TagText {
 public:
  void clear() { n_ = 0; }
  bool empty() const { return n_ == 0; }
  void add(std::string_view s) {
    const std::size_t k = std::min(s.size(), sizeof buf_ - n_);
    std::memcpy(buf_ + n_, s.data(), k);
    n_ += k;
  }
  void add(char c) { add(std::string_view(&c, 1)); }
  void add_uint(std::uint64_t v) {
    char tmp[24];
    int n = 0;
    do {
      tmp[n++] = static_cast<char>('0' + v % 10);
      v /= 10;
    } while (v);
    while (n) add(tmp[--n]);
  }
  std::string_view view() const { return {buf_, n_}; }

 private:
  char buf_[160];
  std::size_t n_ = 0;
};
}  // namespace

int append_sentences(std::string& out, const EncodedPayload& payload, const SentenceOptions& opt) {
  const std::size_t per = opt.max_fragment_chars ? opt.max_fragment_chars : 60;
  const int total = payload.len == 0 ? 1 : static_cast<int>((payload.len + per - 1) / per);
  const int seq = opt.sequence_id >= 0 ? opt.sequence_id % 10 : opt.group_id % 10;
  const bool tags = !opt.station.empty() || opt.rx_time != kUnknownTime;
  TagText fields;
  for (int k = 1; k <= total; ++k) {
    fields.clear();
    if (total > 1 && tags) {
      fields.add("g:");
      fields.add_uint(static_cast<std::uint64_t>(k));
      fields.add('-');
      fields.add_uint(static_cast<std::uint64_t>(total));
      fields.add('-');
      fields.add_uint(static_cast<std::uint64_t>(opt.group_id));
    }
    if (k == 1) {
      if (!opt.station.empty()) {
        if (!fields.empty()) fields.add(',');
        fields.add("s:");
        fields.add(opt.station);
      }
      if (opt.rx_time != kUnknownTime) {
        if (!fields.empty()) fields.add(',');
        fields.add("c:");
        fields.add_uint(static_cast<std::uint64_t>(opt.rx_time / 1000));
      }
    }
    if (!fields.empty()) append_tag_block(out, fields.view());
    const std::size_t body_start = out.size() + 1;
    out.push_back('!');
    out.append(opt.talker);
    out.push_back(',');
    append_uint(out, static_cast<std::uint64_t>(total));
    out.push_back(',');
    append_uint(out, static_cast<std::uint64_t>(k));
    out.push_back(',');
    if (total > 1) append_uint(out, static_cast<std::uint64_t>(seq));
    out.push_back(',');
    if (opt.channel) out.push_back(opt.channel);
    out.push_back(',');
    const std::size_t from = (k - 1) * per;
    const std::size_t n = std::min<std::size_t>(per, payload.len - std::min<std::size_t>(from, payload.len));
    out.append(payload.chars + from, n);
    out.push_back(',');
    append_uint(out, k == total ? payload.fill_bits : 0);
    const std::uint8_t cs = nmea_checksum(std::string_view(out).substr(body_start));
    out.push_back('*');
    append_hex2(out, cs);
    out.push_back('\n');
  }
  return total;
}

}  // namespace seawarden::ais
