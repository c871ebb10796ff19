// Fuzzes Pipeline::load_state, the parser of the saved pipeline state (a store's
// pipeline_state row, a --load-state file): any bytes must end in std::runtime_error or in
// a pipeline that runs on (messages, pause, save, finish) without crashing. A state that
// loads must save to a blob that loads again. (Not compared byte for byte: structs are saved
// in their native layout, padding included.)
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <string_view>

#include "detect/config.h"
#include "detect/pipeline.h"
#include "pipeline_fixture.h"

using fuzz_fixture::matcher;
using fuzz_fixture::run_on;
using fuzz_fixture::zones;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using seawarden::detect::Pipeline;
  const seawarden::detect::Config cfg;
  const std::string_view blob(reinterpret_cast<const char*>(data), size);
  std::string saved;
  {
    Pipeline p(cfg, &zones(), &matcher());
    try {
      p.load_state(blob);
    } catch (const std::runtime_error&) {
      return 0;
    }
    saved = p.save_state();
    run_on(p);
    p.pause();
    (void)p.save_state();
    p.finish();
  }
  Pipeline q(cfg, &zones(), &matcher());
  q.load_state(saved);  // what a pipeline wrote must load (throws: a finding)
  run_on(q);
  q.finish();
  return 0;
}
