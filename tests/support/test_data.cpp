#include "support/test_data.h"

#include <cstdlib>

namespace seawarden::testing {

std::filesystem::path shared_data(const std::string& relative) {
  if (const char* env = std::getenv("SEAWARDEN_SHARED_DATA")) return std::filesystem::path(env) / relative;
  return std::filesystem::path(SEAWARDEN_SHARED_DATA) / relative;
}

std::filesystem::path seawarden_binary() { return SEAWARDEN_BINARY; }

}  // namespace seawarden::testing
