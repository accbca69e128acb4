#!/usr/bin/env bash
# Installs the Debian 12 packages xxgknb builds and tests with, only those that are missing.
# Uses sudo when not run as root. Safe to run again: it does nothing when all are present.
#   tools/install-deps.sh         what the build and the tests need
#   tools/install-deps.sh --fuzz  also clang and its libFuzzer runtime (docs/fuzzing.md)
set -euo pipefail

packages=(
  g++ cmake make pkg-config
  libzip-dev libpugixml-dev libicu-dev libre2-dev libssl-dev
  nlohmann-json3-dev libcli11-dev
  libgtest-dev libvalijson-dev
  libsqlite3-dev
  # PDF input (XXGKNB_PDF, GPL: README.md); poppler-utils for the speed comparison (docs/pdf.md).
  libpoppler-cpp-dev zlib1g-dev poppler-utils
)
if [ "${1:-}" = "--fuzz" ]; then
  # libclang-rt-14-dev holds libclang_rt.fuzzer and the sanitizer runtimes of Debian's clang 14.
  packages+=(clang libclang-rt-14-dev)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  sudo_cmd=(sudo)
fi
echo "xxgknb: installing missing packages: ${missing[*]}" >&2
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
