// Byte scanning for the line parsers: line ends, the '*' of a checksum with the XOR
// and comma count before it, and comma/star bitmasks of a short line. SSE2 (the x86-64
// baseline) when available, plain loops otherwise; both give identical results.
//
// Every function reads only inside the range it is given, so a line at the very end
// of a memory-mapped file is safe.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#define SEAWARDEN_SCAN_SSE2 1
#endif

namespace seawarden::ais::scan {

// Result of scan_to_star over a sentence body.
struct StarScan {
  std::size_t star;     // index of the first '*', or n when there is none
  unsigned xor_sum;     // XOR of the bytes before it (the NMEA checksum)
  unsigned commas;      // ',' before it, saturating (any value > 200 means "many")
};

#if SEAWARDEN_SCAN_SSE2
namespace detail {
inline unsigned fold_xor(__m128i v) {
  v = _mm_xor_si128(v, _mm_srli_si128(v, 8));
  v = _mm_xor_si128(v, _mm_srli_si128(v, 4));
  v = _mm_xor_si128(v, _mm_srli_si128(v, 2));
  v = _mm_xor_si128(v, _mm_srli_si128(v, 1));
  return static_cast<unsigned>(_mm_cvtsi128_si32(v)) & 0xFFu;
}
inline unsigned sum_bytes(__m128i v) {
  const __m128i s = _mm_sad_epu8(v, _mm_setzero_si128());
  return static_cast<unsigned>(_mm_cvtsi128_si32(s) + _mm_cvtsi128_si32(_mm_srli_si128(s, 8)));
}
// Lanes whose index is below k (0..16) are all-ones.
inline __m128i lanes_below(unsigned k) {
  const __m128i idx = _mm_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
  return _mm_cmplt_epi8(idx, _mm_set1_epi8(static_cast<char>(k)));
}
}  // namespace detail
#endif

// Scans [p, p + n) for the first '*'; XOR and comma count cover the bytes before it.
inline StarScan scan_to_star(const char* p, std::size_t n) {
#if SEAWARDEN_SCAN_SSE2
  if (n >= 16) {
    const __m128i star = _mm_set1_epi8('*'), comma = _mm_set1_epi8(','), one = _mm_set1_epi8(1);
    __m128i x = _mm_setzero_si128(), c = _mm_setzero_si128();
    std::size_t i = 0;
    for (;;) {
      __m128i v;
      __m128i keep = _mm_set1_epi8(-1);
      std::size_t base = i;
      if (i + 16 <= n) {
        v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
      } else {
        // The last partial block: reload the final 16 bytes, lanes already seen dropped.
        base = n - 16;
        v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + base));
        keep = _mm_andnot_si128(detail::lanes_below(static_cast<unsigned>(i - base)), keep);
      }
      const unsigned sm = static_cast<unsigned>(_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(v, star), keep)));
      if (sm != 0) {
        const unsigned k = static_cast<unsigned>(__builtin_ctz(sm));
        keep = _mm_and_si128(keep, detail::lanes_below(k));
        v = _mm_and_si128(v, keep);
        x = _mm_xor_si128(x, v);
        c = _mm_adds_epu8(c, _mm_and_si128(_mm_cmpeq_epi8(v, comma), one));
        return {base + k, detail::fold_xor(x), detail::sum_bytes(c)};
      }
      v = _mm_and_si128(v, keep);
      x = _mm_xor_si128(x, v);
      c = _mm_adds_epu8(c, _mm_and_si128(_mm_cmpeq_epi8(v, comma), one));
      i = base + 16;
      if (i >= n) return {n, detail::fold_xor(x), detail::sum_bytes(c)};
    }
  }
#endif
  unsigned char x = 0;
  unsigned commas = 0;
  std::size_t i = 0;
  for (; i < n && p[i] != '*'; ++i) {
    x ^= static_cast<unsigned char>(p[i]);
    commas += p[i] == ',';
  }
  return {i, x, commas > 255 ? 255u : commas};
}

// Comma, star and colon bitmasks (bit i for byte i) and the XOR of the first min(n, 64)
// bytes of a line, for the short fixed-layout texts ($PGHP wrappers, tag blocks). Reads
// the line in place (a copy to a local buffer costs more than the scan: store forwarding).
struct Window64 {
  std::uint64_t commas = 0, stars = 0, colons = 0;
  unsigned xor_all = 0;
  std::size_t size = 0;

  // False (nothing computed) for lines shorter than 16 bytes.
  bool load(const char* p, std::size_t n) {
    if (n < 16) return false;
    size = n < 64 ? n : 64;
#if SEAWARDEN_SCAN_SSE2
    const __m128i comma = _mm_set1_epi8(','), star = _mm_set1_epi8('*'), colon = _mm_set1_epi8(':');
    __m128i x = _mm_setzero_si128();
    auto mask = [](__m128i v, __m128i c) {
      return static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, c))));
    };
    auto block = [&](std::size_t at, __m128i keep) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + at));
      x = _mm_xor_si128(x, _mm_and_si128(v, keep));
      commas |= mask(v, comma) << at;
      stars |= mask(v, star) << at;
      colons |= mask(v, colon) << at;
    };
    const __m128i all = _mm_set1_epi8(-1);
    std::size_t i = 0;
    for (; i + 16 <= size; i += 16) block(i, all);
    // The partial last block: the final 16 bytes, re-read lanes kept out of the XOR
    // (the masks are simply OR-ed again).
    if (i < size) block(size - 16, _mm_andnot_si128(detail::lanes_below(static_cast<unsigned>(i - (size - 16))), all));
    xor_all = detail::fold_xor(x);
#else
    unsigned char x = 0;
    for (std::size_t i = 0; i < size; ++i) {
      x ^= static_cast<unsigned char>(p[i]);
      commas |= static_cast<std::uint64_t>(p[i] == ',') << i;
      stars |= static_cast<std::uint64_t>(p[i] == '*') << i;
      colons |= static_cast<std::uint64_t>(p[i] == ':') << i;
    }
    xor_all = x;
#endif
    return true;
  }
};

// Line-end bitmask ('\n' or '\r') of 64 bytes at p, all of which must be readable.
inline std::uint64_t eol_mask64(const char* p) {
#if SEAWARDEN_SCAN_SSE2
  const __m128i lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
  std::uint64_t m = 0;
  for (int b = 0; b < 4; ++b) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * b));
    const __m128i e = _mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr));
    m |= static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(e))) << (16 * b);
  }
  return m;
#else
  std::uint64_t m = 0;
  for (int i = 0; i < 64; ++i) m |= static_cast<std::uint64_t>(p[i] == '\n' || p[i] == '\r') << i;
  return m;
#endif
}

// Up to four decimal digits at p (len 1..4; p must have 4 readable bytes) into `out`.
// False for any other length or a non-digit. Branch-free: wrapper fields vary in
// length from line to line, which defeats branch prediction of a digit loop.
inline bool small_decimal(const char* p, std::size_t len, int& out) {
  if (len - 1 > 3) return false;  // len 0 wraps around
  if constexpr (std::endian::native != std::endian::little) {
    int v = 0;
    for (std::size_t i = 0; i < len; ++i) {
      if (p[i] < '0' || p[i] > '9') return false;
      v = v * 10 + (p[i] - '0');
    }
    out = v;
    return true;
  }
  std::uint32_t w;
  std::memcpy(&w, p, 4);
  const std::uint32_t keep = 0xFFFFFFFFu >> (8 * (4 - len));  // the first len bytes (little-endian)
  w &= keep;
  const std::uint32_t zeros = 0x30303030u & keep;
  if (((w & 0xF0F0F0F0u) != zeros) || (((w + 0x06060606u) & 0xF0F0F0F0u) != zeros)) return false;
  std::uint32_t v = (w - zeros) << (8 * (4 - len));  // right-align: leading zero digits
  v = (v * 10 + (v >> 8)) & 0x00FF00FFu;
  v = (v * 100 + (v >> 16)) & 0x0000FFFFu;
  out = static_cast<int>(v);
  return true;
}

}  // namespace seawarden::ais::scan
