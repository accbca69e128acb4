#!/usr/bin/env bash
# Benchmark, PDF speed: pages per second on one core for `xxgknb extract` on PDFs (the whole
# pipeline: pre-scan, poppler's text boxes, page layout, mapping, checks, JSON), against
# `pdftotext -bbox` on the same files (poppler's text boxes written out, nothing more) as the
# floor. Both as one process per file (hyperfine), and xxgknb also with many files in one
# process, where start-up no longer counts.
# Usage: bench/pdf_speed.sh [path/to/xxgknb] PDF...
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="$root/build/xxgknb"
if [ $# -gt 0 ] && [ -x "$1" ] && [[ "$1" != *.pdf ]]; then bin="$1"; shift; fi
[ $# -gt 0 ] || set -- "$root"/corpus/pdf/*/input.pdf
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
core=(taskset -c 0)
repeat=40

printf '%-50s %5s %14s %14s %14s\n' file pages xxgknb_p/s pdftotext_p/s xxgknb_batch_p/s
for f in "$@"; do
  pages=$(pdfinfo "$f" | awk '/^Pages:/ {print $2}')
  hyperfine -N -w 3 -r 30 --export-json "$work/a.json" "${core[*]} $bin extract $f" >/dev/null
  hyperfine -N -w 3 -r 30 --export-json "$work/b.json" "${core[*]} pdftotext -bbox $f $work/out.html" >/dev/null
  ours=$(python3 -c "import json,sys;print(json.load(open(sys.argv[1]))['results'][0]['mean'])" "$work/a.json")
  floor=$(python3 -c "import json,sys;print(json.load(open(sys.argv[1]))['results'][0]['mean'])" "$work/b.json")
  files=()
  for _ in $(seq "$repeat"); do files+=("$f"); done
  start=$(date +%s.%N)
  "${core[@]}" "$bin" extract "${files[@]}" -o "$work/batch/" >/dev/null 2>&1 || true
  end=$(date +%s.%N)
  python3 - "$f" "$pages" "$ours" "$floor" "$start" "$end" "$repeat" <<'PY'
import sys
f, pages, ours, floor, start, end, n = sys.argv[1], int(sys.argv[2]), *map(float, sys.argv[3:7]), int(sys.argv[7])
print("%-50s %5d %14.0f %14.0f %14.0f" % (f[-50:], pages, pages / ours, pages / floor, pages * n / (end - start)))
PY
done
