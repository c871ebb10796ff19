// A tiny PNG reader for tests (8-bit RGB/RGBA, not interlaced: what Chromium writes).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace seawarden::testing {

struct Image {
  int width = 0, height = 0;
  std::vector<std::uint8_t> rgb;  // width * height * 3
  const std::uint8_t* at(int x, int y) const { return &rgb[(static_cast<std::size_t>(y) * width + x) * 3]; }
};

// Throws std::runtime_error on anything it does not support.
Image read_png(const std::string& path);

}  // namespace seawarden::testing
