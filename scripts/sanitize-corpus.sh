#!/usr/bin/env bash
# Decodes every real AIS capture under ../shared/data/ais with a sanitizer build and
# fails on any AddressSanitizer/UndefinedBehaviorSanitizer report.
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
while IFS= read -r -d '' f; do
  case "$f" in *.chk|*.json) continue ;; esac
  count=$((count + 1))
  if ! "$bin" decode --format none --stats "$f" 2> >(sed "s|^|  $(basename "$f"): |" >&2); then
    echo "sanitize-corpus: FAILED on $f" >&2
    status=1
  fi
done < <(find "$data/ais" -type f -print0 | sort -z)
echo "sanitize-corpus: $count files decoded under ASan+UBSan, status $status"
exit $status
