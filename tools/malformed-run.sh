#!/bin/sh
# Hostile input at scale, the long run: writes N malformed files with tools/malformed.py (from
# corpus/, the fuzz corpora and tests/data) and runs them all through `xxgknb extract` and
# `xxgknb batch` with the checks of the ctest test Malformed.* (schema-valid objects, no crash,
# no hang, every input once in an intact dataset), then prints its figures: outcomes by error
# code and the slowest documents. docs/reliability.md has the figures of the last run.
#
# Usage: tools/malformed-run.sh [N [SEED]]     (default 3000 files, seed 1)
# Environment: BUILD (default build) is the build folder; OUT (default /tmp/xxgknb-malformed)
# keeps the inputs, the outputs, the dataset (malformed.sqlite) and the JSON Lines file; GIANT
# (default 1048576) is the size in bytes of a giant cell or line (the ctest sample's: 524288).
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-3000}
seed=${2:-1}
build=${BUILD:-$here/build}
out=${OUT:-/tmp/xxgknb-malformed}
case "$n$seed${GIANT:-0}" in *[!0-9]*) echo "usage: $0 [N [SEED]]" >&2; exit 2 ;; esac
tests="$build/tests/xxgknb_unit_tests"
if [ ! -x "$tests" ]; then
  echo "$0: $tests is not built (cmake --build $build --target xxgknb_unit_tests)" >&2
  exit 2
fi
mkdir -p "$out"
echo "$n malformed files, seed $seed, giant cells of ${GIANT:-1048576} bytes, in $out"
XXGKNB_MALFORMED_COUNT=$n XXGKNB_MALFORMED_SEED=$seed XXGKNB_MALFORMED_DIR=$out \
  XXGKNB_MALFORMED_GIANT_BYTES=${GIANT:-1048576} \
  "$tests" --gtest_filter='Malformed.*' --gtest_color=no
