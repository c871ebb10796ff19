// The `seawarden screen` and `seawarden lists` command contracts, run as a program.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "support/test_data.h"

namespace {

struct Outcome {
  int status = -1;
  std::string out;
};

// Runs a shell command line; stdout captured, stderr appended after a marker.
Outcome run(const std::string& args) {
  std::string cmd = seawarden::testing::seawarden_binary().string() + " " + args + " 2>&1";
  Outcome r;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  int st = pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

std::vector<nlohmann::json> json_lines(const std::string& text) {
  std::vector<nlohmann::json> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty() && line[0] == '{') out.push_back(nlohmann::json::parse(line));
  return out;
}

std::string quoted(const std::filesystem::path& p) {
  std::string q = "'";  // appended, not "'" + ...: GCC 12 -Wrestrict false positive
  q += p.string();
  q += '\'';
  return q;
}

}  // namespace

TEST(ScreenCli, JsonLinesInInputOrder) {
  SEAWARDEN_REQUIRE_DATA(un, "sanctions/un/UN_consolidated.xml");
  SEAWARDEN_REQUIRE_DATA(ofac, "sanctions/ofac-2021/sdn.csv");
  Outcome r = run("screen --lists " + quoted(un) + " " + quoted(ofac) + " 'Kim Jong Un' 'Nobody Atall Xyzzy' '김정은'");
  ASSERT_EQ(r.status, 0) << r.out;
  auto lines = json_lines(r.out);
  ASSERT_EQ(lines.size(), 3u) << r.out;
  EXPECT_EQ(lines[0]["query"], "Kim Jong Un");
  EXPECT_EQ(lines[1]["query"], "Nobody Atall Xyzzy");
  EXPECT_TRUE(lines[1]["matches"].empty());
  EXPECT_EQ(lines[2]["query"], "김정은");
  ASSERT_FALSE(lines[0]["matches"].empty());
  const auto& m = lines[0]["matches"][0];
  for (const char* key : {"list", "id", "name", "matched_name", "type", "programs", "score", "explanation"})
    EXPECT_TRUE(m.contains(key)) << key;
  EXPECT_EQ(m["type"], "person");
  double last = 1.0;
  for (const auto& x : lines[2]["matches"]) {
    EXPECT_LE(x["score"].get<double>(), last);
    EXPECT_GE(x["score"].get<double>(), 0.80);
    last = x["score"].get<double>();
  }
}

TEST(ScreenCli, BatchCsvWithTypeAndTable) {
  SEAWARDEN_REQUIRE_DATA(eu, "sanctions/eu/32017R1509.csv");
  auto batch = std::filesystem::temp_directory_path() / "seawarden_screen_batch.csv";
  std::ofstream(batch) << "name,type,country\nCHONMASAN,vessel,\n\"Ri, Je Son\",person,DPRK\n,,\n";
  Outcome r = run("screen --lists " + quoted(eu) + " --batch " + quoted(batch));
  ASSERT_EQ(r.status, 0) << r.out;
  auto lines = json_lines(r.out);
  ASSERT_EQ(lines.size(), 3u) << r.out;
  ASSERT_FALSE(lines[0]["matches"].empty());
  EXPECT_EQ(lines[0]["matches"][0]["type"], "vessel");
  ASSERT_FALSE(lines[1]["matches"].empty());
  EXPECT_EQ(lines[1]["matches"][0]["name"], "Ri Je-Son");
  EXPECT_TRUE(lines[2]["matches"].empty());  // an empty name
  Outcome t = run("screen --lists " + quoted(eu) + " --format table 'Ri Je Son'");
  EXPECT_EQ(t.status, 0);
  EXPECT_NE(t.out.find("Ri Je-Son"), std::string::npos) << t.out;
  std::filesystem::remove(batch);
}

TEST(ScreenCli, UnrecognisedListIsAClearError) {
  SEAWARDEN_REQUIRE_DATA(cases, "screening/nomenklatura/cases.csv");
  Outcome r = run("screen --lists " + quoted(cases) + " 'Kim Jong Un'");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("not a recognised sanctions list"), std::string::npos) << r.out;
  Outcome missing = run("screen --lists /nonexistent.xml 'Kim'");
  EXPECT_EQ(missing.status, 1);
  EXPECT_NE(missing.out.find("cannot open"), std::string::npos) << missing.out;
}

TEST(ScreenCli, LongAndInvalidQueriesDoNotFail) {
  SEAWARDEN_REQUIRE_DATA(eu, "sanctions/eu/32017R1509.csv");
  auto batch = std::filesystem::temp_directory_path() / "seawarden_screen_odd.txt";
  {
    std::ofstream f(batch, std::ios::binary);
    f << std::string(10 * 1024, 'K') << "\n" << "KIM\xff\xfe JONG\xc3 UN\n";
  }
  Outcome r = run("screen --lists " + quoted(eu) + " --batch " + quoted(batch));
  EXPECT_EQ(r.status, 0) << r.out.substr(0, 500);
  EXPECT_EQ(json_lines(r.out).size(), 2u);
  std::filesystem::remove(batch);
}

TEST(ListsCli, UpdateOfflineSaysSoAndFails) {
  auto dir = std::filesystem::temp_directory_path() / "seawarden_lists_offline";
  auto sources = std::filesystem::temp_directory_path() / "seawarden_sources_offline.toml";
  std::ofstream(sources) << "[[source]]\nname = \"un\"\nfiles = [ { file = \"consolidated.xml\", url = "
                            "\"http://127.0.0.1:9/consolidated.xml\" } ]\n";
  Outcome r = run("lists update --dir " + quoted(dir) + " --sources " + quoted(sources) + " --connect-timeout 2");
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_NE(r.out.find("offline"), std::string::npos) << r.out;
  EXPECT_FALSE(std::filesystem::exists(dir / "un") && !std::filesystem::is_empty(dir / "un"))
      << "a failed download leaves no copy";
  std::filesystem::remove_all(dir);
  std::filesystem::remove(sources);
}

TEST(ListsCli, UpdateDownloadsThroughLibcurl) {
  // libcurl is loaded at run time (dlopen): a file:// source exercises the whole download path.
  SEAWARDEN_REQUIRE_DATA(eu, "sanctions/eu/32017R1509.csv");
  auto dir = std::filesystem::temp_directory_path() / "seawarden_lists_fileurl";
  auto sources = std::filesystem::temp_directory_path() / "seawarden_sources_fileurl.toml";
  std::filesystem::remove_all(dir);
  std::ofstream(sources) << "[[source]]\nname = \"eu\"\nfiles = [ { file = \"32017R1509.csv\", url = \"file://"
                         << std::filesystem::absolute(eu).string() << "\" } ]\n";
  Outcome r = run("lists update --dir " + quoted(dir) + " --sources " + quoted(sources));
  ASSERT_EQ(r.status, 0) << r.out;
  auto lines = json_lines(r.out);
  ASSERT_EQ(lines.size(), 1u) << r.out;
  EXPECT_TRUE(lines[0]["ok"].get<bool>());
  EXPECT_EQ(lines[0]["diff"]["entries_after"], 326);
  const std::filesystem::path saved = lines[0]["saved"].get<std::string>();
  EXPECT_EQ(std::filesystem::file_size(saved / "32017R1509.csv"), std::filesystem::file_size(eu));
  std::filesystem::remove_all(dir);
  std::filesystem::remove(sources);
}

TEST(ListsCli, ShowAndDiff) {
  SEAWARDEN_REQUIRE_DATA(eu, "sanctions/eu/32017R1509.csv");
  Outcome s = run("lists show " + quoted(eu));
  ASSERT_EQ(s.status, 0) << s.out;
  auto lines = json_lines(s.out);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0]["entities"], 326);
  EXPECT_EQ(lines[0]["by_type"]["vessel"], 75);
  // Diff of a list against a copy with one row removed and one name changed.
  std::ifstream in(eu);
  std::string header, first, second, rest;
  std::getline(in, header);
  std::getline(in, first);
  std::getline(in, second);
  std::ostringstream tail;
  tail << in.rdbuf();
  auto after = std::filesystem::temp_directory_path() / "seawarden_eu_after.csv";
  size_t comma = 0;
  for (int i = 0; i < 8; ++i) comma = second.find(',', comma) + 1;  // the name column
  second.insert(comma, "X");
  std::ofstream(after) << header << "\n" << second << "\n" << tail.str();
  Outcome d = run("lists diff " + quoted(eu) + " " + quoted(after));
  ASSERT_EQ(d.status, 0) << d.out;
  auto j = json_lines(d.out);
  ASSERT_EQ(j.size(), 1u);
  EXPECT_EQ(j[0]["removed"], 1);
  EXPECT_EQ(j[0]["changed"], 1);
  EXPECT_EQ(j[0]["added"], 0);
  std::filesystem::remove(after);
}
