#!/usr/bin/env bash
# Installs the Debian packages serreport needs, only those that are missing.
# Usage: scripts/install-deps.sh build|test|check|onnx
#   build: C libraries the package links (libsndfile, FFTW, Cairo, Pango, Poppler, soxr, OpenBLAS, XGBoost, libsvm, liblinear),
#          pkg-config and the report's fonts
#   test:  build + the tools tests use to make audio (espeak-ng, sox)
#   check: what CI uses to look at a built report (headless Chromium, pdftoppm)
#   onnx:  Python's venv, for the ONNX export check (onnx and onnxruntime come from PyPI into a venv)
# Silent when nothing is missing. Works as root; otherwise uses sudo if it can, or says what to run.
set -euo pipefail

build_pkgs=(pkg-config libsndfile1-dev libfftw3-dev libcairo2-dev libpango1.0-dev libpoppler-glib-dev libsoxr-dev libopenblas-dev libxgboost-dev libsvm-dev liblinear-dev liblinear4 fonts-dejavu-core fonts-noto-ui-core)
test_pkgs=(espeak-ng sox)
check_pkgs=(chromium poppler-utils)
onnx_pkgs=(python3-venv)

case "${1:-build}" in
  build) wanted=("${build_pkgs[@]}") ;;
  test) wanted=("${build_pkgs[@]}" "${test_pkgs[@]}") ;;
  check) wanted=("${check_pkgs[@]}") ;;
  onnx) wanted=("${onnx_pkgs[@]}") ;;
  *) echo "usage: $0 build|test|check|onnx" >&2; exit 2 ;;
esac

missing=()
for p in "${wanted[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
((${#missing[@]})) || exit 0

if [[ $(id -u) -eq 0 ]]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  echo "serreport needs these Debian packages: ${missing[*]}" >&2
  echo "run: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

echo "installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
install() {
  "${sudo[@]}" apt-get install -y -q -o DPkg::Lock::Timeout=300 --no-install-recommends "${missing[@]}" >/dev/null 2> >(grep -v "^debconf: delaying" >&2)
}
"${sudo[@]}" apt-get update -q -o DPkg::Lock::Timeout=300 >/dev/null
install || { echo "apt-get install failed; retrying once" >&2; sleep 5; install; }
