// Writes the fictional sanctions list in OFAC's legacy SDN CSV layout (sdn.csv, alt.csv,
// add.csv: no header, quoted strings, "-0- " for nulls, CRLF lines, a final Ctrl-Z).
#pragma once

#include <filesystem>
#include <vector>

#include "sim/scenario.h"

namespace seawarden::sim {

std::vector<std::filesystem::path> write_sanctions(const std::vector<ListEntry>& entries,
                                                   const std::filesystem::path& dir);

}  // namespace seawarden::sim
