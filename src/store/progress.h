// A one-line progress bar on stderr for long ingests: bytes, messages per second, ETA.
// Silent unless stderr is a terminal (so logs and CI output stay clean).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

namespace seawarden::ais {
class Reader;
}

namespace seawarden::store {

class ProgressBar {
 public:
  // enabled: usually isatty(2). total_bytes 0 = unknown (no bar, no ETA).
  explicit ProgressBar(bool enabled);
  void start(std::string label, std::uint64_t total_bytes);
  // Redraws at most ~10 times a second.
  void update(std::uint64_t bytes, std::uint64_t messages);
  void done();  // clears the line
  // Feeds one input file to `reader` chunk by chunk (ais::read_input), with a bar for it:
  // its name, bytes against the total when the file is plain (compressed input counts
  // decompressed bytes: no total, no ETA), and this file's messages per second. Throws as
  // read_input does; the caller finishes the reader's stream and calls done().
  // With `stop`, asked after each chunk: reading ends early when it returns true, and read()
  // returns false (true: the whole file was read).
  bool read(const std::string& path, ais::Reader& reader, const std::function<bool()>& stop = {});
  bool enabled() const { return enabled_; }

 private:
  void draw(std::uint64_t bytes, std::uint64_t messages);
  bool enabled_;
  std::string label_;
  std::uint64_t total_ = 0;
  std::chrono::steady_clock::time_point start_, last_draw_;
};

}  // namespace seawarden::store
