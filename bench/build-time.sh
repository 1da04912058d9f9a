#!/usr/bin/env bash
# The build times the README states, measured: a clean build of everything (tests and
# benchmarks included) into a fresh folder with both cores and no compiler cache, then
# the rebuild after one commands/ file changes (everything that links it, relinked).
# Usage: bench/build-time.sh [folder]   (default /tmp/planbot-build-time; it is emptied)
# Run on a quiet machine: other builds running at the same time lengthen the wall time.
set -euo pipefail
cd "$(dirname "$0")/.."
folder=${1:-/tmp/planbot-build-time}
rm -rf "$folder"
cmake -S . -B "$folder" -G Ninja -DCMAKE_CXX_COMPILER_LAUNCHER= > /dev/null

TIMEFORMAT="%R s wall, %U s user, %S s system"
echo "clean build (ninja -j2, $(ninja -C "$folder" -t commands | grep -c -- ' -c ') compile steps):"
time ninja -C "$folder" -j2 > /dev/null

changed=commands/work/tasks.cpp
touch "$changed"
echo "rebuild after touching $changed:"
time ninja -C "$folder" -j2 > /dev/null
