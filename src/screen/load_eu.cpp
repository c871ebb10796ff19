// EU consolidated list of financial sanctions (Financial Sanctions Files, FSF,
// https://webgate.ec.europa.eu/fsd/fsf): the XML export (<export><sanctionEntity ...>) and
// the ';'-separated CSV export (one row per name, address, birth date, identification or
// citizenship of an entity, the entity columns repeated on every row).
#include <fmt/format.h>
#include <pugixml.hpp>

#include <cstring>
#include <unordered_map>

#include "screen/csv.h"
#include "screen/identifiers.h"
#include "screen/loaders.h"

namespace seawarden::screen::detail {
namespace {

const char* local(const char* name) {
  const char* colon = std::strrchr(name, ':');
  return colon ? colon + 1 : name;
}
template <typename F>
void each(const pugi::xml_node& n, const char* name, F&& f) {
  for (auto c : n.children())
    if (std::strcmp(local(c.name()), name) == 0) f(c);
}
std::string attr(const pugi::xml_node& n, const char* name) { return trim(n.attribute(name).value()); }

EntityType eu_type(const std::string& code) {
  if (code == "person" || code == "P") return EntityType::person;
  if (code == "enterprise" || code == "E") return EntityType::organization;
  return EntityType::other;
}

void add_identification(Entity& e, const std::string& type, const std::string& number, const std::string& country) {
  if (number.empty()) return;
  std::string kind = type == "passport" ? "passport"
                     : type == "id" || type == "nationalid" ? "national_id"
                     : type == "regnumber" || type == "fiscalcode" || type == "tin" ? "registration"
                     : type == "imo" ? "imo" : "other";
  if (kind == "imo") {
    std::string d = imo_digits(number);
    if (d.empty()) return;
    e.identifiers.push_back({valid_imo(d) ? "imo" : "imo_company", d, country});
    return;
  }
  e.identifiers.push_back({kind, number, country.empty() ? type : country});
}

std::string full_name(const std::string& whole, const std::string& first, const std::string& middle, const std::string& last) {
  if (!whole.empty()) return whole;
  std::string n;
  for (const auto* p : {&first, &middle, &last}) {
    if (p->empty()) continue;
    if (!n.empty()) n += ' ';
    n += *p;
  }
  return n;
}

void add_name(Entity& e, const std::string& name, bool strong) {
  if (name.empty()) return;
  if (e.name.empty()) e.name = name;
  else add_alias(e, name, strong ? NameQuality::good : NameQuality::weak);
}

}  // namespace

std::vector<Entity> parse_eu_xml(std::string_view text, const std::string& where) {
  pugi::xml_document doc;
  pugi::xml_parse_result r = doc.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!r) xml_error(text, where, static_cast<size_t>(r.offset), r.description());
  std::vector<Entity> out;
  each(doc.document_element(), "sanctionEntity", [&](const pugi::xml_node& n) {
    Entity e;
    e.list = "eu";
    e.id = attr(n, "euReferenceNumber");
    if (e.id.empty()) e.id = "logical:" + attr(n, "logicalId");
    e.listed_on = attr(n, "designationDate");
    each(n, "remark", [&](const pugi::xml_node& x) {
      if (!e.remarks.empty()) e.remarks += "\n";
      e.remarks += trim(x.text().get());
    });
    each(n, "subjectType", [&](const pugi::xml_node& x) {
      e.type = eu_type(attr(x, "code"));
      if (e.type == EntityType::other) e.type = eu_type(attr(x, "classificationCode"));
    });
    each(n, "regulation", [&](const pugi::xml_node& x) { add_unique(e.programs, attr(x, "programme")); });
    // Strong names first so that the primary name is a strong one.
    for (bool pass_strong : {true, false})
      each(n, "nameAlias", [&](const pugi::xml_node& x) {
        bool strong = std::string(x.attribute("strong").value()) != "false";
        if (strong != pass_strong) return;
        add_name(e, full_name(attr(x, "wholeName"), attr(x, "firstName"), attr(x, "middleName"), attr(x, "lastName")), strong);
      });
    each(n, "identification", [&](const pugi::xml_node& x) {
      std::string number = attr(x, "number");
      if (number.empty()) number = attr(x, "latinNumber");
      add_identification(e, attr(x, "identificationTypeCode"), number, attr(x, "countryDescription"));
    });
    each(n, "address", [&](const pugi::xml_node& x) {
      std::string a;
      for (const char* part : {"street", "poBox", "city", "zipCode", "region", "place", "countryDescription"}) {
        std::string p = attr(x, part);
        if (p.empty() || p == "UNKNOWN") continue;
        if (!a.empty()) a += ", ";
        a += p;
      }
      add_unique(e.addresses, a);
    });
    each(n, "birthdate", [&](const pugi::xml_node& x) {
      std::string d = attr(x, "birthdate");
      add_unique(e.birth_dates, d.empty() ? attr(x, "year") : d);
    });
    each(n, "citizenship", [&](const pugi::xml_node& x) { add_unique(e.nationalities, attr(x, "countryDescription")); });
    if (!e.name.empty()) out.push_back(std::move(e));
  });
  return out;
}

std::vector<Entity> parse_eu_csv(std::string_view text, const std::string& where) {
  CsvReader reader(strip_bom(text), ';');
  std::vector<std::string> header, f;
  if (!reader.next(header)) throw ListLoadError(where + ": empty file");
  std::unordered_map<std::string, size_t> col;
  for (size_t i = 0; i < header.size(); ++i) col[trim(header[i])] = i;
  if (!col.count("Entity_LogicalId"))
    throw ListLoadError(where + ": header lacks Entity_LogicalId (not the EU FSF CSV)");
  std::vector<Entity> out;
  std::unordered_map<std::string, size_t> by_id;
  try {
    while (reader.next(f)) {
      if (f.size() == 1 && trim(f[0]).empty()) continue;
      if (f.size() < header.size() - 1 || f.size() > header.size())  // a trailing ';' may be missing
        throw ListLoadError(fmt::format("{}: line {}: {} fields where the header has {}; nothing loaded from this file",
                                        where, reader.line(), f.size(), header.size()));
      auto get = [&](const char* name) -> std::string {
        auto it = col.find(name);
        return it == col.end() || it->second >= f.size() ? std::string{} : trim(f[it->second]);
      };
      std::string logical = get("Entity_LogicalId");
      if (logical.empty()) continue;
      auto [it, fresh] = by_id.try_emplace(logical, out.size());
      if (fresh) {
        Entity e;
        e.list = "eu";
        e.id = get("Entity_EU_ReferenceNumber");
        if (e.id.empty()) e.id = "logical:" + logical;
        e.type = eu_type(get("Entity_SubjectType"));
        if (e.type == EntityType::other) e.type = eu_type(get("Entity_SubjectType_ClassificationCode"));
        e.listed_on = get("Entity_DesignationDate");
        e.remarks = get("Entity_Remark");
        out.push_back(std::move(e));
      }
      Entity& e = out[it->second];
      add_unique(e.programs, get("Entity_Regulation_Programme"));
      std::string strong = get("NameAlias_Strong");
      add_name(e, full_name(get("NameAlias_WholeName"), get("NameAlias_FirstName"), get("NameAlias_MiddleName"),
                            get("NameAlias_LastName")),
               strong != "false" && strong != "0");
      add_identification(e, get("Identification_TypeCode"), get("Identification_Number"),
                         get("Identification_CountryDescription"));
      add_unique(e.birth_dates, get("BirthDate_BirthDate").empty() ? get("BirthDate_Year") : get("BirthDate_BirthDate"));
      add_unique(e.nationalities, get("Citizenship_CountryDescription"));
      std::string addr;
      for (const char* part : {"Address_Street", "Address_PoBox", "Address_City", "Address_ZipCode", "Address_Region",
                               "Address_Place", "Address_CountryDescription"}) {
        std::string p = get(part);
        if (p.empty() || p == "UNKNOWN") continue;
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
  std::vector<Entity> named;
  for (auto& e : out)
    if (!e.name.empty()) named.push_back(std::move(e));
  return named;
}

}  // namespace seawarden::screen::detail
