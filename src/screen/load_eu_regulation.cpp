// EU per-regulation CSV (one row per listed entry of a Council regulation's annexes, as
// published by OpenSanctions' EU journal crawler): header
// celex,recordId,programKey,annex,measure,startDate,reason,schema,name,alias,weakAlias,
// previousName,country,nationality,...,passportNumber,...,registrationNumber,taxNumber,
// idNumber,...,imoNumber,mmsi,flag,address,phone,email,website,notes
// Multi-valued cells are "; "-separated. Vessel names may carry former names in
// parentheses: "Chol Ryong (Ryong Gun Bong)".
#include <fmt/format.h>

#include <map>
#include <unordered_map>

#include "screen/csv.h"
#include "screen/identifiers.h"
#include "screen/loaders.h"

namespace seawarden::screen::detail {
namespace {

// "Name (Other) (Third)" -> "Name", {"Other", "Third"}.
std::string split_parenthesised(const std::string& name, std::vector<std::string>& extra) {
  size_t open = name.find(" (");
  if (open == std::string::npos || name.back() != ')') return name;
  std::string head = trim(name.substr(0, open));
  std::string rest = name.substr(open);
  size_t pos = 0;
  while ((pos = rest.find('(', pos)) != std::string::npos) {
    size_t close = rest.find(')', pos);
    if (close == std::string::npos) break;
    extra.push_back(trim(rest.substr(pos + 1, close - pos - 1)));
    pos = close + 1;
  }
  return head.empty() ? name : head;
}

}  // namespace

std::vector<Entity> parse_eu_regulation_csv(std::string_view text, const std::string& where) {
  CsvReader reader(strip_bom(text));
  std::vector<std::string> header, f;
  if (!reader.next(header)) throw ListLoadError(where + ": empty file");
  std::unordered_map<std::string, size_t> col;
  for (size_t i = 0; i < header.size(); ++i) col[trim(header[i])] = i;
  for (const char* required : {"celex", "recordId", "schema", "name"})
    if (!col.count(required))
      throw ListLoadError(fmt::format("{}: header lacks the '{}' column of the EU regulation CSV", where, required));
  std::vector<Entity> out;
  std::map<std::string, int> seen_ids;
  try {
    while (reader.next(f)) {
      if (f.size() == 1 && trim(f[0]).empty()) continue;
      if (f.size() != header.size())
        throw ListLoadError(fmt::format("{}: line {}: {} fields where the header has {}; nothing loaded from this file",
                                        where, reader.line(), f.size(), header.size()));
      auto get = [&](const char* name) -> std::string {
        auto it = col.find(name);
        return it == col.end() ? std::string{} : trim(f[it->second]);
      };
      Entity e;
      e.list = "eu";
      std::string id = get("celex") + "/" + get("annex") + "/" + get("recordId");
      int n = ++seen_ids[id];
      e.id = n == 1 ? id : fmt::format("{}#{}", id, n);
      std::string schema = get("schema");
      if (schema == "Person") e.type = EntityType::person;
      else if (schema == "Vessel") e.type = EntityType::vessel;
      else if (schema == "Organization" || schema == "Company" || schema == "LegalEntity") e.type = EntityType::organization;
      else e.type = EntityType::other;
      add_unique(e.programs, get("programKey"));
      e.listed_on = iso_date(get("startDate"));
      e.remarks = get("reason");
      std::vector<std::string> extra;
      e.name = split_parenthesised(get("name"), extra);
      for (auto& x : extra) add_alias(e, x, e.type == EntityType::vessel ? NameQuality::former : NameQuality::good);
      for (auto& a : split_list(get("alias"), ";")) add_alias(e, a, NameQuality::good);
      for (auto& a : split_list(get("weakAlias"), ";")) add_alias(e, a, NameQuality::weak);
      for (auto& a : split_list(get("previousName"), ";")) add_alias(e, a, NameQuality::former);
      for (auto& v : split_list(get("nationality"), ";")) add_unique(e.nationalities, v);
      for (auto& v : split_list(get("birthDate"), ";")) add_unique(e.birth_dates, iso_date(v));
      for (auto& v : split_list(get("address"), ";")) add_unique(e.addresses, v);
      for (auto& v : split_list(get("flag"), ";")) add_unique(e.flags, v);
      for (auto& v : split_list(get("passportNumber"), ";")) e.identifiers.push_back({"passport", v, ""});
      for (auto& v : split_list(get("idNumber"), ";")) e.identifiers.push_back({"national_id", v, ""});
      for (const char* c : {"registrationNumber", "taxNumber", "innCode", "ogrnCode"})
        for (auto& v : split_list(get(c), ";")) e.identifiers.push_back({"registration", v, c});
      for (auto& v : split_list(get("imoNumber"), ";")) {
        std::string d = imo_digits(v);
        if (d.empty()) continue;
        e.identifiers.push_back({e.type == EntityType::vessel && valid_imo(d) ? "imo" : "imo_company", d, ""});
      }
      for (auto& v : split_list(get("mmsi"), ";")) e.identifiers.push_back({"mmsi", v, ""});
      if (!e.name.empty()) out.push_back(std::move(e));
    }
  } catch (const ListLoadError&) {
    throw;
  } catch (const std::exception& ex) {
    throw ListLoadError(fmt::format("{}: {}; nothing loaded from this file", where, ex.what()));
  }
  return out;
}

}  // namespace seawarden::screen::detail
