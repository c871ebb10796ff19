#include "store/store_test_util.h"

#include <cstdio>
#include <cstdlib>

#include <algorithm>
#include <atomic>
#include <random>
#include <stdexcept>

#include <unistd.h>

namespace seawarden::testing {

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  path = std::filesystem::temp_directory_path() /
         ("seawarden-store-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::filesystem::remove_all(path);
  std::filesystem::create_directories(path);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path, ec);
}

std::vector<std::pair<std::uint32_t, store::StoredPosition>> all_positions(store::Database& db, std::int64_t from,
                                                                          std::int64_t to) {
  std::vector<std::pair<std::uint32_t, store::StoredPosition>> out;
  auto st = db.prepare("SELECT mmsi, n, data FROM track_chunks");
  std::vector<store::StoredPosition> ps;
  while (st.step()) {
    ps.clear();
    if (!store::decode_chunk(st.text_view(2), ps, static_cast<std::uint32_t>(st.int64(1))))
      throw std::runtime_error("damaged chunk");
    for (const auto& p : ps)
      if (p.t_ms >= from && p.t_ms <= to) out.emplace_back(static_cast<std::uint32_t>(st.int64(0)), p);
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : a.second.t_ms < b.second.t_ms;
  });
  return out;
}

std::string capture(const std::vector<store::StoredEvent>& events, store::EventFormat f) {
  char* buf = nullptr;
  std::size_t len = 0;
  std::FILE* mem = open_memstream(&buf, &len);
  store::write_events(mem, events, f);
  std::fclose(mem);
  std::string out(buf, len);
  std::free(buf);
  return out;
}

}  // namespace seawarden::testing
