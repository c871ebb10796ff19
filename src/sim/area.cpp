// Area catalog (see area.h). Positions are degrees; lanes were checked against charts by eye.
#include "sim/area.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <queue>
#include <sstream>
#include <stdexcept>

namespace seawarden::sim {
namespace geo = detect::geo;
namespace {

struct NodeDef { const char* id; double lat, lon; };
struct PortDef { const char* id; const char* name; const char* cc; double lat, lon, alat, alon; const char* approach; };
struct DiscDef { const char* id; double lat, lon, radius_km; const char* access; bool transfer_area; const char* name; };
struct StationDef { const char* id; double lat, lon; };

// Sea waypoints (open water, several km from the coast).
constexpr NodeDef kNodes[] = {
    {"BW", 38.90, 118.40}, {"BC", 38.75, 119.70}, {"BN", 39.60, 119.95}, {"LDB", 39.80, 121.00},
    {"YKA", 40.12, 121.80}, {"BS", 38.57, 121.00}, {"LKA", 37.85, 120.25}, {"N1", 38.45, 121.45},
    {"DLA", 38.82, 121.95}, {"N2", 38.20, 122.50}, {"N3", 38.55, 123.30}, {"DDA", 39.50, 123.85},
    {"K1", 38.95, 124.30}, {"NPA", 38.66, 124.95}, {"K2", 38.30, 124.25}, {"Y1", 37.70, 124.20},
    {"IC1", 37.05, 125.80}, {"ICA", 37.30, 126.38}, {"YTA", 37.64, 121.55}, {"WHA", 37.64, 122.28},
    {"CS", 37.45, 122.95}, {"Y3", 36.50, 123.50}, {"Y6", 36.40, 125.40}, {"GSA", 35.95, 126.25},
    {"Y5", 35.60, 122.20}, {"QDA", 35.90, 120.60}, {"LYA", 34.80, 119.75}, {"Y7", 34.50, 124.60},
    {"E1", 33.50, 124.80}, {"JW", 33.80, 125.80}, {"JJA", 33.70, 126.55}, {"K3", 33.80, 127.30},
    {"K4", 34.40, 128.75}, {"BSA", 35.00, 129.10}, {"E2", 32.20, 123.50}, {"SHA", 31.05, 122.50},
    {"E3", 32.30, 128.40}, {"NGA", 32.70, 129.60},
};

constexpr std::pair<const char*, const char*> kLanes[] = {
    {"BW", "BC"},  {"BN", "BC"},  {"BC", "LDB"}, {"LDB", "YKA"}, {"BC", "BS"},  {"BC", "LKA"},
    {"BS", "N1"},  {"N1", "DLA"}, {"N1", "N2"},  {"N1", "YTA"},  {"DLA", "N2"}, {"DLA", "N3"},
    {"N2", "N3"},  {"N2", "CS"},  {"N2", "WHA"}, {"YTA", "WHA"}, {"WHA", "CS"}, {"N3", "DDA"},
    {"N3", "K1"},  {"K1", "NPA"}, {"N3", "K2"},  {"K2", "Y1"},   {"N2", "Y1"},  {"CS", "Y1"},
    {"CS", "Y3"},  {"Y1", "IC1"}, {"IC1", "ICA"}, {"Y1", "Y3"},  {"Y3", "Y6"},  {"IC1", "Y6"},
    {"Y6", "GSA"}, {"Y3", "Y5"},  {"CS", "Y5"},  {"Y5", "QDA"}, {"Y5", "LYA"}, {"Y5", "Y7"},
    {"Y3", "Y7"},  {"Y6", "Y7"},  {"Y7", "E1"},  {"E1", "JW"},  {"JW", "JJA"}, {"JJA", "K3"},
    {"K3", "K4"},  {"K4", "BSA"}, {"E1", "E2"},  {"Y5", "E2"},  {"E2", "SHA"}, {"E2", "E3"},
    {"E3", "NGA"}, {"E3", "K3"},
};

// Real ports; berth, anchorage centre, approach waypoint.
constexpr PortDef kPorts[] = {
    {"tianjin", "Tianjin", "CN", 38.97, 117.80, 38.93, 118.06, "BW"},
    {"qinhuangdao", "Qinhuangdao", "CN", 39.92, 119.63, 39.84, 119.76, "BN"},
    {"yingkou", "Yingkou", "CN", 40.27, 122.08, 40.20, 121.93, "YKA"},
    {"longkou", "Longkou", "CN", 37.65, 120.28, 37.74, 120.24, "LKA"},
    {"dalian", "Dalian", "CN", 38.93, 121.67, 38.86, 121.84, "DLA"},
    {"dandong", "Dandong", "CN", 39.81, 124.13, 39.66, 124.00, "DDA"},
    {"yantai", "Yantai", "CN", 37.56, 121.42, 37.62, 121.49, "YTA"},
    {"weihai", "Weihai", "CN", 37.50, 122.14, 37.57, 122.23, "WHA"},
    {"qingdao", "Qingdao", "CN", 36.06, 120.30, 35.98, 120.45, "QDA"},
    {"lianyungang", "Lianyungang", "CN", 34.74, 119.45, 34.77, 119.62, "LYA"},
    {"shanghai", "Shanghai", "CN", 31.36, 121.62, 31.12, 122.15, "SHA"},
    {"nampo", "Nampo", "KP", 38.73, 125.38, 38.68, 125.10, "NPA"},
    {"incheon", "Incheon", "KR", 37.45, 126.60, 37.36, 126.47, "ICA"},
    {"gunsan", "Gunsan", "KR", 35.98, 126.60, 35.96, 126.42, "GSA"},
    {"jeju", "Jeju", "KR", 33.52, 126.54, 33.61, 126.55, "JJA"},
    {"busan", "Busan", "KR", 35.09, 129.04, 35.03, 129.08, "BSA"},
    {"nagasaki", "Nagasaki", "JP", 32.74, 129.86, 32.71, 129.73, "NGA"},
};

constexpr DiscDef kFishing[] = {
    {"fg-laotieshan-east", 38.30, 121.90, 14, "N1", false, ""},
    {"fg-korea-bay-north", 39.10, 123.80, 12, "N3", false, ""},
    {"fg-yantai-offing", 37.95, 121.90, 11, "N2", false, ""},
    {"fg-bohai-central", 38.50, 120.20, 14, "BC", false, ""},
    {"fg-yellow-sea-north", 36.80, 123.80, 20, "Y3", false, ""},
    {"fg-haizhou-offing", 35.20, 123.00, 20, "Y5", false, ""},
    {"fg-taean-offing", 36.90, 125.20, 15, "Y6", false, ""},
    {"fg-east-china-sea-north", 32.80, 125.00, 25, "E1", false, ""},
    {"fg-zhoushan-offing", 31.80, 124.00, 25, "E2", false, ""},
    {"fg-heuksan-west", 34.00, 124.00, 20, "Y7", false, ""},
};

// Meeting sites. Transfer areas become zones (kind transfer_area); the others are plain
// open water where a rendezvous is plausible.
constexpr DiscDef kSites[] = {
    {"ta-korea-bay-west", 38.85, 122.95, 12, "N3", true, "Korea Bay west transfer area"},
    {"ta-north-yellow-sea", 37.85, 123.10, 12, "N2", true, "North Yellow Sea transfer area"},
    {"ta-changsan-offing", 38.45, 124.05, 9, "K2", true, "Changsan offing transfer area"},
    {"ta-shanghai-offing", 31.20, 123.00, 14, "SHA", true, "Shanghai offing transfer area"},
    {"site-bohai-west", 38.85, 119.30, 12, "BC", false, ""},
    {"site-laotieshan-south", 38.20, 121.25, 8, "N1", false, ""},
    {"site-jeju-west", 33.45, 125.90, 10, "JW", false, ""},
    {"site-chengshan-east", 37.30, 123.40, 10, "CS", false, ""},
};

constexpr StationDef kStations[] = {
    {"CN-CAOFEIDIAN", 38.95, 118.50}, {"CN-QINHUANGDAO", 39.92, 119.60}, {"CN-LONGKOU", 37.65, 120.30},
    {"CN-PENGLAI", 37.82, 120.75}, {"CN-DALIAN", 38.92, 121.65}, {"CN-LUSHUN", 38.80, 121.25},
    {"CN-CHANGHAI", 39.27, 122.58}, {"CN-ZHUANGHE", 39.68, 122.97}, {"CN-DANDONG", 39.85, 124.15},
    {"CN-YINGKOU", 40.28, 122.08}, {"CN-YANTAI", 37.55, 121.40}, {"CN-WEIHAI", 37.50, 122.12},
    {"CN-RONGCHENG", 37.16, 122.42}, {"CN-CHENGSHAN", 37.40, 122.70}, {"CN-QINGDAO", 36.06, 120.32},
    {"CN-RIZHAO", 35.38, 119.55}, {"CN-LIANYUNGANG", 34.74, 119.45}, {"CN-SHANGHAI", 31.35, 121.60},
    {"CN-SHENGSI", 30.72, 122.45}, {"CN-ZHOUSHAN", 30.00, 122.10}, {"KR-BAENGNYEONG", 37.96, 124.68},
    {"KR-INCHEON", 37.45, 126.60}, {"KR-DEOKJEOK", 37.23, 126.13}, {"KR-TAEAN", 36.75, 126.13},
    {"KR-GUNSAN", 35.98, 126.60}, {"KR-HEUKSAN", 34.68, 125.43}, {"KR-MOKPO", 34.78, 126.38},
    {"KR-JEJU", 33.52, 126.54}, {"KR-GAPADO", 33.17, 126.27}, {"KR-GEOMUNDO", 34.03, 127.31},
    {"KR-BUSAN", 35.09, 129.04}, {"JP-TSUSHIMA", 34.20, 129.29}, {"JP-NAGASAKI", 32.74, 129.86},
    {"JP-FUKUE", 32.70, 128.84},
};

// DPRK west coast territorial sea (12 nm belt, drawn generously, plus internal waters and
// the coast behind them so that the ring is simple). Clockwise from the Yalu mouth.
constexpr LatLon kDprkTerritorialSea[] = {
    {40.02, 124.33}, {40.05, 125.40}, {38.70, 126.10}, {37.78, 126.10}, {37.72, 125.95},
    {37.74, 125.00}, {38.05, 124.40}, {38.40, 124.45}, {38.60, 124.62}, {38.85, 124.80},
    {39.20, 124.85}, {39.50, 124.58}, {39.75, 124.32}, {39.92, 124.22},
};

struct Preset { const char* name; double w, s, e, n; };
constexpr Preset kPresets[] = {
    {"korea-bay", 119.8, 37.0, 126.8, 40.3},
    {"yellow-sea", 117.5, 33.5, 127.0, 40.6},
    {"east-china-sea", 119.0, 29.5, 130.0, 35.2},
    // The whole catalog: Bohai, Yellow Sea and the north East China Sea (for large fleets).
    {"yellow-east-china-sea", 117.5, 29.5, 130.0, 40.6},
};

LatLon offset_km_area(const LatLon& p, double east_km, double north_km) {
  const double dlat = north_km * 1000.0 / geo::kMetersPerDegLat;
  const double dlon = east_km * 1000.0 / (geo::kMetersPerDegLat * std::cos(p.lat * geo::kDegToRad));
  return {p.lat + dlat, p.lon + dlon};
}

// Irregular polygon around a centre: `n` vertices at radius r * (1 +- wobble).
std::vector<LatLon> blob(const LatLon& c, double r_km, int n, double wobble, double phase) {
  std::vector<LatLon> ring;
  for (int i = 0; i < n; ++i) {
    const double a = (2 * geo::kPi * i) / n + phase;
    const double r = r_km * (1.0 + wobble * std::sin(3.0 * a + phase * 7.0));
    ring.push_back(offset_km_area(c, r * std::sin(a), r * std::cos(a)));
  }
  return ring;
}

// Rectangle centred on c, long side `len_km` along bearing `brg`, short side `wid_km`.
std::vector<LatLon> rectangle(const LatLon& c, double len_km, double wid_km, double brg_deg) {
  const double b = brg_deg * geo::kDegToRad;
  const double ux = std::sin(b), uy = std::cos(b);  // along (east, north)
  const double vx = uy, vy = -ux;                   // across
  std::vector<LatLon> ring;
  const double sl[4] = {1, 1, -1, -1}, sw[4] = {1, -1, -1, 1};
  for (int i = 0; i < 4; ++i) {
    const double e = sl[i] * len_km / 2 * ux + sw[i] * wid_km / 2 * vx;
    const double n = sl[i] * len_km / 2 * uy + sw[i] * wid_km / 2 * vy;
    ring.push_back(offset_km_area(c, e, n));
  }
  return ring;
}

bool parse_bbox(const std::string& s, double& w, double& so, double& e, double& n) {
  char extra = 0;
  if (std::sscanf(s.c_str(), "%lf,%lf,%lf,%lf%c", &w, &so, &e, &n, &extra) != 4) return false;
  return w < e && so < n && w >= -180 && e <= 180 && so >= -85 && n <= 85;
}

void append_num(std::ostringstream& os, double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.5f", v);
  os << buf;
}

}  // namespace

std::vector<std::string> area_presets() {
  std::vector<std::string> v;
  for (const auto& p : kPresets) v.emplace_back(p.name);
  return v;
}

std::vector<int> Area::route(int from, int to) const {
  const std::size_t n = nodes.size();
  std::vector<double> dist(n, std::numeric_limits<double>::infinity());
  std::vector<int> prev(n, -1);
  using Item = std::pair<double, int>;
  std::priority_queue<Item, std::vector<Item>, std::greater<Item>> pq;
  dist[from] = 0;
  pq.push({0, from});
  while (!pq.empty()) {
    auto [d, u] = pq.top();
    pq.pop();
    if (d > dist[u]) continue;
    if (u == to) break;
    for (auto [v, w] : adjacency[u]) {
      if (d + w < dist[v]) {
        dist[v] = d + w;
        prev[v] = u;
        pq.push({dist[v], v});
      }
    }
  }
  if (!std::isfinite(dist[to])) return {};
  std::vector<int> path;
  for (int v = to; v != -1; v = prev[v]) path.push_back(v);
  std::reverse(path.begin(), path.end());
  return path;
}

Area make_area(const std::string& spec) {
  Area a;
  bool found = false;
  for (const auto& p : kPresets) {
    if (spec == p.name) {
      a.name = p.name;
      a.west = p.w, a.south = p.s, a.east = p.e, a.north = p.n;
      found = true;
    }
  }
  if (!found) {
    if (!parse_bbox(spec, a.west, a.south, a.east, a.north))
      throw std::invalid_argument("unknown area '" + spec +
                                  "' (use korea-bay, yellow-sea, east-china-sea, yellow-east-china-sea or W,S,E,N)");
    a.name = spec;
  }
  // Nodes inside the box, lanes between them.
  std::vector<int> node_index(std::size(kNodes), -1);
  for (std::size_t i = 0; i < std::size(kNodes); ++i) {
    const LatLon p{kNodes[i].lat, kNodes[i].lon};
    if (!a.contains(p)) continue;
    node_index[i] = static_cast<int>(a.nodes.size());
    a.nodes.push_back({kNodes[i].id, p});
  }
  auto find_node = [&](const char* id) {
    for (std::size_t i = 0; i < std::size(kNodes); ++i)
      if (std::string_view(kNodes[i].id) == id) return node_index[i];
    return -1;
  };
  a.adjacency.resize(a.nodes.size());
  for (auto [x, y] : kLanes) {
    const int u = find_node(x), v = find_node(y);
    if (u < 0 || v < 0) continue;
    const double km = geo::distance_km(a.nodes[u].pos.lat, a.nodes[u].pos.lon, a.nodes[v].pos.lat,
                                       a.nodes[v].pos.lon);
    a.adjacency[u].push_back({v, km});
    a.adjacency[v].push_back({u, km});
  }
  for (const auto& p : kPorts) {
    const int ap = find_node(p.approach);
    const LatLon berth{p.lat, p.lon}, anch{p.alat, p.alon};
    if (ap < 0 || !a.contains(berth) || !a.contains(anch)) continue;
    const LatLon apos = a.nodes[ap].pos;
    a.ports.push_back({p.id, p.name, p.cc, berth, anch, geo::bearing_deg(anch.lat, anch.lon, apos.lat, apos.lon), ap});
  }
  // Keep the ports of the largest connected group.
  std::vector<int> comp(a.nodes.size(), -1);
  int ncomp = 0;
  for (std::size_t s = 0; s < a.nodes.size(); ++s) {
    if (comp[s] >= 0) continue;
    std::vector<int> stack{static_cast<int>(s)};
    comp[s] = ncomp;
    while (!stack.empty()) {
      int u = stack.back();
      stack.pop_back();
      for (auto [v, w] : a.adjacency[u])
        if (comp[v] < 0) comp[v] = ncomp, stack.push_back(v);
    }
    ++ncomp;
  }
  std::vector<int> ports_in(ncomp, 0);
  for (const auto& p : a.ports) ++ports_in[comp[p.approach]];
  const int best = ncomp ? static_cast<int>(std::max_element(ports_in.begin(), ports_in.end()) - ports_in.begin()) : -1;
  if (best < 0 || ports_in[best] < 2)
    throw std::invalid_argument("area '" + spec + "' holds fewer than two connected ports of the " +
                                "built-in catalog (Bohai, Yellow Sea, East China Sea: 117-130E, 30-41N)");
  std::erase_if(a.ports, [&](const Port& p) { return comp[p.approach] != best; });
  auto usable = [&](int node) { return node >= 0 && comp[node] == best; };
  for (const auto& d : kFishing) {
    const int ac = find_node(d.access);
    if (usable(ac) && a.contains({d.lat, d.lon})) a.fishing_grounds.push_back({d.id, {d.lat, d.lon}, d.radius_km, ac});
  }
  for (const auto& d : kSites) {
    const int ac = find_node(d.access);
    if (usable(ac) && a.contains({d.lat, d.lon})) a.meeting_sites.push_back({d.id, {d.lat, d.lon}, d.radius_km, ac});
  }
  for (const auto& s : kStations) {
    const LatLon p{s.lat, s.lon};
    if (p.lat > a.south - 1.0 && p.lat < a.north + 1.0 && p.lon > a.west - 1.2 && p.lon < a.east + 1.2)
      a.stations.push_back({s.id, p});
  }
  // Zones.
  double phase = 0.3;
  for (const auto& p : a.ports) {
    phase += 0.7;
    a.zones.push_back({"port-" + p.id, p.name + " port", "port", blob(p.berth, 3.2, 10, 0.12, phase)});
    a.zones.push_back({"anch-" + p.id, p.name + " anchorage", "anchorage",
                       rectangle(p.anchorage, kAnchorageLengthKm, kAnchorageWidthKm, p.anchorage_bearing_deg)});
  }
  {
    geo::BBox ts;
    std::vector<LatLon> ring(std::begin(kDprkTerritorialSea), std::end(kDprkTerritorialSea));
    for (auto& v : ring) ts.expand(v.lat, v.lon);
    if (!(ts.max_lat < a.south || ts.min_lat > a.north || ts.max_lon < a.west || ts.min_lon > a.east))
      a.zones.push_back({"ts-kp-west", "DPRK west coast territorial sea", "territorial_sea", ring});
  }
  for (std::size_t i = 0; i < std::size(kSites); ++i) {
    const auto& d = kSites[i];
    if (!d.transfer_area || !a.contains({d.lat, d.lon})) continue;
    a.zones.push_back({d.id, d.name, "transfer_area", blob({d.lat, d.lon}, d.radius_km * 1.35, 7, 0.08, 1.1 * i)});
  }
  a.zone_set = detect::ZoneSet::parse(zones_geojson(a), "simulated zones");
  return a;
}

std::string zones_geojson(const Area& area) {
  std::ostringstream os;
  os << "{\"type\":\"FeatureCollection\",\"name\":\"seawarden simulated zones (" << area.name
     << ")\",\"features\":[\n";
  for (std::size_t i = 0; i < area.zones.size(); ++i) {
    const auto& z = area.zones[i];
    os << "{\"type\":\"Feature\",\"properties\":{\"id\":\"" << z.id << "\",\"name\":\"" << z.name
       << "\",\"kind\":\"" << z.kind << "\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[";
    // RFC 7946: exterior rings counter-clockwise, closed; [lon, lat].
    std::vector<LatLon> ring = z.ring;
    double area2 = 0;
    for (std::size_t k = 0; k < ring.size(); ++k) {
      const auto& p = ring[k];
      const auto& q = ring[(k + 1) % ring.size()];
      area2 += p.lon * q.lat - q.lon * p.lat;
    }
    if (area2 < 0) std::reverse(ring.begin(), ring.end());
    ring.push_back(ring.front());
    for (std::size_t k = 0; k < ring.size(); ++k) {
      if (k) os << ',';
      os << '[';
      append_num(os, ring[k].lon);
      os << ',';
      append_num(os, ring[k].lat);
      os << ']';
    }
    os << "]]}}" << (i + 1 < area.zones.size() ? ",\n" : "\n");
  }
  os << "]}\n";
  return os.str();
}

}  // namespace seawarden::sim
