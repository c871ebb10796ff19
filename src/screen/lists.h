// Loading sanctions lists into the one entity model (see entity.h).
//
// The format is recognised from the file's content (not its name):
//   UN Security Council consolidated XML (<CONSOLIDATED_LIST>)      -> list "un"
//   OFAC SDN CSV set: sdn.csv (+ alt.csv, add.csv found beside it)  -> list "ofac"
//   OFAC SDN XML (<sdnList>) and SDN advanced XML (<Sanctions>)     -> list "ofac"
//   EU financial sanctions XML (<export>) and CSV (';' separated)   -> list "eu"
//   EU per-regulation CSV (header "celex,recordId,...")            -> list "eu"
//   UK OFSI consolidated list CSV, UK Sanctions List CSV and XML    -> list "uk"
//   OpenSanctions FollowTheMoney JSON lines                         -> list "opensanctions"
// A directory loads every recognised file in it.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "screen/entity.h"

namespace seawarden::screen {

enum class ListFormat {
  unknown,
  un_xml,
  ofac_sdn_csv,
  ofac_alt_csv,
  ofac_add_csv,
  ofac_sdn_xml,
  ofac_advanced_xml,
  eu_xml,
  eu_csv,
  eu_regulation_csv,
  uk_ofsi_csv,
  uk_sanctions_list_csv,
  uk_sanctions_list_xml,
  ftm_json,
};
std::string_view to_string(ListFormat f);

// Recognises a list from the first bytes of its content (a few kB are enough).
ListFormat detect_format(std::string_view head);

// A list file that could not be read; what() names the file and where it failed.
class ListLoadError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct LoadedFile {
  std::string path;
  ListFormat format = ListFormat::unknown;
  size_t entities = 0;
};

struct ListSet {
  std::vector<Entity> entities;
  std::vector<LoadedFile> files;
};

// Loads files or directories. A file that fails part-way contributes nothing. With
// `errors` null the first failure throws ListLoadError; otherwise failures are appended
// to `errors` and the other files still load.
ListSet load_lists(const std::vector<std::string>& paths, std::vector<std::string>* errors = nullptr);

// Loads one file into `into` (all or nothing); throws ListLoadError.
void load_list_file(const std::filesystem::path& path, ListSet& into);

// Parses list content already in memory (used by tests, fuzzing and `lists update`).
// `companions` supplies OFAC alt.csv/add.csv content for sdn.csv (may be empty).
std::vector<Entity> parse_list(std::string_view content, ListFormat format, const std::string& where,
                               std::string_view ofac_alt = {}, std::string_view ofac_add = {});

}  // namespace seawarden::screen
