#include "ais/tag_block.h"

#include <cstdint>

#include "ais/nmea.h"
#include "ais/scan.h"
#include "ais/timestamps.h"

namespace seawarden::ais {
namespace {

// Reads a non-negative integer of up to 9 digits from the front of `s`; advances it.
bool take_uint(std::string_view& s, int& out) {
  std::size_t i = 0;
  int v = 0;
  while (i < s.size() && i < 9 && s[i] >= '0' && s[i] <= '9') v = v * 10 + (s[i++] - '0');
  if (i == 0) return false;
  out = v;
  s.remove_prefix(i);
  return true;
}

bool parse_group(std::string_view v, TagBlock& out) {
  int num, tot, id;
  if (!take_uint(v, num) || v.empty() || v[0] != '-') return false;
  v.remove_prefix(1);
  if (!take_uint(v, tot) || v.empty() || v[0] != '-') return false;
  v.remove_prefix(1);
  if (!take_uint(v, id) || !v.empty()) return false;
  if (num < 1 || tot < 1 || num > tot) return false;
  out.group_number = num;
  out.group_total = tot;
  out.group_id = id;
  return true;
}

// One field "key:value"; false for a bad g: value.
bool take_field(std::string_view key, std::string_view value, TagBlock& out) {
  if (key == "s" || key == "si") {
    out.station = value;
  } else if (key == "c") {
    out.time = parse_epoch(value);
  } else if (key == "g") {
    return parse_group(value, out);
  }
  return true;
}

}  // namespace

namespace detail {

bool parse_tag_block_general(std::string_view text, TagBlock& out) {
  out = TagBlock{};
  const std::size_t star = text.rfind('*');
  if (star == std::string_view::npos || star + 3 != text.size()) return false;
  const std::string_view body = text.substr(0, star);
  const int want = parse_hex_byte(text.substr(star + 1));
  if (want < 0) return false;
  const unsigned sum = nmea_xor(body);
  if (sum != static_cast<unsigned>(want)) {
    // The checksum of the body without its g: field (see group_outside_checksum).
    const std::size_t g = body.substr(0, 2) == "g:" ? 0 : body.find(",g:");
    if (g == std::string_view::npos) return false;
    const std::size_t from = g == 0 ? 0 : g + 1;
    const std::size_t comma = body.find(',', from);
    const std::size_t to = comma == std::string_view::npos ? body.size() : comma;
    // Drop the field and one comma next to it (none when it is the only field).
    unsigned without = sum ^ nmea_xor(body.substr(from, to - from));
    if (to - from != body.size()) without ^= static_cast<unsigned>(',');
    if (without != static_cast<unsigned>(want)) return false;
    out.group_outside_checksum = true;
  }
  std::size_t pos = 0;
  while (pos <= body.size()) {
    std::size_t comma = body.find(',', pos);
    if (comma == std::string_view::npos) comma = body.size();
    const std::string_view field = body.substr(pos, comma - pos);
    pos = comma + 1;
    if (field.empty()) {
      if (comma == body.size()) break;
      continue;
    }
    const std::size_t colon = field.find(':');
    if (colon == std::string_view::npos || colon == 0) return false;
    if (!take_field(field.substr(0, colon), field.substr(colon + 1), out)) return false;
    if (comma == body.size()) break;
  }
  return true;
}

}  // namespace detail

bool parse_tag_block(std::string_view text, TagBlock& out) {
  // Every line of most feeds carries one ("s:station,c:epoch*hh", often with "g:" first):
  // one vector pass over up to 64 bytes gives the star, comma and colon positions and the
  // checksum, and the fields are cut from the bitmasks. Anything else (longer or shorter
  // texts, a wrong checksum, which may be Kystverket's group outside it) goes to the general
  // parser, whose results the fast path equals field by field.
  const std::size_t n = text.size();
  scan::Window64 w;
  if (n > 64 || !w.load(text.data(), n)) return detail::parse_tag_block_general(text, out);
  const std::size_t body_size = n - 3;  // the last '*' must be here, then two hex digits
  if ((w.stars >> body_size) != 1) return detail::parse_tag_block_general(text, out);
  const int want = parse_hex_byte(text.substr(body_size + 1));
  const unsigned sum = w.xor_all ^ static_cast<unsigned char>(text[body_size] ^ text[body_size + 1] ^ text[body_size + 2]);
  if (want < 0 || sum != static_cast<unsigned>(want)) return detail::parse_tag_block_general(text, out);

  out = TagBlock{};
  const std::uint64_t body = (std::uint64_t{1} << body_size) - 1;
  std::uint64_t commas = w.commas & body;
  const std::uint64_t colons = w.colons & body;
  std::size_t pos = 0;
  for (;;) {
    const std::size_t comma = commas ? static_cast<std::size_t>(__builtin_ctzll(commas)) : body_size;
    commas &= commas - 1;
    if (comma > pos) {  // empty fields are skipped
      // The first colon of the field, which must have a key before it.
      const std::uint64_t in_field = colons & ((std::uint64_t{1} << comma) - 1) & ~((std::uint64_t{1} << pos) - 1);
      if (in_field == 0) return false;
      const std::size_t colon = static_cast<std::size_t>(__builtin_ctzll(in_field));
      if (colon == pos) return false;
      if (!take_field(text.substr(pos, colon - pos), text.substr(colon + 1, comma - colon - 1), out)) return false;
    }
    if (comma == body_size) return true;
    pos = comma + 1;
  }
}

}  // namespace seawarden::ais
