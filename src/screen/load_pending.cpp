// Formats whose parsers are being written; they refuse clearly instead of guessing.
#include "screen/loaders.h"

namespace seawarden::screen::detail {
namespace {
[[noreturn]] void pending(const std::string& where, const char* what) {
  throw ListLoadError(where + ": " + what + " is recognised but not loadable in this build yet");
}
}  // namespace
std::vector<Entity> parse_ofac_xml(std::string_view, const std::string& w) { pending(w, "OFAC SDN XML"); }
std::vector<Entity> parse_ofac_advanced_xml(std::string_view, const std::string& w) { pending(w, "OFAC SDN advanced XML"); }
std::vector<Entity> parse_eu_xml(std::string_view, const std::string& w) { pending(w, "EU XML"); }
std::vector<Entity> parse_eu_csv(std::string_view, const std::string& w) { pending(w, "EU CSV"); }
std::vector<Entity> parse_uk_ofsi_csv(std::string_view, const std::string& w) { pending(w, "OFSI CSV"); }
std::vector<Entity> parse_uk_sanctions_list_csv(std::string_view, const std::string& w) { pending(w, "UK Sanctions List CSV"); }
std::vector<Entity> parse_uk_sanctions_list_xml(std::string_view, const std::string& w) { pending(w, "UK Sanctions List XML"); }
std::vector<Entity> parse_ftm_json(std::string_view, const std::string& w) { pending(w, "FollowTheMoney JSON"); }
}  // namespace seawarden::screen::detail
