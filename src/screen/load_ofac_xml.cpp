// OFAC SDN list in XML: the classic sdn.xml (<sdnList>, schema sdn.xsd) and the
// "advanced" SDN_ADVANCED.XML (<Sanctions>, schema ENHANCED/ADVANCED_XML.xsd), both from
// https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/.
// Namespaces differ between releases, so elements are matched by local name.
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
pugi::xml_node child(const pugi::xml_node& n, const char* name) {
  for (auto c : n.children())
    if (std::strcmp(local(c.name()), name) == 0) return c;
  return {};
}
template <typename F>
void each(const pugi::xml_node& n, const char* name, F&& f) {
  for (auto c : n.children())
    if (std::strcmp(local(c.name()), name) == 0) f(c);
}
std::string text_of(const pugi::xml_node& n, const char* name) { return trim(child(n, name).text().get()); }

pugi::xml_node parse_doc(pugi::xml_document& doc, std::string_view text, const std::string& where) {
  pugi::xml_parse_result r = doc.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!r) xml_error(text, where, static_cast<size_t>(r.offset), r.description());
  return doc.document_element();
}

void add_id(Entity& e, const std::string& type, const std::string& number, const std::string& country) {
  if (number.empty()) return;
  if (type.find("Vessel Registration") != std::string::npos || type == "IMO") {
    std::string d = imo_digits(number);
    if (!d.empty()) e.identifiers.push_back({valid_imo(d) && e.type == EntityType::vessel ? "imo" : "imo_company", d, country});
  } else if (type == "MMSI") {
    e.identifiers.push_back({"mmsi", number, country});
  } else if (type.find("Call Sign") != std::string::npos) {
    e.identifiers.push_back({"call_sign", canonical_call_sign(number), country});
  } else if (type.find("Passport") != std::string::npos) {
    e.identifiers.push_back({"passport", number, country});
  } else if (type.find("National ID") != std::string::npos || type.find("Cedula") != std::string::npos) {
    e.identifiers.push_back({"national_id", number, country});
  } else if (type.find("Registration") != std::string::npos || type.find("Tax ID") != std::string::npos) {
    e.identifiers.push_back({"registration", number, type});
  } else {
    e.identifiers.push_back({"other", number, type});
  }
}

}  // namespace

// <sdnEntry><uid/><firstName/><lastName/><sdnType>Individual|Entity|Vessel|Aircraft</sdnType>
// <programList><program/></programList><idList><id><idType/><idNumber/><idCountry/></id></idList>
// <akaList><aka><type>a.k.a.|f.k.a.|n.k.a.</type><category>strong|weak</category><lastName/>
// <firstName/></aka></akaList><addressList><address><address1/><city/><country/></address>
// </addressList><nationalityList><nationality><country/></nationality></nationalityList>
// <dateOfBirthList><dateOfBirthItem><dateOfBirth/></dateOfBirthItem></dateOfBirthList>
// <vesselInfo><callSign/><vesselFlag/></vesselInfo><remarks/></sdnEntry>
std::vector<Entity> parse_ofac_xml(std::string_view text, const std::string& where) {
  pugi::xml_document doc;
  pugi::xml_node root = parse_doc(doc, text, where);
  std::vector<Entity> out;
  each(root, "sdnEntry", [&](const pugi::xml_node& n) {
    Entity e;
    e.list = "ofac";
    e.id = text_of(n, "uid");
    std::string type = text_of(n, "sdnType");
    if (type == "Individual") e.type = EntityType::person;
    else if (type == "Vessel") e.type = EntityType::vessel;
    else if (type == "Aircraft") e.type = EntityType::other;
    else e.type = EntityType::organization;
    std::string last = text_of(n, "lastName"), first = text_of(n, "firstName");
    e.name = first.empty() ? last : last + ", " + first;
    each(child(n, "programList"), "program", [&](const pugi::xml_node& p) { add_unique(e.programs, p.text().get()); });
    each(child(n, "akaList"), "aka", [&](const pugi::xml_node& a) {
      std::string al = text_of(a, "lastName"), af = text_of(a, "firstName");
      std::string name = af.empty() ? al : al + ", " + af;
      std::string kind = text_of(a, "type"), category = text_of(a, "category");
      NameQuality q = kind == "f.k.a." ? NameQuality::former : category == "weak" ? NameQuality::weak : NameQuality::good;
      add_alias(e, name, q);
    });
    each(child(n, "idList"), "id", [&](const pugi::xml_node& i) {
      add_id(e, text_of(i, "idType"), text_of(i, "idNumber"), text_of(i, "idCountry"));
    });
    each(child(n, "addressList"), "address", [&](const pugi::xml_node& a) {
      std::string addr;
      for (const char* part : {"address1", "address2", "address3", "city", "stateOrProvince", "postalCode", "country"}) {
        std::string p = text_of(a, part);
        if (p.empty()) continue;
        if (!addr.empty()) addr += ", ";
        addr += p;
      }
      add_unique(e.addresses, addr);
    });
    each(child(n, "nationalityList"), "nationality", [&](const pugi::xml_node& a) { add_unique(e.nationalities, text_of(a, "country")); });
    each(child(n, "citizenshipList"), "citizenship", [&](const pugi::xml_node& a) { add_unique(e.nationalities, text_of(a, "country")); });
    each(child(n, "dateOfBirthList"), "dateOfBirthItem", [&](const pugi::xml_node& a) { add_unique(e.birth_dates, text_of(a, "dateOfBirth")); });
    if (auto v = child(n, "vesselInfo")) {
      std::string cs = text_of(v, "callSign");
      if (!cs.empty()) e.identifiers.push_back({"call_sign", canonical_call_sign(cs), ""});
      add_unique(e.flags, text_of(v, "vesselFlag"));
    }
    e.remarks = text_of(n, "remarks");
    extract_identifiers(e.remarks, e.identifiers, e.type != EntityType::vessel);
    if (!e.id.empty() && !e.name.empty()) out.push_back(std::move(e));
  });
  if (out.empty() && !child(root, "sdnEntry") && !child(root, "publshInformation"))
    throw ListLoadError(where + ": <sdnList> without <sdnEntry> elements");
  return out;
}

// SDN advanced: names, types and identifiers are spread over reference tables.
std::vector<Entity> parse_ofac_advanced_xml(std::string_view text, const std::string& where) {
  pugi::xml_document doc;
  pugi::xml_node root = parse_doc(doc, text, where);
  pugi::xml_node refs = child(root, "ReferenceValueSets");
  auto table = [&](const char* set, const char* item) {
    std::unordered_map<std::string, pugi::xml_node> m;
    each(child(refs, set), item, [&](const pugi::xml_node& v) { m[v.attribute("ID").value()] = v; });
    return m;
  };
  auto alias_types = table("AliasTypeValues", "AliasType");
  auto party_sub = table("PartySubTypeValues", "PartySubType");
  auto party_types = table("PartyTypeValues", "PartyType");
  auto feature_types = table("FeatureTypeValues", "FeatureType");
  auto doc_types = table("IDRegDocTypeValues", "IDRegDocType");
  auto countries = table("CountryValues", "Country");
  auto value_of = [](const std::unordered_map<std::string, pugi::xml_node>& m, const char* id) -> std::string {
    auto it = m.find(id);
    return it == m.end() ? std::string{} : trim(it->second.text().get());
  };
  // Identity id -> documents.
  std::unordered_multimap<std::string, pugi::xml_node> docs_by_identity;
  each(child(root, "IDRegDocuments"), "IDRegDocument", [&](const pugi::xml_node& d) {
    docs_by_identity.emplace(d.attribute("IdentityID").value(), d);
  });
  std::unordered_map<std::string, pugi::xml_node> locations;
  each(child(root, "Locations"), "Location", [&](const pugi::xml_node& l) { locations[l.attribute("ID").value()] = l; });

  std::vector<Entity> out;
  std::unordered_map<std::string, size_t> by_profile;
  each(child(root, "DistinctParties"), "DistinctParty", [&](const pugi::xml_node& party) {
    pugi::xml_node profile = child(party, "Profile");
    if (!profile) return;
    Entity e;
    e.list = "ofac";
    e.id = profile.attribute("ID").value();
    if (e.id.empty()) e.id = party.attribute("FixedRef").value();
    std::string sub = value_of(party_sub, profile.attribute("PartySubTypeID").value());
    std::string type;
    if (auto it = party_sub.find(profile.attribute("PartySubTypeID").value()); it != party_sub.end())
      type = value_of(party_types, it->second.attribute("PartyTypeID").value());
    if (sub == "Vessel") e.type = EntityType::vessel;
    else if (sub == "Aircraft") e.type = EntityType::other;
    else if (type == "Individual") e.type = EntityType::person;
    else e.type = EntityType::organization;
    each(profile, "Identity", [&](const pugi::xml_node& identity) {
      each(identity, "Alias", [&](const pugi::xml_node& alias) {
        std::string kind = value_of(alias_types, alias.attribute("AliasTypeID").value());
        bool primary = alias.attribute("Primary").as_bool();
        bool low = alias.attribute("LowQuality").as_bool();
        each(alias, "DocumentedName", [&](const pugi::xml_node& dn) {
          std::string name;
          each(dn, "DocumentedNamePart", [&](const pugi::xml_node& part) {
            std::string v = text_of(part, "NamePartValue");
            if (v.empty()) return;
            if (!name.empty()) name += ' ';
            name += v;
          });
          if (name.empty()) return;
          if (primary && e.name.empty() && identity.attribute("Primary").as_bool(true)) e.name = name;
          else add_alias(e, name, kind == "F.K.A." ? NameQuality::former : low ? NameQuality::weak : NameQuality::good);
        });
      });
      auto range = docs_by_identity.equal_range(identity.attribute("ID").value());
      for (auto it = range.first; it != range.second; ++it) {
        std::string dtype = value_of(doc_types, it->second.attribute("IDRegDocTypeID").value());
        std::string country = value_of(countries, it->second.attribute("IssuedBy-CountryID").value());
        add_id(e, dtype, text_of(it->second, "IDRegistrationNo"), country);
      }
    });
    each(profile, "Feature", [&](const pugi::xml_node& f) {
      std::string ftype = value_of(feature_types, f.attribute("FeatureTypeID").value());
      pugi::xml_node version = child(f, "FeatureVersion");
      std::string detail = text_of(version, "VersionDetail");
      std::string place;
      if (auto loc = child(version, "VersionLocation")) {
        if (auto it = locations.find(loc.attribute("LocationID").value()); it != locations.end()) {
          each(it->second, "LocationPart", [&](const pugi::xml_node& lp) {
            std::string v = text_of(child(lp, "LocationPartValue"), "Value");
            if (v.empty()) return;
            if (!place.empty()) place += ", ";
            place += v;
          });
          std::string c = value_of(countries, child(it->second, "LocationCountry").attribute("CountryID").value());
          if (!c.empty()) place += (place.empty() ? "" : ", ") + c;
        }
      }
      if (ftype == "Vessel Call Sign") { if (!detail.empty()) e.identifiers.push_back({"call_sign", canonical_call_sign(detail), ""}); }
      else if (ftype == "Vessel Flag") add_unique(e.flags, detail.empty() ? place : detail);
      else if (ftype == "MMSI") add_id(e, "MMSI", detail, "");
      else if (ftype == "Birthdate") {
        pugi::xml_node from = child(child(child(version, "DatePeriod"), "Start"), "From");
        std::string y = text_of(from, "Year");
        if (!y.empty()) {
          std::string m = text_of(from, "Month"), d = text_of(from, "Day");
          add_unique(e.birth_dates, m.empty() ? y : fmt::format("{}-{:0>2}-{:0>2}", y, m, d.empty() ? "01" : d));
        }
      } else if (ftype == "Nationality Country" || ftype == "Citizenship Country") add_unique(e.nationalities, place.empty() ? detail : place);
      else if (ftype == "Location") add_unique(e.addresses, place);
    });
    e.remarks = text_of(party, "Comment");
    if (e.name.empty() && !e.aliases.empty()) {
      e.name = e.aliases.front().text;
      e.aliases.erase(e.aliases.begin());
    }
    if (e.name.empty()) return;
    by_profile[e.id] = out.size();
    out.push_back(std::move(e));
  });
  each(child(root, "SanctionsEntries"), "SanctionsEntry", [&](const pugi::xml_node& s) {
    auto it = by_profile.find(s.attribute("ProfileID").value());
    if (it == by_profile.end()) return;
    each(s, "SanctionsMeasure", [&](const pugi::xml_node& m) { add_unique(out[it->second].programs, text_of(m, "Comment")); });
    std::string y = text_of(child(child(s, "EntryEvent"), "Date"), "Year");
    if (!y.empty() && out[it->second].listed_on.empty()) {
      pugi::xml_node d = child(child(s, "EntryEvent"), "Date");
      std::string m = text_of(d, "Month"), day = text_of(d, "Day");
      out[it->second].listed_on = m.empty() || day.empty() ? y : fmt::format("{}-{:0>2}-{:0>2}", y, m, day);
    }
  });
  return out;
}

}  // namespace seawarden::screen::detail
