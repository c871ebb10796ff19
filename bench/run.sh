#!/usr/bin/env bash
# Runs every benchmark script in bench/ (any executable *.sh except this one), passing
# the build directory. Usage: bench/run.sh [BUILD_DIR]   (make bench)
set -uo pipefail
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
status=0
for script in "$here"/*.sh; do
  [ "$(basename "$script")" = "run.sh" ] && continue
  echo "=== $(basename "$script")"
  if ! bash "$script" "$build"; then
    echo "bench/run.sh: $(basename "$script") FAILED" >&2
    status=1
  fi
done
exit $status
