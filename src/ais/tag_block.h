// NMEA 4.0 tag blocks: "\s:station,c:1272412827,g:1-2-1234*hh\" before a sentence.
#pragma once

#include <string_view>

#include "ais/message.h"

namespace seawarden::ais {

struct TagBlock {
  std::string_view station;  // s: (DMA writes si:)
  TimeMs time = kUnknownTime;  // c: Unix time in seconds or milliseconds
  int group_number = 0;        // g:number-total-id (sentence grouping)
  int group_total = 0;
  int group_id = -1;           // -1: no g: field
  // The checksum matched only with the g: field (and its comma) left out: the
  // Norwegian Coastal Administration's feed (Ais1000Lines.nm4) computes it before
  // adding the group. The group is then unchecked; the reader trusts the block only
  // when the sentence's own (checksummed) fragment number and count equal the group's.
  bool group_outside_checksum = false;
  bool has_group() const { return group_id >= 0; }
};

// Parses the text between the two backslashes ("s:...,c:...*hh"). Returns false for a
// missing or wrong checksum (NMEA 4.0: the XOR of everything before the '*'; the one
// tolerated deviation is group_outside_checksum above), or a field that is not "key:value". Unknown keys (n:, t:,
// i:, d:, r:, q:, T:) are accepted and ignored.
bool parse_tag_block(std::string_view text, TagBlock& out);

namespace detail {
// The same for any shape, one field at a time: what parse_tag_block's fast path falls back to
// (exposed so tests can compare the two).
bool parse_tag_block_general(std::string_view text, TagBlock& out);
}  // namespace detail

}  // namespace seawarden::ais
