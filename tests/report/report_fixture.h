// A small hand-made store for report tests: two vessels meeting off the Korean west
// coast (so the map has land, sea, two tracks and a zone), a sanctions hit and a gap.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace seawarden::testing {

struct ReportFixture {
  std::filesystem::path dir;  // temporary, removed by the destructor
  std::string db_path;
  std::int64_t encounter_id = 0, gap_id = 0, hit_id = 0;
  ReportFixture();
  ~ReportFixture();
};

}  // namespace seawarden::testing
