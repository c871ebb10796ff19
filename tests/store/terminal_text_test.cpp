// terminal_safe: text from outside printed on a terminal never carries a control sequence.
#include <gtest/gtest.h>

#include <string>

#include "store/terminal_text.h"

namespace seawarden::store {
// Named: the test files are compiled several to a unit (tests/CMakeLists.txt).
namespace terminal_text_test {
namespace {

using namespace std::string_literals;

// No byte a terminal acts on: C0 (newline aside, terminal_safe escapes that too), DEL, C1 as a
// raw byte, C1 as UTF-8 (C2 80..C2 9F).
bool has_control(const std::string& s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7f) return true;
    if (c == 0xc2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) < 0xa0) return true;
  }
  return false;
}

TEST(TerminalSafe, PrintableAsciiIsKept) {
  EXPECT_EQ(terminal_safe(""), "");
  EXPECT_EQ(terminal_safe("SEA STAR 7 (IMO 9074729) <b>&amp;</b> =1+1 a\\b"), "SEA STAR 7 (IMO 9074729) <b>&amp;</b> =1+1 a\\b");
}

TEST(TerminalSafe, C0ControlsAndDelAreEscaped) {
  EXPECT_EQ(terminal_safe("\x1b[31mRED\x1b]0;title\x07"), "\\x1b[31mRED\\x1b]0;title\\x07");
  EXPECT_EQ(terminal_safe("a\nb\rc\td"), "a\\x0ab\\x0dc\\x09d");
  EXPECT_EQ(terminal_safe("nul\0end"s), "nul\\x00end");
  EXPECT_EQ(terminal_safe("\x01\x1f"), "\\x01\\x1f");
  EXPECT_EQ(terminal_safe("del\x7f"), "del\\x7f");
}

TEST(TerminalSafe, C1ControlsAreEscapedRawAndUtf8Encoded) {
  // Raw bytes 0x80..0x9f are not UTF-8 on their own; an 8-bit terminal takes 0x9b for CSI.
  EXPECT_EQ(terminal_safe("x\x9b" "31my"), "x\\x9b31my");
  EXPECT_EQ(terminal_safe("\x80\x9f"), "\\x80\\x9f");
  // U+009B (CSI), U+0085 (NEL), U+0080 and U+009F encoded in UTF-8.
  EXPECT_EQ(terminal_safe("x\xc2\x9b" "31my"), "x\\u009b31my");
  EXPECT_EQ(terminal_safe("\xc2\x85\xc2\x80\xc2\x9f"), "\\u0085\\u0080\\u009f");
  // U+00A0 and above are text.
  EXPECT_EQ(terminal_safe("\xc2\xa0\xc2\xbf"), "\xc2\xa0\xc2\xbf");
}

TEST(TerminalSafe, ValidMultibyteUtf8IsKept) {
  const std::string korean = "\xeb\x8c\x80\xed\x95\x9c \xed\x95\xb4\xec\x9a\xb4 7\xed\x98\xb8";  // "대한 해운 7호"
  EXPECT_EQ(terminal_safe(korean), korean);
  const std::string mixed = "S\xc3\xa9oul \xe5\xa4\xa7\xe8\xbf\x9e \xf0\x9f\x9a\xa2 \xef\xbf\xbd";  // Séoul 大连 🚢 U+FFFD
  EXPECT_EQ(terminal_safe(mixed), mixed);
  EXPECT_EQ(terminal_safe("\xf4\x8f\xbf\xbf"), "\xf4\x8f\xbf\xbf");  // U+10FFFF, the last code point
}

TEST(TerminalSafe, InvalidUtf8BytesAreEscaped) {
  EXPECT_EQ(terminal_safe("\xff\xfe" "BAD"), "\\xff\\xfeBAD");
  EXPECT_EQ(terminal_safe("cut \xe3\x81"), "cut \\xe3\\x81");              // truncated at the end
  EXPECT_EQ(terminal_safe("\xe3\x81 x"), "\\xe3\\x81 x");                  // truncated before ASCII
  EXPECT_EQ(terminal_safe("\xc0\xaf"), "\\xc0\\xaf");                      // overlong '/'
  EXPECT_EQ(terminal_safe("\xe0\x80\x9b"), "\\xe0\\x80\\x9b");             // overlong CSI
  EXPECT_EQ(terminal_safe("\xed\xa0\x80"), "\\xed\\xa0\\x80");             // surrogate U+D800
  EXPECT_EQ(terminal_safe("\xf4\x90\x80\x80"), "\\xf4\\x90\\x80\\x80");    // above U+10FFFF
  EXPECT_EQ(terminal_safe("\xf5\x80"), "\\xf5\\x80");
  // A lead byte followed by a C1 control in UTF-8: the lead byte alone is escaped, then the control.
  EXPECT_EQ(terminal_safe("\xe3\xc2\x9b"), "\\xe3\\u009b");
}

TEST(TerminalSafe, NothingAnyByteStringLeavesForTheTerminal) {
  std::string all;
  for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
  all += "\xc2\x80\xc2\x9b\xc2\x9f";
  EXPECT_TRUE(has_control(all));
  EXPECT_FALSE(has_control(terminal_safe(all)));
}

TEST(Utf8SequenceLength, WellFormedAndMalformed) {
  EXPECT_EQ(utf8_sequence_length("a", 0), 1u);
  EXPECT_EQ(utf8_sequence_length("\xc3\xa9", 0), 2u);
  EXPECT_EQ(utf8_sequence_length("\xed\x95\x9c", 0), 3u);
  EXPECT_EQ(utf8_sequence_length("\xf0\x9f\x9a\xa2", 0), 4u);
  EXPECT_EQ(utf8_sequence_length("\x9b", 0), 0u);
  EXPECT_EQ(utf8_sequence_length("\xc3", 0), 0u);
  EXPECT_EQ(utf8_sequence_length("\xc1\xbf", 0), 0u);
  EXPECT_EQ(utf8_sequence_length("\xed\xbf\xbf", 0), 0u);
  EXPECT_EQ(utf8_sequence_length("\xf0\x8f\xbf\xbf", 0), 0u);
  EXPECT_EQ(utf8_sequence_length("x\xc3\xa9", 1), 2u);
}

}  // namespace
}  // namespace terminal_text_test
}  // namespace seawarden::store
