#include "screen/normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unistr.h>

#include <memory>

namespace seawarden::screen {
namespace {

// Revised Romanization jamo, without sound-change rules: list spellings rarely apply them.
constexpr const char* kInitials[19] = {"g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s",
                                       "ss", "", "j", "jj", "ch", "k", "t", "p", "h"};
constexpr const char* kMedials[21] = {"a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae",
                                      "oe", "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i"};
constexpr const char* kFinals[28] = {"", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l",
                                     "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"};

bool is_hangul_syllable(UChar32 c) { return c >= 0xAC00 && c <= 0xD7A3; }

void append_hangul(UChar32 c, std::string& out) {
  int s = c - 0xAC00;
  out += kInitials[s / (21 * 28)];
  out += kMedials[(s % (21 * 28)) / 28];
  out += kFinals[s % 28];
}

struct Transliterators {
  std::unique_ptr<icu::Transliterator> to_latin;
  const icu::Normalizer2* nfkc = nullptr;
  Transliterators() {
    UErrorCode status = U_ZERO_ERROR;
    UParseError pe;
    to_latin.reset(icu::Transliterator::createInstance(
        "Russian-Latin/BGN; Any-Latin; Latin-ASCII; Any-Lower", UTRANS_FORWARD, pe, status));
    if (U_FAILURE(status)) to_latin.reset();
    status = U_ZERO_ERROR;
    nfkc = icu::Normalizer2::getNFKCInstance(status);
    if (U_FAILURE(status)) nfkc = nullptr;
  }
};

Transliterators& transliterators() {
  thread_local Transliterators t;  // ICU transliterators are not safe to share across threads
  return t;
}

// Keeps [a-z0-9]; drops apostrophes; anything else becomes one separating space.
void append_folded_ascii(std::string_view text, std::string& out) {
  for (char ch : text) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c >= 'A' && c <= 'Z') out += static_cast<char>(c + 32);
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += static_cast<char>(c);
    else if (c == '\'' || c == '`') continue;
    else if (!out.empty() && out.back() != ' ') out += ' ';
  }
}

std::string_view clip_utf8(std::string_view s, size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  size_t n = max_bytes;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;  // continuation byte
  return s.substr(0, n);
}

// Soviet-Korean Cyrillic spellings (after BGN) mapped to McCune-Reischauer.
void korean_from_cyrillic(std::vector<std::string>& tokens) {
  static const std::pair<const char*, const char*> kMap[] = {
      {"chen", "jong"}, {"yn", "un"}, {"chkhve", "choe"}, {"chve", "choe"}, {"ir", "il"},
      {"sen", "song"}, {"khan", "han"}, {"pen", "pyong"}, {"khyon", "hyon"}, {"khi", "hui"},
      {"chkhol", "chol"}, {"chol", "chol"}, {"yen", "yon"}, {"ten", "jong"}};
  static const char* kSurnames[] = {"kim", "pak", "li", "ri", "chkhve", "chve", "chon", "chen",
                                    "khan", "yun", "kan", "o", "ryu", "rim", "pen", "son", "sin"};
  bool korean = false;
  for (const char* s : kSurnames)
    if (!tokens.empty() && (tokens.front() == s || tokens.back() == s)) korean = true;
  if (!korean) return;
  for (auto& t : tokens)
    for (auto& [from, to] : kMap)
      if (t == from) { t = to; break; }
}

}  // namespace

std::string fold_name(std::string_view utf8) {
  utf8 = clip_utf8(utf8, kMaxNameBytes);
  std::string out;
  out.reserve(utf8.size());
  bool ascii = true;
  for (char c : utf8)
    if (static_cast<unsigned char>(c) >= 0x80) { ascii = false; break; }
  if (ascii) {
    append_folded_ascii(utf8, out);
  } else {
    auto& tr = transliterators();
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
    if (tr.nfkc) {
      UErrorCode status = U_ZERO_ERROR;
      icu::UnicodeString n = tr.nfkc->normalize(text, status);
      if (U_SUCCESS(status)) text = n;
    }
    // Hangul by hand (one token per syllable); the rest through ICU.
    icu::UnicodeString rest;
    bool cyrillic = false;
    std::string latin;
    auto flush_rest = [&] {
      if (rest.isEmpty()) return;
      if (tr.to_latin) tr.to_latin->transliterate(rest);
      std::string piece;
      rest.toUTF8String(piece);
      latin += piece;
      rest.remove();
    };
    for (int32_t i = 0; i < text.length();) {
      UChar32 c = text.char32At(i);
      i += U16_LENGTH(c);
      if (is_hangul_syllable(c)) {
        flush_rest();
        latin += ' ';
        append_hangul(c, latin);
        latin += ' ';
      } else {
        if (c == 0xFFFD) c = ' ';
        UErrorCode status = U_ZERO_ERROR;
        if (uscript_getScript(c, &status) == USCRIPT_CYRILLIC) cyrillic = true;
        rest.append(c);
      }
    }
    flush_rest();
    // Whatever ICU left outside ASCII (unknown scripts, modifier letters) is dropped.
    std::string ascii_only;
    for (char c : latin)
      if (static_cast<unsigned char>(c) < 0x80) ascii_only += c;
      else if (!ascii_only.empty() && ascii_only.back() != ' ') ascii_only += ' ';
    append_folded_ascii(ascii_only, out);
    if (cyrillic) {
      std::vector<std::string> toks;
      size_t start = 0;
      while (start < out.size()) {
        size_t end = out.find(' ', start);
        if (end == std::string::npos) end = out.size();
        if (end > start) toks.emplace_back(out.substr(start, end - start));
        start = end + 1;
      }
      korean_from_cyrillic(toks);
      out.clear();
      for (auto& t : toks) { if (!out.empty()) out += ' '; out += t; }
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::vector<std::string> name_tokens(std::string_view utf8) {
  std::string folded = fold_name(utf8);
  std::vector<std::string> tokens;
  size_t start = 0;
  while (start < folded.size() && tokens.size() < kMaxNameTokens) {
    size_t end = folded.find(' ', start);
    if (end == std::string::npos) end = folded.size();
    if (end > start) tokens.emplace_back(folded.substr(start, end - start));
    start = end + 1;
  }
  return tokens;
}

}  // namespace seawarden::screen
