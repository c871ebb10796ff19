// Turns a Scenario into the NMEA feed (streamed, time-windowed) while feeding the truth
// recorder with exactly what was delivered.
#pragma once

#include <cstdio>

#include "sim/scenario.h"
#include "sim/simulator.h"
#include "sim/truth.h"

namespace seawarden::sim {

// Writes the feed to `out`; fills the counters of `result`.
void emit_feed(const Scenario& sc, std::FILE* out, TruthRecorder& truth, ScenarioResult& result);

}  // namespace seawarden::sim
