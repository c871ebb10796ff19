#include "support/test_data.h"

#include <cstdlib>

namespace seawarden::testing {

std::filesystem::path shared_data(const std::string& relative) {
  if (const char* env = std::getenv("SEAWARDEN_SHARED_DATA")) return std::filesystem::path(env) / relative;
  return std::filesystem::path(SEAWARDEN_SHARED_DATA) / relative;
}

std::filesystem::path seawarden_binary() { return SEAWARDEN_BINARY; }

std::string long_decimal_number(std::string_view json) {
  const auto digit = [&](std::size_t i) { return i < json.size() && json[i] >= '0' && json[i] <= '9'; };
  for (std::size_t i = 0; i < json.size(); ++i) {
    if (json[i] != ':' && json[i] != ',' && json[i] != '[') continue;
    std::size_t j = i + 1;
    if (j < json.size() && json[j] == '-') ++j;
    const std::size_t int_start = j;
    while (digit(j)) ++j;
    if (j == int_start || j >= json.size() || json[j] != '.') continue;
    const std::size_t frac_start = ++j;
    while (digit(j)) ++j;
    if (j - frac_start > 6) return std::string(json.substr(i + 1, j - i - 1));
  }
  return {};
}

}  // namespace seawarden::testing
