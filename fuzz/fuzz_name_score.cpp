// Fuzzes the name normalizer and the pair score: any bytes (invalid UTF-8, huge names,
// every script) must give a score in [0,1] without crashing.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "screen/normalize.h"
#include "screen/score.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace scr = seawarden::screen;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  size_t cut = size / 2;
  std::string_view a = text.substr(0, cut), b = text.substr(cut);
  (void)scr::fold_name(text);
  scr::ScoreExplanation why;
  float s = scr::score_pair(a, b, &why);
  if (!(s >= 0.0f && s <= 1.0f)) std::abort();
  if (scr::score_pair(a, a) < 0.0f) std::abort();
  return 0;
}
