#include "ais/timestamps.h"

#include <bit>
#include <cstdint>
#include <cstring>
#include <utility>

#include "ais/digits.h"
#include "ais/nmea.h"
#include "ais/scan.h"

namespace seawarden::ais {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly `n` digits at text[pos]; false when any is missing.
bool fixed_digits(std::string_view text, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > text.size()) return false;
  int v = 0;
  for (std::size_t i = 0; i < n; ++i) {
    char c = text[pos + i];
    if (!is_digit(c)) return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

// Eight ASCII digits at p as a number, or -1 when any of them is not a digit. Receive times
// in tag blocks are 10 or 13 digits, read for every sentence: this takes the first eight in
// a few word operations instead of a loop (the usual SWAR digit trick: pairs, quads, then
// the two halves).
static_assert(std::endian::native == std::endian::little, "eight_digits reads the first digit as the low byte");
std::int64_t eight_digits(const char* p) {
  std::uint64_t w;
  std::memcpy(&w, p, 8);
  // Every byte in '0'..'9': its high nibble is 3 and adding 6 does not carry into it.
  if (((w & 0xF0F0F0F0F0F0F0F0ull) | (((w + 0x0606060606060606ull) & 0xF0F0F0F0F0F0F0F0ull) >> 4)) !=
      0x3333333333333333ull)
    return -1;
  w -= 0x3030303030303030ull;                   // little-endian: the first digit is the low byte
  w = (w * 10) + (w >> 8);                      // byte pairs: d0 d1 -> 10 d0 + d1
  const std::uint64_t pairs = w & 0x000000FF000000FFull, pairs2 = (w >> 16) & 0x000000FF000000FFull;
  return static_cast<std::int64_t>((pairs * (100 + (1000000ull << 32)) + pairs2 * (1 + (10000ull << 32))) >> 32);
}

// The digits of a fraction of a second from text[i] (just after the '.'), as milliseconds
// (digits beyond the third are read and ignored); leaves i after the last digit.
int fraction_ms(std::string_view text, std::size_t& i) {
  int ms = 0;
  for (int scale = 100; i < text.size() && is_digit(text[i]); ++i, scale /= 10) ms += (text[i] - '0') * scale;
  return ms;
}

// The i-th comma-separated field after an NMEA sentence's address (0 = the first), or empty.
std::string_view nmea_field(std::string_view body, int i) {
  std::size_t pos = body.find(',');
  for (; i > 0 && pos != std::string_view::npos; --i) pos = body.find(',', pos + 1);
  if (pos == std::string_view::npos) return {};
  const std::size_t end = body.find(',', pos + 1);
  return body.substr(pos + 1, end == std::string_view::npos ? std::string_view::npos : end - pos - 1);
}

// NMEA "hhmmss" with an optional fraction ("hhmmss.ss"); false when malformed.
bool nmea_time_of_day(std::string_view s, int& h, int& m, int& sec, int& ms) {
  if (!fixed_digits(s, 0, 2, h) || !fixed_digits(s, 2, 2, m) || !fixed_digits(s, 4, 2, sec)) return false;
  ms = 0;
  if (s.size() == 6) return true;
  if (s[6] != '.' || s.size() == 7) return false;
  std::size_t i = 7;
  ms = fraction_ms(s, i);
  return i == s.size();
}

// A whole field of 1 to 4 digits, or -1.
int small_number(std::string_view s) {
  int v = -1;
  return !s.empty() && s.size() <= 4 && fixed_digits(s, 0, s.size(), v) ? v : -1;
}

}  // namespace

std::int64_t days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

TimeMs utc_to_ms(int year, int month, int day, int hour, int minute, int second, int millis) {
  if (year < 1970 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 ||
      hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60 || millis < 0 ||
      millis > 999)
    return kUnknownTime;
  // Consecutive wrapper lines almost always share a date: remember the last one.
  thread_local int last_y = 0, last_m = 0, last_d = 0;
  thread_local std::int64_t last_days = 0;
  if (year != last_y || month != last_m || day != last_d) {
    // 31 February would otherwise silently become 2 or 3 March.
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (day > kDays[month - 1] + (month == 2 && leap ? 1 : 0)) return kUnknownTime;
    last_days = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
    last_y = year, last_m = month, last_d = day;
  }
  const std::int64_t days = last_days;
  return ((days * 24 + hour) * 60 + minute) * 60000 + second * 1000LL + millis;
}

TimeMs parse_epoch(std::string_view text) {
  std::size_t i = 0;
  std::int64_t whole = 0;
  std::size_t digits = 0;
  if (text.size() >= 8) {
    if (const std::int64_t first = eight_digits(text.data()); first >= 0) {
      whole = first;
      i = digits = 8;
    }
  }
  while (i < text.size() && is_digit(text[i])) {
    if (++digits > 16) return kUnknownTime;
    whole = whole * 10 + (text[i] - '0');
    ++i;
  }
  if (digits == 0) return kUnknownTime;
  int frac_ms = 0;
  if (i < text.size() && text[i] == '.') frac_ms = fraction_ms(text, ++i);
  if (i != text.size()) return kUnknownTime;
  // Plausibility: 1980..2100 in seconds, or the same range in milliseconds.
  constexpr std::int64_t kMinS = 315532800, kMaxS = 4102444800;
  if (digits >= 12) {
    if (whole < kMinS * 1000 || whole > kMaxS * 1000) return kUnknownTime;
    return whole;
  }
  if (whole < kMinS || whole > kMaxS) return kUnknownTime;
  return whole * 1000 + frac_ms;
}

std::size_t parse_iso8601_prefix(std::string_view t, TimeMs& out) {
  int y, mo, d, h, mi, s;
  if (!fixed_digits(t, 0, 4, y) || t.size() < 19 || t[4] != '-' || !fixed_digits(t, 5, 2, mo) ||
      t[7] != '-' || !fixed_digits(t, 8, 2, d) || (t[10] != 'T' && t[10] != ' ') ||
      !fixed_digits(t, 11, 2, h) || t[13] != ':' || !fixed_digits(t, 14, 2, mi) || t[16] != ':' ||
      !fixed_digits(t, 17, 2, s))
    return 0;
  std::size_t i = 19;
  int ms = 0;
  if (i < t.size() && (t[i] == '.' || t[i] == ',') && i + 1 < t.size() && is_digit(t[i + 1])) ms = fraction_ms(t, ++i);
  if (i < t.size() && t[i] == 'Z') {
    ++i;
  } else if (i + 6 <= t.size() && t[i] == '+' && t.substr(i, 6) == "+00:00") {
    i += 6;
  }
  const TimeMs v = utc_to_ms(y, mo, d, h, mi, s, ms);
  if (v == kUnknownTime) return 0;
  out = v;
  return i;
}

// The general form: any field widths, any line length.
bool parse_pghp_general(std::string_view line, Pghp& out) {
  // $PGHP,1,yyyy,mm,dd,hh,mi,ss,ms,country,region,pss,online,cc*hh
  const char* p = line.data();
  const std::size_t n = line.size();
  if (n < 8 || std::string_view(p, 6) != "$PGHP,") return false;
  unsigned char x = 'P' ^ 'G' ^ 'H' ^ 'P' ^ ',';
  std::size_t start[13], len[13];
  int v[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  bool numeric[8] = {true, true, true, true, true, true, true, true};
  int f = 0;
  std::size_t i = 6;
  start[0] = 6;
  for (; i < n && p[i] != '*'; ++i) {
    const char c = p[i];
    x ^= static_cast<unsigned char>(c);
    if (c == ',') {
      if (f < 13) len[f] = i - start[f];
      if (++f < 13) start[f] = i + 1;
    } else if (f < 8) {
      if (c >= '0' && c <= '9' && v[f] < 100000000) v[f] = v[f] * 10 + (c - '0');
      else numeric[f] = false;
    }
  }
  if (i + 3 > n || parse_hex_byte(line.substr(i + 1, 2)) != x) return false;
  if (f < 13) len[f] = i - start[f];
  const int fields = f + 1;
  if (fields < 8 || len[0] != 1 || v[0] != 1) return false;
  for (int k = 1; k < 8; ++k)
    if (!numeric[k] || len[k] == 0) return false;
  out.time = utc_to_ms(v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
  if (out.time == kUnknownTime) return false;
  out.station = fields > 10 ? line.substr(start[10], len[10]) : std::string_view{};
  out.checksum_of_next = -1;
  if (fields > 12 && len[12] == 2) out.checksum_of_next = parse_hex_byte(line.substr(start[12], 2));
  return true;
}

namespace {

// "1,yyyy,mm,dd,hh,mi," of the last wrapper and the minute it names: consecutive
// wrappers almost always share it, so only the seconds and milliseconds are read.
struct MinuteCache {
  std::uint64_t key[3] = {0, 0, 0};  // the text, zero after `len` bytes
  std::size_t len = 0;               // 0: empty
  TimeMs minute = kUnknownTime;
};
thread_local MinuteCache minute_cache;

// The first k (0..8+) bytes of a little-endian word.
inline std::uint64_t first_bytes(std::size_t k) {
  return k >= 8 ? ~std::uint64_t{0} : (std::uint64_t{1} << (8 * k)) - 1;
}

}  // namespace

bool parse_pghp(std::string_view line, Pghp& out) {
  // $PGHP,1,yyyy,mm,dd,hh,mi,ss,ms,country,region,pss,online,cc*hh
  // This runs for every other line of Gatehouse feeds. Fast path: the line's first
  // 64 bytes give comma/star bitmasks and the checksum in a few vector operations;
  // the date up to the minute is compared with the previous wrapper's, and numbers
  // (1 to 4 digits) are read without a loop per character. Anything unusual (wide
  // fields, a '*' beyond byte 64) goes to parse_pghp_general, with the same results.
  const char* p = line.data();
  const std::size_t n = line.size();
  if (n < 8 || std::memcmp(p, "$PGHP,", 6) != 0) return false;
  scan::Window64 w;
  if (!w.load(p, n) || w.stars == 0) return parse_pghp_general(line, out);
  const std::size_t star = static_cast<std::size_t>(__builtin_ctzll(w.stars));
  if (star + 3 > n) return false;  // also makes the 4-byte reads of small_decimal safe
  unsigned x = w.xor_all ^ static_cast<unsigned char>('$');
  for (std::size_t i = star; i < w.size; ++i) x ^= static_cast<unsigned char>(p[i]);
  if (parse_hex_byte(line.substr(star + 1, 2)) != static_cast<int>(x)) return false;

  // Field ends: the commas after "$PGHP," and before the '*', then the '*' itself.
  std::uint64_t ends = (w.commas & ((std::uint64_t{1} << star) - 1) & ~std::uint64_t{0x3F}) |
                       (std::uint64_t{1} << star);
  std::size_t e[8];
  for (int k = 0; k < 8; ++k) {
    if (ends == 0) return false;  // fewer than 8 fields
    e[k] = static_cast<std::size_t>(__builtin_ctzll(ends));
    ends &= ends - 1;
  }
  if (e[0] != 7 || p[6] != '1') return false;  // type 1, written as one digit
  // A field: 1..4 digits, false when not digits, the general parser when wider.
  enum class Num { Ok, Bad, Wide };
  auto number = [&](int k, int& v) {
    const std::size_t b = e[k - 1] + 1, len = e[k] - b;
    if (scan::small_decimal(p + b, len, v)) return Num::Ok;
    return len > 4 ? Num::Wide : Num::Bad;
  };
  const std::size_t key_len = e[5] + 1 - 6;
  MinuteCache& cache = minute_cache;
  std::uint64_t key[3] = {0, 0, 0};
  const bool keyable = key_len <= 24 && n >= 30;
  if (keyable) {
    std::memcpy(key, p + 6, 24);
    key[0] &= first_bytes(key_len);
    key[1] &= first_bytes(key_len > 8 ? key_len - 8 : 0);
    key[2] &= first_bytes(key_len > 16 ? key_len - 16 : 0);
  }
  TimeMs minute;
  if (keyable && cache.len == key_len && key[0] == cache.key[0] && key[1] == cache.key[1] &&
      key[2] == cache.key[2]) {
    minute = cache.minute;
  } else {
    int v[6];
    for (int k = 1; k < 6; ++k) {
      const Num r = number(k, v[k]);
      if (r != Num::Ok) return r == Num::Wide ? parse_pghp_general(line, out) : false;
    }
    minute = utc_to_ms(v[1], v[2], v[3], v[4], v[5], 0, 0);
    if (minute == kUnknownTime) return false;
    if (keyable) cache = MinuteCache{{key[0], key[1], key[2]}, key_len, minute};
  }
  int second, millis;
  for (auto [k, dst] : {std::pair<int, int*>{6, &second}, {7, &millis}}) {
    const Num r = number(k, *dst);
    if (r != Num::Ok) return r == Num::Wide ? parse_pghp_general(line, out) : false;
  }
  if (second > 60 || millis > 999) return false;  // utc_to_ms's limits
  out.time = minute + second * 1000LL + millis;
  out.station = {};
  out.checksum_of_next = -1;
  std::size_t start = e[7] + 1;
  for (int k = 8; ends != 0 && k <= 12; ++k) {
    const std::size_t end = static_cast<std::size_t>(__builtin_ctzll(ends));
    ends &= ends - 1;
    if (k == 10) out.station = line.substr(start, end - start);
    if (k == 12 && end - start == 2) out.checksum_of_next = parse_hex_byte(line.substr(start, 2));
    start = end + 1;
  }
  return true;
}

std::size_t format_iso8601(TimeMs t, char* out) {
  if (t == kUnknownTime) return 0;
  std::int64_t days = t >= 0 ? t / 86400000 : (t - 86399999) / 86400000;
  const std::int64_t ms_of_day = t - days * 86400000;
  // Consecutive messages nearly always share a day: its "YYYY-MM-DDT" is kept.
  thread_local std::int64_t cached_day = INT64_MIN;
  thread_local char cached_date[11];
  if (days != cached_day) {
    cached_day = days;
    // civil_from_days (H. Hinnant)
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(days - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
    if (y < 0 || y > 9999) y = y < 0 ? 0 : 9999;  // keep the fixed width for absurd inputs
    const unsigned yy = static_cast<unsigned>(y);
    char* c = cached_date;
    std::memcpy(c, kDigitPairs + 2 * (yy / 100), 2);
    std::memcpy(c + 2, kDigitPairs + 2 * (yy % 100), 2);
    c[4] = '-';
    std::memcpy(c + 5, kDigitPairs + 2 * m, 2);
    c[7] = '-';
    std::memcpy(c + 8, kDigitPairs + 2 * d, 2);
    c[10] = 'T';
  }
  std::memcpy(out, cached_date, 11);
  const unsigned ms = static_cast<unsigned>(ms_of_day % 1000);
  unsigned sec = static_cast<unsigned>(ms_of_day / 1000);
  const unsigned hh = sec / 3600, mi = sec / 60 % 60;
  sec %= 60;
  std::memcpy(out + 11, kDigitPairs + 2 * hh, 2);
  out[13] = ':';
  std::memcpy(out + 14, kDigitPairs + 2 * mi, 2);
  out[16] = ':';
  std::memcpy(out + 17, kDigitPairs + 2 * sec, 2);
  std::size_t n = 19;
  if (ms != 0) {
    out[19] = '.';
    out[20] = static_cast<char>('0' + ms / 100);
    std::memcpy(out + 21, kDigitPairs + 2 * (ms % 100), 2);
    n = 23;
  }
  out[n++] = 'Z';
  return n;
}

GpsTime parse_gps_time(std::string_view line, TimeMs& out) {
  // "$" talker(2) type(3) ","
  if (line.size() < 8 || line[0] != '$' || line[6] != ',') return GpsTime::NotGps;
  const std::string_view type = line.substr(3, 3);
  const bool zda = type == "ZDA", rmc = type == "RMC";
  if (!zda && !rmc) return GpsTime::NotGps;
  const std::size_t star = line.rfind('*');
  if (star == std::string_view::npos || star < 7 || !nmea_checksum_ok(line.substr(1, star - 1), line.substr(star + 1)))
    return GpsTime::BadChecksum;
  const std::string_view body = line.substr(1, star - 1);
  int h, m, s, ms, day, month, year;
  if (!nmea_time_of_day(nmea_field(body, 0), h, m, s, ms)) return GpsTime::NoTime;
  if (zda) {
    day = small_number(nmea_field(body, 1));
    month = small_number(nmea_field(body, 2));
    year = small_number(nmea_field(body, 3));
  } else {
    if (nmea_field(body, 1) != "A") return GpsTime::NoFix;
    const std::string_view date = nmea_field(body, 8);
    if (date.size() != 6) return GpsTime::NoTime;
    if (!fixed_digits(date, 0, 2, day) || !fixed_digits(date, 2, 2, month) || !fixed_digits(date, 4, 2, year))
      return GpsTime::NoTime;
    year += 2000;
  }
  if (day < 0 || month < 0 || year < 2000 || year > 2100) return GpsTime::NoTime;
  out = utc_to_ms(year, month, day, h, m, s, ms);
  return out == kUnknownTime ? GpsTime::NoTime : GpsTime::Time;
}

std::string format_iso8601(TimeMs t) {
  char buf[32];
  return std::string(buf, format_iso8601(t, buf));
}

}  // namespace seawarden::ais
