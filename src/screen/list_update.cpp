#include "screen/list_update.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>
#include <stdexcept>

#ifdef SEAWARDEN_HAVE_CURL
#include <curl/curl.h>
#endif

namespace seawarden::screen {
namespace fs = std::filesystem;

namespace {

std::string fingerprint(const Entity& e) {
  std::vector<std::string> parts;
  for (const auto& a : e.aliases) parts.push_back("a:" + a.text + "/" + std::string(to_string(a.quality)));
  for (const auto& i : e.identifiers) parts.push_back("i:" + i.kind + "=" + i.value);
  for (const auto& p : e.programs) parts.push_back("p:" + p);
  for (const auto& v : e.birth_dates) parts.push_back("b:" + v);
  for (const auto& v : e.nationalities) parts.push_back("n:" + v);
  for (const auto& v : e.flags) parts.push_back("f:" + v);
  for (const auto& v : e.addresses) parts.push_back("d:" + v);
  std::sort(parts.begin(), parts.end());
  std::string out = e.name + "|" + std::string(to_string(e.type)) + "|" + e.remarks;
  for (auto& p : parts) out += "|" + p;
  return out;
}

#ifdef SEAWARDEN_HAVE_CURL
size_t write_to_file(char* data, size_t size, size_t n, void* user) {
  auto* out = static_cast<std::ofstream*>(user);
  out->write(data, static_cast<std::streamsize>(size * n));
  return out->good() ? size * n : 0;
}

// Downloads url to path; returns an empty string or the error.
std::string download(const std::string& url, const fs::path& path, const UpdateOptions& o) {
  std::ofstream out(path, std::ios::binary);
  if (!out) return "cannot write " + path.string();
  CURL* curl = curl_easy_init();
  if (!curl) return "libcurl could not start";
  char error[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, write_to_file);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &out);
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 5L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, o.connect_timeout_s);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, o.total_timeout_s);
  curl_easy_setopt(curl, CURLOPT_FAILONERROR, 1L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "seawarden-lists-update/0.1");
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");  // gzip when the server offers it
  CURLcode rc = curl_easy_perform(curl);
  curl_easy_cleanup(curl);
  out.close();
  if (rc != CURLE_OK) return fmt::format("{}: {}", url, error[0] ? error : curl_easy_strerror(rc));
  return {};
}
#endif

std::vector<Entity> load_copy(const fs::path& dir) {
  ListSet s = load_lists({dir.string()});
  return std::move(s.entities);
}

}  // namespace

ListDiff diff_lists(const std::vector<Entity>& before, const std::vector<Entity>& after) {
  ListDiff d;
  d.before = before.size();
  d.after = after.size();
  std::map<std::string, const Entity*> old_by_id, new_by_id;
  for (const auto& e : before) old_by_id[e.list + ":" + e.id] = &e;
  for (const auto& e : after) new_by_id[e.list + ":" + e.id] = &e;
  for (const auto& [k, e] : new_by_id) {
    auto it = old_by_id.find(k);
    if (it == old_by_id.end()) d.added.push_back(e->id + " " + e->name);
    else if (fingerprint(*it->second) != fingerprint(*e)) d.changed.push_back(e->id + " " + e->name);
  }
  for (const auto& [k, e] : old_by_id)
    if (!new_by_id.count(k)) d.removed.push_back(e->id + " " + e->name);
  return d;
}

fs::path latest_copy(const fs::path& dir, const std::string& source, const fs::path& excluding) {
  std::error_code ec;
  fs::path best;
  for (const auto& entry : fs::directory_iterator(dir / source, ec)) {
    if (!entry.is_directory()) continue;
    std::string name = entry.path().filename().string();
    if (name.ends_with(".partial") || entry.path() == excluding) continue;
    if (best.empty() || name > best.filename().string()) best = entry.path();
  }
  return best;
}

std::vector<UpdateResult> update_lists(const std::vector<ListSource>& sources, const fs::path& dir,
                                       const UpdateOptions& options) {
#ifndef SEAWARDEN_HAVE_CURL
  (void)sources; (void)dir; (void)options;
  throw std::runtime_error("this build has no libcurl: `lists update` cannot download (install libcurl4-openssl-dev and rebuild)");
#else
  static const bool curl_ready = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  if (!curl_ready) throw std::runtime_error("libcurl failed to initialise");
  std::vector<UpdateResult> results;
  std::string stamp = fmt::format("{:%Y-%m-%dT%H%M%SZ}", std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
  for (const auto& src : sources) {
    if (!src.enabled) continue;
    UpdateResult r;
    r.source = src.name;
    fs::path partial = dir / src.name / (stamp + ".partial");
    fs::path final_dir = dir / src.name / stamp;
    std::error_code ec;
    fs::create_directories(partial, ec);
    if (ec) {
      r.error = "cannot create " + partial.string() + ": " + ec.message();
      results.push_back(std::move(r));
      continue;
    }
    for (const auto& f : src.files) {
      r.error = download(f.url, partial / f.file, options);
      if (!r.error.empty()) break;
    }
    std::vector<Entity> fresh;
    if (r.error.empty()) {
      try {
        fresh = load_copy(partial);
        if (fresh.empty()) r.error = "the download holds no list entries (a changed format or an error page?)";
      } catch (const std::exception& e) {
        r.error = std::string("downloaded file does not parse: ") + e.what();
      }
    }
    if (!r.error.empty()) {
      fs::remove_all(partial, ec);
      results.push_back(std::move(r));
      continue;
    }
    fs::rename(partial, final_dir, ec);
    if (ec) {
      r.error = "cannot rename " + partial.string() + ": " + ec.message();
      results.push_back(std::move(r));
      continue;
    }
    r.saved = final_dir;
    r.previous = latest_copy(dir, src.name, final_dir);
    std::vector<Entity> old;
    if (!r.previous.empty()) {
      try {
        old = load_copy(r.previous);
      } catch (const std::exception&) {
        r.previous.clear();  // an unreadable previous copy: report all as added
      }
    }
    r.diff = diff_lists(old, fresh);
    r.ok = true;
    results.push_back(std::move(r));
  }
  return results;
#endif
}

}  // namespace seawarden::screen
