// Events <-> JSON lines (the `detect` output contract; also used for simulated ground truth).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "detect/event.h"

namespace seawarden::detect {

// "2024-05-09T03:10:00Z" (milliseconds shown only when non-zero: "...:00.250Z").
std::string format_time_utc(std::int64_t t_ms);
// Parses ISO-8601 UTC ("2024-05-09T03:10:00Z", fractional seconds and "+00:00" accepted).
// Throws std::invalid_argument.
std::int64_t parse_time_utc(std::string_view text);

// One JSON object, no trailing newline: kind, start, end, vessels, lat, lon, then the
// kind-specific fields (alphabetical, as nlohmann::json keeps them).
std::string to_json_line(const Event& event);

// A number as event output writes it: the shortest digits that read back as the same double
// (nlohmann::json's own writer sometimes gives 17: 37.553172000000004), a point kept on whole
// values ("38.0"), null when not finite.
std::string json_number(double v);
// Any JSON value in that form (compact, invalid UTF-8 replaced); objects in key order.
void append_json(std::string& out, const nlohmann::json& value);

// The inverse of to_json_line. Throws std::invalid_argument when a required key is missing.
Event event_from_json(const nlohmann::json& object);

// Output order: start time, then end time, kind, vessels.
bool event_before(const Event& a, const Event& b);

}  // namespace seawarden::detect
