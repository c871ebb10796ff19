// Test helper: builds six-bit armored payloads field by field, so tests state the
// exact bit layout they exercise (independent of the decoder under test).
#pragma once

#include <cstdint>
#include <string>
#include <utility>

namespace seawarden::testing {

class PayloadBuilder {
 public:
  PayloadBuilder& u(std::uint64_t value, unsigned width) {
    // Widths over 64 bits (long runs of spare zeros) pad with leading zeros.
    for (unsigned i = width; i-- > 0;) bits_.push_back(i < 64 && ((value >> i) & 1) ? '1' : '0');
    return *this;
  }
  PayloadBuilder& s(std::int64_t value, unsigned width) {
    return u(static_cast<std::uint64_t>(value) & ((width == 64) ? ~0ull : ((1ull << width) - 1)), width);
  }
  // Six-bit text, padded with '@' to `chars` characters.
  PayloadBuilder& text(const std::string& t, unsigned chars) {
    for (unsigned i = 0; i < chars; ++i) {
      const char c = i < t.size() ? t[i] : '@';
      const unsigned v = (c >= 64) ? static_cast<unsigned>(c - 64) : static_cast<unsigned>(c);
      u(v & 63, 6);
    }
    return *this;
  }
  // Common header: type, repeat, MMSI.
  PayloadBuilder& header(unsigned type, std::uint32_t mmsi, unsigned repeat = 0) {
    return u(type, 6).u(repeat, 2).u(mmsi, 30);
  }
  std::size_t size() const { return bits_.size(); }

  // Armored payload and the number of fill bits.
  std::pair<std::string, int> armor() const {
    std::string b = bits_;
    const int fill = static_cast<int>((6 - b.size() % 6) % 6);
    b.append(static_cast<std::size_t>(fill), '0');
    std::string out;
    for (std::size_t i = 0; i < b.size(); i += 6) {
      unsigned v = 0;
      for (std::size_t k = 0; k < 6; ++k) v = v * 2 + (b[i + k] == '1');
      out.push_back(static_cast<char>(v < 40 ? v + 48 : v + 56));
    }
    return {out, fill};
  }

 private:
  std::string bits_;
};

}  // namespace seawarden::testing
