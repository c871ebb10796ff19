// One entity model for every sanctions list (UN, OFAC, EU, UK, OpenSanctions).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace seawarden::screen {

enum class EntityType { person, organization, vessel, other };

// How much a listed name can be trusted: the lists mark some aliases "low quality"
// (UN), "weak" (OFAC, OpenSanctions) or as former names (f.k.a.).
enum class NameQuality { primary, good, weak, former };

struct ListedName {
  std::string text;
  NameQuality quality = NameQuality::good;
};

// Identifier kinds: "imo" (ship IMO number), "imo_company" (IMO company/owner number),
// "mmsi", "call_sign", "passport", "national_id", "registration", "other".
struct Identifier {
  std::string kind;
  std::string value;
  std::string note;  // issuing country or free text from the list
};

struct Entity {
  std::string list;                   // "un", "ofac", "eu", "uk", "opensanctions"
  std::string id;                     // the list's own id (KPi.033, ent_num, ...)
  EntityType type = EntityType::other;
  std::vector<std::string> programs;  // DPRK, NPWMD, EU-PRK, ...
  std::string name;                   // primary name
  std::vector<ListedName> aliases;    // all other names, with their quality
  std::vector<Identifier> identifiers;
  std::vector<std::string> flags;     // vessel flags (current first)
  std::vector<std::string> nationalities;
  std::vector<std::string> birth_dates;  // as listed (YYYY, YYYY-MM-DD, ranges)
  std::vector<std::string> addresses;
  std::string listed_on;              // ISO date when known
  std::string remarks;

  // All names, primary first.
  std::vector<ListedName> all_names() const;
  // First identifier of a kind, or empty.
  std::string identifier(std::string_view kind) const;
};

std::string_view to_string(EntityType t);
std::string_view to_string(NameQuality q);
// "person", "individual" -> person; "organization", "entity", "company", "legalentity" ->
// organization; "vessel" -> vessel. Returns false when not recognised.
bool parse_entity_type(std::string_view text, EntityType& out);

}  // namespace seawarden::screen
