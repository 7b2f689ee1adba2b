#!/usr/bin/env bash
# Checks that every Swift file follows the committed .swift-format (4 spaces, 120 columns).
# Fix with: swift format -i -r Package.swift Sources Tests Fuzz Benchmarks
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(swift format lint -r Package.swift Sources Tests Fuzz 2>&1)
if [[ -n "$out" ]]; then
  echo "$out" >&2
  echo "format-check: fix with: swift format -i -r Package.swift Sources Tests Fuzz" >&2
  exit 1
fi
echo "format-check: ok"
