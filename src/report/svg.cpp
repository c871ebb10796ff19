#include "report/svg.h"

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "report/coastline.h"
#include "report/html.h"
#include "store/timefmt.h"

namespace seawarden::report {
namespace {

constexpr double kRad = M_PI / 180;

double merc_y(double lat) {
  lat = std::clamp(lat, -85.0, 85.0);
  return std::log(std::tan(M_PI / 4 + lat * kRad / 2));
}
double inv_merc(double y) { return (2 * std::atan(std::exp(y)) - M_PI / 2) / kRad; }

// Screen coordinates for a view (north up, Mercator).
struct Projection {
  double west, east, y_top, y_bottom;
  double width, height;
  double x(double lon) const { return (lon - west) / (east - west) * width; }
  double y(double lat) const { return (y_top - merc_y(lat)) / (y_top - y_bottom) * height; }
};

std::string num(double v) { return fixed(v, 1); }

// A "nice" step (1, 2 or 5 times a power of ten) near span / target.
double nice_step(double span, double target) {
  double raw = span / target;
  double p = std::pow(10, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (raw <= m * p) return m * p;
  return 10 * p;
}

std::string zone_fill(const std::string& kind) {
  if (kind == "port") return "#8c564b";
  if (kind == "anchorage") return "#9467bd";
  if (kind == "territorial_sea") return "#17becf";
  if (kind == "transfer_area" || kind == "sts_area") return "#d62728";
  if (kind == "eez") return "#7f7f7f";
  return "#bcbd22";
}

void ring_path(std::string& d, const nlohmann::json& ring, const Projection& p) {
  bool first = true;
  for (const auto& pt : ring) {
    if (!pt.is_array() || pt.size() < 2 || !pt[0].is_number() || !pt[1].is_number()) continue;
    d += first ? 'M' : 'L';
    d += num(p.x(pt[0].get<double>())) + ',' + num(p.y(pt[1].get<double>()));
    first = false;
  }
  if (!first) d += 'Z';
}

std::string label_time(std::int64_t t) {
  std::string s = store::iso_utc(t);
  return s.substr(5, 5) + " " + s.substr(11, 5);  // MM-DD HH:MM
}

}  // namespace

const char* vessel_color(std::size_t i) {
  static const char* kColors[] = {"#d62728", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"};
  return kColors[i % 8];
}

store::BBox fit_view(const std::vector<std::pair<double, double>>& pts, double min_span) {
  store::BBox b{180, 90, -180, -90};
  for (auto [lat, lon] : pts) {
    b.south = std::min(b.south, lat);
    b.north = std::max(b.north, lat);
    b.west = std::min(b.west, lon);
    b.east = std::max(b.east, lon);
  }
  if (pts.empty()) return {120, 30, 130, 42};
  double mx = std::max((b.east - b.west) * 0.12, min_span / 2), my = std::max((b.north - b.south) * 0.12, min_span / 2);
  b.west -= mx;
  b.east += mx;
  b.south = std::max(-84.0, b.south - my);
  b.north = std::min(84.0, b.north + my);
  return b;
}

std::string render_map(const MapSpec& spec) {
  // Expand the view to the drawing's aspect ratio (Mercator units).
  double w = spec.width, h = spec.height;
  double west = spec.view.west, east = spec.view.east;
  double yt = merc_y(spec.view.north), yb = merc_y(spec.view.south);
  double xspan = (east - west) * kRad, yspan = yt - yb;
  if (xspan / yspan > w / h) {
    double grow = (xspan * h / w - yspan) / 2;
    yt += grow;
    yb -= grow;
  } else {
    double grow = (yspan * w / h - xspan) / 2 / kRad;
    west -= grow;
    east += grow;
  }
  Projection p{west, east, yt, yb, w, h};
  const double north = inv_merc(yt), south = inv_merc(yb);

  std::string s = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(spec.width) + " " +
                  std::to_string(spec.height) + "\" width=\"" + std::to_string(spec.width) + "\" height=\"" +
                  std::to_string(spec.height) + "\" font-family=\"sans-serif\" class=\"map\">";
  s += "<rect width=\"100%\" height=\"100%\" fill=\"#dbe9f4\"/>";

  // Land: clipped to a little more than the view, even-odd so lakes stay water.
  double mlon = (east - west) * 0.02, mlat = (north - south) * 0.02;
  auto rings = land_rings(west - mlon, south - mlat, east + mlon, north + mlat);
  if (!rings.empty()) {
    std::string d;
    for (const auto& r : rings) {
      for (std::size_t i = 0; i < r.size(); ++i) {
        d += i ? 'L' : 'M';
        d += num(p.x(r[i].lon)) + ',' + num(p.y(r[i].lat));
      }
      d += 'Z';
    }
    s += "<path class=\"land\" d=\"" + d + "\" fill=\"#f2efe6\" stroke=\"#8f8a7a\" stroke-width=\"0.8\" fill-rule=\"evenodd\"/>";
  }

  // Graticule with labels on the edges.
  double step = nice_step(std::max(east - west, north - south), 5);
  std::string grid;
  for (double lon = std::ceil(west / step) * step; lon <= east; lon += step) {
    double x = p.x(lon);
    grid += "<line x1=\"" + num(x) + "\" y1=\"0\" x2=\"" + num(x) + "\" y2=\"" + num(h) + "\"/>";
    s += "<text x=\"" + num(x + 2) + "\" y=\"" + num(h - 4) + "\" font-size=\"10\" fill=\"#50606e\">" +
         fixed(std::fabs(lon), step < 0.1 ? 2 : step < 1 ? 1 : 0) + (lon >= 0 ? "°E" : "°W") + "</text>";
  }
  for (double lat = std::ceil(south / step) * step; lat <= north; lat += step) {
    double y = p.y(lat);
    grid += "<line x1=\"0\" y1=\"" + num(y) + "\" x2=\"" + num(w) + "\" y2=\"" + num(y) + "\"/>";
    s += "<text x=\"3\" y=\"" + num(y - 3) + "\" font-size=\"10\" fill=\"#50606e\">" +
         fixed(std::fabs(lat), step < 0.1 ? 2 : step < 1 ? 1 : 0) + (lat >= 0 ? "°N" : "°S") + "</text>";
  }
  s += "<g stroke=\"#9fb4c7\" stroke-width=\"0.5\" stroke-dasharray=\"2,3\">" + grid + "</g>";

  // Zones near the case.
  for (const auto& z : spec.zones) {
    auto g = nlohmann::json::parse(z.geometry_json, nullptr, false);
    if (g.is_discarded()) continue;
    std::string d;
    const auto& coords = g.value("coordinates", nlohmann::json::array());
    if (g.value("type", "") == "Polygon") {
      for (const auto& ring : coords) ring_path(d, ring, p);
    } else {
      for (const auto& poly : coords)
        for (const auto& ring : poly) ring_path(d, ring, p);
    }
    std::string c = zone_fill(z.kind);
    s += "<path class=\"zone\" d=\"" + d + "\" fill=\"" + c + "\" fill-opacity=\"0.12\" stroke=\"" + c +
         "\" stroke-width=\"1.2\" stroke-dasharray=\"5,3\" fill-rule=\"evenodd\"><title>" + esc(z.id) + " " +
         esc(z.name) + " (" + esc(z.kind) + ")</title></path>";
    double cx = p.x((std::max(z.bbox.west, west) + std::min(z.bbox.east, east)) / 2);
    double cy = p.y((std::max(z.bbox.south, south) + std::min(z.bbox.north, north)) / 2);
    if (cx > 0 && cx < w && cy > 0 && cy < h)
      s += "<text x=\"" + num(cx) + "\" y=\"" + num(cy) + "\" font-size=\"11\" fill=\"" + c +
           "\" text-anchor=\"middle\">" + esc(z.name.empty() ? z.id : z.name) + "</text>";
  }

  for (const auto& l : spec.lines) {
    s += "<line x1=\"" + num(p.x(l.lon1)) + "\" y1=\"" + num(p.y(l.lat1)) + "\" x2=\"" + num(p.x(l.lon2)) +
         "\" y2=\"" + num(p.y(l.lat2)) + "\" stroke=\"#333\" stroke-width=\"1.5\" stroke-dasharray=\"6,4\"><title>" +
         esc(l.label) + "</title></line>";
  }

  // Tracks: one polyline per continuous stretch, time labels at even intervals.
  std::vector<std::pair<double, double>> label_spots;  // labels of earlier tracks
  for (const auto& t : spec.tracks) {
    const auto& ps = t.positions;
    std::string pts;
    auto flush = [&] {
      if (!pts.empty())
        s += "<polyline class=\"track\" points=\"" + pts + "\" fill=\"none\" stroke=\"" + t.color +
             "\" stroke-width=\"2\" stroke-linejoin=\"round\" stroke-opacity=\"0.85\"/>";
      pts.clear();
    };
    for (std::size_t i = 0; i < ps.size(); ++i) {
      if (i && (ps[i].segment != ps[i - 1].segment || ps[i].t_ms - ps[i - 1].t_ms > 3600'000)) flush();
      pts += num(p.x(ps[i].lon)) + ',' + num(p.y(ps[i].lat)) + ' ';
    }
    flush();
    if (ps.empty()) continue;
    std::int64_t span = ps.back().t_ms - ps.front().t_ms;
    int labels = std::max(2, spec.time_labels_per_track);
    std::size_t next = 0;
    std::vector<std::pair<double, double>> placed;  // skip labels that would overlap
    for (int k = 0; k < labels; ++k) {
      std::int64_t target = ps.front().t_ms + span * k / (labels - 1);
      while (next + 1 < ps.size() && ps[next].t_ms < target) ++next;
      const auto& q = ps[next];
      double x = p.x(q.lon), y = p.y(q.lat);
      bool crowded = false;
      for (auto [px, py] : placed) crowded |= std::fabs(px - x) < 70 && std::fabs(py - y) < 13;
      for (auto [px, py] : label_spots) crowded |= std::fabs(px - x) < 70 && std::fabs(py - y) < 13;
      if (crowded) continue;
      placed.emplace_back(x, y);
      label_spots.emplace_back(x, y);
      s += "<circle cx=\"" + num(x) + "\" cy=\"" + num(y) + "\" r=\"3\" fill=\"#fff\" stroke=\"" + t.color +
           "\" stroke-width=\"1.5\"/><text x=\"" + num(x + 5) + "\" y=\"" + num(y - 4) +
           "\" font-size=\"10\" fill=\"" + t.color + "\" stroke=\"#fff\" stroke-width=\"2.5\" paint-order=\"stroke\">" +
           label_time(q.t_ms) + "</text>";
    }
  }

  for (const auto& m : spec.markers) {
    double x = p.x(m.lon), y = p.y(m.lat);
    if (m.primary)
      s += "<circle class=\"event\" cx=\"" + num(x) + "\" cy=\"" + num(y) + "\" r=\"11\" fill=\"" + m.color +
           "\" fill-opacity=\"0.25\" stroke=\"" + m.color + "\" stroke-width=\"2.5\"/>";
    s += "<circle cx=\"" + num(x) + "\" cy=\"" + num(y) + "\" r=\"" + (m.primary ? "3.5" : "4") + "\" fill=\"" +
         m.color + "\"><title>" + esc(m.label) + "</title></circle>";
    if (!m.label.empty())
      s += "<text x=\"" + num(x + 12) + "\" y=\"" + num(y + 14) + "\" font-size=\"11\" font-weight=\"bold\" fill=\"" +
           m.color + "\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">" + esc(m.label) + "</text>";
  }

  // Legend and scale bar.
  int ly = 8;
  int lh = 18 * static_cast<int>(spec.tracks.size()) + 8;
  if (!spec.tracks.empty()) {
    s += "<rect x=\"" + num(w - 250) + "\" y=\"6\" width=\"244\" height=\"" + std::to_string(lh) +
         "\" fill=\"#fff\" fill-opacity=\"0.85\" stroke=\"#c5ccd3\"/>";
    for (const auto& t : spec.tracks) {
      ly += 18;
      s += "<line x1=\"" + num(w - 242) + "\" y1=\"" + std::to_string(ly - 4) + "\" x2=\"" + num(w - 220) + "\" y2=\"" +
           std::to_string(ly - 4) + "\" stroke=\"" + t.color + "\" stroke-width=\"3\"/><text x=\"" + num(w - 214) +
           "\" y=\"" + std::to_string(ly) + "\" font-size=\"11\">" + esc(t.label) + "</text>";
    }
  }
  double mid_lat = inv_merc((yt + yb) / 2);
  double km_per_px = (east - west) * 111.32 * std::cos(mid_lat * kRad) / w;
  double bar_km = nice_step(km_per_px * w / 5, 1);
  if (bar_km / km_per_px > w / 4) bar_km /= bar_km / km_per_px > w / 2 ? 5 : 2;  // the nice step rounds up
  double bar_px = bar_km / km_per_px;
  s += "<g transform=\"translate(" + num(w - bar_px - 20) + "," + num(h - 22) + ")\"><rect x=\"-6\" y=\"-14\" width=\"" +
       num(bar_px + 12) + "\" height=\"24\" fill=\"#fff\" fill-opacity=\"0.8\"/><line x1=\"0\" y1=\"4\" x2=\"" +
       num(bar_px) + "\" y2=\"4\" stroke=\"#222\" stroke-width=\"2\"/><text x=\"" + num(bar_px / 2) +
       "\" y=\"-2\" font-size=\"10\" text-anchor=\"middle\">" + (bar_km < 1 ? fixed(bar_km * 1000, 0) + " m" : fixed(bar_km, 0) + " km") +
       "</text></g>";
  s += std::string("<text x=\"6\" y=\"") + num(h - 18) +
       "\" font-size=\"9\" fill=\"#6b7782\">" +
       (coastline_available() ? "Coastlines: Natural Earth 1:10m (world-atlas)" : "No coastline data in this build") +
       "</text>";
  s += "</svg>";
  return s;
}

std::string render_chart(const ChartSpec& c) {
  const double ml = 56, mr = 14, mt = 24, mb = 26;
  const double w = c.width, h = c.height, pw = w - ml - mr, ph = h - mt - mb;
  if (c.t1 <= c.t0) return {};
  double ymax = -1e300;
  bool any = false;
  for (const auto& s : c.series)
    for (auto [t, v] : s.points)
      if ((t >= c.t0 || s.step) && t <= c.t1 && std::isfinite(v)) {
        ymax = std::max(ymax, v);
        any = true;
      }
  if (!any) return {};
  if (ymax <= c.y_min) ymax = c.y_min + 1;
  double ystep = nice_step(ymax - c.y_min, 4);
  ymax = std::ceil(ymax / ystep) * ystep;
  auto X = [&](std::int64_t t) { return ml + static_cast<double>(t - c.t0) / static_cast<double>(c.t1 - c.t0) * pw; };
  auto Y = [&](double v) { return mt + (1 - (v - c.y_min) / (ymax - c.y_min)) * ph; };

  std::string s = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(c.width) + " " +
                  std::to_string(c.height) + "\" width=\"" + std::to_string(c.width) + "\" height=\"" +
                  std::to_string(c.height) + "\" font-family=\"sans-serif\" class=\"chart\">";
  s += "<text x=\"" + num(ml) + "\" y=\"15\" font-size=\"12\" font-weight=\"bold\">" + esc(c.title) + "</text>";
  for (auto [a, b] : c.spans) {
    double x0 = X(std::max(a, c.t0)), x1 = X(std::min(b, c.t1));
    s += "<rect class=\"span\" x=\"" + num(x0) + "\" y=\"" + num(mt) + "\" width=\"" + num(std::max(1.0, x1 - x0)) +
         "\" height=\"" + num(ph) + "\" fill=\"#fbd5cf\" fill-opacity=\"0.7\"/>";
  }
  for (double v = c.y_min; v <= ymax + 1e-9; v += ystep) {
    s += "<line x1=\"" + num(ml) + "\" y1=\"" + num(Y(v)) + "\" x2=\"" + num(w - mr) + "\" y2=\"" + num(Y(v)) +
         "\" stroke=\"#e3e7eb\"/><text x=\"" + num(ml - 5) + "\" y=\"" + num(Y(v) + 4) +
         "\" font-size=\"10\" text-anchor=\"end\">" + fixed(v, ystep < 1 ? 1 : 0) + "</text>";
  }
  s += "<text x=\"12\" y=\"" + num(mt + ph / 2) + "\" font-size=\"10\" transform=\"rotate(-90 12 " + num(mt + ph / 2) +
       ")\" text-anchor=\"middle\">" + esc(c.unit) + "</text>";
  // Time axis: ticks every 1/2/3/6/12/24 h.
  const std::int64_t span_h = (c.t1 - c.t0) / 3600'000 + 1;
  std::int64_t tick_h = 1;
  for (std::int64_t cand : {1, 2, 3, 6, 12, 24, 48, 168})
    if (span_h / cand <= 10) {
      tick_h = cand;
      break;
    }
  if (span_h / tick_h > 10) tick_h = span_h / 10 + 1;
  const std::int64_t tick = tick_h * 3600'000;
  for (std::int64_t t = (c.t0 / tick + 1) * tick; t < c.t1; t += tick) {
    std::string iso = store::iso_utc(t);
    std::string label = (t % 86400'000 == 0 || tick >= 86400'000) ? iso.substr(5, 5) : iso.substr(11, 5);
    s += "<line x1=\"" + num(X(t)) + "\" y1=\"" + num(mt) + "\" x2=\"" + num(X(t)) + "\" y2=\"" + num(mt + ph) +
         "\" stroke=\"#eef1f4\"/><text x=\"" + num(X(t)) + "\" y=\"" + num(h - 8) +
         "\" font-size=\"10\" text-anchor=\"middle\">" + label + "</text>";
  }
  s += "<rect x=\"" + num(ml) + "\" y=\"" + num(mt) + "\" width=\"" + num(pw) + "\" height=\"" + num(ph) +
       "\" fill=\"none\" stroke=\"#9aa5b1\"/>";
  double lx = w - mr - 6;
  for (auto it = c.series.rbegin(); it != c.series.rend(); ++it) {
    const auto& se = *it;
    std::string pts, out;
    auto flush = [&] {
      if (!pts.empty())
        out += "<polyline class=\"series\" points=\"" + pts + "\" fill=\"none\" stroke=\"" + se.color +
               "\" stroke-width=\"1.6\"/>";
      pts.clear();
    };
    double last_y = 0;
    for (std::size_t i = 0; i < se.points.size(); ++i) {
      auto [t, v] = se.points[i];
      if (!std::isfinite(v)) continue;
      if (i && t - se.points[i - 1].first > se.max_join_ms) flush();
      std::int64_t tc = std::clamp(t, c.t0, c.t1);
      if (se.step && !pts.empty()) pts += num(X(tc)) + ',' + num(last_y) + ' ';
      last_y = Y(v);
      if (t >= c.t0 || se.step) pts += num(X(tc)) + ',' + num(last_y) + ' ';
    }
    if (se.step && !pts.empty()) pts += num(X(c.t1)) + ',' + num(last_y) + ' ';
    flush();
    s += out;
    s += "<text x=\"" + num(lx) + "\" y=\"" + num(mt - 8) + "\" font-size=\"10\" text-anchor=\"end\" fill=\"" +
         se.color + "\">" + esc(se.label) + "</text>";
    lx -= 8.0 + 6.2 * static_cast<double>(se.label.size());
  }
  s += "</svg>";
  return s;
}

}  // namespace seawarden::report
