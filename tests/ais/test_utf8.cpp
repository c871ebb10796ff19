// UTF-8 well-formedness for the writers, and text cut to a fixed capacity at a character
// boundary: CSV exports carry UTF-8 (or Latin-1) names that AIS's six-bit text never does.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ais/json_writer.h"
#include "ais/reader.h"
#include "ais/utf8.h"
#include "track/observation.h"

using seawarden::ais::utf8_cut;
using seawarden::ais::utf8_sequence_length;

TEST(Utf8, SequenceLengths) {
  EXPECT_EQ(utf8_sequence_length("\xc3\x84", 0), 2u);          // Ä
  EXPECT_EQ(utf8_sequence_length("\xea\xb9\x80", 0), 3u);      // 김
  EXPECT_EQ(utf8_sequence_length("\xf0\x9f\x9a\xa2", 0), 4u);  // ship emoji
  EXPECT_EQ(utf8_sequence_length("\x84", 0), 0u) << "a stray continuation byte";
  EXPECT_EQ(utf8_sequence_length("\xc5RHUS", 0), 0u) << "Latin-1 Å";
  EXPECT_EQ(utf8_sequence_length("\xc0\x80", 0), 0u) << "overlong";
  EXPECT_EQ(utf8_sequence_length("\xe0\x80\x80", 0), 0u) << "overlong";
  EXPECT_EQ(utf8_sequence_length("\xed\xa0\x80", 0), 0u) << "surrogate";
  EXPECT_EQ(utf8_sequence_length("\xf4\x90\x80\x80", 0), 0u) << "beyond U+10FFFF";
  EXPECT_EQ(utf8_sequence_length("\xea\xb9", 0), 0u) << "cut short";
}

TEST(Utf8, CutsBetweenCharacters) {
  const std::string s = "A\xc3\x84\xc3\x84";  // A Ä Ä: 5 bytes
  EXPECT_EQ(utf8_cut(s, 10), 5u);
  EXPECT_EQ(utf8_cut(s, 5), 5u);
  EXPECT_EQ(utf8_cut(s, 4), 3u) << "the second Ä would be cut in two";
  EXPECT_EQ(utf8_cut(s, 3), 3u);
  EXPECT_EQ(utf8_cut(s, 2), 1u);
  EXPECT_EQ(utf8_cut("ABCDEF", 4), 4u);
  EXPECT_EQ(utf8_cut("\x84\x84\x84\x84\x84", 3), 3u) << "not UTF-8 at all: cut as is";
}

namespace {

std::vector<std::string> decode_json(const std::string& csv) {
  std::vector<std::string> lines;
  seawarden::ais::Reader r([&](const seawarden::ais::Received& m) {
    std::string out;
    seawarden::ais::append_json(m, seawarden::ais::JsonOptions{}, out);
    lines.push_back(out);
  });
  r.feed(csv);
  r.finish();
  return lines;
}

}  // namespace

TEST(Utf8, DecodedNamesAreValidJson) {
  // A + ten Ä is 21 bytes: a ship name keeps 20, which would end inside the tenth Ä. A Latin-1
  // name (DMA exports have them) is not UTF-8 at all.
  const std::string csv =
      "MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,Length,Width,"
      "Draft,Cargo,TransceiverClass\n"
      "219000001,2023-01-11T00:00:00,56.1,10.2,8.8,272.7,270.0,A\xc3\x84\xc3\x84\xc3\x84\xc3\x84\xc3\x84\xc3\x84"
      "\xc3\x84\xc3\x84\xc3\x84\xc3\x84,IMO9307839,OXAB2,70,0,100,20,5.0,,A\n"
      "219000002,2023-01-11T00:00:00,56.1,10.2,8.8,272.7,270.0,\xc5RHUS \xe6\xf8,IMO9074729,OXAB3,70,0,100,20,5.0,,A\n";
  const auto lines = decode_json(csv);
  std::vector<std::string> names;
  for (const std::string& line : lines) {
    nlohmann::json j;
    ASSERT_NO_THROW(j = nlohmann::json::parse(line)) << line;  // throws on invalid UTF-8
    if (j.contains("shipname")) names.push_back(j["shipname"].get<std::string>());
  }
  ASSERT_EQ(names.size(), 2u);
  EXPECT_EQ(names[0], "A\xc3\x84\xc3\x84\xc3\x84\xc3\x84\xc3\x84\xc3\x84\xc3\x84\xc3\x84\xc3\x84")
      << "nine whole Ä, not a tenth cut in two";
  EXPECT_EQ(names[1], "\xef\xbf\xbdRHUS \xef\xbf\xbd\xef\xbf\xbd") << "each Latin-1 byte a U+FFFD";
}

TEST(Utf8, TrackTextKeepsWholeCharacters) {
  seawarden::track::FixedText<20> t;
  t.assign("a\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4");  // a + ten ä
  EXPECT_EQ(t.view(), "A\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4");
  t.set("\xea\xb9\x80\xea\xb9\x80\xea\xb9\x80\xea\xb9\x80\xea\xb9\x80\xea\xb9\x80\xea\xb9\x80");  // 21 bytes
  EXPECT_EQ(t.view().size(), 18u) << "six whole 김, not a seventh cut";
}
