// `seawarden decode` end to end: output formats, stdin, gzip, stats, exit codes.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "support/test_data.h"

namespace {

namespace fs = std::filesystem;

struct CmdResult {
  int status = -1;
  std::string out, err;
};

// Runs a shell command line, capturing stdout and stderr.
CmdResult run(const std::string& cmd) {
  static int counter = 0;
  const fs::path err_file = fs::temp_directory_path() /
                            ("seawarden-decode-err-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  CmdResult r;
  FILE* p = ::popen((cmd + " 2>" + err_file.string()).c_str(), "r");
  if (p == nullptr) return r;
  char buf[65536];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  const int st = ::pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  std::ifstream e(err_file);
  r.err.assign(std::istreambuf_iterator<char>(e), {});
  fs::remove(err_file);
  return r;
}

class DecodeCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("seawarden-decode-cli-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    bin_ = seawarden::testing::seawarden_binary().string();
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string write(const std::string& name, const std::string& text) {
    const fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  }
  fs::path dir_;
  std::string bin_;
};

const char* kInput =
    "\\s:41925,c:1635731889,t:1635731965*66\\!AIVDM,1,1,,,15Di=4002i<chWiba2`rPpD:04;`,0*37\r\n"
    "garbage line\r\n"
    "!AIVDM,1,1,,A,15B4FT5000JRP>PE6E68Nbkl0PS5,0*71\r\n"  // bad checksum
    "!AIVDM,1,1,,A,15B4FT5000JRP>PE6E68Nbkl0PS5,0*70\r\n";

}  // namespace

TEST_F(DecodeCli, JsonLinesWithReceiveTimeAndStation) {
  const std::string in = write("in.nmea", kInput);
  const CmdResult r = run(bin_ + " decode " + in);
  EXPECT_EQ(r.status, 0) << r.err;  // bad lines are counted, not fatal
  // Two JSON objects, one per line.
  ASSERT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 2);
  const std::string first = r.out.substr(0, r.out.find('\n'));
  EXPECT_EQ(first.front(), '{');
  EXPECT_NE(first.find("\"mmsi\":357322000"), std::string::npos) << first;
  EXPECT_NE(first.find("\"rxtime\":\"2021-11-01T01:58:09Z\""), std::string::npos) << first;
  EXPECT_NE(first.find("\"station\":\"41925\""), std::string::npos) << first;
  const std::string second = r.out.substr(r.out.find('\n') + 1);
  EXPECT_NE(second.find("\"mmsi\":354490000"), std::string::npos);
  EXPECT_EQ(second.find("rxtime"), std::string::npos);  // unknown time stays unknown
}

TEST_F(DecodeCli, StatsOnStderrFromGzipStdin) {
  const std::string gz = (dir_ / "in.nmea.gz").string();
  gzFile f = gzopen(gz.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  gzputs(f, kInput);
  gzclose(f);
  const CmdResult r = run("cat " + gz + " | " + bin_ + " decode --format none --stats -");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(r.out.empty());
  EXPECT_NE(r.err.find("4 lines, 3 sentences, 2 messages (1 without receive time)"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("by type: 1:2"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("bad_checksum:1"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("unknown_line:1"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("sentences/s"), std::string::npos) << r.err;
}

TEST_F(DecodeCli, EmptyFileIsFine) {
  const std::string in = write("empty.nmea", "");
  const CmdResult r = run(bin_ + " decode " + in);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(r.out.empty());
}

TEST_F(DecodeCli, UnreadableInputFailsWithAClearMessage) {
  const std::string good = write("good.nmea", kInput);
  const CmdResult r = run(bin_ + " decode --format none " + (dir_ / "missing.nmea").string() + " " + good);
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.err.find("cannot open"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("missing.nmea"), std::string::npos) << r.err;
  const CmdResult d = run(bin_ + " decode " + dir_.string());
  EXPECT_NE(d.status, 0);
  EXPECT_NE(d.err.find("is a directory"), std::string::npos) << d.err;
}

TEST_F(DecodeCli, RejectsUnknownFormat) {
  const CmdResult r = run(bin_ + " decode --format xml " + write("x.nmea", kInput));
  EXPECT_EQ(r.status, 2);  // a usage error, whatever CLI11's own code for the error class
}

TEST_F(DecodeCli, EveryCommandLineErrorExitsWithTwoAndHelpWithZero) {
  EXPECT_EQ(run(bin_ + " detect").status, 2);                     // missing input
  EXPECT_EQ(run(bin_ + " nosuchcommand").status, 2);              // unknown subcommand
  EXPECT_EQ(run(bin_ + " ingest --db x.db --thin-interval -5 x").status, 2);  // out of range
  EXPECT_EQ(run(bin_ + " detect --help").status, 0);
}

TEST_F(DecodeCli, LargeOutputIsComplete) {
  // More than one output block (1 MiB) of JSON: nothing lost at block boundaries.
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "!AIVDM,1,1,,A,15B4FT5000JRP>PE6E68Nbkl0PS5,0*70\n";
  const CmdResult r = run(bin_ + " decode " + write("big.nmea", text));
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 20000);
  EXPECT_GT(r.out.size(), std::size_t{1} << 20);
}

TEST_F(DecodeCli, StartsWithNothingOnStandardError) {
  // Nothing of its own, and nothing from the allocator: jemalloc reports an option it does not
  // take ("<jemalloc>: Invalid conf pair") on stderr at the first allocation (src/cli/allocator.cpp).
  const CmdResult r = run(bin_ + " --version");
  EXPECT_EQ(r.status, 0);
  EXPECT_FALSE(r.out.empty());
  EXPECT_EQ(r.err, "");
}
