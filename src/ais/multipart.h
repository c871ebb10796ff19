// Reassembly of multi-sentence AIS messages in bounded memory.
//
// Fragments are grouped by (source station, channel, sequential message id, fragment
// count, tag-block group id). Several stations may interleave; fragments may arrive in
// any order. A group that does not complete within `window_lines` input lines expires;
// the table never holds more than `max_pending` groups (the oldest is expired first).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ais/message.h"

namespace seawarden::ais {

struct FragmentKey {
  // Hash of the station, 0 when the fragment names none. Feeds often name the station
  // only on the first fragment (tag block s: on fragment 1, DMA "\si:" lines), so an
  // unnamed fragment joins the newest group that matches on the other fields.
  std::uint64_t source = 0;
  std::int32_t group_id = -1;  // NMEA 4 tag block g: id, -1 when absent
  std::int8_t seq_id = -1;
  char channel = 0;
  std::uint8_t total = 0;
  bool matches(const FragmentKey& o) const {
    return group_id == o.group_id && seq_id == o.seq_id && channel == o.channel && total == o.total &&
           (source == o.source || source == 0 || o.source == 0);
  }
};

// FNV-1a of a station name (0 for none); stable and allocation-free.
std::uint64_t source_hash(std::string_view station);

// How trustworthy a receive time is; the assembled message keeps the best one.
// Clock: the receiver's GPS clock in the log (ZDA/RMC), the least precise.
enum class TimeRank : std::uint8_t { None = 0, Clock = 1, Trailer = 2, Prefix = 3, Wrapper = 4, TagBlock = 5 };

struct Fragment {
  FragmentKey key;
  int number = 0;            // 1..key.total
  std::string_view payload;
  int fill = 0;
  int checksum = 0;          // the sentence's NMEA checksum
  TimeMs time = kUnknownTime;  // receive time carried by this fragment, if any
  TimeRank rank = TimeRank::None;
  std::string_view station;
  // A $PGHP wrapper seen just before this fragment. Gatehouse dates a multi-sentence
  // message with the XOR of all its sentences' checksums, so whether it belongs to
  // this message is only known once the message is complete.
  TimeMs wrapper_time = kUnknownTime;
  int wrapper_checksum = -1;  // -1: the wrapper named no checksum
  std::string_view wrapper_station;
  std::uint32_t line_no = 0;
};

struct AssembledMessage {
  std::string_view payload;  // joined; valid until the next add()
  int fill = 0;
  TimeMs time = kUnknownTime;
  TimeRank rank = TimeRank::None;  // the convention `time` came from
  std::string_view station;  // valid until the next add()
};

class MultipartAssembler {
 public:
  static constexpr std::size_t kMaxFragmentChars = 256;

  MultipartAssembler(std::size_t max_pending, std::uint32_t window_lines);

  enum class Result : std::uint8_t { Pending, Complete, Duplicate, TooLong };
  // Adds one fragment; on Complete `out` holds the whole message.
  Result add(const Fragment& f, AssembledMessage& out);

  // Expires every group that started more than the window before `line_no`.
  void expire_older_than(std::uint32_t line_no);
  // Expires everything (end of stream).
  void expire_all();

  std::size_t pending() const { return active_.size(); }
  // Groups that never completed although their first fragment arrived.
  std::uint64_t expired_groups() const { return expired_; }
  // Fragments whose group never started (no fragment 1), plus exact duplicates.
  std::uint64_t orphan_fragments() const { return orphans_; }

 private:
  struct Group {
    FragmentKey key;
    std::uint32_t first_line = 0;
    std::uint16_t have = 0;  // bit n set: fragment n present
    std::uint8_t count = 0;
    int fill = 0;
    int checksum_xor = 0, first_checksum = -1;
    TimeMs time = kUnknownTime;
    TimeRank rank = TimeRank::None;
    TimeMs wrapper_time = kUnknownTime;
    int wrapper_checksum = -1;
    std::string station, wrapper_station;
    std::string frag[9];
  };

  void drop(std::size_t active_index, bool completed);
  std::size_t start_group(const Fragment& f);

  std::size_t max_pending_;
  std::uint32_t window_;
  std::vector<Group> slots_;
  std::vector<std::uint32_t> free_;
  std::vector<std::uint32_t> active_;  // slot indexes, oldest first
  std::string joined_, station_out_;
  std::uint64_t expired_ = 0, orphans_ = 0;
};

}  // namespace seawarden::ais
