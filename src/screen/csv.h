// Minimal RFC 4180 CSV reader (quoted fields, doubled quotes, CRLF) for the list loaders.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace seawarden::screen {

class CsvReader {
 public:
  explicit CsvReader(std::string_view text, char separator = ',') : text_(text), sep_(separator) {}
  // Reads the next record; false at the end. Throws std::runtime_error on an unterminated quote.
  bool next(std::vector<std::string>& fields);
  size_t line() const { return line_; }  // 1-based line where the last record started

 private:
  std::string_view text_;
  size_t pos_ = 0, line_ = 0, next_line_ = 1;
  char sep_;
};

// Removes a UTF-8 byte order mark and a trailing DOS end-of-file mark (0x1A).
std::string_view strip_bom(std::string_view text);
std::string trim(std::string_view s);

}  // namespace seawarden::screen
