#!/usr/bin/env bash
# Benchmark, memory: peak resident memory of whole `xxgknb extract` processes on generated
# inputs of growing size, as a ratio to the input's size, beside the peak of a process that
# only reads the file (`wc -c`) as a baseline. Usage: bench/memory.sh [path/to/xxgknb]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="${1:-$root/build/xxgknb}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
para="$(sed -n 4p "$root/corpus/v2021-text/pipe/input.txt")"

make_input() {  # shape bytes file
  python3 - "$1" "$2" "$3" "$para" <<'PY'
import sys
shape, size, path, para = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
unit = {"prose": para + "\n", "one_line_pipes": "| 1 ", "short_lines": "政府信息公开工作 12\n"}[shape]
data = (unit * (size // len(unit.encode()) + 1)).encode()[:size]
open(path, "wb").write(data.decode("utf-8", "ignore").encode())
PY
}

peak_kib() { /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -n 1; }

printf '%-16s %10s %12s %12s %8s\n' shape input_MiB xxgknb_MiB wc_MiB ratio
cd "$root"
for shape in prose one_line_pipes short_lines; do
  for mib in 1 8 32; do
    f="$work/$shape-$mib.txt"
    make_input "$shape" $((mib << 20)) "$f"
    ours=$(peak_kib "$bin" extract "$f" || true)   # exit 1: refused by max_memory_bytes
    base=$(peak_kib wc -c "$f")
    awk -v s="$shape" -v m="$mib" -v o="$ours" -v b="$base" \
      'BEGIN { printf "%-16s %10d %12.1f %12.1f %8.1f\n", s, m, o/1024, b/1024, o/1024/m }'
  done
done
