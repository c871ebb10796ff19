// gpsd-compatible JSON (scaled as gpsd does by default, or raw like `gpsdecode -u`).
#pragma once

#include <string>

#include "ais/message.h"

namespace seawarden::ais {

struct JsonOptions {
  bool scaled = true;
  bool with_meta = true;  // rxtime (ISO-8601 UTC) and station when known
};

// Appends one JSON object (no newline) for the message to `out`.
void append_json(const Received& rec, const JsonOptions& opt, std::string& out);

}  // namespace seawarden::ais
