// Internal to the JSON writer: a tiny appender producing gpsd's number formats
// without printf and without allocating beyond appending to the caller's string.
#pragma once

#include <charconv>
#include <cstring>
#include <cstdint>
#include <string>
#include <string_view>

#include "ais/digits.h"
#include "ais/json_writer.h"
#include "ais/utf8.h"

namespace seawarden::ais::detail {

class JsonOut {
 public:
  // Output is gathered in a stack buffer and appended to `out` in large pieces
  // (flush() or destruction): far cheaper than many small std::string appends.
  explicit JsonOut(std::string& out) : o_(out), p_(buf_) {}
  ~JsonOut() { flush(); }
  JsonOut(const JsonOut&) = delete;
  JsonOut& operator=(const JsonOut&) = delete;

  void flush() {
    o_.append(buf_, static_cast<std::size_t>(p_ - buf_));
    p_ = buf_;
  }

  void raw(std::string_view s) {
    if (s.size() > kSmall) {
      flush();
      o_.append(s);
      return;
    }
    need(s.size());
    std::memcpy(p_, s.data(), s.size());
    p_ += s.size();
  }
  // Keys are nearly always literals: the template copies them with a compile-time size.
  template <std::size_t N>
  [[gnu::always_inline]] void key(const char (&k)[N]) {
    need(N + 3);
    p_[0] = ',';
    p_[1] = '"';
    std::memcpy(p_ + 2, k, N - 1);
    p_[N + 1] = '"';
    p_[N + 2] = ':';
    p_ += N + 3;
  }
  void key(std::string_view k) {
    need(k.size() + 4);
    *p_++ = ',';
    *p_++ = '"';
    std::memcpy(p_, k.data(), k.size());
    p_ += k.size();
    *p_++ = '"';
    *p_++ = ':';
  }
  template <typename K>
  void u(const K& k, std::uint64_t v) {
    key(k);
    num(v);
  }
  template <typename K>
  void i(const K& k, std::int64_t v) {
    key(k);
    num(v);
  }
  template <typename K>
  void b(const K& k, bool v) {
    key(k);
    need(5);
    if (v) {
      std::memcpy(p_, "true", 4);
      p_ += 4;
    } else {
      std::memcpy(p_, "false", 5);
      p_ += 5;
    }
  }
  template <typename K>
  void s(const K& k, std::string_view v) {
    key(k);
    str(v);
  }
  // A legend from the tables of names.h that hold no character needing escape
  // (status, ship type, EPFD, aid type, station type; tested), copied without a scan.
  template <typename K>
  void legend(const K& k, std::string_view v) {
    key(k);
    quoted_raw(v);
  }
  // A literal value (already quoted if a string).
  template <typename K>
  void lit(const K& k, std::string_view v) {
    key(k);
    raw(v);
  }
  // printf("%.<prec>f", v), exactly (std::to_chars is specified to match printf).
  template <typename K>
  void f(const K& k, double v, int prec) {
    key(k);
    fixed(v, prec);
  }
  // raw/10 with one decimal, exact integer formatting ("%.1f" of raw / 10.0).
  template <typename K>
  void tenths(const K& k, std::int64_t raw) {
    key(k);
    tenths(raw);
  }
  // Latitude/longitude in degrees from 1/10000, 1/1000 or 1/10 minute units:
  // round(raw * mult / 3) with `decimals` digits. With a denominator of 3 there are
  // never ties, so this equals printf of the double quotient.
  template <typename K>
  void deg(const K& k, std::int64_t raw, std::int64_t mult, int decimals) {
    key(k);
    deg(raw, mult, decimals);
  }

  // "lon" then "lat": degrees with `decimals` places when scaled, the raw integers otherwise.
  void lon_lat(std::int64_t lon, std::int64_t lat, bool scaled, std::int64_t mult, int decimals) {
    if (scaled) {
      deg("lon", lon, mult, decimals);
      deg("lat", lat, mult, decimals);
    } else {
      i("lon", lon);
      i("lat", lat);
    }
  }

  // Most AIS numbers are small: one and two digits without the general conversion.
  void num(std::uint64_t v) {
    need(24);
    if (v < 100) {
      put_small(static_cast<unsigned>(v));
      return;
    }
    p_ = std::to_chars(p_, p_ + 24, v).ptr;
  }
  void num(std::int64_t v) {
    need(24);
    if (v >= 0 && v < 100) {
      put_small(static_cast<unsigned>(v));
      return;
    }
    p_ = std::to_chars(p_, p_ + 24, v).ptr;
  }
  void fixed(double v, int prec) {
    char tmp[400];  // %.Nf of any double fits (|v| < 1e309)
    auto r = std::to_chars(tmp, tmp + sizeof tmp, v, std::chars_format::fixed, prec);
    raw({tmp, static_cast<std::size_t>(r.ptr - tmp)});
  }
  void tenths(std::int64_t raw) {
    need(26);
    if (raw < 0) {
      *p_++ = '-';
      raw = -raw;
    }
    p_ = std::to_chars(p_, p_ + 22, static_cast<std::uint64_t>(raw / 10)).ptr;
    *p_++ = '.';
    *p_++ = static_cast<char>('0' + raw % 10);
  }
  void deg(std::int64_t raw, std::int64_t mult, int decimals) {
    switch (decimals) {
      case 4: deg_fixed<4>(raw, mult); break;
      case 6: deg_fixed<6>(raw, mult); break;
      default: deg_fixed<7>(raw, mult); break;
    }
  }
  template <int D>
  void deg_fixed(std::int64_t raw, std::int64_t mult) {
    constexpr std::uint64_t pow = D == 4 ? 10000u : D == 6 ? 1000000u : 10000000u;
    need(48);
    const std::int64_t n = raw * mult;
    const bool neg = n < 0;
    const std::uint64_t mag = static_cast<std::uint64_t>((neg ? -n : n) + 1) / 3;
    if (neg) *p_++ = '-';
    p_ = std::to_chars(p_, p_ + 22, mag / pow).ptr;
    *p_++ = '.';
    auto frac = static_cast<std::uint32_t>(mag % pow);
    int d = D;
    for (; d >= 2; d -= 2) {  // two digits per step, from the right
      std::memcpy(p_ + d - 2, kDigitPairs + 2 * (frac % 100), 2);
      frac /= 100;
    }
    if (d == 1) p_[0] = static_cast<char>('0' + frac);
    p_ += D;
  }
  // JSON string with gpsd's escaping of quotes, backslashes and control characters; bytes that
  // are not well-formed UTF-8 (a CSV export's Latin-1, a cut character) become U+FFFD.
  void str(std::string_view v) {
    // Fast path: most strings (legends, names) need no escaping at all.
    std::size_t clean = 0;
    while (clean < v.size() && !needs_escape(v[clean])) ++clean;
    if (clean == v.size() && v.size() <= kSmall) {
      quoted_raw(v);
      return;
    }
    static const char hex[] = "0123456789abcdef";
    need(1);
    *p_++ = '"';
    while (!v.empty()) {
      const std::size_t chunk = v.size() < 256 ? v.size() : 256;
      need(chunk * 6 + 1);
      std::size_t k = 0;
      for (; k < chunk; ++k) {
        const char c = v[k];
        const auto uc = static_cast<unsigned char>(c);
        if (uc >= 0x80) {  // a whole character (it may run past the chunk: 6 bytes a byte budgeted)
          const std::size_t n = utf8_sequence_length(v, k);
          if (n == 0) {
            std::memcpy(p_, "\xef\xbf\xbd", 3);
            p_ += 3;
          } else {
            std::memcpy(p_, v.data() + k, n);
            p_ += n;
            k += n - 1;
          }
        } else if (c == '"' || c == '\\') {
          *p_++ = '\\';
          *p_++ = c;
        } else if (uc < 0x20) {
          std::memcpy(p_, "\\u00", 4);
          p_[4] = hex[uc >> 4];
          p_[5] = hex[uc & 15];
          p_ += 6;
        } else {
          *p_++ = c;
        }
      }
      v.remove_prefix(k);
    }
    need(1);
    *p_++ = '"';
  }
  static bool needs_escape(char c) {  // (bytes >= 0x80 are checked for well-formed UTF-8)
    return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x80;
  }
  // "bits:hex" as gpsd prints binary payloads.
  template <typename K>
  void data(const K& k, const RawBits& d) {
    static const char hex[] = "0123456789abcdef";
    key(k);
    need(24);
    *p_++ = '"';
    p_ = std::to_chars(p_, p_ + 20, static_cast<std::uint64_t>(d.bit_count)).ptr;
    *p_++ = ':';
    need(2 * d.byte_count() + 1);
    for (std::size_t i = 0; i < d.byte_count(); ++i) {
      *p_++ = hex[d.bytes[i] >> 4];
      *p_++ = hex[d.bytes[i] & 15];
    }
    *p_++ = '"';
  }
  // A keyed partial date, "k":"MM-DDTHH:MM" with an optional trailing Z (gpsd's ETA and the
  // dates of binary messages).
  void partial_date(std::string_view k, unsigned month, unsigned day, unsigned hour, unsigned minute, bool zulu) {
    key(k);
    ch('"');
    month_day_time(month, day, hour, minute);
    if (zulu) ch('Z');
    ch('"');
  }
  // gpsd's partial dates (ETA and the like), "MM-DDTHH:MM", without quotes.
  void month_day_time(unsigned month, unsigned day, unsigned hour, unsigned minute) {
    pad2(month);
    ch('-');
    pad2(day);
    ch('T');
    pad2(hour);
    ch(':');
    pad2(minute);
  }
  // Zero-padded 2-digit (or wider) unsigned, as %02u.
  void pad2(unsigned v) {
    if (v < 100) {
      need(2);
      std::memcpy(p_, kDigitPairs + 2 * v, 2);
      p_ += 2;
      return;
    }
    num(static_cast<std::uint64_t>(v));
  }
  void ch(char c) {
    need(1);
    *p_++ = c;
  }

  // Raw room for up to `n` bytes, written by the caller then kept with advance (n <= kCapacity).
  char* reserve(std::size_t n) {
    need(n);
    return p_;
  }
  void advance(std::size_t n) { p_ += n; }

 private:
  // `v` between quotes, unescaped (the caller knows it needs no escaping).
  void quoted_raw(std::string_view v) {
    need(v.size() + 2);
    *p_++ = '"';
    std::memcpy(p_, v.data(), v.size());
    p_ += v.size();
    *p_++ = '"';
  }
  void put_small(unsigned v) {  // v < 100
    if (v < 10) {
      *p_++ = static_cast<char>('0' + v);
    } else {
      std::memcpy(p_, kDigitPairs + 2 * v, 2);
      p_ += 2;
    }
  }
  static constexpr std::size_t kCapacity = 2048;
  static constexpr std::size_t kSmall = 512;
  // Makes room for `n` more bytes (n <= kCapacity).
  [[gnu::always_inline]] void need(std::size_t n) {
    if (static_cast<std::size_t>(buf_ + kCapacity - p_) < n) flush();
  }

  std::string& o_;
  char* p_;
  char buf_[kCapacity];
};

// Degrees multipliers for deg(): value * mult / 3 gives units of 10^-decimals degree.
inline constexpr std::int64_t kMin10k7 = 50;     // 1/10000 min -> 7 decimals
inline constexpr std::int64_t kMin1k6 = 50;      // 1/1000 min  -> 6 decimals
inline constexpr std::int64_t kMin10_4 = 50;     // 1/10 min    -> 4 decimals
inline constexpr std::int64_t kMin10_6 = 5000;   // 1/10 min    -> 6 decimals

void append_binary_app(JsonOut& j, const AppBody& app, bool scaled);

// ISO-8601 UTC without quotes: "2014-12-10T00:00:01Z", or "...:01.250Z" with milliseconds.
void iso_time(JsonOut& j, TimeMs t);

}  // namespace seawarden::ais::detail
