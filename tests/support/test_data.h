// Locating ../shared/data from tests; tests needing it skip with a clear message.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

namespace seawarden::testing {

// Absolute path of a file under the shared data directory (may not exist).
std::filesystem::path shared_data(const std::string& relative);

// Path of the built seawarden program.
std::filesystem::path seawarden_binary();

// The first number in JSON text (after ':', ',' or '[') written with more than 6 decimals, such
// as a float's tail (6.099999904632568); empty when every number is short.
std::string long_decimal_number(std::string_view json);

}  // namespace seawarden::testing

// Skips the current test when a shared data file is missing.
#define SEAWARDEN_REQUIRE_DATA(path_var, relative)                                         \
  const std::filesystem::path path_var = ::seawarden::testing::shared_data(relative);      \
  if (!std::filesystem::exists(path_var))                                                  \
  GTEST_SKIP() << "shared data not found: " << path_var.string()                           \
               << " (clone the project with ../shared beside it to run this test)"
