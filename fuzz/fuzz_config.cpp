// Fuzzes detect::parse_config, the reader of the detection settings (`--config FILE`, TOML):
// any text must end in std::runtime_error or in settings that a pipeline runs with, on zones
// and a sanctions list, without crashing or running away (an accepted setting is within the
// bounds validate() gives it). Found by hand before this target: an encounter radius of inf
// crashed the neighbour grid, and 1e7 m or a 1 ms resampling grid never finished.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string_view>

#include "detect/config.h"
#include "detect/pipeline.h"
#include "pipeline_fixture.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  seawarden::detect::Config cfg;
  try {
    cfg = seawarden::detect::parse_config(text);
  } catch (const std::runtime_error&) {
    return 0;
  }
  seawarden::detect::Pipeline p(cfg, &fuzz_fixture::zones(), &fuzz_fixture::matcher());
  fuzz_fixture::run_on(p);
  p.finish();
  return 0;
}
