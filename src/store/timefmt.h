// ISO-8601 UTC times for the store's inputs and outputs ("2024-05-09T03:10:00Z").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace seawarden::store {

// "YYYY-MM-DDTHH:MM:SSZ" (milliseconds shown only when not whole seconds).
std::string iso_utc(std::int64_t t_ms);
// Parses "YYYY-MM-DD", "YYYY-MM-DDTHH:MM", "YYYY-MM-DDTHH:MM:SS[.fff][Z]" (also with a
// space instead of T) or an integer of epoch seconds. nullopt when malformed.
std::optional<std::int64_t> parse_time(std::string_view text);
// The current wall-clock time as iso_utc.
std::string now_iso();

}  // namespace seawarden::store
