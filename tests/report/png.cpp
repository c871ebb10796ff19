#include "report/png.h"

#include <zlib.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace seawarden::testing {
namespace {

std::uint32_t be32(const unsigned char* p) {
  return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) | p[3];
}

int paeth(int a, int b, int c) {
  int p = a + b - c, pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
  return (pa <= pb && pa <= pc) ? a : pb <= pc ? b : c;
}

}  // namespace

Image read_png(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto* d = reinterpret_cast<const unsigned char*>(data.data());
  if (data.size() < 8 || data.compare(0, 8, "\x89PNG\r\n\x1a\n") != 0) throw std::runtime_error("not a PNG: " + path);
  Image img;
  int color_type = -1, channels = 0;
  std::string idat;
  for (std::size_t pos = 8; pos + 12 <= data.size();) {
    std::uint32_t len = be32(d + pos);
    std::string type = data.substr(pos + 4, 4);
    const unsigned char* body = d + pos + 8;
    if (pos + 12 + len > data.size()) throw std::runtime_error("truncated PNG");
    if (type == "IHDR") {
      img.width = static_cast<int>(be32(body));
      img.height = static_cast<int>(be32(body + 4));
      if (body[8] != 8 || body[12] != 0) throw std::runtime_error("unsupported PNG depth/interlace");
      color_type = body[9];
      channels = color_type == 2 ? 3 : color_type == 6 ? 4 : 0;
      if (!channels) throw std::runtime_error("unsupported PNG colour type");
    } else if (type == "IDAT") {
      idat.append(reinterpret_cast<const char*>(body), len);
    } else if (type == "IEND") {
      break;
    }
    pos += 12 + len;
  }
  const std::size_t stride = static_cast<std::size_t>(img.width) * channels;
  std::vector<unsigned char> raw((stride + 1) * img.height);
  uLongf raw_len = raw.size();
  if (uncompress(raw.data(), &raw_len, reinterpret_cast<const Bytef*>(idat.data()), idat.size()) != Z_OK ||
      raw_len != raw.size())
    throw std::runtime_error("bad PNG data");
  std::vector<unsigned char> prev(stride, 0), cur(stride);
  img.rgb.resize(static_cast<std::size_t>(img.width) * img.height * 3);
  for (int y = 0; y < img.height; ++y) {
    const unsigned char* line = &raw[y * (stride + 1)];
    int filter = line[0];
    for (std::size_t i = 0; i < stride; ++i) {
      int a = i >= static_cast<std::size_t>(channels) ? cur[i - channels] : 0, b = prev[i],
          c = i >= static_cast<std::size_t>(channels) ? prev[i - channels] : 0;
      int x = line[1 + i];
      switch (filter) {
        case 0: break;
        case 1: x += a; break;
        case 2: x += b; break;
        case 3: x += (a + b) / 2; break;
        case 4: x += paeth(a, b, c); break;
        default: throw std::runtime_error("bad PNG filter");
      }
      cur[i] = static_cast<unsigned char>(x);
    }
    for (int x = 0; x < img.width; ++x)
      for (int k = 0; k < 3; ++k) img.rgb[(static_cast<std::size_t>(y) * img.width + x) * 3 + k] = cur[x * channels + k];
    prev.swap(cur);
  }
  return img;
}

}  // namespace seawarden::testing
