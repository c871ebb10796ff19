#include "report/coastline.h"

#include <cstdint>
#include <cstring>

namespace seawarden::report {
namespace detail {
const unsigned char* coastline_data();  // generated (coastline.cmake)
std::size_t coastline_size();
}  // namespace detail

namespace {

struct Header {
  double scale_lon, scale_lat, translate_lon, translate_lat;
  std::uint32_t rings;
};

template <typename T>
T load(const unsigned char* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

bool read_header(Header& h) {
  const unsigned char* d = detail::coastline_data();
  std::size_t n = detail::coastline_size();
  if (!d || n < 44 || std::memcmp(d, "SWCL", 4) != 0 || load<std::uint32_t>(d + 4) != 1) return false;
  h.scale_lon = load<double>(d + 8);
  h.scale_lat = load<double>(d + 16);
  h.translate_lon = load<double>(d + 24);
  h.translate_lat = load<double>(d + 32);
  h.rings = load<std::uint32_t>(d + 40);
  return true;
}

std::int64_t read_varint(const unsigned char*& p, const unsigned char* end) {
  std::uint64_t z = 0;
  int shift = 0;
  while (p < end) {
    unsigned char b = *p++;
    z |= static_cast<std::uint64_t>(b & 0x7f) << shift;
    if (!(b & 0x80)) break;
    shift += 7;
  }
  return (z & 1) ? -static_cast<std::int64_t>((z + 1) / 2) : static_cast<std::int64_t>(z / 2);
}

// One Sutherland-Hodgman pass against the half-plane where inside(p) holds.
template <typename Inside, typename Cross>
std::vector<LonLat> clip_pass(const std::vector<LonLat>& in, Inside inside, Cross cross) {
  std::vector<LonLat> out;
  if (in.empty()) return out;
  out.reserve(in.size());
  LonLat prev = in.back();
  bool prev_in = inside(prev);
  for (const LonLat& cur : in) {
    bool cur_in = inside(cur);
    if (cur_in) {
      if (!prev_in) out.push_back(cross(prev, cur));
      out.push_back(cur);
    } else if (prev_in) {
      out.push_back(cross(prev, cur));
    }
    prev = cur;
    prev_in = cur_in;
  }
  return out;
}

}  // namespace

bool coastline_available() {
  Header h;
  return read_header(h) && h.rings > 0;
}

std::vector<LonLat> clip_ring(const std::vector<LonLat>& ring, double w, double s, double e, double n) {
  auto at_lon = [](double x) {
    return [x](LonLat a, LonLat b) { return LonLat{x, a.lat + (b.lat - a.lat) * (x - a.lon) / (b.lon - a.lon)}; };
  };
  auto at_lat = [](double y) {
    return [y](LonLat a, LonLat b) { return LonLat{a.lon + (b.lon - a.lon) * (y - a.lat) / (b.lat - a.lat), y}; };
  };
  auto r = clip_pass(ring, [w](LonLat p) { return p.lon >= w; }, at_lon(w));
  r = clip_pass(r, [e](LonLat p) { return p.lon <= e; }, at_lon(e));
  r = clip_pass(r, [s](LonLat p) { return p.lat >= s; }, at_lat(s));
  r = clip_pass(r, [n](LonLat p) { return p.lat <= n; }, at_lat(n));
  return r;
}

std::vector<std::vector<LonLat>> land_rings(double west, double south, double east, double north) {
  std::vector<std::vector<LonLat>> out;
  Header h;
  if (!read_header(h)) return out;
  const unsigned char* d = detail::coastline_data();
  const unsigned char* end = d + detail::coastline_size();
  const unsigned char* p = d + 44;
  // The box in quantized units, for the cheap per-ring test.
  auto qx = [&](double lon) { return (lon - h.translate_lon) / h.scale_lon; };
  auto qy = [&](double lat) { return (lat - h.translate_lat) / h.scale_lat; };
  const double bx0 = qx(west), bx1 = qx(east), by0 = qy(south), by1 = qy(north);
  for (std::uint32_t r = 0; r < h.rings && p + 24 <= end; ++r) {
    auto points = load<std::uint32_t>(p);
    auto bytes = load<std::uint32_t>(p + 4);
    auto min_x = load<std::int32_t>(p + 8), min_y = load<std::int32_t>(p + 12);
    auto max_x = load<std::int32_t>(p + 16), max_y = load<std::int32_t>(p + 20);
    const unsigned char* body = p + 24;
    p = body + bytes;
    if (p > end) break;
    if (max_x < bx0 || min_x > bx1 || max_y < by0 || min_y > by1) continue;
    std::vector<LonLat> ring;
    ring.reserve(points);
    std::int64_t x = 0, y = 0;
    const unsigned char* q = body;
    for (std::uint32_t i = 0; i < points; ++i) {
      x += read_varint(q, p);
      y += read_varint(q, p);
      ring.push_back({static_cast<double>(x) * h.scale_lon + h.translate_lon,
                      static_cast<double>(y) * h.scale_lat + h.translate_lat});
    }
    auto clipped = clip_ring(ring, west, south, east, north);
    if (clipped.size() >= 3) out.push_back(std::move(clipped));
  }
  return out;
}

}  // namespace seawarden::report
