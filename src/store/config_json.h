// The detection thresholds an ingest ran with, as JSON (stored with each ingest run so a
// report can show the thresholds behind every finding). Durations in hours or minutes.
#pragma once

#include <nlohmann/json.hpp>

#include "detect/config.h"

namespace seawarden::store {

nlohmann::json config_to_json(const detect::Config& c);

}  // namespace seawarden::store
