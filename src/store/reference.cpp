#include "store/reference.h"

#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "store/content_id.h"
#include "store/timefmt.h"

namespace seawarden::store {
namespace {

void extend(const nlohmann::json& coords, double& min_lat, double& min_lon, double& max_lat, double& max_lon) {
  if (!coords.is_array()) return;
  if (coords.size() >= 2 && coords[0].is_number() && coords[1].is_number()) {
    double lon = coords[0].get<double>(), lat = coords[1].get<double>();
    min_lat = std::min(min_lat, lat);
    max_lat = std::max(max_lat, lat);
    min_lon = std::min(min_lon, lon);
    max_lon = std::max(max_lon, lon);
    return;
  }
  for (const auto& c : coords) extend(c, min_lat, min_lon, max_lat, max_lon);
}

std::string str_prop(const nlohmann::json& props, const char* key) {
  if (!props.is_object()) return {};
  auto it = props.find(key);
  if (it == props.end() || it->is_null()) return {};
  return it->is_string() ? it->get<std::string>() : it->dump();
}

nlohmann::json entity_json(const screen::Entity& e) {
  nlohmann::json j;
  j["list"] = e.list;
  j["id"] = e.id;
  j["type"] = std::string(screen::to_string(e.type));
  j["name"] = e.name;
  if (!e.programs.empty()) j["programs"] = e.programs;
  if (!e.aliases.empty()) {
    auto& a = j["aliases"] = nlohmann::json::array();
    for (const auto& n : e.aliases) a.push_back({{"name", n.text}, {"quality", std::string(screen::to_string(n.quality))}});
  }
  if (!e.identifiers.empty()) {
    auto& ids = j["identifiers"] = nlohmann::json::array();
    for (const auto& i : e.identifiers) {
      nlohmann::json x{{"kind", i.kind}, {"value", i.value}};
      if (!i.note.empty()) x["note"] = i.note;
      ids.push_back(std::move(x));
    }
  }
  if (!e.flags.empty()) j["flags"] = e.flags;
  if (!e.nationalities.empty()) j["nationalities"] = e.nationalities;
  if (!e.addresses.empty()) j["addresses"] = e.addresses;
  if (!e.listed_on.empty()) j["listed_on"] = e.listed_on;
  if (!e.remarks.empty()) j["remarks"] = e.remarks;
  return j;
}

}  // namespace

std::size_t store_zones_file(Database& db, const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open zones file " + path);
  auto doc = nlohmann::json::parse(in, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) throw std::runtime_error("zones file " + path + " is not JSON");
  auto st = db.prepare("INSERT OR REPLACE INTO zones VALUES(?,?,?,?,?,?,?,?)");
  std::size_t n = 0;
  const auto& features = doc.value("features", nlohmann::json::array());
  for (std::size_t i = 0; i < features.size(); ++i) {
    const auto& f = features[i];
    if (!f.is_object() || !f.contains("geometry") || !f["geometry"].is_object()) continue;
    const auto& g = f["geometry"];
    std::string type = g.value("type", "");
    if (type != "Polygon" && type != "MultiPolygon") continue;
    const auto props = f.value("properties", nlohmann::json::object());
    std::string id = str_prop(props, "id");
    if (id.empty()) id = str_prop(f, "id");
    if (id.empty()) id = "zone-" + std::to_string(i + 1);
    double min_lat = 90, min_lon = 180, max_lat = -90, max_lon = -180;
    extend(g.value("coordinates", nlohmann::json::array()), min_lat, min_lon, max_lat, max_lon);
    if (min_lat > max_lat) continue;
    st.bind(1, id).bind(2, str_prop(props, "name")).bind(3, str_prop(props, "kind"));
    st.bind(4, min_lat).bind(5, min_lon).bind(6, max_lat).bind(7, max_lon).bind(8, g.dump());
    st.run();
    ++n;
  }
  return n;
}

std::size_t store_lists(Database& db, const screen::ListSet& lists) {
  // Entities by the file they came from: files are loaded in order, entities appended.
  std::size_t first = 0, stored = 0;
  auto find = db.prepare("SELECT id FROM sanction_lists WHERE name=? AND version=? AND published=?");
  auto add_list = db.prepare(
      "INSERT INTO sanction_lists(name,source,version,published,path,entries,loaded_at) VALUES(?,?,?,?,?,?,?)");
  auto add_entry = db.prepare("INSERT OR REPLACE INTO sanction_entries VALUES(?,?,?,?)");
  for (const auto& file : lists.files) {
    const std::size_t count = std::min(file.entities, lists.entities.size() - first);
    std::string name = count ? lists.entities[first].list : std::string("unknown");
    std::string version, published;
    try {
      version = content_id_of_file(file.path).id;
    } catch (const std::exception&) {
      version = "unreadable";
    }
    struct stat sb {};
    if (::stat(file.path.c_str(), &sb) == 0) published = iso_utc(static_cast<std::int64_t>(sb.st_mtime) * 1000).substr(0, 10);
    find.bind(1, name).bind(2, version).bind(3, published);
    bool exists = find.step();
    find.reset();
    if (!exists) {
      add_list.bind(1, name).bind(2, std::string(screen::to_string(file.format))).bind(3, version);
      add_list.bind(4, published).bind(5, file.path).bind(6, static_cast<std::int64_t>(count)).bind(7, now_iso());
      add_list.run();
      std::int64_t list_id = db.last_insert_rowid();
      for (std::size_t i = first; i < first + count; ++i) {
        const auto& e = lists.entities[i];
        add_entry.bind(1, list_id).bind(2, e.id).bind(3, e.name).bind(4, entity_json(e).dump()).run();
      }
      ++stored;
    }
    first += count;
  }
  return stored;
}

}  // namespace seawarden::store
