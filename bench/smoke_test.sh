#!/usr/bin/env bash
# Benchmark, smoke test (ctest BenchHarnessSmoke): runs bench/compare.py once, xxgknb against
# the inflate-and-parse floor only, on a few golden-corpus reports, and checks that every
# contender succeeded and that the summary has its tables. Exits 77 (skipped) without
# /usr/bin/python3. Usage: bench/smoke_test.sh XXGKNB FLOOR_DOCX
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
[ -x /usr/bin/python3 ] || { echo "no /usr/bin/python3: skipped"; exit 77; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus/docx/own" "$work/corpus/text/tika" "$work/corpus/scale"
for c in filled numbered_headings split_runs; do
  cp "$root/corpus/v2021-docx/$c/input.docx" "$work/corpus/docx/own/$c.docx"
done
cp "$root/corpus/v2021-text/tika/input.txt" "$work/corpus/text/tika/tika.txt"
cp "$root/corpus/v2021-docx/filled/input.docx" "$work/corpus/scale/docx-1x.docx"
/usr/bin/python3 "$root/bench/compare.py" --corpus "$work/corpus" --xxgknb "$1" --floor "$2" \
  --out "$work/out" --runs 1 --only xxgknb,floor > "$work/stdout"
md="$work/out/summary.md"
fail=0
expect() {  # pattern what
  if ! grep -qE "$1" "$md"; then echo "summary.md lacks $2" >&2; fail=1; fi
}
expect '^\| template \.docx corpus \(all kinds\) \| 3 \| [0-9.]+ \| xxgknb \| [0-9.]+ ms' "the .docx row"
expect '^\| +\| 3 \| [0-9.]+ \| floor \| [0-9.]+ ms' "the floor's .docx figure"
expect '^\| template text corpus \(every shape\) \| 1 \|' "the text row"
expect '^\| \.docx: time over the inflate-and-parse floor \| ≤ 3× \| [0-9.]+× \| [0-9.]+× \| (yes|\*\*no\*\*) \|$' "the floor target"
expect '^\| docx \| 1× \| [0-9.]+ \|' "the cost table"
if grep -q failed "$md"; then echo "a contender failed:" >&2; grep failed "$md" >&2; fail=1; fi
[ $fail -eq 0 ] || { cat "$md" >&2; exit 1; }
echo "bench harness: ok"
