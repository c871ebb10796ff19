// Locating ../shared/data from tests; tests needing it skip with a clear message.
#pragma once

#include <filesystem>
#include <string>

#include <gtest/gtest.h>

namespace seawarden::testing {

// Absolute path of a file under the shared data directory (may not exist).
std::filesystem::path shared_data(const std::string& relative);

// Path of the built seawarden program.
std::filesystem::path seawarden_binary();

}  // namespace seawarden::testing

// Skips the current test when a shared data file is missing.
#define SEAWARDEN_REQUIRE_DATA(path_var, relative)                                         \
  const std::filesystem::path path_var = ::seawarden::testing::shared_data(relative);      \
  if (!std::filesystem::exists(path_var))                                                  \
  GTEST_SKIP() << "shared data not found: " << path_var.string()                           \
               << " (clone the project with ../shared beside it to run this test)"
