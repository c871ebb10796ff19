// FixedText::assign, the canonical form of broadcast names, call signs and destinations.
#include <random>
#include <string>

#include <gtest/gtest.h>

#include "track/observation.h"

using namespace seawarden::track;

namespace {

// The rule, written as plainly as possible: blanks (space, '@', control characters) trimmed at
// both ends, inner runs of blanks one space, lower-case ASCII letters upper-cased, cut at N; a
// UTF-8 character the cut leaves unfinished (the next byte continues it) is left out whole.
template <std::size_t N>
std::string canonical_form(const std::string& s) {
  auto blank = [](char c) { return c == ' ' || c == '@' || static_cast<unsigned char>(c) < 0x20; };
  std::size_t b = 0, e = s.size();
  while (b < e && blank(s[b])) ++b;
  while (e > b && blank(s[e - 1])) --e;
  std::string out;
  std::size_t i = b;
  for (; i < e && out.size() < N; ++i) {
    if (blank(s[i])) {
      if (!out.empty() && out.back() == ' ') continue;
      out += ' ';
    } else {
      out += (s[i] >= 'a' && s[i] <= 'z') ? static_cast<char>(s[i] - 'a' + 'A') : s[i];
    }
  }
  const auto continuation = [](char c) { return (static_cast<unsigned char>(c) & 0xc0) == 0x80; };
  if (i < e && continuation(s[i])) {
    std::size_t lead = out.size();
    while (lead > 0 && out.size() - lead < 3 && continuation(out[lead - 1])) --lead;
    if (lead > 0) {
      const auto c = static_cast<unsigned char>(out[lead - 1]);
      const std::size_t announced = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
      if (announced > out.size() - lead + 1) out.resize(lead - 1);
    }
  }
  return out;
}

template <std::size_t N>
void expect_canonical(const std::string& s) {
  FixedText<N> t;
  t.assign(s);
  ASSERT_EQ(std::string(t.view()), canonical_form<N>(s)) << '"' << s << '"';
  ASSERT_EQ(t.buf[t.len], '\0');
}

}  // namespace

TEST(FixedText, Examples) {
  expect_canonical<20>("EVER GIVEN");
  expect_canonical<20>("  ever  given@@@@@@@");
  expect_canonical<20>("@@@@@@@@@@@@@@@@@@@@");
  expect_canonical<20>("");
  expect_canonical<20>("A\tB");
  expect_canonical<7>("3FAB2");
  expect_canonical<7>("ABCDEFGHIJ");
  expect_canonical<20>("SEA  STAR");    // a double space at a word boundary
  expect_canonical<20>("SEA STAR 7 ");  // a trailing space
  expect_canonical<20>("\xC3\x89TOILE DU NORD");  // bytes >= 0x80 pass as they are
  FixedText<20> t;
  t.assign("  ever  given@@@");
  EXPECT_EQ(t.view(), "EVER GIVEN");
}

TEST(FixedText, AgreesWithTheRuleOnRandomText) {
  // Text that is canonical already and text that is not, with every kind of byte that matters
  // (spaces, '@', control characters, lower case, bytes of 0x80 and above) anywhere in it.
  const std::string palette = "ABCXYZ019-. @a`z{\x01\x1f\x7f\x80\xff\xc3\xea\xf0";  // (lead bytes too)
  std::mt19937 rng(7);
  int already = 0;
  for (int i = 0; i < 300000; ++i) {
    const std::size_t len = rng() % 27;
    std::string s;
    for (std::size_t k = 0; k < len; ++k)
      s += rng() % 4 ? "ABCDEFGHIJ"[rng() % 10] : palette[rng() % palette.size()];
    if (rng() % 3 == 0) s = canonical_form<24>(s);  // canonical inputs, also longer than 7 and 20
    already += canonical_form<24>(s) == s;
    expect_canonical<20>(s);
    expect_canonical<7>(s);
    if (HasFatalFailure()) return;
  }
  EXPECT_GT(already, 80000);  // the generator gives both kinds often
  EXPECT_GT(300000 - already, 80000);
}
