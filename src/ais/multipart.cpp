#include "ais/multipart.h"

#include <algorithm>

namespace seawarden::ais {

std::uint64_t source_hash(std::string_view station) {
  if (station.empty()) return 0;
  std::uint64_t h = 1469598103934665603ULL;
  for (char c : station) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return h == 0 ? 1 : h;
}

MultipartAssembler::MultipartAssembler(std::size_t max_pending, std::uint32_t window_lines)
    : max_pending_(max_pending == 0 ? 1 : max_pending), window_(window_lines) {}

void MultipartAssembler::drop(std::size_t active_index, bool completed) {
  const std::uint32_t slot = active_[active_index];
  Group& g = slots_[slot];
  if (!completed) {
    if (g.have & (1u << 1))
      ++expired_;
    else
      orphans_ += g.count;
  }
  g.have = 0;
  g.count = 0;
  active_.erase(active_.begin() + static_cast<std::ptrdiff_t>(active_index));
  free_.push_back(slot);
}

void MultipartAssembler::expire_older_than(std::uint32_t line_no) {
  // active_ is in creation order, so expired groups are at the front.
  while (!active_.empty() && line_no - slots_[active_.front()].first_line > window_) drop(0, false);
}

void MultipartAssembler::expire_all() {
  while (!active_.empty()) drop(0, false);
}

std::size_t MultipartAssembler::start_group(const Fragment& f) {
  if (active_.size() >= max_pending_) drop(0, false);  // bounded: evict the oldest
  std::uint32_t slot;
  if (!free_.empty()) {
    slot = free_.back();
    free_.pop_back();
  } else {
    slot = static_cast<std::uint32_t>(slots_.size());
    slots_.emplace_back();
  }
  Group& g = slots_[slot];
  g.key = f.key;
  g.first_line = f.line_no;
  g.have = 0;
  g.count = 0;
  g.fill = 0;
  g.checksum_xor = 0;
  g.first_checksum = -1;
  g.time = kUnknownTime;
  g.rank = TimeRank::None;
  g.wrapper_time = kUnknownTime;
  g.wrapper_checksum = -1;
  g.station.clear();
  g.wrapper_station.clear();
  active_.push_back(slot);
  return active_.size() - 1;
}

MultipartAssembler::Result MultipartAssembler::add(const Fragment& f, AssembledMessage& out) {
  if (f.payload.size() > kMaxFragmentChars) return Result::TooLong;
  expire_older_than(f.line_no);

  std::size_t ai = active_.size();
  for (std::size_t i = active_.size(); i-- > 0;) {
    if (slots_[active_[i]].key.matches(f.key)) {
      ai = i;
      break;
    }
  }
  const std::uint16_t bit = static_cast<std::uint16_t>(1u << f.number);
  if (ai < active_.size()) {
    Group& g = slots_[active_[ai]];
    if (g.have & bit) {
      if (g.frag[f.number - 1] == f.payload) {
        ++orphans_;  // an exact repeat of a fragment we hold
        return Result::Duplicate;
      }
      // Same key, different text: the sequence id was reused by a new message while
      // the old one was still incomplete. Give up on the old one.
      drop(ai, false);
      ai = start_group(f);
    }
  } else {
    ai = start_group(f);
  }

  Group& g = slots_[active_[ai]];
  if (g.key.source == 0) g.key.source = f.key.source;  // the group learns its station
  g.frag[f.number - 1].assign(f.payload);
  g.have |= bit;
  ++g.count;
  if (f.number == f.key.total) g.fill = f.fill;
  g.checksum_xor ^= f.checksum;
  if (f.number == 1) g.first_checksum = f.checksum;
  // Receive time: the best-ranked convention wins, the first fragment on ties (tag
  // blocks often carry s:/c: only there). Station: the first fragment's, else any.
  if (f.time != kUnknownTime && (f.rank > g.rank || (f.rank == g.rank && f.number == 1))) {
    g.time = f.time;
    g.rank = f.rank;
  }
  if (!f.station.empty() && (f.number == 1 || g.station.empty())) g.station.assign(f.station);
  if (f.wrapper_time != kUnknownTime && (f.number == 1 || g.wrapper_time == kUnknownTime)) {
    g.wrapper_time = f.wrapper_time;
    g.wrapper_checksum = f.wrapper_checksum;
    g.wrapper_station.assign(f.wrapper_station);
  }

  if (g.count < f.key.total) return Result::Pending;

  joined_.clear();
  for (int n = 0; n < f.key.total; ++n) joined_ += g.frag[n];
  const bool wrapper_matches =
      g.wrapper_time != kUnknownTime &&
      (g.wrapper_checksum < 0 || g.wrapper_checksum == g.checksum_xor || g.wrapper_checksum == g.first_checksum);
  out.time = g.time;
  out.rank = g.rank;
  if (wrapper_matches && g.rank < TimeRank::Wrapper) out.time = g.wrapper_time, out.rank = TimeRank::Wrapper;
  station_out_.assign(!g.station.empty() || !wrapper_matches ? g.station : g.wrapper_station);
  out.payload = joined_;
  out.fill = g.fill;
  out.station = station_out_;
  drop(ai, true);
  return Result::Complete;
}

}  // namespace seawarden::ais
