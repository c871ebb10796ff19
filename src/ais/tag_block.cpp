#include "ais/tag_block.h"

#include "ais/nmea.h"
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

}  // namespace

bool parse_tag_block(std::string_view text, TagBlock& out) {
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
    const std::string_view key = field.substr(0, colon), value = field.substr(colon + 1);
    if (key == "s" || key == "si") {
      out.station = value;
    } else if (key == "c") {
      out.time = parse_epoch(value);
    } else if (key == "g") {
      if (!parse_group(value, out)) return false;
    }
    if (comma == body.size()) break;
  }
  return true;
}

}  // namespace seawarden::ais
