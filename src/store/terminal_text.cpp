#include "store/terminal_text.h"

#include "ais/utf8.h"

namespace seawarden::store {

std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
  return static_cast<unsigned char>(s[i]) < 0x80 ? 1 : ais::utf8_sequence_length(s, i);
}

std::string terminal_safe(std::string_view s) {
  static const char* kHex = "0123456789abcdef";
  std::size_t plain = 0;  // printable ASCII needs nothing
  while (plain < s.size() && s[plain] >= 0x20 && s[plain] < 0x7f) ++plain;
  std::string out(s.substr(0, plain));
  if (plain == s.size()) return out;
  out.reserve(s.size() + 8);
  auto escape = [&](const char* prefix, unsigned char v) {
    out += prefix;
    out += kHex[v >> 4];
    out += kHex[v & 15];
  };
  for (std::size_t i = plain; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    const std::size_t n = utf8_sequence_length(s, i);
    if (n == 1 || n == 0) {  // a C0 control or DEL; or a byte outside well-formed UTF-8
      escape("\\x", c);
      ++i;
    } else if (n == 2 && c == 0xc2 && static_cast<unsigned char>(s[i + 1]) < 0xa0) {  // U+0080..U+009F
      escape("\\u00", static_cast<unsigned char>(s[i + 1]));
      i += 2;
    } else {
      out.append(s, i, n);
      i += n;
    }
  }
  return out;
}

}  // namespace seawarden::store
