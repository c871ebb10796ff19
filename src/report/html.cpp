#include "report/html.h"

#include <cstdio>

#include "store/timefmt.h"

namespace seawarden::report {
namespace {

constexpr const char* kStyle = R"css(
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d2329;background:#f6f7f9}
header{background:#0f2a44;color:#fff;padding:14px 28px}
header h1{margin:0;font-size:21px;font-weight:600}
header .sub{opacity:.8;font-size:13px;margin-top:3px}
header a{color:#bcd6f0}
main{padding:18px 28px;max-width:1180px}
h2{font-size:17px;margin:26px 0 8px;border-bottom:1px solid #d5dae0;padding-bottom:4px}
h3{font-size:15px;margin:16px 0 6px}
table{border-collapse:collapse;background:#fff;margin:6px 0 10px;font-size:13px}
th,td{border:1px solid #dde2e7;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#eef1f4;font-weight:600}
table.sortable th{cursor:pointer;user-select:none}
table.sortable th:after{content:" \2195";color:#9aa5b1;font-size:11px}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
tr.changed td.chg{background:#fff2c6;font-weight:600}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin:8px 0}
.card{background:#fff;border:1px solid #dde2e7;border-radius:6px;padding:8px 14px;min-width:120px}
.card .v{font-size:20px;font-weight:600}
.card .k{font-size:12px;color:#5b6773}
.kind{display:inline-block;padding:0 6px;border-radius:3px;font-size:12px;color:#fff;background:#5b6773}
.kind.sanctions_hit{background:#b2182b}.kind.encounter{background:#d6604d}.kind.loitering{background:#f4a582;color:#222}
.kind.gap{background:#4d4d4d}.kind.identity_change,.kind.identity_anomaly{background:#762a83}
.kind.mmsi_conflict{background:#9970ab}.kind.position_jump{background:#2166ac}.kind.zone_visit{background:#4393c3}
.kind.draught_change{background:#1b7837}
svg{background:#fff;border:1px solid #dde2e7;display:block;margin:6px 0;max-width:100%;height:auto}
.note{color:#5b6773;font-size:12px}
pre{background:#fff;border:1px solid #dde2e7;padding:8px;overflow:auto;font-size:12px;max-height:420px}
details summary{cursor:pointer;color:#0b5394}
input.filter{padding:4px 8px;width:320px;border:1px solid #c5ccd3;border-radius:4px;margin:4px 0}
a{color:#0b5394}
)css";

// Click a header to sort (numbers by value, then text); type in a filter box to hide rows.
constexpr const char* kScript = R"js(
document.querySelectorAll('table.sortable').forEach(function(t){
  t.querySelectorAll('th').forEach(function(th,i){
    th.addEventListener('click',function(){
      var b=t.tBodies[0],rows=Array.from(b.rows),asc=th.dataset.dir!=='asc';
      t.querySelectorAll('th').forEach(function(h){delete h.dataset.dir});th.dataset.dir=asc?'asc':'desc';
      function key(r){var c=r.cells[i],v=c.dataset.sort!==undefined?c.dataset.sort:c.textContent.trim(),n=parseFloat(v);return isNaN(n)||!/^-?[0-9.]/.test(v)?v.toLowerCase():n}
      rows.sort(function(x,y){var a=key(x),c=key(y);if(typeof a!==typeof c){a=String(a);c=String(c)}return (a<c?-1:a>c?1:0)*(asc?1:-1)});
      rows.forEach(function(r){b.appendChild(r)});
    });
  });
});
document.querySelectorAll('input.filter').forEach(function(f){
  f.addEventListener('input',function(){
    var q=f.value.toLowerCase(),t=document.getElementById(f.dataset.table);
    Array.from(t.tBodies[0].rows).forEach(function(r){r.style.display=r.textContent.toLowerCase().indexOf(q)<0?'none':''});
  });
});
)js";

}  // namespace

std::string esc(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string utc(std::int64_t t_ms) {
  std::string s = store::iso_utc(t_ms);  // YYYY-MM-DDTHH:MM:SS[.mmm]Z
  return s.substr(0, 10) + " " + s.substr(11, 5) + "Z";
}

std::string utc_full(std::int64_t t_ms) { return store::iso_utc(t_ms); }

std::string hours_text(std::int64_t ms) {
  double h = static_cast<double>(ms) / 3600'000.0;
  if (h < 1) return fixed(h * 60, 0) + " min";
  return fixed(h, 1) + " h";
}

std::string page_begin(std::string_view title, std::string_view subtitle) {
  std::string out = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                    "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                    "<title>" + esc(title) + "</title><style>" + kStyle + "</style></head><body><header><h1>" +
                    esc(title) + "</h1>";
  if (!subtitle.empty()) out += "<div class=\"sub\">" + std::string(subtitle) + "</div>";
  out += "</header><main>\n";
  return out;
}

std::string page_end() {
  return std::string("</main><script>") + kScript + "</script></body></html>\n";
}

}  // namespace seawarden::report
