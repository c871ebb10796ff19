#include "screen/lists.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

#include "screen/csv.h"
#include "screen/loaders.h"

namespace seawarden::screen {
namespace fs = std::filesystem;
using namespace detail;

std::string_view to_string(ListFormat f) {
  switch (f) {
    case ListFormat::un_xml: return "un-xml";
    case ListFormat::ofac_sdn_csv: return "ofac-sdn-csv";
    case ListFormat::ofac_alt_csv: return "ofac-alt-csv";
    case ListFormat::ofac_add_csv: return "ofac-add-csv";
    case ListFormat::ofac_sdn_xml: return "ofac-sdn-xml";
    case ListFormat::ofac_advanced_xml: return "ofac-advanced-xml";
    case ListFormat::eu_xml: return "eu-xml";
    case ListFormat::eu_csv: return "eu-csv";
    case ListFormat::eu_regulation_csv: return "eu-regulation-csv";
    case ListFormat::uk_ofsi_csv: return "uk-ofsi-csv";
    case ListFormat::uk_sanctions_list_csv: return "uk-sanctions-list-csv";
    case ListFormat::uk_sanctions_list_xml: return "uk-sanctions-list-xml";
    case ListFormat::ftm_json: return "ftm-json";
    default: return "unknown";
  }
}

namespace {

// Name of the XML root element, skipping the declaration, comments and whitespace.
std::string xml_root(std::string_view head) {
  size_t pos = 0;
  while (true) {
    pos = head.find('<', pos);
    if (pos == std::string_view::npos || pos + 1 >= head.size()) return {};
    char c = head[pos + 1];
    if (c == '?' || c == '!') { ++pos; continue; }
    size_t end = pos + 1;
    while (end < head.size() && !std::isspace(static_cast<unsigned char>(head[end])) && head[end] != '>' &&
           head[end] != '/')
      ++end;
    std::string name(head.substr(pos + 1, end - pos - 1));
    if (auto colon = name.find(':'); colon != std::string::npos) name = name.substr(colon + 1);
    return name;
  }
}

std::string first_line(std::string_view text) {
  size_t end = text.find_first_of("\r\n");
  return std::string(text.substr(0, end));
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ListLoadError(fmt::format("{}: cannot open file", path.string()));
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw ListLoadError(fmt::format("{}: read error", path.string()));
  return std::move(ss).str();
}

bool all_digits(std::string_view s) {
  s = std::string_view(s).substr(0, s.find_last_not_of(' ') + 1);
  if (s.empty()) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "KOREA KWANGSON BANKING CORPORATION (KKBC)" is also listed as the name without the
// parenthesised acronym or former name, so that a query without it pairs fully.
void add_unparenthesised_names(Entity& e) {
  std::vector<ListedName> extra;
  for (const auto& n : e.all_names()) {
    size_t open = n.text.find(" (");
    if (open == std::string::npos || open == 0) continue;
    std::string stripped;
    size_t pos = 0;
    while (pos < n.text.size()) {
      size_t o = n.text.find('(', pos);
      if (o == std::string::npos) { stripped += n.text.substr(pos); break; }
      stripped += n.text.substr(pos, o - pos);
      size_t c = n.text.find(')', o);
      if (c == std::string::npos) break;
      pos = c + 1;
    }
    stripped = trim(stripped);
    if (!stripped.empty() && stripped != n.text)
      extra.push_back({stripped, n.quality == NameQuality::primary ? NameQuality::good : n.quality});
  }
  for (auto& x : extra) add_alias(e, x.text, x.quality);
}

}  // namespace

ListFormat detect_format(std::string_view head) {
  head = strip_bom(head);
  size_t start = head.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return ListFormat::unknown;
  head = head.substr(start);
  if (head[0] == '<') {
    std::string root = xml_root(head);
    if (root == "CONSOLIDATED_LIST") return ListFormat::un_xml;
    if (root == "sdnList") return ListFormat::ofac_sdn_xml;
    if (root == "Sanctions") return ListFormat::ofac_advanced_xml;
    if (root == "export") return ListFormat::eu_xml;
    if (root == "Designations") return ListFormat::uk_sanctions_list_xml;
    return ListFormat::unknown;
  }
  if (head[0] == '{') {
    if (head.find("\"schema\"") != std::string_view::npos) return ListFormat::ftm_json;
    return ListFormat::unknown;
  }
  std::string line = first_line(head);
  if (line.starts_with("celex,recordId,")) return ListFormat::eu_regulation_csv;
  if (line.starts_with("fileGenerationDate;") || line.find(";Entity_LogicalId;") != std::string::npos)
    return ListFormat::eu_csv;
  if (line.starts_with("Last Updated,")) {
    // OFSI consolidated CSV: "Last Updated,<date>" then a header starting "Name 6,".
    std::string_view rest = head.substr(std::min(head.size(), line.size()));
    rest = rest.substr(std::min(rest.size(), rest.find_first_not_of("\r\n")));
    if (first_line(rest).starts_with("Name 6,")) return ListFormat::uk_ofsi_csv;
    if (line.find("Unique ID") != std::string::npos) return ListFormat::uk_sanctions_list_csv;
  }
  if (line.starts_with("Report Date")) return ListFormat::uk_sanctions_list_csv;
  if (line.starts_with("Name 6,")) return ListFormat::uk_ofsi_csv;
  // OFAC's CSV files have no header: rows of an entity number and a fixed column count.
  try {
    CsvReader reader(head.substr(0, std::min<size_t>(head.size(), 16384)));
    std::vector<std::string> fields;
    if (reader.next(fields) && !fields.empty() && all_digits(fields[0])) {
      if (fields.size() == 12) return ListFormat::ofac_sdn_csv;
      if (fields.size() == 5 && fields.size() > 2 && all_digits(fields[1])) return ListFormat::ofac_alt_csv;
      if (fields.size() == 6 && all_digits(fields[1])) return ListFormat::ofac_add_csv;
    }
  } catch (const std::exception&) {
  }
  return ListFormat::unknown;
}

namespace {

std::vector<Entity> parse_list_as(std::string_view content, ListFormat format, const std::string& where,
                                  std::string_view ofac_alt, std::string_view ofac_add) {
  switch (format) {
    case ListFormat::un_xml: return parse_un_xml(content, where);
    case ListFormat::ofac_sdn_csv: return parse_ofac_csv(content, ofac_alt, ofac_add, where);
    case ListFormat::ofac_sdn_xml: return parse_ofac_xml(content, where);
    case ListFormat::ofac_advanced_xml: return parse_ofac_advanced_xml(content, where);
    case ListFormat::eu_xml: return parse_eu_xml(content, where);
    case ListFormat::eu_csv: return parse_eu_csv(content, where);
    case ListFormat::eu_regulation_csv: return parse_eu_regulation_csv(content, where);
    case ListFormat::uk_ofsi_csv: return parse_uk_ofsi_csv(content, where);
    case ListFormat::uk_sanctions_list_csv: return parse_uk_sanctions_list_csv(content, where);
    case ListFormat::uk_sanctions_list_xml: return parse_uk_sanctions_list_xml(content, where);
    case ListFormat::ftm_json: return parse_ftm_json(content, where);
    case ListFormat::ofac_alt_csv:
    case ListFormat::ofac_add_csv:
      throw ListLoadError(fmt::format("{}: an OFAC {} file only completes sdn.csv; give sdn.csv (it is read "
                                      "with alt.csv and add.csv from the same directory)",
                                      where, format == ListFormat::ofac_alt_csv ? "alt.csv" : "add.csv"));
    default:
      // OFAC ends its CSV files with a DOS end-of-file mark (0x1A); an export with no rows is that alone.
      if (std::string_view rest = content.starts_with("\xEF\xBB\xBF") ? content.substr(3) : content;  // a BOM
          rest.find_first_not_of(" \t\r\n\x1a") == std::string_view::npos)
        throw ListLoadError(fmt::format("{}: the file is empty (no list entries)", where));
      throw ListLoadError(fmt::format(
          "{}: not a recognised sanctions list (expected UN XML, OFAC SDN CSV/XML, EU XML/CSV, UK "
          "OFSI/Sanctions List CSV/XML or FollowTheMoney JSON lines)",
          where));
  }
}

}  // namespace

std::vector<Entity> parse_list(std::string_view content, ListFormat format, const std::string& where,
                               std::string_view ofac_alt, std::string_view ofac_add) {
  // Every loader failure (the CSV reader's unterminated quote, a bad number, ...) reaches the
  // caller as ListLoadError naming the file, so a half-read list contributes nothing.
  try {
    return parse_list_as(content, format, where, ofac_alt, ofac_add);
  } catch (const ListLoadError&) {
    throw;
  } catch (const std::exception& e) {
    throw ListLoadError(fmt::format("{}: {}", where, e.what()));
  }
}

void load_list_file(const fs::path& path, ListSet& into) {
  std::string raw = read_file(path);
  std::string text = to_utf8(raw);
  ListFormat format = detect_format(std::string_view(text).substr(0, 65536));
  std::string alt, add;
  if (format == ListFormat::ofac_sdn_csv) {
    // alt.csv and add.csv beside sdn.csv (any case), when present and of the right kind.
    for (const char* name : {"alt.csv", "ALT.CSV", "add.csv", "ADD.CSV"}) {
      fs::path p = path.parent_path() / name;
      std::error_code ec;
      if (!fs::exists(p, ec)) continue;
      std::string content = to_utf8(read_file(p));
      ListFormat f = detect_format(std::string_view(content).substr(0, 65536));
      if (f == ListFormat::ofac_alt_csv && alt.empty()) alt = std::move(content);
      else if (f == ListFormat::ofac_add_csv && add.empty()) add = std::move(content);
    }
  }
  std::vector<Entity> entities;
  try {
    entities = parse_list(text, format, path.string(), alt, add);
  } catch (const ListLoadError&) {
    throw;
  } catch (const std::exception& e) {
    throw ListLoadError(fmt::format("{}: {}", path.string(), e.what()));
  }
  for (auto& e : entities) add_unparenthesised_names(e);
  into.files.push_back({path.string(), format, entities.size()});
  for (auto& e : entities) into.entities.push_back(std::move(e));
}

ListSet load_lists(const std::vector<std::string>& paths, std::vector<std::string>* errors) {
  ListSet set;
  auto load_one = [&](const fs::path& p) {
    try {
      load_list_file(p, set);
    } catch (const ListLoadError& e) {
      if (!errors) throw;
      errors->push_back(e.what());
    }
  };
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<fs::path> files;
      for (const auto& entry : fs::directory_iterator(p, ec))
        if (entry.is_regular_file()) files.push_back(entry.path());
      std::sort(files.begin(), files.end());
      for (const auto& f : files) {
        // Companion and unrelated files in a list directory are skipped, not errors.
        std::ifstream in(f, std::ios::binary);
        std::string head(4096, '\0');
        in.read(head.data(), static_cast<std::streamsize>(head.size()));
        head.resize(static_cast<size_t>(in.gcount()));
        ListFormat fmt = detect_format(head);
        if (fmt == ListFormat::unknown || fmt == ListFormat::ofac_alt_csv || fmt == ListFormat::ofac_add_csv) continue;
        load_one(f);
      }
    } else {
      load_one(p);
    }
  }
  return set;
}

namespace detail {

std::string to_utf8(std::string_view text) {
  // Valid UTF-8 passes unchanged; otherwise bytes are read as Windows-1252 (OFAC's old files).
  size_t i = 0;
  bool valid = true;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > text.size()) { valid = false; break; }
    for (size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) { valid = false; break; }
    if (!valid) break;
    i += n;
  }
  if (valid) return std::string(text);
  static const char16_t kCp1252[32] = {0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                       0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
                                       0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                       0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178};
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char ch : text) {
    unsigned char c = static_cast<unsigned char>(ch);
    char32_t cp = c < 0x80 ? c : (c < 0xA0 ? kCp1252[c - 0x80] : c);
    if (cp < 0x80) out += static_cast<char>(cp);
    else if (cp < 0x800) { out += static_cast<char>(0xC0 | (cp >> 6)); out += static_cast<char>(0x80 | (cp & 0x3F)); }
    else {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  return out;
}

std::string iso_date(std::string_view text) {
  std::string t = trim(text);
  if (t.size() >= 10 && t[4] == '-' && t[7] == '-') return t.substr(0, 10);
  // d.m.yyyy or dd/mm/yyyy
  int parts[3] = {0, 0, 0};
  int n = 0, digits = 0;
  for (char c : t) {
    if (c >= '0' && c <= '9') { parts[n] = parts[n] * 10 + (c - '0'); ++digits; }
    else if ((c == '.' || c == '/' || c == '-') && digits > 0 && n < 2) { ++n; digits = 0; }
    else return t;
  }
  if (n == 2 && parts[2] > 1800 && parts[1] >= 1 && parts[1] <= 12 && parts[0] >= 1 && parts[0] <= 31)
    return fmt::format("{:04d}-{:02d}-{:02d}", parts[2], parts[1], parts[0]);
  return t;
}

void add_unique(std::vector<std::string>& v, std::string_view s) {
  std::string t = trim(s);
  if (t.empty()) return;
  if (std::find(v.begin(), v.end(), t) == v.end()) v.push_back(std::move(t));
}

void add_alias(Entity& e, std::string_view name, NameQuality q) {
  std::string t = trim(name);
  if (t.empty() || t == e.name) return;
  for (auto& a : e.aliases)
    if (a.text == t) return;
  e.aliases.push_back({std::move(t), q});
}

std::vector<std::string> split_list(std::string_view s, std::string_view sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find(sep, start);
    if (end == std::string_view::npos) end = s.size();
    std::string t = trim(s.substr(start, end - start));
    if (!t.empty()) out.push_back(std::move(t));
    start = end + sep.size();
  }
  return out;
}

void xml_error(std::string_view text, const std::string& where, size_t offset, const char* what) {
  offset = std::min(offset, text.size());
  size_t line = 1 + static_cast<size_t>(std::count(text.begin(), text.begin() + static_cast<long>(offset), '\n'));
  throw ListLoadError(fmt::format("{}: XML error at line {} (byte {}): {}; nothing loaded from this file",
                                  where, line, offset, what));
}

}  // namespace detail
}  // namespace seawarden::screen
