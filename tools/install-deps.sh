#!/usr/bin/env bash
# Installs the Debian 12 packages xxgknb builds and tests with, only those that are missing.
# Uses sudo when not run as root. Safe to run again: it does nothing when all are present.
#   tools/install-deps.sh         what the build and the tests need
#   tools/install-deps.sh --fuzz  also clang and its libFuzzer runtime (docs/fuzzing.md)
#   tools/install-deps.sh --bench also what bench/run.sh compares with (docs/performance.md)
set -euo pipefail

packages=(
  g++ cmake make pkg-config
  libzip-dev libpugixml-dev libicu-dev libre2-dev nettle-dev libxml2-dev
  nlohmann-json3-dev rapidjson-dev libcli11-dev
  libgtest-dev libvalijson-dev
  libsqlite3-dev
  catdoc antiword
  poppler-utils  # pdftotext: the acceptance tests read the text it prints from real PDFs
  libcsv-dev libxlsxwriter-dev
  python3-pandas
  # PDF input (XXGKNB_PDF, GPL: README.md); poppler-utils for the speed comparison (docs/pdf.md).
  libpoppler-cpp-dev zlib1g-dev
)
for arg in "$@"; do
  case "$arg" in
    # libclang-rt-14-dev holds libclang_rt.fuzzer and the sanitizer runtimes of Debian's clang 14.
    --fuzz) packages+=(clang libclang-rt-14-dev) ;;
    # The contenders and floors, Google Benchmark, GNU time (peak RSS), and the programs that
    # write the benchmark corpus's LibreOffice re-saves and PDFs.
    --bench) packages+=(pandoc python3-docx hyperfine icu-devtools libbenchmark-dev time
                        libreoffice-writer poppler-utils) ;;
    *) echo "usage: tools/install-deps.sh [--fuzz] [--bench]" >&2; exit 2 ;;
  esac
done

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
