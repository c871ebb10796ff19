// libFuzzer target: the multipart assembler driven by a byte-coded stream of fragments
// (station, sequence id, channel, count, number, payload length), checking its
// invariants: bounded table, joined payload = fragments in order.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "ais/multipart.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace seawarden::ais;
  constexpr std::size_t kMaxPending = 8;
  MultipartAssembler a(kMaxPending, 12);
  static const char* const kStations[] = {"", "r1", "r2", "AISD"};
  std::string payload;
  std::uint32_t line = 0;
  std::size_t i = 0;
  while (i + 4 <= size) {
    const std::uint8_t b0 = data[i], b1 = data[i + 1], b2 = data[i + 2], len = data[i + 3];
    i += 4;
    Fragment f;
    f.station = kStations[b0 & 3];
    f.key.source = source_hash(f.station);
    f.key.seq_id = static_cast<std::int8_t>((b0 >> 2) % 11) - 1;
    f.key.channel = (b0 & 0x40) ? 'A' : 'B';
    f.key.group_id = (b0 & 0x80) ? b2 : -1;
    f.key.total = static_cast<std::uint8_t>(b1 % 9 + 1);
    f.number = (b1 >> 4) % f.key.total + 1;
    f.checksum = b2;
    f.time = (b2 & 1) ? 1600000000000 + line : kUnknownTime;
    f.rank = static_cast<TimeRank>(b2 % 5);
    f.wrapper_time = (b2 & 2) ? 1600000000000 : kUnknownTime;
    f.wrapper_checksum = (b2 & 4) ? b1 : -1;
    // Payload: the fragment number repeated, so the joined text can be checked.
    payload.assign(len % 300, static_cast<char>('0' + f.number));
    f.payload = payload;
    f.fill = len % 6;
    line += 1 + (b2 >> 5);
    f.line_no = line;
    AssembledMessage out;
    const auto r = a.add(f, out);
    if (a.pending() > kMaxPending) __builtin_trap();
    if (r == MultipartAssembler::Result::Complete) {
      // Digits must be non-decreasing: fragment 1's text, then 2's, ...
      for (std::size_t k = 1; k < out.payload.size(); ++k)
        if (out.payload[k] < out.payload[k - 1]) __builtin_trap();
    }
    if (r == MultipartAssembler::Result::TooLong && payload.size() <= MultipartAssembler::kMaxFragmentChars)
      __builtin_trap();
  }
  a.expire_all();
  if (a.pending() != 0) __builtin_trap();
  return 0;
}
