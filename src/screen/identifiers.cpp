#include "screen/identifiers.h"

#include <cctype>

namespace seawarden::screen {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool imo_check_digit_ok(std::string_view d) {
  int sum = 0;
  for (int i = 0; i < 6; ++i) sum += (d[i] - '0') * (7 - i);
  return sum % 10 == d[6] - '0';
}

// Case-insensitive search for `word` in `text` starting at `from`.
size_t find_ci(std::string_view text, std::string_view word, size_t from) {
  if (word.size() > text.size()) return std::string_view::npos;
  for (size_t i = from; i + word.size() <= text.size(); ++i) {
    size_t k = 0;
    while (k < word.size() &&
           std::tolower(static_cast<unsigned char>(text[i + k])) == word[k]) ++k;
    if (k == word.size()) return i;
  }
  return std::string_view::npos;
}

// The run of digits (allowing no separators) starting at the first digit after `pos`,
// skipping at most `max_skip` non-digit characters such as ": " or " number: ".
std::string digits_after(std::string_view text, size_t pos, size_t max_skip) {
  size_t i = pos, skipped = 0;
  while (i < text.size() && !is_digit(text[i]) && skipped < max_skip) { ++i; ++skipped; }
  std::string out;
  while (i < text.size() && is_digit(text[i])) out += text[i++];
  return out;
}

void add_unique(std::vector<Identifier>& out, std::string kind, std::string value) {
  for (const auto& id : out)
    if (id.kind == kind && id.value == value) return;
  out.push_back({std::move(kind), std::move(value), {}});
}

}  // namespace

std::string imo_digits(std::string_view text) {
  std::string d;
  for (char c : text) {
    if (is_digit(c)) d += c;
    else if (!d.empty()) break;
  }
  return d.size() == 7 ? d : std::string{};
}

bool valid_imo(std::string_view text) {
  std::string d = imo_digits(text);
  return !d.empty() && imo_check_digit_ok(d);
}

bool plausible_mmsi(std::string_view text) {
  if (text.size() != 9) return false;
  for (char c : text)
    if (!is_digit(c)) return false;
  return text[0] >= '2' && text[0] <= '7';
}

std::string canonical_call_sign(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)))
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

void extract_identifiers(std::string_view text, std::vector<Identifier>& out, bool company_context) {
  for (size_t pos = 0; (pos = find_ci(text, "imo", pos)) != std::string_view::npos; pos += 3) {
    // "IMO" must be a word of its own ("SALIMOVICH" contains "imo").
    if (pos > 0 && std::isalpha(static_cast<unsigned char>(text[pos - 1]))) continue;
    if (pos + 3 < text.size() && std::isalpha(static_cast<unsigned char>(text[pos + 3])) &&
        find_ci(text.substr(pos), "imo number", 0) != 0) continue;
    std::string d = digits_after(text, pos + 3, 12);
    if (d.size() != 7) continue;
    // Company (owner) numbers do not follow the ship check-digit rule.
    bool ship = imo_check_digit_ok(d) && !company_context;
    add_unique(out, ship ? "imo" : "imo_company", d);
  }
  for (size_t pos = 0; (pos = find_ci(text, "mmsi", pos)) != std::string_view::npos; pos += 4) {
    std::string d = digits_after(text, pos + 4, 4);
    if (d.size() == 9) add_unique(out, "mmsi", d);
  }
  for (size_t pos = 0; (pos = find_ci(text, "call sign", pos)) != std::string_view::npos; pos += 9) {
    size_t i = pos + 9;
    while (i < text.size() && (text[i] == ' ' || text[i] == ':')) ++i;
    std::string cs;
    while (i < text.size() && std::isalnum(static_cast<unsigned char>(text[i]))) cs += text[i++];
    if (cs.size() >= 3 && cs.size() <= 8) add_unique(out, "call_sign", canonical_call_sign(cs));
  }
}

}  // namespace seawarden::screen
