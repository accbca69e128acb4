#!/usr/bin/env bash
# Benchmark, the one command: builds xxgknb, the floor program and the stage benchmarks
# (XXGKNB_BUILD_BENCH=ON), writes the benchmark corpus (bench/gen_corpus.py), times whole
# processes side by side on one core (bench/compare.py) and runs the per-stage
# micro-benchmarks; the full run also measures peak memory against input size
# (bench/memory.sh). Prints the tables of docs/performance.md and leaves them, with JSON,
# under BUILD/bench-work/.
#   bench/run.sh           the full run (about 15 minutes on a shared 2-core machine)
#   bench/run.sh --quick   a smaller corpus and fewer runs (about 3 minutes)
# BUILD is $XXGKNB_BENCH_BUILD, or build/ beside this folder. Needs the packages of
# `tools/install-deps.sh --bench`.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${XXGKNB_BENCH_BUILD:-$root/build}"
work="$build/bench-work"
quick=()
runs=5
min_time=0.5
case "${1:-}" in
  --quick) quick=(--quick); runs=2; min_time=0.05 ;;
  "") ;;
  *) echo "usage: bench/run.sh [--quick]" >&2; exit 2 ;;
esac

missing=()
for tool in pandoc uconv taskset /usr/bin/time /usr/bin/python3; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
/usr/bin/python3 -c 'import docx' 2>/dev/null || missing+=(python3-docx)
if [ ${#missing[@]} -gt 0 ]; then
  echo "bench/run.sh: missing ${missing[*]}: run tools/install-deps.sh --bench" >&2
  exit 1
fi

cmake -S "$root" -B "$build" -DXXGKNB_BUILD_BENCH=ON >/dev/null
nice -n 10 cmake --build "$build" -j2 --target xxgknb_cli floor_docx xxgknb_stage_bench >/dev/null

echo "== writing the benchmark corpus into $work/corpus" >&2
template="$root/../shared/corpus/peers/zxj6827111-blip__govnianbao/政务公开年报模版.docx"
/usr/bin/python3 "$root/bench/gen_corpus.py" --out "$work/corpus" "${quick[@]}" --template "$template"

echo "== whole processes, one core, $runs alternating runs" >&2
status=0
taskset -c 0 /usr/bin/python3 "$root/bench/compare.py" --corpus "$work/corpus" \
  --xxgknb "$build/xxgknb" --floor "$build/bench/floor_docx" --out "$work" --runs "$runs" \
  "${quick[@]}" || status=$?

echo "== per stage (Google Benchmark), one core" >&2
taskset -c 0 "$build/bench/xxgknb_stage_bench" --benchmark_min_time="$min_time" \
  --benchmark_out="$work/stages.json" --benchmark_out_format=json | tee "$work/stages.txt"

if [ ${#quick[@]} -eq 0 ]; then
  echo "== peak memory against input size (bench/memory.sh)" >&2
  "$root/bench/memory.sh" "$build/xxgknb" | tee "$work/memory.txt"
fi
echo "bench/run.sh: tables in $work/summary.md, $work/stages.txt; JSON in $work/summary.json" >&2
exit $status
