#!/usr/bin/env bash
# End-to-end benchmark of `seawarden detect` (decode, tracks, all detectors) on large
# simulated inputs: messages per second and peak memory, and how both grow when the
# vessels double (messages double too) and when the hours double (messages double,
# vessels stay). Memory should follow active vessels, not messages.
#
# usage: bench/bench_detect.sh [SEAWARDEN_BINARY] [WORKDIR]
#   env: VESSELS (default 20000), HOURS (default 24), FEED (feed interval s, default 60),
#        KEEP=1 keeps the generated inputs.
set -euo pipefail
bin=${1:-build/seawarden}
work=${2:-$(mktemp -d /tmp/seawarden-bench.XXXXXX)}
vessels=${VESSELS:-20000}
hours=${HOURS:-24}
feed=${FEED:-60}
mkdir -p "$work"

run_case() {  # name vessels hours
  local name=$1 n=$2 h=$3 dir="$work/$1"
  if [[ ! -f "$dir/ais.nmea" ]]; then
    "$bin" simulate --quiet --seed 7 --vessels "$n" --hours "$h" --feed-interval "$feed" -o "$dir"
  fi
  /usr/bin/time -v "$bin" detect --stats --zones "$dir/zones.geojson" --lists "$dir/sanctions/sdn.csv" \
    --out "$dir/events.jsonl" "$dir/ais.nmea" 2> "$dir/stats.txt"
  local msgs secs rss cpu
  msgs=$(sed -n 's/^messages: \([0-9]*\).*/\1/p' "$dir/stats.txt")
  secs=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$dir/stats.txt" |
         awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  cpu=$(awk '/User time/ {u=$4} /System time/ {s=$4} END {print u+s}' "$dir/stats.txt")
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$dir/stats.txt")
  local vcount
  vcount=$(sed -n 's/.*vessels: \([0-9]*\),.*/\1/p' "$dir/stats.txt")
  printf "%-10s %8s %6s %12s %10s %10s %14s %10s\n" "$name" "$n" "$h" "$msgs" "$vcount" "$secs" \
    "$(awk -v m="$msgs" -v c="$cpu" 'BEGIN { printf "%.0f", m / c }')" "$((rss / 1024))"
}

printf "%-10s %8s %6s %12s %10s %10s %14s %10s\n" case vessels hours messages tracked wall_s "msgs/cpu-s" peak_MB
run_case base "$vessels" "$hours"
run_case x2vessels $((vessels * 2)) "$hours"
run_case x2hours "$vessels" $((hours * 2))
echo "details: $work/*/stats.txt"
[[ "${KEEP:-0}" == 1 ]] || rm -f "$work"/*/ais.nmea
