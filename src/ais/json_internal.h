// Internal to the JSON writer: a tiny appender producing gpsd's number formats
// without printf and without allocating beyond appending to the caller's string.
#pragma once

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>

#include "ais/json_writer.h"

namespace seawarden::ais::detail {

class JsonOut {
 public:
  explicit JsonOut(std::string& out) : o_(out) {}

  void raw(std::string_view s) { o_.append(s); }
  void key(std::string_view k) {
    o_ += ",\"";
    o_.append(k);
    o_ += "\":";
  }
  void u(std::string_view k, std::uint64_t v) {
    key(k);
    num(v);
  }
  void i(std::string_view k, std::int64_t v) {
    key(k);
    num(v);
  }
  void b(std::string_view k, bool v) {
    key(k);
    o_.append(v ? "true" : "false");
  }
  void s(std::string_view k, std::string_view v) {
    key(k);
    str(v);
  }
  // A literal value (already quoted if a string).
  void lit(std::string_view k, std::string_view v) {
    key(k);
    o_.append(v);
  }
  // printf("%.<prec>f", v), exactly (std::to_chars is specified to match printf).
  void f(std::string_view k, double v, int prec) {
    key(k);
    fixed(v, prec);
  }
  // raw/10 with one decimal, exact integer formatting ("%.1f" of raw / 10.0).
  void tenths(std::string_view k, std::int64_t raw) {
    key(k);
    tenths(raw);
  }
  // Latitude/longitude in degrees from 1/10000, 1/1000 or 1/10 minute units:
  // round(raw * 50 / 3) with `decimals` digits. With a denominator of 3 there are
  // never ties, so this equals printf of the double quotient.
  void deg(std::string_view k, std::int64_t raw, std::int64_t mult, int decimals) {
    key(k);
    deg(raw, mult, decimals);
  }

  void num(std::uint64_t v) {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    o_.append(buf, static_cast<std::size_t>(r.ptr - buf));
  }
  void num(std::int64_t v) {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    o_.append(buf, static_cast<std::size_t>(r.ptr - buf));
  }
  void fixed(double v, int prec) {
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, prec);
    o_.append(buf, static_cast<std::size_t>(r.ptr - buf));
  }
  void tenths(std::int64_t raw) {
    if (raw < 0) {
      o_ += '-';
      raw = -raw;
    }
    num(static_cast<std::uint64_t>(raw / 10));
    o_ += '.';
    o_ += static_cast<char>('0' + raw % 10);
  }
  void deg(std::int64_t raw, std::int64_t mult, int decimals) {
    const std::int64_t num_ = raw * mult;
    const bool neg = num_ < 0;
    const std::uint64_t mag = static_cast<std::uint64_t>((neg ? -num_ : num_) + 1) / 3;
    if (neg) o_ += '-';
    std::uint64_t p = 1;
    for (int d = 0; d < decimals; ++d) p *= 10;
    num(mag / p);
    o_ += '.';
    char buf[20];
    std::uint64_t frac = mag % p;
    for (int d = decimals - 1; d >= 0; --d) {
      buf[d] = static_cast<char>('0' + frac % 10);
      frac /= 10;
    }
    o_.append(buf, static_cast<std::size_t>(decimals));
  }
  // JSON string with gpsd's escaping of quotes, backslashes and control characters.
  void str(std::string_view v) {
    o_ += '"';
    for (char c : v) {
      const auto uc = static_cast<unsigned char>(c);
      if (c == '"' || c == '\\') {
        o_ += '\\';
        o_ += c;
      } else if (uc < 0x20) {
        static const char hex[] = "0123456789abcdef";
        o_.append("\\u00");
        o_ += hex[uc >> 4];
        o_ += hex[uc & 15];
      } else {
        o_ += c;
      }
    }
    o_ += '"';
  }
  // "bits:hex" as gpsd prints binary payloads.
  void data(std::string_view k, const RawBits& d) {
    key(k);
    static const char hex[] = "0123456789abcdef";
    o_ += '"';
    num(static_cast<std::uint64_t>(d.bit_count));
    o_ += ':';
    for (std::size_t i = 0; i < d.byte_count(); ++i) {
      o_ += hex[d.bytes[i] >> 4];
      o_ += hex[d.bytes[i] & 15];
    }
    o_ += '"';
  }
  // Zero-padded 2-digit (or wider) unsigned, as %02u.
  void pad2(unsigned v) {
    if (v < 10) o_ += '0';
    num(static_cast<std::uint64_t>(v));
  }
  void ch(char c) { o_ += c; }

 private:
  std::string& o_;
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
