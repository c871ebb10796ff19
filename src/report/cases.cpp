// Which findings get a case page of their own: every finding except routine zone visits.
#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include "detect/zones.h"
#include "report/report.h"

namespace seawarden::report {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Words of the text (letters and digits), lower-cased.
bool has_word(const std::string& text, std::string_view word) {
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && !std::isalnum(static_cast<unsigned char>(text[i]))) ++i;
    std::size_t j = i;
    while (j < text.size() && std::isalnum(static_cast<unsigned char>(text[j]))) ++j;
    if (j > i && std::string_view(text).substr(i, j - i) == word) return true;
    i = j;
  }
  return false;
}

}  // namespace

bool zone_of_interest(std::string_view id, std::string_view name, std::string_view kind) {
  if (!detect::is_port_kind(kind)) return true;  // only ports and anchorages are routine
  const std::string text = lower(id) + " " + lower(name) + " " + lower(kind);
  // A zone file can mark any zone: these words in its id, name or kind.
  static constexpr std::array<std::string_view, 8> kMarkers{"sensitive", "interest", "watch", "sanction",
                                                            "restricted", "prohibited", "dprk", "north korea"};
  for (auto m : kMarkers)
    if (text.find(m) != std::string::npos) return true;
  // The DPRK by its ISO codes as a word ("anch-kp-1", "KP port"), and its seaports by name:
  // a port call there is the core of the sanctions case, never routine.
  static constexpr std::array<std::string_view, 16> kWords{
      "kp",      "prk",    "nampo",    "tanchon", "songnim", "haeju",  "chongjin", "rajin",
      "najin",   "rason",  "hungnam",  "wonsan", "kimchaek", "sinpo", "sinuiju",  "ryongampo"};
  return std::any_of(kWords.begin(), kWords.end(), [&](std::string_view w) { return has_word(text, w); });
}

bool has_case_page(const store::StoredEvent& e) {
  if (e.event.kind != "zone_visit") return true;
  nlohmann::json parsed;
  const nlohmann::json* f = &e.event.fields;
  if (f->empty() && !e.fields_json.empty()) {  // listed without parsing its fields
    parsed = nlohmann::json::parse(e.fields_json, nullptr, false);
    if (!parsed.is_object()) return true;
    f = &parsed;
  }
  auto get = [&](const char* key) -> std::string {
    auto it = f->find(key);
    return it != f->end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  const std::string kind = get("zone_kind");
  if (kind.empty()) return true;  // unknown zone kind: keep the page
  return zone_of_interest(get("zone"), get("zone_name"), kind);
}

}  // namespace seawarden::report
