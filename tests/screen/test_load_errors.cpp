// Malformed list files end in ListLoadError naming the file, whatever the loader tripped on
// (regression: an unterminated CSV quote escaped as a bare std::runtime_error, found by fuzz_lists).
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "screen/lists.h"

namespace scr = seawarden::screen;

namespace {

std::string read_fixture(const std::string& name) {
  std::ifstream in(std::string(SEAWARDEN_SOURCE_DIR) + "/tests/screen/fixtures/" + name, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST(ListLoadErrors, UnterminatedQuoteInUkCsvIsAListLoadError) {
  std::string text = read_fixture("uk_ofsi_conlist.csv");
  ASSERT_FALSE(text.empty());
  text += "\"KIM,\"unterminated\n";  // a quoted field that never closes
  try {
    (void)scr::parse_list(text, scr::ListFormat::uk_ofsi_csv, "conlist.csv", {}, {});
    FAIL() << "expected ListLoadError";
  } catch (const scr::ListLoadError& e) {
    EXPECT_NE(std::string(e.what()).find("conlist.csv"), std::string::npos) << e.what();
  }
}

TEST(ListLoadErrors, EveryFormatRejectsTheSameGarbageCleanly) {
  const std::string garbage = "\"\x01\xff<x>\"\n,,,\"\n";
  for (auto f : {scr::ListFormat::un_xml, scr::ListFormat::ofac_sdn_csv, scr::ListFormat::eu_csv,
                 scr::ListFormat::eu_regulation_csv, scr::ListFormat::uk_ofsi_csv,
                 scr::ListFormat::uk_sanctions_list_csv, scr::ListFormat::ftm_json}) {
    try {
      auto entities = scr::parse_list(garbage, f, "garbage", {}, {});
      EXPECT_TRUE(entities.empty()) << scr::to_string(f);
    } catch (const scr::ListLoadError& e) {
      EXPECT_NE(std::string(e.what()).find("garbage"), std::string::npos) << e.what();
    }
  }
}

TEST(ListLoadErrors, AnEmptyFileSaysSo) {
  // An OFAC export with no rows is its end-of-file mark alone; whitespace is no list either.
  for (const std::string& empty : {std::string(), std::string("\x1a"), std::string("\r\n\x1a"), std::string(" \n\t"), std::string("\xEF\xBB\xBF\r\n")}) {
    try {
      (void)scr::parse_list(empty, scr::detect_format(empty), "sdn.csv", {}, {});
      FAIL() << "expected ListLoadError";
    } catch (const scr::ListLoadError& e) {
      EXPECT_NE(std::string(e.what()).find("sdn.csv: the file is empty"), std::string::npos) << e.what();
    }
  }
  try {  // not empty, just not a list: the other message
    (void)scr::parse_list("hello\n", scr::detect_format("hello\n"), "x.txt", {}, {});
    FAIL() << "expected ListLoadError";
  } catch (const scr::ListLoadError& e) {
    EXPECT_NE(std::string(e.what()).find("not a recognised sanctions list"), std::string::npos) << e.what();
  }
}
