// OFAC SDN list in its legacy CSV set (https://sanctionslistservice.ofac.treas.gov/api/
// PublicationPreview/exports/SDN.CSV, ALT.CSV, ADD.CSV): no header, "-0-" for empty.
//   sdn.csv: ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage, GRT,
//            Vess_flag, Vess_owner, Remarks
//   alt.csv: ent_num, alt_num, alt_type (aka, fka, nka), alt_name, alt_remarks
//   add.csv: ent_num, add_num, address, city/state/postal code, country, add_remarks
#include <fmt/format.h>

#include <unordered_map>

#include "screen/csv.h"
#include "screen/identifiers.h"
#include "screen/loaders.h"

namespace seawarden::screen::detail {
namespace {

std::string field(const std::vector<std::string>& f, size_t i) {
  if (i >= f.size()) return {};
  std::string t = trim(f[i]);
  return t == "-0-" ? std::string{} : t;
}

// Remarks are "; "-separated clauses: "DOB 1984", "nationality Niger", "a.k.a. 'X'",
// "Passport 123 (Country)", "Vessel Registration Identification IMO 9187629", "MMSI ...".
void parse_remarks(const std::string& remarks, Entity& e) {
  for (const std::string& clause : split_list(remarks, ";")) {
    std::string c = clause;
    if (c.starts_with("alt. ")) c = c.substr(5);
    auto quoted = [&](size_t from) {
      size_t a = c.find('\'', from), b = c.rfind('\'');
      return (a != std::string::npos && b > a) ? c.substr(a + 1, b - a - 1) : std::string{};
    };
    if (c.starts_with("a.k.a.")) add_alias(e, quoted(6), NameQuality::good);
    else if (c.starts_with("f.k.a.")) add_alias(e, quoted(6), NameQuality::former);
    else if (c.starts_with("n.k.a.")) add_alias(e, quoted(6), NameQuality::good);
    else if (c.starts_with("DOB ")) add_unique(e.birth_dates, c.substr(4));
    else if (c.starts_with("nationality ")) add_unique(e.nationalities, c.substr(12));
    else if (c.starts_with("citizen ")) add_unique(e.nationalities, c.substr(8));
    else if (c.starts_with("Passport ")) {
      std::string rest = c.substr(9);
      size_t paren = rest.find(" (");
      std::string number = trim(rest.substr(0, paren));
      std::string note = paren == std::string::npos ? "" : rest.substr(paren + 2, rest.find(')', paren) - paren - 2);
      e.identifiers.push_back({"passport", number, note});
    } else if (c.starts_with("National ID No. ")) {
      e.identifiers.push_back({"national_id", trim(c.substr(16, c.find(" (") == std::string::npos ? std::string::npos : c.find(" (") - 16)), ""});
    } else if (c.starts_with("Registration ID ") || c.starts_with("Registration Number ")) {
      size_t start = c.starts_with("Registration ID ") ? 16 : 20;
      size_t paren = c.find(" (", start);
      e.identifiers.push_back({"registration", trim(c.substr(start, paren == std::string::npos ? std::string::npos : paren - start)), ""});
    }
  }
  extract_identifiers(remarks, e.identifiers, /*company_context=*/e.type != EntityType::vessel);
}

}  // namespace

std::vector<Entity> parse_ofac_csv(std::string_view sdn, std::string_view alt, std::string_view add,
                                   const std::string& where) {
  std::vector<Entity> out;
  std::unordered_map<std::string, size_t> by_num;
  CsvReader reader(strip_bom(sdn));
  std::vector<std::string> f;
  try {
    while (reader.next(f)) {
      if (f.size() == 1 && trim(f[0]).empty()) continue;
      if (f.size() != 12)
        throw ListLoadError(fmt::format("{}: line {}: expected 12 columns of OFAC sdn.csv, found {}; nothing "
                                        "loaded from this file", where, reader.line(), f.size()));
      Entity e;
      e.list = "ofac";
      e.id = field(f, 0);
      e.name = field(f, 1);
      std::string type = field(f, 2);
      if (type == "individual") e.type = EntityType::person;
      else if (type == "vessel") e.type = EntityType::vessel;
      else if (type == "aircraft") e.type = EntityType::other;
      else e.type = EntityType::organization;
      for (auto& p : split_list(field(f, 3), "] [")) {
        std::string q = p;
        if (!q.empty() && q.front() == '[') q.erase(0, 1);
        if (!q.empty() && q.back() == ']') q.pop_back();
        add_unique(e.programs, q);
      }
      std::string call_sign = field(f, 5);
      if (!call_sign.empty()) e.identifiers.push_back({"call_sign", canonical_call_sign(call_sign), ""});
      std::string flag = field(f, 9);
      if (!flag.empty()) e.flags.push_back(flag);
      e.remarks = field(f, 11);
      parse_remarks(e.remarks, e);
      if (e.id.empty() || e.name.empty()) continue;
      by_num[e.id] = out.size();
      out.push_back(std::move(e));
    }
  } catch (const ListLoadError&) {
    throw;
  } catch (const std::exception& ex) {
    throw ListLoadError(fmt::format("{}: {}; nothing loaded from this file", where, ex.what()));
  }
  auto companion = [&](std::string_view text, size_t columns, const char* name, auto&& apply) {
    if (text.empty()) return;
    CsvReader r(strip_bom(text));
    std::vector<std::string> g;
    try {
      while (r.next(g)) {
        if (g.size() == 1 && trim(g[0]).empty()) continue;
        if (g.size() != columns)
          throw ListLoadError(fmt::format("{} ({} beside it): line {}: expected {} columns, found {}", where, name,
                                          r.line(), columns, g.size()));
        auto it = by_num.find(field(g, 0));
        if (it != by_num.end()) apply(out[it->second], g);
      }
    } catch (const ListLoadError&) {
      throw;
    } catch (const std::exception& ex) {
      throw ListLoadError(fmt::format("{} ({}): {}", where, name, ex.what()));
    }
  };
  companion(alt, 5, "alt.csv", [](Entity& e, const std::vector<std::string>& g) {
    std::string type = field(g, 2);
    add_alias(e, field(g, 3), type == "fka" ? NameQuality::former : NameQuality::good);
  });
  companion(add, 6, "add.csv", [](Entity& e, const std::vector<std::string>& g) {
    std::string addr;
    for (size_t i : {2u, 3u, 4u}) {
      std::string p = field(g, i);
      if (p.empty()) continue;
      if (!addr.empty()) addr += ", ";
      addr += p;
    }
    add_unique(e.addresses, addr);
  });
  return out;
}

}  // namespace seawarden::screen::detail
