// libFuzzer target: the whole line parser (framing, tag blocks, wrappers, prefixes,
// trailers, CSV exports, multipart) fed in chunks whose sizes the input chooses.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ais/reader.h"
#include "ais/timestamps.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  using namespace seawarden::ais;
  ReaderOptions opt;
  opt.max_pending_groups = 16;  // small, so eviction paths run
  opt.group_window_lines = 8;
  std::uint64_t sink = 0;
  char iso[32];
  Reader reader(
      [&](const Received& r) {
        // Touch every view the contract says is valid during the callback.
        for (char c : r.meta.station) sink += static_cast<unsigned char>(c);
        for (char c : r.meta.talker) sink += static_cast<unsigned char>(c);
        sink += format_iso8601(r.meta.rxtime, iso);
        sink += r.msg.mmsi;
      },
      opt);
  // First byte: chunk size (1..256), so lines split across feed() calls are exercised.
  const std::size_t chunk = static_cast<std::size_t>(data[0]) + 1;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  for (std::size_t i = 0; i < text.size(); i += chunk) reader.feed(text.substr(i, chunk));
  reader.finish();
  const ReaderStats& s = reader.stats();
  std::uint64_t delivered = 0;
  for (auto n : s.by_type) delivered += n;
  if (delivered != s.messages) __builtin_trap();
  if (s.lines > text.size() + 1) __builtin_trap();
  return static_cast<int>(sink & 0);
}
