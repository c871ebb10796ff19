#include "detect/zones.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "ais/input.h"

namespace seawarden::detect {

namespace {

using nlohmann::json;

// Reads one GeoJSON linear ring ([[lon, lat], ...]); returns an error text or "".
std::string read_ring(const json& j, std::vector<geo::LatLon>& ring) {
  if (!j.is_array()) return "ring is not an array";
  ring.clear();
  for (const auto& pos : j) {
    if (!pos.is_array() || pos.size() < 2 || !pos[0].is_number() || !pos[1].is_number())
      return "position is not [lon, lat]";
    const double lon = pos[0].get<double>(), lat = pos[1].get<double>();
    if (!std::isfinite(lat) || !std::isfinite(lon) || lat < -90 || lat > 90 || lon < -180 || lon > 180)
      return "coordinate out of range: [" + pos[0].dump() + ", " + pos[1].dump() + "]";
    ring.push_back({lat, lon});
  }
  if (ring.size() >= 2 && ring.front().lat == ring.back().lat && ring.front().lon == ring.back().lon)
    ring.pop_back();  // GeoJSON repeats the first position; rings are kept open
  if (ring.size() < 3) return "ring has fewer than 4 positions";
  for (std::size_t i = 0; i < ring.size(); ++i) {
    const auto& a = ring[i];
    const auto& b = ring[(i + 1) % ring.size()];
    if (std::fabs(b.lon - a.lon) > 180)
      return "edge crosses the antimeridian (split the polygon at 180°, RFC 7946 §3.1.9)";
  }
  return "";
}

std::string read_polygon(const json& coords, Zone& z) {
  if (!coords.is_array() || coords.empty()) return "polygon has no rings";
  for (const auto& r : coords) {
    std::vector<geo::LatLon> ring;
    if (auto err = read_ring(r, ring); !err.empty()) return err;
    z.rings.push_back(std::move(ring));
  }
  ++z.polygon_count;
  return "";
}

// How far (degrees of latitude) the great-circle arc a-b reaches beyond its end points' latitudes.
double arc_bulge_deg(double alat, double alon, double blat, double blon) {
  auto unit = [](double lat, double lon) {
    const double p = lat * geo::kDegToRad, l = lon * geo::kDegToRad;
    return std::array<double, 3>{std::cos(p) * std::cos(l), std::cos(p) * std::sin(l), std::sin(p)};
  };
  auto cross = [](const std::array<double, 3>& u, const std::array<double, 3>& v) {
    return std::array<double, 3>{u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
  };
  auto dot = [](const std::array<double, 3>& u, const std::array<double, 3>& v) {
    return u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
  };
  const auto a = unit(alat, alon), b = unit(blat, blon);
  auto n = cross(a, b);
  const double nn = std::sqrt(dot(n, n));
  if (nn < 1e-15) return 0;
  for (auto& x : n) x /= nn;
  double bulge = 0;
  for (double pole : {1.0, -1.0}) {
    // Extreme point of the great circle toward this pole; does it lie on the arc?
    std::array<double, 3> v{-n[2] * n[0] * pole, -n[2] * n[1] * pole, pole - n[2] * n[2] * pole};
    const double vn = std::sqrt(dot(v, v));
    if (vn < 1e-15) continue;
    for (auto& x : v) x /= vn;
    if (dot(cross(a, v), n) >= 0 && dot(cross(v, b), n) >= 0) {
      const double lat = std::asin(std::clamp(v[2], -1.0, 1.0)) / geo::kDegToRad;
      bulge = std::max(bulge, pole > 0 ? lat - std::max(alat, blat) : std::min(alat, blat) - lat);
    }
  }
  return bulge;
}

std::string prop_string(const json& props, const char* key) {
  if (!props.is_object() || !props.contains(key)) return "";
  const auto& v = props[key];
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return std::to_string(v.get<std::int64_t>());
  if (v.is_null()) return "";
  return v.dump();
}

}  // namespace

ZoneSet ZoneSet::parse(std::string_view text, const std::string& source) {
  json doc;
  try {
    doc = json::parse(text.begin(), text.end());
  } catch (const json::exception& e) {  // parse_error, and out_of_range for a number too large
    throw ZoneError(source + ": invalid JSON: " + e.what());
  }
  if (!doc.is_object() || doc.value("type", json()) != "FeatureCollection" || !doc.contains("features") ||
      !doc["features"].is_array())
    throw ZoneError(source + ": not a GeoJSON FeatureCollection (need {\"type\":\"FeatureCollection\",\"features\":[...]})");

  ZoneSet set;
  std::size_t index = 0;
  for (const auto& f : doc["features"]) {
    const std::string where = source + ": feature " + std::to_string(index++);
    if (!f.is_object() || !f.contains("geometry") || !f["geometry"].is_object()) {
      set.warnings_.push_back(where + ": no geometry, skipped");
      continue;
    }
    const json props = f.value("properties", json::object());
    Zone z;
    z.id = prop_string(props, "id");
    if (z.id.empty() && f.contains("id")) z.id = f["id"].is_string() ? f["id"].get<std::string>() : f["id"].dump();
    z.name = prop_string(props, "name");
    z.kind = prop_string(props, "kind");
    if (z.id.empty()) {
      z.id = "zone-" + std::to_string(index - 1);
      set.warnings_.push_back(where + ": no properties.id, using \"" + z.id + "\"");
    }
    const json& g = f["geometry"];
    const std::string type = !g.contains("type") ? "" : g["type"].is_string() ? g["type"].get<std::string>() : g["type"].dump();
    const json coords = g.value("coordinates", json());
    std::string err;
    if (type == "Polygon") {
      err = read_polygon(coords, z);
    } else if (type == "MultiPolygon") {
      if (!coords.is_array() || coords.empty()) err = "MultiPolygon has no polygons";
      for (const auto& poly : coords) {
        if (!err.empty()) break;
        err = read_polygon(poly, z);
      }
    } else {
      err = "geometry type " + nlohmann::json(type).dump() + " is not Polygon or MultiPolygon";
    }
    if (!err.empty()) {
      set.warnings_.push_back(where + " (id " + z.id + "): " + err + ", skipped");
      continue;
    }
    set.add_zone(std::move(z));
  }
  set.build_index();
  return set;
}

ZoneSet load_zones(const std::string& path) {
  // 1 GiB: a detailed world EEZ layer is a few hundred MB of GeoJSON.
  constexpr std::uint64_t kMaxZonesBytes = std::uint64_t{1} << 30;
  std::string text;
  try {
    text = ais::read_whole_file(path, kMaxZonesBytes, "zones file");
  } catch (const std::runtime_error& e) {
    throw ZoneError(e.what());
  }
  return ZoneSet::parse(text, path);
}

void ZoneSet::add_zone(Zone&& z) {
  for (const auto& r : z.rings)
    for (const auto& p : r) z.bbox.expand(p.lat, p.lon);
  zones_.push_back(std::move(z));
}

void ZoneSet::build_index() {
  grids_.clear();
  grids_.resize(zones_.size());
  all_box_ = geo::BBox{};
  for (std::size_t i = 0; i < zones_.size(); ++i) {
    build_edge_grid(i);
    all_box_.expand(zones_[i].bbox);
  }
  gnx_ = gny_ = 0;
  gcell_first_.clear();
  gcell_zones_.clear();
  if (zones_.empty()) return;
  // Global grid: about 4 cells per zone, at most 256 x 256, over the union of the boxes.
  const double w = std::max(all_box_.max_lon - all_box_.min_lon, 1e-6);
  const double h = std::max(all_box_.max_lat - all_box_.min_lat, 1e-6);
  const double target = std::clamp<double>(4.0 * zones_.size(), 1, 65536);
  const double side = std::sqrt(w * h / target);
  gnx_ = std::clamp(static_cast<int>(std::ceil(w / side)), 1, 256);
  gny_ = std::clamp(static_cast<int>(std::ceil(h / side)), 1, 256);
  gdx_ = w / gnx_;
  gdy_ = h / gny_;
  std::vector<std::vector<std::uint32_t>> lists(static_cast<std::size_t>(gnx_) * gny_);
  for (std::size_t i = 0; i < zones_.size(); ++i) {
    const auto& b = zones_[i].bbox;
    const int x0 = std::clamp(static_cast<int>((b.min_lon - all_box_.min_lon) / gdx_), 0, gnx_ - 1);
    const int x1 = std::clamp(static_cast<int>((b.max_lon - all_box_.min_lon) / gdx_), 0, gnx_ - 1);
    const int y0 = std::clamp(static_cast<int>((b.min_lat - all_box_.min_lat) / gdy_), 0, gny_ - 1);
    const int y1 = std::clamp(static_cast<int>((b.max_lat - all_box_.min_lat) / gdy_), 0, gny_ - 1);
    for (int y = y0; y <= y1; ++y)
      for (int x = x0; x <= x1; ++x) lists[static_cast<std::size_t>(y) * gnx_ + x].push_back(static_cast<std::uint32_t>(i));
  }
  gcell_first_.reserve(lists.size() + 1);
  for (const auto& l : lists) {
    gcell_first_.push_back(static_cast<std::uint32_t>(gcell_zones_.size()));
    gcell_zones_.insert(gcell_zones_.end(), l.begin(), l.end());
  }
  gcell_first_.push_back(static_cast<std::uint32_t>(gcell_zones_.size()));
}

void ZoneSet::build_edge_grid(std::size_t zi) {
  const Zone& z = zones_[zi];
  EdgeGrid& g = grids_[zi];
  g.box = z.bbox;
  for (const auto& r : z.rings)
    for (std::size_t i = 0; i < r.size(); ++i) {
      const auto& a = r[i];
      const auto& b = r[(i + 1) % r.size()];
      g.edges.push_back({a.lat, a.lon, b.lat, b.lon});
      g.arc_bulge_deg = std::max(g.arc_bulge_deg, arc_bulge_deg(a.lat, a.lon, b.lat, b.lon) * 1.001 + 1e-9);
    }
  // About 4 cells per edge, roughly square in degrees, at most 256 x 256.
  const double w = std::max(g.box.max_lon - g.box.min_lon, 1e-9);
  const double h = std::max(g.box.max_lat - g.box.min_lat, 1e-9);
  const double target = std::clamp<double>(4.0 * g.edges.size(), 4, 65536);
  const double side = std::sqrt(w * h / target);
  g.nx = std::clamp(static_cast<int>(std::ceil(w / side)), 1, 256);
  g.ny = std::clamp(static_cast<int>(std::ceil(h / side)), 1, 256);
  g.dx = w / g.nx;
  g.dy = h / g.ny;

  // Edges crossing each cell: clip each edge to every row band it spans, then take the
  // columns its longitude range covers there (slightly widened against rounding).
  std::vector<std::vector<std::uint32_t>> lists(static_cast<std::size_t>(g.nx) * g.ny);
  const double eps = 1e-9;
  for (std::uint32_t e = 0; e < g.edges.size(); ++e) {
    const Edge& E = g.edges[e];
    const double lo_lat = std::min(E.alat, E.blat), hi_lat = std::max(E.alat, E.blat);
    const int r0 = std::clamp(static_cast<int>((lo_lat - g.box.min_lat - eps) / g.dy), 0, g.ny - 1);
    const int r1 = std::clamp(static_cast<int>((hi_lat - g.box.min_lat + eps) / g.dy), 0, g.ny - 1);
    for (int r = r0; r <= r1; ++r) {
      const double y0 = g.box.min_lat + r * g.dy - eps, y1 = g.box.min_lat + (r + 1) * g.dy + eps;
      double xa, xb;
      if (E.blat == E.alat) {
        xa = std::min(E.alon, E.blon);
        xb = std::max(E.alon, E.blon);
      } else {
        const double t0 = std::clamp((y0 - E.alat) / (E.blat - E.alat), 0.0, 1.0);
        const double t1 = std::clamp((y1 - E.alat) / (E.blat - E.alat), 0.0, 1.0);
        const double u = E.alon + (E.blon - E.alon) * t0, v = E.alon + (E.blon - E.alon) * t1;
        xa = std::min(u, v);
        xb = std::max(u, v);
      }
      const int c0 = std::clamp(static_cast<int>((xa - g.box.min_lon - eps) / g.dx), 0, g.nx - 1);
      const int c1 = std::clamp(static_cast<int>((xb - g.box.min_lon + eps) / g.dx), 0, g.nx - 1);
      for (int c = c0; c <= c1; ++c) lists[static_cast<std::size_t>(r) * g.nx + c].push_back(e);
    }
  }
  g.cells.assign(lists.size(), Cell{});
  for (std::size_t i = 0; i < lists.size(); ++i) {
    g.cells[i].first = static_cast<std::uint32_t>(g.cell_edges.size());
    g.cells[i].count = static_cast<std::uint32_t>(lists[i].size());
    g.cell_edges.insert(g.cell_edges.end(), lists[i].begin(), lists[i].end());
  }
  // Inside-ness of every cell centre: one scanline per row (even-odd). Ties follow one rule
  // everywhere, here and in inside_zone: a point is taken a hair east and a hair north of where
  // it is (a vertex at its latitude lies south of it; an edge crossing its scanline at its
  // longitude lies west of it). Cell centres fall on round coordinates, and so do harbour
  // polygons' edges: the tie is common, not a corner case.
  std::vector<double> xs;
  for (int r = 0; r < g.ny; ++r) {
    const double y = g.box.min_lat + (r + 0.5) * g.dy;
    xs.clear();
    for (const Edge& E : g.edges)
      if ((E.alat > y) != (E.blat > y)) xs.push_back(E.alon + (y - E.alat) / (E.blat - E.alat) * (E.blon - E.alon));
    std::sort(xs.begin(), xs.end());
    std::size_t k = 0;
    for (int c = 0; c < g.nx; ++c) {
      const double x = g.box.min_lon + (c + 0.5) * g.dx;
      while (k < xs.size() && xs[k] <= x) ++k;
      g.cells[static_cast<std::size_t>(r) * g.nx + c].centre_inside = (k % 2) == 1;
    }
  }
}

bool ZoneSet::inside_zone(std::size_t zi, double lat, double lon) const {
  const EdgeGrid& g = grids_[zi];
  if (!g.box.contains(lat, lon)) return false;
  const int c = std::clamp(static_cast<int>((lon - g.box.min_lon) / g.dx), 0, g.nx - 1);
  const int r = std::clamp(static_cast<int>((lat - g.box.min_lat) / g.dy), 0, g.ny - 1);
  const Cell& cell = g.cells[static_cast<std::size_t>(r) * g.nx + c];
  bool inside = cell.centre_inside;
  if (cell.count == 0) return inside;
  // L-shaped path from the centre (cx, cy): horizontal to (lon, cy), then vertical to (lon, lat).
  // Each leg flips parity at every edge it crosses. An edge met exactly at a leg's end (the point
  // or the centre on an edge, a leg through a vertex) is a tie whose side depends on which hair,
  // east or north, is the smaller: those few points take the plain ray test over the zone's edges.
  const double cx = g.box.min_lon + (c + 0.5) * g.dx, cy = g.box.min_lat + (r + 0.5) * g.dy;
  const double xlo = std::min(cx, lon), xhi = std::max(cx, lon);
  const double ylo = std::min(cy, lat), yhi = std::max(cy, lat);
  for (std::uint32_t k = 0; k < cell.count; ++k) {
    const Edge& E = g.edges[g.cell_edges[cell.first + k]];
    if ((E.alat > cy) != (E.blat > cy)) {
      const double x = E.alon + (cy - E.alat) / (E.blat - E.alat) * (E.blon - E.alon);
      if (x == xlo || x == xhi) return inside_by_ray(g, lat, lon);
      if (x > xlo && x < xhi) inside = !inside;
    }
    if ((E.alon > lon) != (E.blon > lon)) {
      const double y = E.alat + (lon - E.alon) / (E.blon - E.alon) * (E.blat - E.alat);
      if (y == ylo || y == yhi) return inside_by_ray(g, lat, lon);
      if (y > ylo && y < yhi) inside = !inside;
    }
  }
  return inside;
}

bool ZoneSet::inside_by_ray(const EdgeGrid& g, double lat, double lon) {
  // Even-odd along the ray due east; a vertex on the ray's latitude counts as south of it and an
  // edge crossing at the point's longitude as west of it: the rule the scanline follows.
  bool inside = false;
  for (const Edge& E : g.edges)
    if ((E.alat > lat) != (E.blat > lat) && lon < E.alon + (lat - E.alat) / (E.blat - E.alat) * (E.blon - E.alon))
      inside = !inside;
  return inside;
}

void ZoneSet::zones_at(double lat, double lon, std::vector<std::uint32_t>& out) const {
  out.clear();
  if (gnx_ == 0 || !all_box_.contains(lat, lon)) return;
  const int x = std::clamp(static_cast<int>((lon - all_box_.min_lon) / gdx_), 0, gnx_ - 1);
  const int y = std::clamp(static_cast<int>((lat - all_box_.min_lat) / gdy_), 0, gny_ - 1);
  const std::size_t cell = static_cast<std::size_t>(y) * gnx_ + x;
  for (std::uint32_t k = gcell_first_[cell]; k < gcell_first_[cell + 1]; ++k)
    if (inside_zone(gcell_zones_[k], lat, lon)) out.push_back(gcell_zones_[k]);
}

bool ZoneSet::contains(std::size_t zone, double lat, double lon) const {
  return zone < zones_.size() && inside_zone(zone, lat, lon);
}

double ZoneSet::distance_to_zone_m(std::size_t zi, double lat, double lon, double best_m) const {
  if (inside_zone(zi, lat, lon)) return 0;
  const EdgeGrid& g = grids_[zi];
  // Visit boundary cells only, skipping any whose box cannot hold anything nearer than best.
  for (int r = 0; r < g.ny; ++r)
    for (int c = 0; c < g.nx; ++c) {
      const Cell& cell = g.cells[static_cast<std::size_t>(r) * g.nx + c];
      if (cell.count == 0) continue;
      geo::BBox cb;  // the cell, widened by how far its arcs may bulge
      cb.expand(std::max(-90.0, g.box.min_lat + r * g.dy - g.arc_bulge_deg), g.box.min_lon + c * g.dx);
      cb.expand(std::min(90.0, g.box.min_lat + (r + 1) * g.dy + g.arc_bulge_deg), g.box.min_lon + (c + 1) * g.dx);
      if (geo::min_distance_to_bbox_m(cb, lat, lon) >= best_m) continue;
      for (std::uint32_t k = 0; k < cell.count; ++k) {
        const Edge& E = g.edges[g.cell_edges[cell.first + k]];
        best_m = std::min(best_m, geo::distance_to_arc_m(lat, lon, E.alat, E.alon, E.blat, E.blon));
      }
    }
  return best_m;
}

double ZoneSet::nearest(double lat, double lon, const std::vector<std::string>& kinds, double max_km,
                        int* zone_index) const {
  struct Candidate {
    double bound_m;
    std::size_t zone;
  };
  std::vector<Candidate> cands;
  bool any_kind = false;
  const double max_m = max_km * 1000.0;
  for (std::size_t i = 0; i < zones_.size(); ++i) {
    if (!kinds.empty() && std::find(kinds.begin(), kinds.end(), zones_[i].kind) == kinds.end()) continue;
    any_kind = true;
    geo::BBox box = zones_[i].bbox;
    box.min_lat = std::max(-90.0, box.min_lat - grids_[i].arc_bulge_deg);
    box.max_lat = std::min(90.0, box.max_lat + grids_[i].arc_bulge_deg);
    const double bound = geo::min_distance_to_bbox_m(box, lat, lon);
    if (bound < max_m) cands.push_back({bound, i});
  }
  if (zone_index) *zone_index = -1;
  if (!any_kind) return std::numeric_limits<double>::infinity();
  std::sort(cands.begin(), cands.end(), [](const Candidate& a, const Candidate& b) { return a.bound_m < b.bound_m; });
  double best = max_m;
  for (const auto& c : cands) {
    if (c.bound_m >= best) break;  // sorted: nothing further can be nearer
    const double d = distance_to_zone_m(c.zone, lat, lon, best);
    if (d < best) {
      best = d;
      if (zone_index) *zone_index = static_cast<int>(c.zone);
    }
  }
  return best / 1000.0;
}

double ZoneSet::edge_gap_m(std::size_t zone) const {
  double gap = 0;
  for (const auto& ring : zones_[zone].rings)
    for (std::size_t k = 0; k < ring.size(); ++k) {
      const geo::LatLon& a = ring[k];
      const geo::LatLon& b = ring[(k + 1) % ring.size()];
      for (int step = 1; step < 10; ++step) {
        const double f = step / 10.0;
        gap = std::max(gap, geo::distance_to_arc_m(a.lat + (b.lat - a.lat) * f, a.lon + (b.lon - a.lon) * f, a.lat,
                                                   a.lon, b.lat, b.lon));
      }
    }
  return gap;
}

double ZoneSet::distance_to_nearest_km(double lat, double lon, const std::vector<std::string>& kinds,
                                       double max_km) const {
  return nearest(lat, lon, kinds, max_km, nullptr);
}

}  // namespace seawarden::detect
