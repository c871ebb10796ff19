#include "screen/csv.h"

#include <stdexcept>
#include <string>

namespace seawarden::screen {

bool CsvReader::next(std::vector<std::string>& fields) {
  fields.clear();
  if (pos_ >= text_.size()) return false;
  line_ = next_line_;
  std::string field;
  bool quoted = false, field_started_quoted = false;
  while (pos_ < text_.size()) {
    char c = text_[pos_++];
    if (quoted) {
      if (c == '"') {
        if (pos_ < text_.size() && text_[pos_] == '"') { field += '"'; ++pos_; }
        else quoted = false;
      } else {
        if (c == '\n') ++next_line_;
        field += c;
      }
    } else if (c == '"' && (field.empty() || field_started_quoted == false)) {
      // A quote opens quoting at the start of a field; OFAC writes -0- and quotes mixed.
      if (field.empty() || std::string_view(field).find_first_not_of(' ') == std::string::npos) {
        field.clear();
        quoted = true;
        field_started_quoted = true;
      } else {
        field += c;
      }
    } else if (c == sep_) {
      fields.push_back(std::move(field));
      field.clear();
      field_started_quoted = false;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
      ++next_line_;
      break;
    } else {
      field += c;
    }
  }
  if (quoted) throw std::runtime_error("unterminated quoted field starting on line " + std::to_string(line_));
  fields.push_back(std::move(field));
  return true;
}

std::string_view strip_bom(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  while (!text.empty() && (text.back() == '\x1A' || text.back() == '\n' || text.back() == '\r'))
    text.remove_suffix(1);
  return text;
}

std::string trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r' || s[b] == '\n')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r' || s[e - 1] == '\n')) --e;
  return std::string(s.substr(b, e - b));
}

}  // namespace seawarden::screen
