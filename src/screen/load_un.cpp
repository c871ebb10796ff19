// UN Security Council consolidated list XML (https://scsanctions.un.org/resources/xml/en/consolidated.xml).
#include <pugixml.hpp>

#include "screen/csv.h"
#include "screen/identifiers.h"
#include "screen/loaders.h"

namespace seawarden::screen::detail {
namespace {

std::string child_text(const pugi::xml_node& n, const char* name) { return trim(n.child_value(name)); }

NameQuality un_quality(const std::string& q) {
  if (q == "Low") return NameQuality::weak;
  if (q == "f.k.a.") return NameQuality::former;
  return NameQuality::good;  // "Good", "a.k.a."
}

void read_common(const pugi::xml_node& n, Entity& e, bool individual) {
  e.list = "un";
  e.id = child_text(n, "REFERENCE_NUMBER");
  if (e.id.empty()) e.id = "DATAID:" + child_text(n, "DATAID");
  std::string name;
  for (const char* part : {"FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"}) {
    std::string p = child_text(n, part);
    if (p.empty()) continue;
    if (!name.empty()) name += ' ';
    name += p;
  }
  e.name = name;
  add_unique(e.programs, child_text(n, "UN_LIST_TYPE"));
  e.listed_on = iso_date(child_text(n, "LISTED_ON"));
  e.remarks = child_text(n, "COMMENTS1");
  std::string original = child_text(n, "NAME_ORIGINAL_SCRIPT");
  if (!original.empty()) add_alias(e, original, NameQuality::good);
  for (auto v : n.child("NATIONALITY").children("VALUE")) add_unique(e.nationalities, v.text().get());
  const char* alias_tag = individual ? "INDIVIDUAL_ALIAS" : "ENTITY_ALIAS";
  for (auto a : n.children(alias_tag)) {
    std::string alias = child_text(a, "ALIAS_NAME");
    if (!alias.empty()) add_alias(e, alias, un_quality(child_text(a, "QUALITY")));
  }
  const char* address_tag = individual ? "INDIVIDUAL_ADDRESS" : "ENTITY_ADDRESS";
  for (auto a : n.children(address_tag)) {
    std::string addr;
    for (const char* part : {"STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY"}) {
      std::string p = child_text(a, part);
      if (p.empty()) continue;
      if (!addr.empty()) addr += ", ";
      addr += p;
    }
    add_unique(e.addresses, addr);
  }
  if (individual) {
    for (auto d : n.children("INDIVIDUAL_DATE_OF_BIRTH")) {
      std::string date = child_text(d, "DATE"), year = child_text(d, "YEAR");
      std::string from = child_text(d, "FROM_YEAR"), to = child_text(d, "TO_YEAR");
      if (!date.empty()) add_unique(e.birth_dates, date.substr(0, 10));
      else if (!year.empty()) add_unique(e.birth_dates, year);
      else if (!from.empty()) add_unique(e.birth_dates, from + "/" + to);
    }
    for (auto d : n.children("INDIVIDUAL_DOCUMENT")) {
      std::string type = child_text(d, "TYPE_OF_DOCUMENT"), number = child_text(d, "NUMBER");
      if (number.empty()) continue;
      std::string kind = type.find("assport") != std::string::npos ? "passport"
                         : type.find("dentification") != std::string::npos ? "national_id"
                                                                             : "other";
      std::string country = child_text(d, "ISSUING_COUNTRY");
      if (country.empty()) country = child_text(d, "COUNTRY_OF_ISSUE");
      e.identifiers.push_back({kind, number, country});
    }
  }
  // UN entities quote IMO *company* numbers in their comments ("IMO number: 5571322").
  extract_identifiers(e.remarks, e.identifiers, /*company_context=*/!individual);
}

}  // namespace

std::vector<Entity> parse_un_xml(std::string_view text, const std::string& where) {
  pugi::xml_document doc;
  pugi::xml_parse_result r = doc.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!r) xml_error(text, where, static_cast<size_t>(r.offset), r.description());
  auto root = doc.child("CONSOLIDATED_LIST");
  if (!root) throw ListLoadError(where + ": no <CONSOLIDATED_LIST> root element");
  std::vector<Entity> out;
  for (auto n : root.child("INDIVIDUALS").children("INDIVIDUAL")) {
    Entity e;
    e.type = EntityType::person;
    read_common(n, e, true);
    if (!e.name.empty()) out.push_back(std::move(e));
  }
  for (auto n : root.child("ENTITIES").children("ENTITY")) {
    Entity e;
    e.type = EntityType::organization;
    read_common(n, e, false);
    if (!e.name.empty()) out.push_back(std::move(e));
  }
  return out;
}

}  // namespace seawarden::screen::detail
