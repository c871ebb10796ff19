#!/usr/bin/env bash
# Decodes every real AIS capture under ../shared/data/ais (and the Suez track CSV, read by its
# column names) with a sanitizer build (to JSON, so the writers run too) and fails on any
# AddressSanitizer/UndefinedBehaviorSanitizer report or unexpected exit. Prints each file's
# counts by type and error class, then totals.
set -euo pipefail
bin=${1:?usage: sanitize-corpus.sh PATH/TO/seawarden}
data=${SEAWARDEN_SHARED_DATA:-$(dirname "$0")/../../shared/data}
if [ ! -d "$data/ais" ]; then
  echo "sanitize-corpus: SKIPPED: $data/ais not found (clone with ../shared beside the project)"
  exit 0
fi
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
status=0
count=0
messages=0
errors=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT
while IFS= read -r -d '' f; do
  case "$f" in *.chk|*.json) continue ;; esac
  count=$((count + 1))
  if ! "$bin" decode --format json --stats "$f" > /dev/null 2> "$log"; then
    echo "sanitize-corpus: FAILED on $f" >&2
    status=1
  fi
  if grep -qE 'AddressSanitizer|LeakSanitizer|runtime error' "$log"; then
    echo "sanitize-corpus: sanitizer report on $f" >&2
    status=1
  fi
  sed "s|^|  $(basename "$f"): |" "$log" >&2
  m=$(sed -n 's/.* sentences, \([0-9]*\) messages.*/\1/p' "$log" | head -n 1)
  e=$(sed -n 's/^decode: errors: \([0-9]*\).*/\1/p' "$log" | head -n 1)
  messages=$((messages + ${m:-0}))
  errors=$((errors + ${e:-0}))
done < <(find "$data/ais" "$data/tracks/suez" -type f -print0 2>/dev/null | sort -z)
echo "sanitize-corpus: $count files decoded under ASan+UBSan: $messages messages, $errors counted line errors, status $status"
exit $status
