// OpenSanctions FollowTheMoney entities, one JSON object per line
// ({"id", "schema", "properties": {"name": [...], "alias": [...], ...}, "datasets", ...}).
// Persons, organizations (Organization, Company, LegalEntity, PublicBody) and vessels are
// loaded; Sanction entities (property "entity" -> the target's id) give the programmes;
// nested exports (targets.nested.json: properties holding objects) are read too.
#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <unordered_map>

#include "screen/csv.h"
#include "screen/identifiers.h"
#include "screen/loaders.h"

namespace seawarden::screen::detail {
namespace {

std::vector<std::string> strings(const nlohmann::json& props, const char* key) {
  std::vector<std::string> out;
  auto it = props.find(key);
  if (it == props.end() || !it->is_array()) return out;
  for (const auto& v : *it)
    if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

bool target_type(const std::string& schema, EntityType& t) {
  if (schema == "Person") t = EntityType::person;
  else if (schema == "Vessel") t = EntityType::vessel;
  else if (schema == "Organization" || schema == "Company" || schema == "LegalEntity" || schema == "PublicBody")
    t = EntityType::organization;
  else return false;
  return true;
}

void programs_from_sanction(const nlohmann::json& props, Entity& e) {
  for (const char* k : {"program", "programId"})
    for (auto& p : strings(props, k)) add_unique(e.programs, p);
  for (auto& d : strings(props, "listingDate"))
    if (e.listed_on.empty()) e.listed_on = d;
}

}  // namespace

std::vector<Entity> parse_ftm_json(std::string_view text, const std::string& where) {
  std::vector<Entity> out;
  std::unordered_map<std::string, size_t> by_id;
  std::vector<std::pair<std::string, nlohmann::json>> sanctions;  // target id, properties
  size_t line_no = 0, start = 0;
  text = strip_bom(text);
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object())
      throw ListLoadError(fmt::format("{}: line {}: not a JSON object; nothing loaded from this file", where, line_no));
    std::string schema = j.value("schema", "");
    const nlohmann::json& props = j.contains("properties") && j["properties"].is_object() ? j["properties"] : nlohmann::json::object();
    if (schema.empty() || !j.contains("id"))
      throw ListLoadError(fmt::format("{}: line {}: entity without id or schema; nothing loaded from this file", where, line_no));
    if (schema == "Sanction") {
      for (auto& target : strings(props, "entity")) sanctions.emplace_back(target, props);
      continue;
    }
    EntityType type;
    if (!target_type(schema, type)) continue;
    Entity e;
    e.list = "opensanctions";
    e.id = j["id"].is_string() ? j["id"].get<std::string>() : j["id"].dump();
    e.type = type;
    auto names = strings(props, "name");
    if (names.empty() && j.contains("caption") && j["caption"].is_string()) names.push_back(j["caption"].get<std::string>());
    if (names.empty()) continue;
    e.name = names[0];
    for (size_t i = 1; i < names.size(); ++i) add_alias(e, names[i], NameQuality::good);
    for (auto& a : strings(props, "alias")) add_alias(e, a, NameQuality::good);
    for (auto& a : strings(props, "weakAlias")) add_alias(e, a, NameQuality::weak);
    for (auto& a : strings(props, "previousName")) add_alias(e, a, NameQuality::former);
    for (auto& v : strings(props, "birthDate")) add_unique(e.birth_dates, v);
    for (auto& v : strings(props, "nationality")) add_unique(e.nationalities, v);
    for (auto& v : strings(props, "citizenship")) add_unique(e.nationalities, v);
    for (auto& v : strings(props, "address")) add_unique(e.addresses, v);
    for (auto& v : strings(props, "flag")) add_unique(e.flags, v);
    for (auto& v : strings(props, "program")) add_unique(e.programs, v);
    for (auto& v : strings(props, "passportNumber")) e.identifiers.push_back({"passport", v, ""});
    for (auto& v : strings(props, "idNumber")) e.identifiers.push_back({"national_id", v, ""});
    for (auto& v : strings(props, "registrationNumber")) e.identifiers.push_back({"registration", v, ""});
    for (auto& v : strings(props, "mmsi")) e.identifiers.push_back({"mmsi", v, ""});
    for (auto& v : strings(props, "callSign")) e.identifiers.push_back({"call_sign", canonical_call_sign(v), ""});
    for (auto& v : strings(props, "imoNumber")) {
      std::string d = imo_digits(v);
      if (!d.empty()) e.identifiers.push_back({type == EntityType::vessel && valid_imo(d) ? "imo" : "imo_company", d, ""});
    }
    for (auto& v : strings(props, "notes")) e.remarks += (e.remarks.empty() ? "" : "\n") + v;
    // Nested export: "sanctions": [{"schema": "Sanction", "properties": {...}}]
    if (auto it = props.find("sanctions"); it != props.end() && it->is_array())
      for (const auto& s : *it)
        if (s.is_object() && s.contains("properties") && s["properties"].is_object()) programs_from_sanction(s["properties"], e);
    for (auto& d : strings(props, "createdAt"))
      if (e.listed_on.empty()) e.listed_on = d.substr(0, 10);
    by_id[e.id] = out.size();
    out.push_back(std::move(e));
  }
  for (auto& [target, props] : sanctions)
    if (auto it = by_id.find(target); it != by_id.end()) programs_from_sanction(props, out[it->second]);
  return out;
}

}  // namespace seawarden::screen::detail
