// Per-format parsers behind parse_list (internal to the screen module).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "screen/entity.h"
#include "screen/lists.h"

namespace seawarden::screen::detail {

std::vector<Entity> parse_un_xml(std::string_view text, const std::string& where);
std::vector<Entity> parse_ofac_csv(std::string_view sdn, std::string_view alt, std::string_view add,
                                   const std::string& where);
std::vector<Entity> parse_ofac_xml(std::string_view text, const std::string& where);
std::vector<Entity> parse_ofac_advanced_xml(std::string_view text, const std::string& where);
std::vector<Entity> parse_eu_regulation_csv(std::string_view text, const std::string& where);
std::vector<Entity> parse_eu_xml(std::string_view text, const std::string& where);
std::vector<Entity> parse_eu_csv(std::string_view text, const std::string& where);
std::vector<Entity> parse_uk_ofsi_csv(std::string_view text, const std::string& where);
std::vector<Entity> parse_uk_sanctions_list_csv(std::string_view text, const std::string& where);
std::vector<Entity> parse_uk_sanctions_list_xml(std::string_view text, const std::string& where);
std::vector<Entity> parse_ftm_json(std::string_view text, const std::string& where);

// Shared helpers.
std::string to_utf8(std::string_view text);            // Windows-1252 -> UTF-8 when not valid UTF-8
std::string iso_date(std::string_view text);           // "16.7.2009", "16/07/2009" -> 2009-07-16
void add_alias(Entity& e, std::string_view name, NameQuality q);  // trimmed, deduplicated
void add_unique(std::vector<std::string>& v, std::string_view s);
std::vector<std::string> split_list(std::string_view s, std::string_view sep);  // trimmed, non-empty
// Throws ListLoadError "<where>: <what>" for XML parse failures with the line number.
[[noreturn]] void xml_error(std::string_view text, const std::string& where, size_t offset, const char* what);

}  // namespace seawarden::screen::detail
