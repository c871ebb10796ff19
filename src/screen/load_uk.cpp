// UK lists:
// - OFSI consolidated list of financial sanctions targets, CSV (ConList.csv, 2022 format):
//   "Last Updated,<date>" line, then a header "Name 6,Name 1,...,Group Type,Alias Type,
//   Alias Quality,Regime,Listed On,...,Group ID"; one row per name, grouped by Group ID.
// - FCDO UK Sanctions List, CSV (a "Report Date" line, then a header "Last Updated,Unique ID,
//   OFSI Group ID,UN Reference Number,Name 6,Name 1,...,Name type,Alias strength,...,
//   Designation Type,...,IMO number,...,Current believed flag of ship,...") and XML
//   (<Designations><Designation><UniqueID/><Names><Name><Name1/>..<Name6/><NameType/>
//   <AliasStrength/></Name></Names><IndividualEntityShip/><RegimeName/>...</Designation>).
#include <fmt/format.h>
#include <pugixml.hpp>

#include <algorithm>
#include <cstring>
#include <unordered_map>

#include "screen/csv.h"
#include "screen/identifiers.h"
#include "screen/loaders.h"

namespace seawarden::screen::detail {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

EntityType uk_type(const std::string& t) {
  std::string l = lower(t);
  if (l == "individual") return EntityType::person;
  if (l == "ship") return EntityType::vessel;
  if (l == "entity") return EntityType::organization;
  return EntityType::other;
}

// "Primary Name" / "Primary name", "AKA", "FKA", "Primary name variation", "Alias".
NameQuality uk_quality(const std::string& name_type, const std::string& strength, bool& primary) {
  std::string t = lower(name_type), s = lower(strength);
  primary = t == "primary name";
  if (t == "fka") return NameQuality::former;
  if (s.find("low") != std::string::npos) return NameQuality::weak;
  return NameQuality::good;
}

std::string joined_name(const std::vector<std::string>& given, const std::string& surname) {
  std::string n;
  for (const auto& g : given) {
    if (g.empty()) continue;
    if (!n.empty()) n += ' ';
    n += g;
  }
  if (!surname.empty()) n += (n.empty() ? "" : " ") + surname;
  return n;
}

void add_name(Entity& e, const std::string& name, bool primary, NameQuality q) {
  if (name.empty()) return;
  if (primary && e.name.empty()) {
    e.name = name;
    // An alias recorded before the primary row came along stays an alias.
    e.aliases.erase(std::remove_if(e.aliases.begin(), e.aliases.end(), [&](auto& a) { return a.text == name; }),
                    e.aliases.end());
  } else {
    add_alias(e, name, q);
  }
}

void add_imo(Entity& e, const std::string& value) {
  std::string d = imo_digits(value);
  if (!d.empty()) e.identifiers.push_back({valid_imo(d) && e.type == EntityType::vessel ? "imo" : "imo_company", d, ""});
}

std::vector<Entity> finish(std::vector<Entity> out) {
  std::vector<Entity> named;
  for (auto& e : out) {
    // "Other Information" carries IMO numbers ("IMO number: 1790183" of a company).
    extract_identifiers(e.remarks, e.identifiers, e.type != EntityType::vessel);
    if (e.name.empty() && !e.aliases.empty()) {  // no row marked primary
      e.name = e.aliases.front().text;
      e.aliases.erase(e.aliases.begin());
    }
    if (!e.name.empty()) named.push_back(std::move(e));
  }
  return named;
}

std::vector<Entity> parse_uk_csv(std::string_view text, const std::string& where, bool sanctions_list) {
  CsvReader reader(strip_bom(text));
  std::vector<std::string> header, f;
  // Skip the banner line(s) until the header naming "Name 6".
  while (reader.next(header)) {
    if (std::any_of(header.begin(), header.end(), [](auto& h) { return trim(h) == "Name 6"; })) break;
    header.clear();
  }
  if (header.empty()) throw ListLoadError(where + ": no header row with a 'Name 6' column");
  std::unordered_map<std::string, size_t> col;
  for (size_t i = 0; i < header.size(); ++i) col.emplace(lower(trim(header[i])), i);
  auto find_col = [&](std::initializer_list<const char*> names) -> int {
    for (const char* n : names)
      if (auto it = col.find(n); it != col.end()) return static_cast<int>(it->second);
    return -1;
  };
  int c_id = sanctions_list ? find_col({"unique id"}) : find_col({"group id"});
  int c_type = find_col({"designation type", "group type", "individual, entity, ship"});
  if (c_id < 0 || c_type < 0)
    throw ListLoadError(fmt::format("{}: header lacks the {} and type columns", where, sanctions_list ? "'Unique ID'" : "'Group ID'"));
  int c_names[6];
  for (int i = 0; i < 6; ++i) c_names[i] = find_col({fmt::format("name {}", i + 1).c_str()});
  int c_name_type = find_col({"name type", "alias type"}), c_quality = find_col({"alias strength", "alias quality"});
  int c_regime = find_col({"regime name", "regime"}), c_listed = find_col({"date designated", "listed on"});
  int c_dob = find_col({"d.o.b", "dob"}), c_nat = find_col({"nationality(/ies)", "nationality"});
  int c_passport = find_col({"passport number"}), c_nid = find_col({"national identifier number", "national identification number"});
  int c_imo = find_col({"imo number"}), c_flag = find_col({"current believed flag of ship"});
  int c_nonlatin = find_col({"name non-latin script"}), c_info = find_col({"other information"});
  int c_country = find_col({"address country", "country"});
  std::vector<int> c_addr;
  for (int i = 1; i <= 6; ++i) c_addr.push_back(find_col({fmt::format("address line {}", i).c_str(), fmt::format("address {}", i).c_str()}));
  c_addr.push_back(find_col({"address postal code", "post/zip code"}));
  c_addr.push_back(c_country);

  std::vector<Entity> out;
  std::unordered_map<std::string, size_t> by_id;
  try {
    while (reader.next(f)) {
      if (f.size() == 1 && trim(f[0]).empty()) continue;
      if (f.size() != header.size())
        throw ListLoadError(fmt::format("{}: line {}: {} fields where the header has {}; nothing loaded from this file",
                                        where, reader.line(), f.size(), header.size()));
      auto get = [&](int c) { return c < 0 ? std::string{} : trim(f[static_cast<size_t>(c)]); };
      std::string id = get(c_id);
      if (id.empty()) continue;
      auto [it, fresh] = by_id.try_emplace(id, out.size());
      if (fresh) {
        Entity e;
        e.list = "uk";
        e.id = id;
        e.type = uk_type(get(c_type));
        e.listed_on = iso_date(get(c_listed));
        e.remarks = get(c_info);
        out.push_back(std::move(e));
      }
      Entity& e = out[it->second];
      std::vector<std::string> given;
      for (int i = 0; i < 5; ++i) given.push_back(get(c_names[i]));
      bool primary = false;
      NameQuality q = uk_quality(get(c_name_type), get(c_quality), primary);
      add_name(e, joined_name(given, get(c_names[5])), primary, q);
      add_alias(e, get(c_nonlatin), NameQuality::good);
      add_unique(e.programs, get(c_regime));
      add_unique(e.birth_dates, get(c_dob));
      add_unique(e.nationalities, get(c_nat));
      if (!get(c_passport).empty()) e.identifiers.push_back({"passport", get(c_passport), ""});
      if (!get(c_nid).empty()) e.identifiers.push_back({"national_id", get(c_nid), ""});
      if (!get(c_imo).empty() && e.identifier("imo").empty()) add_imo(e, get(c_imo));
      add_unique(e.flags, get(c_flag));
      std::string addr;
      for (int c : c_addr) {
        std::string p = get(c);
        if (p.empty()) continue;
        if (!addr.empty()) addr += ", ";
        addr += p;
      }
      add_unique(e.addresses, addr);
    }
  } catch (const ListLoadError&) {
    throw;
  } catch (const std::exception& ex) {
    throw ListLoadError(fmt::format("{}: {}; nothing loaded from this file", where, ex.what()));
  }
  return finish(std::move(out));
}

const char* local(const char* name) {
  const char* colon = std::strrchr(name, ':');
  return colon ? colon + 1 : name;
}
pugi::xml_node child(const pugi::xml_node& n, const char* name) {
  for (auto c : n.children())
    if (std::strcmp(local(c.name()), name) == 0) return c;
  return {};
}
std::string text_of(const pugi::xml_node& n, const char* name) { return trim(child(n, name).text().get()); }
// Every descendant element with this local name.
template <typename F>
void descendants(const pugi::xml_node& n, const char* name, F&& f) {
  for (auto c : n.children()) {
    if (c.type() != pugi::node_element) continue;
    if (std::strcmp(local(c.name()), name) == 0) f(c);
    else descendants(c, name, f);
  }
}

}  // namespace

std::vector<Entity> parse_uk_ofsi_csv(std::string_view text, const std::string& where) {
  return parse_uk_csv(text, where, false);
}

std::vector<Entity> parse_uk_sanctions_list_csv(std::string_view text, const std::string& where) {
  return parse_uk_csv(text, where, true);
}

std::vector<Entity> parse_uk_sanctions_list_xml(std::string_view text, const std::string& where) {
  pugi::xml_document doc;
  pugi::xml_parse_result r = doc.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!r) xml_error(text, where, static_cast<size_t>(r.offset), r.description());
  std::vector<Entity> out;
  for (auto d : doc.document_element().children()) {
    if (std::strcmp(local(d.name()), "Designation") != 0) continue;
    Entity e;
    e.list = "uk";
    e.id = text_of(d, "UniqueID");
    e.type = uk_type(text_of(d, "IndividualEntityShip"));
    e.listed_on = iso_date(text_of(d, "DateDesignated"));
    e.remarks = text_of(d, "OtherInformation");
    add_unique(e.programs, text_of(d, "RegimeName"));
    descendants(d, "Name", [&](const pugi::xml_node& n) {
      std::vector<std::string> given;
      for (const char* g : {"Name1", "Name2", "Name3", "Name4", "Name5"}) given.push_back(text_of(n, g));
      bool primary = false;
      NameQuality q = uk_quality(text_of(n, "NameType"), text_of(n, "AliasStrength"), primary);
      add_name(e, joined_name(given, text_of(n, "Name6")), primary, q);
    });
    descendants(d, "NameNonLatinScript", [&](const pugi::xml_node& n) { add_alias(e, n.text().get(), NameQuality::good); });
    descendants(d, "DOB", [&](const pugi::xml_node& n) { add_unique(e.birth_dates, n.text().get()); });
    descendants(d, "Nationality", [&](const pugi::xml_node& n) { add_unique(e.nationalities, n.text().get()); });
    descendants(d, "PassportNumber", [&](const pugi::xml_node& n) {
      if (!trim(n.text().get()).empty()) e.identifiers.push_back({"passport", trim(n.text().get()), ""});
    });
    descendants(d, "NationalIdentifierNumber", [&](const pugi::xml_node& n) {
      if (!trim(n.text().get()).empty()) e.identifiers.push_back({"national_id", trim(n.text().get()), ""});
    });
    descendants(d, "IMONumber", [&](const pugi::xml_node& n) { add_imo(e, n.text().get()); });
    descendants(d, "CurrentBelievedFlagOfShip", [&](const pugi::xml_node& n) { add_unique(e.flags, n.text().get()); });
    descendants(d, "Address", [&](const pugi::xml_node& n) {
      std::string a;
      for (const char* part : {"AddressLine1", "AddressLine2", "AddressLine3", "AddressLine4", "AddressLine5",
                               "AddressLine6", "AddressPostalCode", "AddressCountry"}) {
        std::string p = text_of(n, part);
        if (p.empty()) continue;
        if (!a.empty()) a += ", ";
        a += p;
      }
      add_unique(e.addresses, a);
    });
    if (!e.id.empty()) out.push_back(std::move(e));
  }
  return finish(std::move(out));
}

}  // namespace seawarden::screen::detail
