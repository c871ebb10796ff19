#include "store/track_codec.h"

#include <algorithm>

namespace seawarden::store {
namespace {

// Writes a varint at `p`, returns the end.
inline char* put_varint(char* p, std::uint64_t v) {
  while (v >= 0x80) {
    *p++ = static_cast<char>((v & 0x7f) | 0x80);
    v >>= 7;
  }
  *p++ = static_cast<char>(v);
  return p;
}

inline std::uint64_t zigzag(std::int64_t v) {
  return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}
inline std::int64_t unzigzag(std::uint64_t v) { return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1); }

// Reads one varint; false at the end of input or for an over-long one.
inline bool get_varint(const unsigned char*& p, const unsigned char* end, std::uint64_t& v) {
  v = 0;
  for (int shift = 0; shift < 64 && p < end; shift += 7) {
    unsigned char b = *p++;
    v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
    if (!(b & 0x80)) return true;
  }
  return false;
}

}  // namespace

void ChunkEncoder::add(const StoredPosition& p) {
  if (n_ == 0) {  // deltas start from zero in every chunk
    buf_.reserve(1024);
    t0_ = t1_ = p.t_ms;
    prev_ = StoredPosition{0, 0, 0, 0, 0, 0, 0, 0, 0};
  }
  t0_ = std::min(t0_, p.t_ms);
  t1_ = std::max(t1_, p.t_ms);
  char tmp[8 * 10];
  char* e = tmp;
  e = put_varint(e, zigzag(p.t_ms - prev_.t_ms));
  e = put_varint(e, zigzag(static_cast<std::int64_t>(p.lat_e6) - prev_.lat_e6));
  e = put_varint(e, zigzag(static_cast<std::int64_t>(p.lon_e6) - prev_.lon_e6));
  e = put_varint(e, static_cast<std::uint64_t>(static_cast<std::int64_t>(p.sog_dkn) + 1));
  e = put_varint(e, static_cast<std::uint64_t>(static_cast<std::int64_t>(p.cog_ddeg) + 1));
  e = put_varint(e, static_cast<std::uint64_t>(static_cast<std::int64_t>(p.heading) + 1));
  e = put_varint(e, p.status);
  e = put_varint(e, zigzag(static_cast<std::int64_t>(p.segment) - static_cast<std::int64_t>(prev_.segment)));
  buf_.append(tmp, static_cast<std::size_t>(e - tmp));
  prev_ = p;
  ++n_;
}

void ChunkEncoder::clear() {
  std::string().swap(buf_);  // an idle vessel holds no memory
  n_ = 0;
}

bool ChunkEncoder::would_overflow(std::int64_t t_ms) const {
  if (n_ == 0) return false;
  if (n_ >= kChunkMaxPositions) return true;
  return std::max(t1_, t_ms) - std::min(t0_, t_ms) > kChunkMaxSpanMs;
}

bool decode_chunk(std::string_view blob, std::vector<StoredPosition>& out, std::uint32_t expected) {
  const auto* p = reinterpret_cast<const unsigned char*>(blob.data());
  const auto* end = p + blob.size();
  StoredPosition prev{};
  std::uint32_t n = 0;
  // Values out of their column's range mark a corrupt blob, never wrap silently.
  auto fits16 = [](std::uint64_t v) { return v <= 32768; };
  while (p < end) {
    std::uint64_t v[8];
    for (auto& x : v)
      if (!get_varint(p, end, x)) return false;
    if (!fits16(v[3]) || !fits16(v[4]) || !fits16(v[5]) || v[6] > 255) return false;
    StoredPosition s;
    s.t_ms = prev.t_ms + unzigzag(v[0]);
    std::int64_t lat = prev.lat_e6 + unzigzag(v[1]), lon = prev.lon_e6 + unzigzag(v[2]);
    std::int64_t seg = static_cast<std::int64_t>(prev.segment) + unzigzag(v[7]);
    if (lat < INT32_MIN || lat > INT32_MAX || lon < INT32_MIN || lon > INT32_MAX || seg < 0 || seg > UINT32_MAX)
      return false;
    s.lat_e6 = static_cast<std::int32_t>(lat);
    s.lon_e6 = static_cast<std::int32_t>(lon);
    s.sog_dkn = static_cast<std::int16_t>(static_cast<std::int64_t>(v[3]) - 1);
    s.cog_ddeg = static_cast<std::int16_t>(static_cast<std::int64_t>(v[4]) - 1);
    s.heading = static_cast<std::int16_t>(static_cast<std::int64_t>(v[5]) - 1);
    s.status = static_cast<std::uint8_t>(v[6]);
    s.segment = static_cast<std::uint32_t>(seg);
    out.push_back(s);
    prev = s;
    ++n;
  }
  return expected == 0 || n == expected;
}

}  // namespace seawarden::store
