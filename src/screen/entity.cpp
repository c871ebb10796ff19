#include "screen/entity.h"

#include <algorithm>
#include <cctype>

namespace seawarden::screen {

std::vector<ListedName> Entity::all_names() const {
  std::vector<ListedName> out;
  out.reserve(aliases.size() + 1);
  if (!name.empty()) out.push_back({name, NameQuality::primary});
  out.insert(out.end(), aliases.begin(), aliases.end());
  return out;
}

std::string Entity::identifier(std::string_view kind) const {
  for (const auto& id : identifiers)
    if (id.kind == kind) return id.value;
  return {};
}

std::string_view to_string(EntityType t) {
  switch (t) {
    case EntityType::person: return "person";
    case EntityType::organization: return "organization";
    case EntityType::vessel: return "vessel";
    default: return "other";
  }
}

std::string_view to_string(NameQuality q) {
  switch (q) {
    case NameQuality::primary: return "primary";
    case NameQuality::good: return "good";
    case NameQuality::weak: return "weak";
    default: return "former";
  }
}

bool parse_entity_type(std::string_view text, EntityType& out) {
  std::string t;
  for (char c : text)
    if (std::isalpha(static_cast<unsigned char>(c))) t += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (t == "person" || t == "individual") { out = EntityType::person; return true; }
  if (t == "organization" || t == "organisation" || t == "entity" || t == "company" ||
      t == "legalentity" || t == "org") { out = EntityType::organization; return true; }
  if (t == "vessel" || t == "ship") { out = EntityType::vessel; return true; }
  return false;
}

}  // namespace seawarden::screen
