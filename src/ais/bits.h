// Six-bit de-armoring of AIVDM/AIVDO payloads and a bounds-safe big-endian bit reader.
//
// The payload alphabet maps '0'..'W' to 0..39 and '`'..'w' to 40..63 (ITU-R M.1371-5,
// IEC 61162-1 "six-bit binary field"). De-armoring packs four characters into three
// bytes; fields are then read with one unaligned 64-bit load, so a field costs a few
// instructions whatever its alignment.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace seawarden::ais {

namespace detail {
inline constexpr std::uint8_t kBadChar = 0xFF;

constexpr std::array<std::uint8_t, 256> make_sixbit_table() {
  std::array<std::uint8_t, 256> t{};
  for (auto& v : t) v = kBadChar;
  for (int c = '0'; c <= 'W'; ++c) t[c] = static_cast<std::uint8_t>(c - '0');
  for (int c = '`'; c <= 'w'; ++c) t[c] = static_cast<std::uint8_t>(c - '`' + 40);
  return t;
}
inline constexpr std::array<std::uint8_t, 256> kSixbitValue = make_sixbit_table();

// Six-bit text alphabet ("@" is 0 and ends a string, as gpsd reads it).
inline constexpr char kSixbitText[65] =
    "@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_ !\"#$%&'()*+,-./0123456789:;<=>?";
}  // namespace detail

// The de-armored bits of one message. Capacity covers the longest AIVDM payload a
// receiver can assemble (5 slots = 1008 bits) with a wide margin; longer payloads
// are truncated and flagged. Bits after the payload (the fill bits, then zeros) are
// kept exactly like gpsd keeps them, so hex dumps of binary data are byte-identical.
class PayloadBits {
 public:
  static constexpr std::size_t kMaxChars = 1360;  // 8160 bits
  static constexpr std::size_t kMaxBytes = kMaxChars * 6 / 8;

  // Returns false when a character is outside the six-bit alphabet.
  // `bit_count` becomes 6 * chars - fill_bits (never negative).
  bool load(std::string_view armored, int fill_bits) {
    truncated_ = armored.size() > kMaxChars;
    if (truncated_) armored = armored.substr(0, kMaxChars);
    const std::size_t n = armored.size();
    const auto* s = reinterpret_cast<const unsigned char*>(armored.data());
    std::uint8_t* out = bytes_.data();
    std::size_t i = 0;
    std::uint8_t bad = 0;
#if defined(__SSE2__)
    // Sixteen characters at a time; the last block may overlap the one before it (it
    // starts on a multiple of four, so its twelve bytes land on the same positions).
    if (n >= 16) {
      for (; i + 16 <= n; i += 16) bad |= unarmor16(s + i, bytes_.data() + i / 4 * 3);
      if (i + 3 < n) {
        const std::size_t last = (n - 16) & ~std::size_t{3};
        bad |= unarmor16(s + last, bytes_.data() + last / 4 * 3);
        i = last + 16;
      }
      out = bytes_.data() + i / 4 * 3;
    }
#endif
    for (; i + 4 <= n; i += 4) {
      const std::uint8_t a = detail::kSixbitValue[s[i]], b = detail::kSixbitValue[s[i + 1]],
                         c = detail::kSixbitValue[s[i + 2]], d = detail::kSixbitValue[s[i + 3]];
      bad |= static_cast<std::uint8_t>((a | b | c | d) & 0xC0);
      const std::uint32_t w = (std::uint32_t(a & 63) << 18) | (std::uint32_t(b & 63) << 12) |
                              (std::uint32_t(c & 63) << 6) | std::uint32_t(d & 63);
      out[0] = static_cast<std::uint8_t>(w >> 16);
      out[1] = static_cast<std::uint8_t>(w >> 8);
      out[2] = static_cast<std::uint8_t>(w);
      out += 3;
    }
    std::uint32_t tail = 0;
    int tail_bits = 0;
    for (; i < n; ++i) {
      const std::uint8_t v = detail::kSixbitValue[s[i]];
      bad |= static_cast<std::uint8_t>(v & 0xC0);
      tail = (tail << 6) | (v & 63);
      tail_bits += 6;
    }
    // Left-align the 6, 12 or 18 remaining bits into whole bytes, then zero padding
    // so that 64-bit loads past the end read zeros.
    std::size_t used = static_cast<std::size_t>(out - bytes_.data());
    if (tail_bits) {
      const int pad = (8 - tail_bits % 8) % 8;
      tail <<= pad;
      const int nbytes = (tail_bits + pad) / 8;
      for (int k = nbytes - 1; k >= 0; --k) *out++ = static_cast<std::uint8_t>(tail >> (8 * k));
      used += static_cast<std::size_t>(nbytes);
    }
    std::memset(bytes_.data() + used, 0, kPad);
    used_bytes_ = used;
    const long bits = static_cast<long>(n) * 6 - (fill_bits > 0 ? fill_bits : 0);
    bit_count_ = bits > 0 ? static_cast<std::size_t>(bits) : 0;
    return bad == 0;
  }

  std::size_t bit_count() const { return bit_count_; }
  bool truncated() const { return truncated_; }
  const std::uint8_t* data() const { return bytes_.data(); }
  // Bytes holding data (the payload and its fill bits, rounded up).
  std::size_t used_bytes() const { return used_bytes_; }

  // Unsigned field of `len` bits (1..57) starting at bit `start`. Bits beyond the
  // assembled characters read as 0 (gpsd's zeroed buffer does the same).
  std::uint64_t u(std::size_t start, unsigned len) const {
    const std::size_t byte = start >> 3;
    if (byte >= used_bytes_) return 0;
    std::uint64_t w;
    std::memcpy(&w, bytes_.data() + byte, 8);
    w = __builtin_bswap64(w);
    return (w << (start & 7)) >> (64 - len);
  }
  // Two's complement signed field of `len` bits (2..57).
  std::int64_t s(std::size_t start, unsigned len) const {
    const std::uint64_t v = u(start, len);
    const std::uint64_t sign = std::uint64_t{1} << (len - 1);
    return static_cast<std::int64_t>(v ^ sign) - static_cast<std::int64_t>(sign);
  }
  bool flag(std::size_t start) const { return u(start, 1) != 0; }

  // `count` six-bit characters from `start`, stopping at the first '@' like gpsd,
  // then trailing spaces trimmed. Writes at most `cap` characters; returns the length.
  std::size_t text(std::size_t start, std::size_t count, char* dst, std::size_t cap,
                   bool trim = true) const {
    // Eight characters per 48-bit read.
    const std::size_t limit = count < cap ? count : cap;
    std::size_t n = 0;
    while (n < limit) {
      const unsigned take = limit - n < 8 ? static_cast<unsigned>(limit - n) : 8u;
      const std::uint64_t w = u(start + 6 * n, 6 * take);
      for (unsigned k = take; k-- > 0;) {
        const char c = detail::kSixbitText[(w >> (6 * k)) & 63];
        if (c == '@') goto end_of_text;
        dst[n++] = c;
      }
    }
  end_of_text:
    if (trim)
      while (n > 0 && dst[n - 1] == ' ') --n;  // ('@' never got copied: it ends the text)
    return n;
  }

  // Copies `bit_len` bits starting at `start` into left-aligned bytes (the last byte
  // keeps whatever bits follow in the buffer, as gpsd's memcpy does). Returns bytes written.
  std::size_t copy_bits(std::size_t start, std::size_t bit_len, std::uint8_t* dst,
                        std::size_t cap) const {
    std::size_t nbytes = (bit_len + 7) / 8;
    if (nbytes > cap) nbytes = cap;
    for (std::size_t k = 0; k < nbytes; ++k) dst[k] = static_cast<std::uint8_t>(u(start + 8 * k, 8));
    return nbytes;
  }

 private:
#if defined(__SSE2__)
  // De-armors 16 characters into 12 bytes at `out` (writes 14: the last two are zero).
  // Returns non-zero when a character is outside the alphabet.
  static std::uint8_t unarmor16(const unsigned char* s, std::uint8_t* out) {
    const __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s));
    const __m128i t = _mm_sub_epi8(c, _mm_set1_epi8(48));  // '0'..'W' -> 0..39
    const __m128i zero = _mm_setzero_si128();
    const __m128i low = _mm_cmpeq_epi8(_mm_subs_epu8(t, _mm_set1_epi8(39)), zero);
    const __m128i high =  // '`'..'w' -> 48..71, to become 40..63
        _mm_cmpeq_epi8(_mm_subs_epu8(_mm_sub_epi8(t, _mm_set1_epi8(48)), _mm_set1_epi8(23)), zero);
    if (_mm_movemask_epi8(_mm_or_si128(low, high)) != 0xFFFF) return 1;
    const __m128i v = _mm_sub_epi8(t, _mm_and_si128(high, _mm_set1_epi8(8)));
    // Pairs of six bits into 12 (16-bit lanes), pairs of those into 24 (32-bit lanes).
    const __m128i pairs = _mm_or_si128(_mm_slli_epi16(_mm_and_si128(v, _mm_set1_epi16(0x00FF)), 6),
                                       _mm_srli_epi16(v, 8));
    const __m128i quads = _mm_madd_epi16(pairs, _mm_set1_epi32(0x00011000));
    const auto lo = static_cast<std::uint64_t>(_mm_cvtsi128_si64(quads));
    // The high half by unpacking, not _mm_srli_si128(quads, 8): GCC 12 rejects that immediate at
    // -O0 once a precompiled header has declared the intrinsics (the sanitized test build).
    const auto hi = static_cast<std::uint64_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(quads, quads)));
    const std::uint64_t a = __builtin_bswap64((((lo & 0xFFFFFF) << 24) | (lo >> 32)) << 16);
    const std::uint64_t b = __builtin_bswap64((((hi & 0xFFFFFF) << 24) | (hi >> 32)) << 16);
    std::memcpy(out, &a, 8);
    std::memcpy(out + 6, &b, 8);
    return 0;
  }
#endif

  static constexpr std::size_t kPad = 16;
  std::array<std::uint8_t, kMaxBytes + kPad + 8> bytes_;
  std::size_t used_bytes_ = 0;
  std::size_t bit_count_ = 0;
  bool truncated_ = false;
};

}  // namespace seawarden::ais
