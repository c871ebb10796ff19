// A one-line progress bar on stderr for long ingests: bytes, messages per second, ETA.
// Silent unless stderr is a terminal (so logs and CI output stay clean).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace seawarden::store {

class ProgressBar {
 public:
  // enabled: usually isatty(2). total_bytes 0 = unknown (no bar, no ETA).
  explicit ProgressBar(bool enabled);
  void start(std::string label, std::uint64_t total_bytes);
  // Redraws at most ~10 times a second.
  void update(std::uint64_t bytes, std::uint64_t messages);
  void done();  // clears the line
  bool enabled() const { return enabled_; }

 private:
  void draw(std::uint64_t bytes, std::uint64_t messages);
  bool enabled_;
  std::string label_;
  std::uint64_t total_ = 0;
  std::chrono::steady_clock::time_point start_, last_draw_;
};

}  // namespace seawarden::store
