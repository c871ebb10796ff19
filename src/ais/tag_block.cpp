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
  if (!nmea_checksum_ok(body, text.substr(star + 1))) return false;
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
