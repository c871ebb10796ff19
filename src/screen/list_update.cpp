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
#include <dlfcn.h>
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
// libcurl, loaded on first use rather than linked (see CMakeLists.txt): only `lists update`
// pays for it and for the TLS stack it brings.
struct CurlApi {
  decltype(&::curl_global_init) global_init;
  decltype(&::curl_easy_init) easy_init;
  decltype(&::curl_easy_setopt) easy_setopt;
  decltype(&::curl_easy_perform) easy_perform;
  decltype(&::curl_easy_cleanup) easy_cleanup;
  decltype(&::curl_easy_strerror) easy_strerror;
};

template <class F>
void resolve(void* lib, const char* name, F& out) {
  out = reinterpret_cast<F>(::dlsym(lib, name));
  if (!out) throw std::runtime_error(std::string("libcurl.so.4 lacks ") + name);
}

const CurlApi& curl() {
  static const CurlApi api = [] {
    void* lib = ::dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!lib)
      throw std::runtime_error(std::string("`lists update` needs libcurl (Debian package libcurl4): ") + ::dlerror());
    CurlApi a{};
    resolve(lib, "curl_global_init", a.global_init);
    resolve(lib, "curl_easy_init", a.easy_init);
    resolve(lib, "curl_easy_setopt", a.easy_setopt);
    resolve(lib, "curl_easy_perform", a.easy_perform);
    resolve(lib, "curl_easy_cleanup", a.easy_cleanup);
    resolve(lib, "curl_easy_strerror", a.easy_strerror);
    if (a.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) throw std::runtime_error("libcurl failed to initialise");
    return a;
  }();
  return api;
}

size_t write_to_file(char* data, size_t size, size_t n, void* user) {
  auto* out = static_cast<std::ofstream*>(user);
  out->write(data, static_cast<std::streamsize>(size * n));
  return out->good() ? size * n : 0;
}

// Downloads url to path; returns an empty string or the error.
std::string download(const std::string& url, const fs::path& path, const UpdateOptions& o) {
  std::ofstream out(path, std::ios::binary);
  if (!out) return "cannot write " + path.string();
  const CurlApi& api = curl();
  CURL* handle = api.easy_init();
  if (!handle) return "libcurl could not start";
  char error[CURL_ERROR_SIZE] = {};
  api.easy_setopt(handle, CURLOPT_URL, url.c_str());
  api.easy_setopt(handle, CURLOPT_WRITEFUNCTION, write_to_file);
  api.easy_setopt(handle, CURLOPT_WRITEDATA, &out);
  api.easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 1L);
  api.easy_setopt(handle, CURLOPT_MAXREDIRS, 5L);
  api.easy_setopt(handle, CURLOPT_CONNECTTIMEOUT, o.connect_timeout_s);
  api.easy_setopt(handle, CURLOPT_TIMEOUT, o.total_timeout_s);
  api.easy_setopt(handle, CURLOPT_FAILONERROR, 1L);
  api.easy_setopt(handle, CURLOPT_ERRORBUFFER, error);
  api.easy_setopt(handle, CURLOPT_USERAGENT, "seawarden-lists-update/0.1");
  api.easy_setopt(handle, CURLOPT_ACCEPT_ENCODING, "");  // gzip when the server offers it
  CURLcode rc = api.easy_perform(handle);
  api.easy_cleanup(handle);
  out.close();
  if (rc != CURLE_OK) return fmt::format("{}: {}", url, error[0] ? error : api.easy_strerror(rc));
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
  curl();  // loads libcurl (or says why it cannot) before anything is written
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
