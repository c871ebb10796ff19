// `seawarden lists`: download the official sanctions lists (update), summarise list files
// (show) and compare two copies (diff). Sources are in config/list-sources.toml.
#include <toml++/toml.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/command.h"
#include "screen/list_update.h"
#include "screen/lists.h"

namespace {

namespace scr = seawarden::screen;
namespace fs = std::filesystem;

struct Opts {
  std::string dir;
  std::string sources;
  std::vector<std::string> only;
  long connect_timeout = 10;
  std::vector<std::string> files;
  std::string before, after;
  size_t examples = 5;
};

// --sources, else $SEAWARDEN_LIST_SOURCES, else ./config/list-sources.toml, else
// config/list-sources.toml beside the program's parent directory.
fs::path find_sources(const std::string& given) {
  if (!given.empty()) return given;
  if (const char* env = std::getenv("SEAWARDEN_LIST_SOURCES")) return env;
  std::error_code ec;
  if (fs::exists("config/list-sources.toml", ec)) return "config/list-sources.toml";
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  for (fs::path p = exe.parent_path(); !p.empty() && p != p.root_path(); p = p.parent_path())
    if (fs::exists(p / "config/list-sources.toml", ec)) return p / "config/list-sources.toml";
  return {};
}

std::vector<scr::ListSource> read_sources(const fs::path& path) {
  std::vector<scr::ListSource> out;
  toml::table t = toml::parse_file(path.string());
  if (auto* arr = t["source"].as_array()) {
    for (auto& node : *arr) {
      auto* s = node.as_table();
      if (!s) continue;
      scr::ListSource src;
      src.name = (*s)["name"].value_or(std::string{});
      src.description = (*s)["description"].value_or(std::string{});
      src.enabled = (*s)["enabled"].value_or(true);
      if (auto* files = (*s)["files"].as_array())
        for (auto& f : *files)
          if (auto* ft = f.as_table())
            src.files.push_back({(*ft)["file"].value_or(std::string{}), (*ft)["url"].value_or(std::string{})});
      if (src.name.empty() || src.files.empty())
        throw std::runtime_error(path.string() + ": a [[source]] needs a name and files");
      out.push_back(std::move(src));
    }
  }
  if (out.empty()) throw std::runtime_error(path.string() + ": no [[source]] entries");
  return out;
}

nlohmann::json diff_json(const scr::ListDiff& d, size_t examples) {
  auto head = [&](const std::vector<std::string>& v) {
    return std::vector<std::string>(v.begin(), v.begin() + static_cast<long>(std::min(v.size(), examples)));
  };
  return {{"entries_before", d.before}, {"entries_after", d.after}, {"added", d.added.size()},
          {"removed", d.removed.size()}, {"changed", d.changed.size()}, {"added_examples", head(d.added)},
          {"removed_examples", head(d.removed)}, {"changed_examples", head(d.changed)}};
}

int run_update(const Opts& o) {
  fs::path sources_path = find_sources(o.sources);
  if (sources_path.empty()) {
    std::fprintf(stderr, "seawarden lists update: no list sources file (give --sources FILE; the project's is config/list-sources.toml)\n");
    return seawarden::cli::kExitFailure;
  }
  std::vector<scr::ListSource> sources;
  try {
    sources = read_sources(sources_path);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "seawarden lists update: %s\n", e.what());
    return seawarden::cli::kExitFailure;
  }
  if (!o.only.empty()) {
    for (auto& s : sources)
      s.enabled = std::find(o.only.begin(), o.only.end(), s.name) != o.only.end();
  }
  std::error_code ec;
  fs::create_directories(o.dir, ec);
  if (ec) {
    std::fprintf(stderr, "seawarden lists update: cannot create %s: %s\n", o.dir.c_str(), ec.message().c_str());
    return seawarden::cli::kExitFailure;
  }
  scr::UpdateOptions options;
  options.connect_timeout_s = o.connect_timeout;
  std::vector<scr::UpdateResult> results;
  try {
    results = scr::update_lists(sources, o.dir, options);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "seawarden lists update: %s\n", e.what());
    return seawarden::cli::kExitFailure;
  }
  size_t failed = 0;
  for (const auto& r : results) {
    nlohmann::json j = {{"source", r.source}, {"ok", r.ok}};
    if (r.ok) {
      j["saved"] = r.saved.string();
      j["previous"] = r.previous.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.previous.string());
      j["diff"] = diff_json(r.diff, o.examples);
    } else {
      ++failed;
      j["error"] = r.error;
      std::fprintf(stderr, "seawarden lists update: %s not updated: %s\n", r.source.c_str(), r.error.c_str());
    }
    std::cout << j.dump() << "\n";
  }
  if (failed > 0 && failed == results.size())
    std::fprintf(stderr, "seawarden lists update: no list could be downloaded -- the machine looks offline or the "
                         "sources unreachable; the lists in %s are unchanged\n", o.dir.c_str());
  return failed ? seawarden::cli::kExitFailure : seawarden::cli::kExitOk;
}

int run_show(const Opts& o) {
  scr::ListSet s;
  try {
    s = scr::load_lists(o.files);
  } catch (const scr::ListLoadError& e) {
    std::fprintf(stderr, "seawarden lists show: %s\n", e.what());
    return seawarden::cli::kExitFailure;
  }
  size_t first = 0;
  for (const auto& f : s.files) {
    std::map<std::string, size_t> types;
    size_t aliases = 0, imo = 0, mmsi = 0;
    for (size_t i = first; i < first + f.entities; ++i) {
      const auto& e = s.entities[i];
      ++types[std::string(scr::to_string(e.type))];
      aliases += e.aliases.size();
      imo += !e.identifier("imo").empty();
      mmsi += !e.identifier("mmsi").empty();
    }
    first += f.entities;
    nlohmann::json j = {{"file", f.path}, {"format", std::string(scr::to_string(f.format))}, {"entities", f.entities},
                        {"by_type", types}, {"aliases", aliases}, {"with_imo", imo}, {"with_mmsi", mmsi}};
    std::cout << j.dump() << "\n";
  }
  return seawarden::cli::kExitOk;
}

int run_diff(const Opts& o) {
  try {
    scr::ListSet a = scr::load_lists({o.before}), b = scr::load_lists({o.after});
    std::cout << diff_json(scr::diff_lists(a.entities, b.entities), o.examples).dump() << "\n";
  } catch (const scr::ListLoadError& e) {
    std::fprintf(stderr, "seawarden lists diff: %s\n", e.what());
    return seawarden::cli::kExitFailure;
  }
  return seawarden::cli::kExitOk;
}

seawarden::cli::Registrar reg(45, [](CLI::App& app) {
  auto* lists = app.add_subcommand("lists", "Download, inspect and compare sanctions lists");
  lists->require_subcommand(1);
  auto opts = std::make_shared<Opts>();

  auto* update = lists->add_subcommand("update", "Download the current official lists into dated copies and report changes");
  update->add_option("--dir", opts->dir, "Directory keeping the dated copies")->required();
  update->add_option("--sources", opts->sources, "Sources file (default config/list-sources.toml)");
  update->add_option("--only", opts->only, "Only these source names (un, ofac, eu, uk-ofsi, uk, ...)");
  update->add_option("--connect-timeout", opts->connect_timeout, "Seconds to wait for a connection (default 10)");
  update->add_option("--examples", opts->examples, "Ids listed per kind of change (default 5)");
  update->callback([opts] { seawarden::cli::set_exit_code(run_update(*opts)); });

  auto* show = lists->add_subcommand("show", "Summarise list files: format, entries by type, identifiers");
  show->add_option("files", opts->files, "List files or directories")->required()->expected(1, -1);
  show->callback([opts] { seawarden::cli::set_exit_code(run_show(*opts)); });

  auto* diff = lists->add_subcommand("diff", "Entries added, removed and changed between two copies of a list");
  diff->add_option("before", opts->before, "Older list file or directory")->required();
  diff->add_option("after", opts->after, "Newer list file or directory")->required();
  diff->add_option("--examples", opts->examples, "Ids listed per kind of change (default 5)");
  diff->callback([opts] { seawarden::cli::set_exit_code(run_diff(*opts)); });
});

}  // namespace
