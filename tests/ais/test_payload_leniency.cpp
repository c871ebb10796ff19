// Leniency: every message of gpsd's sample.aivdm, truncated to every length and
// decoded with every fill-bit count, must decode what is present or report an error,
// never crash or read out of bounds (run under ASan in `make test`), and whatever is
// accepted must produce valid JSON.
#include <gtest/gtest.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "ais/conformance_util.h"
#include "support/test_data.h"

namespace {

using namespace seawarden::ais;

TEST(PayloadLeniency, EveryTruncationOfEveryTypeIsSafe) {
  SEAWARDEN_REQUIRE_DATA(path, "ais/gpsd/sample.aivdm");
  std::vector<std::string> payloads;
  seawarden::testing::SentenceJoiner joiner(
      [&](std::string_view p, int) { payloads.emplace_back(p); });
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty() && line[0] == '!') joiner.line(line);
  ASSERT_GT(payloads.size(), 90u);

  std::array<int, 28> types_seen{};
  std::size_t decoded = 0, wrong_length = 0, other = 0;
  std::string json;
  for (const auto& full : payloads) {
    Message m;
    if (decode_payload(full, 0, m) == PayloadError::None) types_seen[m.type] = 1;
    for (std::size_t len = 0; len <= full.size(); ++len) {
      for (int fill = 0; fill <= 5; ++fill) {
        const auto err = decode_payload(std::string_view(full).substr(0, len), fill, m);
        if (err == PayloadError::None) {
          ++decoded;
          Received r;
          r.msg = m;
          json.clear();
          append_json(r, {true, true}, json);
          ASSERT_FALSE(nlohmann::json::parse(json, nullptr, false).is_discarded()) << json;
          json.clear();
          append_json(r, {false, true}, json);
          ASSERT_FALSE(nlohmann::json::parse(json, nullptr, false).is_discarded()) << json;
        } else if (err == PayloadError::WrongLength) {
          ++wrong_length;
        } else {
          ++other;
          EXPECT_TRUE(err == PayloadError::UnknownType) << to_string(err);  // 24 parts 2/3
        }
      }
    }
  }
  int distinct = 0;
  for (int t = 1; t <= 27; ++t) distinct += types_seen[t];
  EXPECT_EQ(distinct, 27) << "sample.aivdm should hold all 27 types";
  EXPECT_GT(decoded, 0u);
  EXPECT_GT(wrong_length, 0u);
  std::cout << "[leniency] " << payloads.size() << " messages: " << decoded << " truncations decoded, "
            << wrong_length << " WrongLength, " << other << " other errors\n";
}

}  // namespace
