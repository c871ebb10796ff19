// Cutting an NMEA file into parts for the tests that continue a run across inputs.
#pragma once

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace seawarden::testing {

// Splits the NMEA file into parts at about the given fractions of its lines, each cut moved
// to the next single-sentence line (a multipart message is never cut in two), written to
// dir/part0.nmea, part1.nmea, ... The last part holds at most `last_part_lines` lines.
inline std::vector<std::filesystem::path> split_nmea(const std::filesystem::path& file, const std::vector<double>& at,
                                                     const std::filesystem::path& dir,
                                                     std::size_t last_part_lines = static_cast<std::size_t>(-1)) {
  std::ifstream in(file);
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  std::vector<std::size_t> cuts;
  for (double f : at) {
    std::size_t i = static_cast<std::size_t>(f * static_cast<double>(lines.size()));
    while (i < lines.size() && lines[i].find("!AIVDM,1,1,") == std::string::npos) ++i;
    cuts.push_back(i);
  }
  const std::size_t from_last = cuts.empty() ? 0 : cuts.back();
  cuts.push_back(lines.size() - from_last > last_part_lines ? from_last + last_part_lines : lines.size());
  std::vector<std::filesystem::path> parts;
  std::size_t from = 0;
  for (std::size_t c : cuts) {
    parts.push_back(dir / ("part" + std::to_string(parts.size()) + ".nmea"));
    std::ofstream out(parts.back());
    for (std::size_t i = from; i < c; ++i) out << lines[i] << '\n';
    from = c;
  }
  return parts;
}

}  // namespace seawarden::testing
