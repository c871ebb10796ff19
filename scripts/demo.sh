#!/usr/bin/env bash
# `make demo`: seawarden's main job end to end on a fictional scenario.
#   1. simulate 48 h of AIS in Korea Bay (300 fictional vessels, injected ship-to-ship
#      transfers, dark periods, identity fraud, a fictional sanctions list),
#   2. ingest it into the case store demo/seawarden.db (decode, tracks, detection, screening),
#   3. write the evidence reports and print a summary with the path of the report index.
# Usage: bash scripts/demo.sh [path/to/seawarden]
set -euo pipefail
BIN=${1:-build-release/seawarden}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
case "$BIN" in /*) ;; *) BIN="$ROOT/$BIN" ;; esac
if [ ! -x "$BIN" ]; then
  echo "demo: $BIN not found; build it first (make release)" >&2
  exit 1
fi

DEMO=demo
SCENARIO=$DEMO/scenario
DB=$DEMO/seawarden.db
REPORT=$DEMO/report
mkdir -p "$DEMO"
# A fresh run every time: the scenario is fixed (seed), the store and report rebuilt.
rm -rf "$SCENARIO" "$REPORT" "$DB" "$DB-wal" "$DB-shm"

echo "== 1/3 simulate: korea-bay, 300 vessels, 48 h (seed 20240509)"
"$BIN" simulate --seed 20240509 --area korea-bay --vessels 300 --hours 48 --out "$SCENARIO"

echo "== 2/3 ingest into $DB"
# The scenario is complete: its end closes the run (no provisional events, every position stored).
"$BIN" ingest "$SCENARIO/ais.nmea" --db "$DB" --zones "$SCENARIO/zones.geojson" --lists "$SCENARIO/sanctions/sdn.csv" \
  --close-run

echo "== 3/3 evidence reports"
"$BIN" report --db "$DB" --all --out "$REPORT"

cat <<EOT

Explore the store:
  $BIN events --db $DB --kind encounter --format table
  $BIN vessel --db $DB <MMSI|IMO|NAME>
  $BIN events --db $DB --format geojson > events.geojson   # opens in QGIS / kepler.gl
  $BIN vessel --db $DB <MMSI> --format csv                  # its stored track, one position per row
Routine port and anchorage visits are counted in the report index and listed on the vessel
pages; every other finding has a case page of its own.
Open the report: $ROOT/$REPORT/index.html
EOT
