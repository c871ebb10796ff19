// CSV output of `seawarden decode --format csv`: one header line, then one row per
// position or static-data message (types 1-5, 9, 11, 18, 19, 21, 24, 27); other
// types have no row. Columns are documented in docs/decode-csv.md.
#pragma once

#include <string>

#include "ais/message.h"

namespace seawarden::ais {

struct CsvWriterOptions {
  bool scaled = true;  // degrees / knots / metres; false: the raw integers of the message
};

// The header line (with newline).
void append_csv_header(const CsvWriterOptions& opt, std::string& out);

// Appends one row (with newline) and returns true, or returns false and appends
// nothing for message types that have no row.
bool append_csv_row(const Received& rec, const CsvWriterOptions& opt, std::string& out);

}  // namespace seawarden::ais
