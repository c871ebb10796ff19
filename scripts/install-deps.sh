#!/usr/bin/env bash
# Installs every Debian package seawarden's build, tests, benchmarks and demo need.
# Idempotent: returns quickly when everything is already present.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config git
  clang libclang-rt-14-dev            # libFuzzer and sanitizer runtimes
  libcli11-dev libfmt-dev nlohmann-json3-dev libsimdjson-dev libtomlplusplus-dev
  zlib1g-dev libicu-dev libsqlite3-dev libpugixml-dev libcurl4-openssl-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libjemalloc-dev                     # the program's allocator (CMakeLists.txt, src/cli/allocator.cpp)
  unicode-data bzip2                  # Unihan readings of Han characters for screening (src/screen/hanja.cmake)
  gpsd-clients python3-ais            # peers for conformance and benchmarks
  postgresql-15 postgresql-15-postgis-3  # peer of the encounter benchmark (bench/encounter_postgis.sh)
  time
  chromium                            # report tests render pages headless to PNG
  gdal-bin                            # tests open the GeoJSON exports with ogrinfo (GDAL: QGIS's reader)
)

# Node.js + npm build the report maps' coastlines (world-atlas, fetched by CMake with
# `npm ci`). A Node.js that ships its own npm (e.g. NodeSource) is kept as it is.
if ! command -v npm >/dev/null 2>&1; then
  if command -v node >/dev/null 2>&1; then PACKAGES+=(npm); else PACKAGES+=(nodejs npm); fi
fi

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
