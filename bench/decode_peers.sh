#!/usr/bin/env bash
# Decode throughput on one core, side by side in the same run:
#   seawarden decode --format none (typed structs) and --format json,
#   in-process bench_decode (no file I/O), gpsdecode (gpsd-clients, default JSON output),
#   libais (python3-ais: ais.decode per sentence in a Python loop, and ais.stream).
# Corpus: every real NMEA capture under ../shared/data/ais (gz decompressed; CSV exports
# and expected-output files left out) concatenated and repeated to >= 2 million sentences,
# generated into a temporary file. Prints the median of RUNS runs and the ratios.
set -euo pipefail
build=${1:-build}
runs=${RUNS:-5}
py_runs=${PY_RUNS:-3}
min_sentences=${MIN_SENTENCES:-2000000}
here=$(cd "$(dirname "$0")" && pwd)
data=${SEAWARDEN_SHARED_DATA:-$here/../../shared/data}
bin=$build/seawarden
bench_bin=$build/bench/bench_decode
if [ ! -d "$data/ais" ]; then echo "decode_peers: SKIPPED: $data/ais not found"; exit 0; fi
if [ ! -x "$bin" ]; then echo "decode_peers: $bin not built" >&2; exit 1; fi
pin=()
if command -v taskset >/dev/null; then pin=(taskset -c 0); fi  # one core

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
base=$tmp/base.nmea
corpus=$tmp/corpus.nmea
find "$data/ais" -type f ! -name '*.chk' ! -name '*.json' ! -name '*.csv' -print0 | sort -z |
  while IFS= read -r -d '' f; do zcat -f "$f"; echo; done > "$base"
per_copy=$(grep -c 'VD[MO],' "$base" || true)
copies=$(( (min_sentences + per_copy - 1) / per_copy ))
for _ in $(seq "$copies"); do cat "$base"; done > "$corpus"
sentences=$(( per_copy * copies ))
bytes=$(stat -c %s "$corpus")
echo "decode_peers: corpus $copies x $per_copy = $sentences sentences, $((bytes / 1000000)) MB ($(nproc) cores, pinned: ${pin[*]:-no})"

# median_seconds N CMD... : runs CMD N times (stdout to /dev/null) and prints the median
# CPU time (user + sys, children included) and the median wall time. CPU time is the
# per-core figure: the machine may be shared, and every decoder here is single-threaded.
median_seconds() {
  local n=$1; shift
  local cpu=() wall=()
  for _ in $(seq "$n"); do
    /usr/bin/time -f '%U %S %e' -o "$tmp/time" "$@" > /dev/null 2> /dev/null
    read -r u s e < "$tmp/time"
    cpu+=("$(awk -v u="$u" -v s="$s" 'BEGIN {print u + s}')")
    wall+=("$e")
  done
  local med='{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'
  echo "$(printf '%s\n' "${cpu[@]}" | sort -g | awk "$med") $(printf '%s\n' "${wall[@]}" | sort -g | awk "$med")"
}

cat > "$tmp/libais_loop.py" <<'PY'
import sys, ais
# Per-sentence loop: single-sentence payloads decoded at once, multi-sentence ones
# joined by (channel, sequence id) first; junk and bad lines skipped like the others do.
pending = {}
n = 0
with open(sys.argv[1], 'rb') as f:
    for raw in f:
        i = raw.find(b'!')
        if i < 0 or raw[i+3:i+6] not in (b'VDM', b'VDO'):
            continue
        p = raw[i:].split(b',')
        if len(p) < 7:
            continue
        try:
            tot, num = int(p[1]), int(p[2])
            fill = int(p[6][:1])
        except ValueError:
            continue
        body = p[5].decode('ascii', 'replace')
        if tot > 1:
            key = (p[3], p[4])
            if num == 1:
                pending[key] = [body]
                continue
            parts = pending.get(key)
            if parts is None:
                continue
            parts.append(body)
            if num < tot:
                continue
            body = ''.join(parts)
            del pending[key]
        try:
            ais.decode(body, fill)
            n += 1
        except Exception:
            pass
print(n, file=sys.stderr)
PY
cat > "$tmp/libais_stream.py" <<'PY'
import sys, warnings
warnings.simplefilter('ignore')
import ais.stream
n = 0
with open(sys.argv[1], 'r', errors='replace') as f:
    for msg in ais.stream.decode(f, keep_nmea=False):
        n += 1
print(n, file=sys.stderr)
PY

rate() { awk -v n="$sentences" -v t="$1" 'BEGIN {printf "%.0f", n / (t > 0 ? t : 1e-9)}'; }
printf '%-34s %10s %10s %18s\n' "decoder" "CPU s" "wall s" "sentences/CPU s"
# row NAME "CPU WALL": prints one line and leaves the CPU seconds in $last.
row() {
  local c w
  read -r c w <<< "$2"
  last=$c
  printf '%-34s %10.3f %10.3f %18s\n' "$1" "$c" "$w" "$(rate "$c")"
}

row "seawarden --format none" "$(median_seconds "$runs" "${pin[@]}" "$bin" decode --format none "$corpus")"; t_none=$last
row "seawarden --format json" "$(median_seconds "$runs" "${pin[@]}" "$bin" decode --format json "$corpus")"; t_json=$last
t_gpsd=""
if command -v gpsdecode >/dev/null; then
  row "gpsdecode (JSON)" "$(median_seconds "$runs" "${pin[@]}" sh -c "exec gpsdecode < '$corpus'")"; t_gpsd=$last
fi
pyais=/usr/bin/python3
t_lib=""; t_stream=""
if $pyais -c 'import ais' 2>/dev/null; then
  row "libais ais.decode (python loop)" "$(median_seconds "$py_runs" "${pin[@]}" $pyais "$tmp/libais_loop.py" "$corpus")"; t_lib=$last
  if $pyais -c 'import warnings; warnings.simplefilter("ignore"); import ais.stream' 2>/dev/null; then
    row "libais ais.stream" "$(median_seconds "$py_runs" "${pin[@]}" $pyais "$tmp/libais_stream.py" "$corpus")"; t_stream=$last
  fi
fi
if [ -x "$bench_bin" ]; then "${pin[@]}" "$bench_bin" "$corpus" "$runs"; fi

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f", a / b}'; }
echo "ratios (CPU time of peer / CPU time of seawarden):"
if [ -n "$t_gpsd" ]; then
  echo "  JSON:    seawarden is $(ratio "$t_gpsd" "$t_json")x faster than gpsdecode (target >= 20x)"
  echo "  structs: seawarden is $(ratio "$t_gpsd" "$t_none")x faster than gpsdecode"
fi
[ -n "$t_lib" ] && echo "  structs: seawarden is $(ratio "$t_lib" "$t_none")x faster than libais ais.decode loop"
[ -n "$t_stream" ] && echo "  structs: seawarden is $(ratio "$t_stream" "$t_none")x faster than libais ais.stream"
echo "  seawarden structs: $(rate "$t_none") sentences per CPU second (target >= 10M/s per core; includes reading the file)"
