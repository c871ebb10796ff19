// Downloading the official lists into dated copies and reporting what changed.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "screen/entity.h"
#include "screen/lists.h"

namespace seawarden::screen {

struct SourceFile {
  std::string file;  // name inside the dated directory
  std::string url;
};

struct ListSource {
  std::string name;  // directory name under DIR ("un", "ofac", ...)
  std::string description;
  bool enabled = true;
  std::vector<SourceFile> files;
};

// Entries added, removed and changed between two loads of one list (keyed by list + id).
struct ListDiff {
  size_t before = 0, after = 0;
  std::vector<std::string> added, removed, changed;  // "id name"
};
ListDiff diff_lists(const std::vector<Entity>& before, const std::vector<Entity>& after);

struct UpdateResult {
  std::string source;
  bool ok = false;
  std::string error;                // why the source was not updated
  std::filesystem::path saved;      // the new dated copy
  std::filesystem::path previous;   // the copy compared against (empty for a first download)
  ListDiff diff;
};

struct UpdateOptions {
  long connect_timeout_s = 10;  // short: an offline machine must answer quickly
  long total_timeout_s = 300;
};

// Downloads each enabled source into dir/<name>/<UTC time>/ (via a ".partial" directory
// renamed only when every file downloaded and parsed), then diffs against the previous
// copy. Throws std::runtime_error when libcurl is not available in this build.
std::vector<UpdateResult> update_lists(const std::vector<ListSource>& sources, const std::filesystem::path& dir,
                                       const UpdateOptions& options);

// The most recent complete dated copy of a source, or empty.
std::filesystem::path latest_copy(const std::filesystem::path& dir, const std::string& source,
                                  const std::filesystem::path& excluding = {});

}  // namespace seawarden::screen
