// Fuzzes every list parser with the same bytes: none may crash, hang or leak; bad input
// must end in ListLoadError (or load what is well formed).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "screen/lists.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace scr = seawarden::screen;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)scr::detect_format(text);
  for (auto f : {scr::ListFormat::un_xml, scr::ListFormat::ofac_sdn_csv, scr::ListFormat::ofac_sdn_xml,
                 scr::ListFormat::ofac_advanced_xml, scr::ListFormat::eu_xml, scr::ListFormat::eu_csv,
                 scr::ListFormat::eu_regulation_csv, scr::ListFormat::uk_ofsi_csv,
                 scr::ListFormat::uk_sanctions_list_csv, scr::ListFormat::uk_sanctions_list_xml,
                 scr::ListFormat::ftm_json}) {
    try {
      (void)scr::parse_list(text, f, "fuzz", text, text);
    } catch (const scr::ListLoadError&) {
    }
  }
  return 0;
}
