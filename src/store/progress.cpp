#include "store/progress.h"

#include <cstdio>
#include <filesystem>

#include "ais/input.h"
#include "ais/reader.h"

namespace seawarden::store {
namespace {

std::string human_bytes(double b) {
  const char* units[] = {"B", "kB", "MB", "GB", "TB"};
  int u = 0;
  while (b >= 1000 && u < 4) {
    b /= 1000;
    ++u;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, u ? "%.1f %s" : "%.0f %s", b, units[u]);
  return buf;
}

}  // namespace

ProgressBar::ProgressBar(bool enabled) : enabled_(enabled) {}

void ProgressBar::start(std::string label, std::uint64_t total_bytes) {
  label_ = std::move(label);
  if (label_.size() > 28) label_ = "..." + label_.substr(label_.size() - 25);
  total_ = total_bytes;
  start_ = last_draw_ = std::chrono::steady_clock::now();
}

bool ProgressBar::read(const std::string& path, ais::Reader& reader, const std::function<bool()>& stop) {
  start(std::filesystem::path(path).filename().string(), enabled_ ? ais::plain_file_size(path) : 0);
  std::uint64_t bytes = 0;
  const std::uint64_t messages_before = reader.stats().messages;  // the reader may have read other files
  struct Stopped {};  // read_input has no early end: unwinding it is one (it owns no half-done state)
  try {
    ais::read_input(path, [&](std::string_view chunk) {
      reader.feed(chunk);
      bytes += chunk.size();
      update(bytes, reader.stats().messages - messages_before);
      if (stop && stop()) throw Stopped{};
    });
  } catch (const Stopped&) {
    return false;
  }
  return true;
}

void ProgressBar::update(std::uint64_t bytes, std::uint64_t messages) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  draw(bytes, messages);
}

void ProgressBar::draw(std::uint64_t bytes, std::uint64_t messages) {
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  if (secs <= 0) secs = 1e-3;
  double rate = static_cast<double>(messages) / secs;
  std::string line = label_ + " ";
  if (total_) {
    double frac = std::min(1.0, static_cast<double>(bytes) / static_cast<double>(total_));
    constexpr int kWidth = 24;
    int filled = static_cast<int>(frac * kWidth);
    // Appended piece by piece: `"[" + std::string(...)` trips GCC 12's -Wrestrict false positive.
    line += '[';
    line.append(static_cast<std::size_t>(filled), '#');
    line.append(static_cast<std::size_t>(kWidth - filled), '.');
    line += "] ";
    char pct[16];
    std::snprintf(pct, sizeof pct, "%3.0f%% ", frac * 100);
    line += pct;
    line += human_bytes(static_cast<double>(bytes)) + "/" + human_bytes(static_cast<double>(total_));
  } else {
    line += human_bytes(static_cast<double>(bytes));
  }
  char tail[96];
  std::snprintf(tail, sizeof tail, "  %.2fM msg/s", rate / 1e6);
  line += tail;
  if (total_ && bytes > 0 && bytes < total_) {
    double eta = secs * static_cast<double>(total_ - bytes) / static_cast<double>(bytes);
    std::snprintf(tail, sizeof tail, "  ETA %d:%02d", static_cast<int>(eta) / 60, static_cast<int>(eta) % 60);
    line += tail;
  }
  std::fprintf(stderr, "\r\033[K%s", line.c_str());
  std::fflush(stderr);
}

void ProgressBar::done() {
  if (!enabled_) return;
  std::fprintf(stderr, "\r\033[K");
  std::fflush(stderr);
}

}  // namespace seawarden::store
