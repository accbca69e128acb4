#!/usr/bin/env bash
# Installs what is missing, builds the CLI and prints the JSON of a bundled example report.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/tools/install-deps.sh"
cmake -S "$root" -B "$root/build" -DCMAKE_BUILD_TYPE=Release -DXXGKNB_BUILD_TESTS=OFF >/dev/null
cmake --build "$root/build" --target xxgknb_cli -j "$(nproc)" >/dev/null
example="${1:-$root/corpus/v2021-docx/filled/input.docx}"
exec "$root/build/xxgknb" extract --pretty "$example"
