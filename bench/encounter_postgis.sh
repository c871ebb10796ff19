#!/usr/bin/env bash
# Encounters (ship-to-ship transfers) found by seawarden and by PostGIS, side by side on the
# same simulated feed, one core each: the time of each and how far their encounters agree.
#
# The peer is the way an analyst does this with a spatial database (bench/encounter_postgis.sql):
# load the decoded positions (seawarden decode --format csv), resample each vessel onto the
# 10-minute grid with SQL window functions, find the pairs within 500 m at each grid step through
# a GiST index on (grid time, position), keep those 10 km from ports and anchorages, and group
# them into runs of at least 2 h with median speeds of at most 2 kn. seawarden does the same in
# one streaming pass from the raw NMEA (decoding, tracks and the encounter detector alone).
#
# The PostgreSQL server is a throwaway cluster in a temporary directory, reached by its Unix
# socket only (no TCP), stopped and removed at the end. It runs as the `postgres` user when this
# script runs as root (PostgreSQL refuses to run as root).
#
# usage: bench/encounter_postgis.sh [BUILD_DIR]
#   env: VESSELS (5000), HOURS (24), SEED (7), AREA (yellow-east-china-sea), KEEP=1 keeps the
#        work directory. Needs postgresql-15 and postgresql-15-postgis-3 (scripts/install-deps.sh).
set -euo pipefail
build=${1:-build}
vessels=${VESSELS:-5000}
hours=${HOURS:-24}
seed=${SEED:-7}
area=${AREA:-yellow-east-china-sea}
here=$(cd "$(dirname "$0")" && pwd)
bin=$build/seawarden
[[ -x "$bin" ]] || { echo "encounter_postgis: $bin not built" >&2; exit 1; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [[ -z "$pgbin" || ! -x "$pgbin/initdb" ]]; then
  echo "encounter_postgis: SKIPPED: PostgreSQL server binaries not found (Debian: postgresql-15)"
  exit 0
fi
if ! ls /usr/share/postgresql/*/extension/postgis.control >/dev/null 2>&1; then
  echo "encounter_postgis: SKIPPED: PostGIS not installed (Debian: postgresql-15-postgis-3)"
  exit 0
fi
pin0=(); pin1=()
if command -v taskset >/dev/null && [[ $(nproc) -ge 2 ]]; then pin0=(taskset -c 0); pin1=(taskset -c 1); fi

work=$(mktemp -d "${TMPDIR:-/tmp}/seawarden-pgbench.XXXXXX")
chmod 755 "$work"
as_pg=()
if [[ $(id -u) -eq 0 ]]; then as_pg=(runuser -u postgres --); fi
pgdir=$work/pg   # data, log and socket: the server's own
pgdata=$pgdir/data
cleanup() {
  if [[ -f "$pgdata/postmaster.pid" ]]; then "${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgdata" -m immediate stop >/dev/null 2>&1 || true; fi
  if [[ "${KEEP:-0}" != 1 ]]; then rm -rf "$work"; else echo "encounter_postgis: kept $work" >&2; fi
}
trap cleanup EXIT
log() { printf '[encounter_postgis %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

log "simulate $vessels vessels, $hours h ($area, seed $seed)"
"$bin" simulate -q --seed "$seed" --area "$area" --vessels "$vessels" --hours "$hours" -o "$work/scenario"
nmea=$work/scenario/ais.nmea
messages=$("$bin" decode --format none --stats "$nmea" 2>&1 >/dev/null | awk '/ messages / {for (i = 2; i <= NF; ++i) if ($i ~ /^messages/) {print $(i - 1); exit}}')

# seawarden: decoding, tracks and the encounter detector alone.
cfg=$work/encounter-only.toml
for d in gap position_jump mmsi_conflict identity_change identity_anomaly draught_change sanctions_hit loitering zone_visit; do
  printf '[%s]\nenabled = false\n' "$d"
done > "$cfg"
log "seawarden detect (encounter only)"
/usr/bin/time -f '%U %S %e' -o "$work/sw.time" "${pin0[@]}" "$bin" detect --no-progress --config "$cfg" \
  --zones "$work/scenario/zones.geojson" "$nmea" > "$work/seawarden.jsonl"
read -r su ss se < "$work/sw.time"

log "decode to CSV for PostgreSQL"
/usr/bin/time -f '%U %S %e' -o "$work/csv.time" "${pin0[@]}" "$bin" decode --format csv "$nmea" > "$work/positions.csv"
read -r cu cs ce < "$work/csv.time"
chmod 644 "$work/positions.csv"

# The ports and anchorages of the scenario's zones, one row each: id, GeoJSON geometry.
python3 - "$work/scenario/zones.geojson" > "$work/ports.csv" <<'PY'
import csv, json, sys
w = csv.writer(sys.stdout)
for f in json.load(open(sys.argv[1]))["features"]:
    if f["properties"].get("kind") in ("port", "anchorage"):
        w.writerow([f["properties"]["id"], json.dumps(f["geometry"])])
PY

log "start a throwaway PostgreSQL ($("$pgbin/postgres" --version))"
mkdir -p "$pgdir"
if [[ ${#as_pg[@]} -gt 0 ]]; then chown postgres "$pgdir"; fi
"${as_pg[@]}" "$pgbin/initdb" -D "$pgdata" -A trust -U bench >/dev/null
"${as_pg[@]}" "${pin1[@]}" "$pgbin/pg_ctl" -D "$pgdata" -l "$pgdir/log" -w \
  -o "-c listen_addresses='' -k $pgdir -c shared_buffers=1GB -c work_mem=256MB -c maintenance_work_mem=1GB -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null
psql=(psql -X -q -v ON_ERROR_STOP=1 -h "$pgdir" -U bench -d postgres)
"${psql[@]}" -c "CREATE EXTENSION postgis; CREATE EXTENSION btree_gist;"
"${psql[@]}" <<SQL
CREATE UNLOGGED TABLE raw (rxtime text, station text, type text, mmsi text, lat text, lon text, speed text,
  course text, heading text, turn text, status text, accuracy text, second text, imo text, callsign text,
  shipname text, shiptype text, to_bow text, to_stern text, to_port text, to_starboard text, draught text,
  destination text, eta text, epfd text, part text);
CREATE TABLE ports (id text, geog geography);
CREATE TEMP TABLE ports_in (id text, geojson text);
\copy ports_in FROM '$work/ports.csv' CSV
INSERT INTO ports SELECT id, ST_GeomFromGeoJSON(geojson)::geography FROM ports_in;
CREATE INDEX ON ports USING gist (geog);
SQL

log "PostGIS: load the CSV"
start=$(date +%s.%N)
"${psql[@]}" -c "\\copy raw FROM '$work/positions.csv' CSV HEADER"
load_s=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN {print b - a}')
log "PostGIS: the encounter query, phase by phase"
"${psql[@]}" -v out="$work/postgis.csv" -f "$here/encounter_postgis.sql" > "$work/phases.txt"

# Phase times from \timing ("Time: 1234.567 ms"), each after its "phase NAME" line.
declare -A phase
current=""
while read -r line; do
  case "$line" in
    "phase "*) current=${line#phase } ;;
    Time:*) ms=$(awk '{print $2}' <<< "$line"); phase[$current]=$(awk -v a="${phase[$current]:-0}" -v m="$ms" 'BEGIN {print a + m / 1000}') ;;
  esac
done < "$work/phases.txt"
rows=$("${psql[@]}" -At -c "SELECT (SELECT count(*) FROM fixes) || ' ' || (SELECT count(*) FROM grid) || ' ' || (SELECT count(*) FROM contacts)")
read -r n_fixes n_grid n_contacts <<< "$rows"

# Agreement: an encounter of one matches the other's with the same two vessels and overlapping
# times (the simulator's truth is the third opinion).
agreement=$(python3 - "$work/seawarden.jsonl" "$work/postgis.csv" "$work/scenario/truth.jsonl" <<'PY'
import csv, json, sys
from datetime import datetime, timezone
def t(s): return datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc).timestamp()
def jsonl(p):
    out = []
    for line in open(p):
        e = json.loads(line)
        if e["kind"] == "encounter": out.append((tuple(sorted(e["vessels"])), t(e["start"]), t(e["end"])))
    return out
sw, truth = jsonl(sys.argv[1]), jsonl(sys.argv[3])
pg = [((int(r[0]), int(r[1])), float(r[2]), float(r[3])) for r in csv.reader(open(sys.argv[2]))]
def found(e, pool): return any(p[0] == e[0] and p[1] <= e[2] + 600 and e[1] <= p[2] + 600 for p in pool)
both = sum(found(e, pg) for e in sw)
print(len(sw), len(pg), len(truth), both, sum(found(e, truth) for e in sw), sum(found(e, truth) for e in pg))
PY
)
read -r n_sw n_pg n_truth n_both sw_true pg_true <<< "$agreement"

# Loading: COPY, then the typed table of positions; the query proper: the other phases.
pg_load=$(awk -v a="$load_s" -v b="${phase[fixes]:-0}" 'BEGIN {print a + b}')
pg_query=0
for p in resample index pairs encounters; do pg_query=$(awk -v a="$pg_query" -v b="${phase[$p]:-0}" 'BEGIN {print a + b}'); done
sw_cpu=$(awk -v u="$su" -v s="$ss" 'BEGIN {print u + s}')
csv_cpu=$(awk -v u="$cu" -v s="$cs" 'BEGIN {print u + s}')
echo "encounter_postgis: $vessels vessels, $hours h, $messages messages; $n_fixes fixes, $n_grid grid points, $n_contacts contacts in PostGIS"
printf '%-46s %10s\n' "step" "seconds"
printf '%-46s %10.2f\n' "seawarden detect, NMEA -> encounters (CPU)" "$sw_cpu"
printf '%-46s %10.2f\n' "seawarden decode --format csv (CPU)" "$csv_cpu"
printf '%-46s %10.2f\n' "PostGIS: COPY the CSV (wall)" "$load_s"
printf '%-46s %10.2f\n' "PostGIS: typed positions table (wall)" "${phase[fixes]:-0}"
for p in resample index pairs encounters; do printf '%-46s %10.2f\n' "PostGIS: $p (wall, one backend)" "${phase[$p]:-0}"; done
printf '%-46s %10.2f\n' "PostGIS: the query proper, loaded data (wall)" "$pg_query"
awk -v s="$sw_cpu" -v q="$pg_query" -v l="$pg_load" -v c="$csv_cpu" 'BEGIN {
  printf "ratio: PostGIS query proper / seawarden from NMEA   %.1fx\n", q / s
  printf "ratio: PostGIS decode+load+query / seawarden        %.1fx\n", (c + l + q) / s }'
echo "encounters: seawarden $n_sw, PostGIS $n_pg, truth $n_truth; seawarden's found by PostGIS: $n_both;" \
  "true: seawarden $sw_true, PostGIS $pg_true"
