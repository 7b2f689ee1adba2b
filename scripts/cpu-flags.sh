#!/usr/bin/env bash
# Prints the swiftc flags that let release builds use this machine's vector instructions: Haswell-level
# (AVX2, FMA, BMI2, MOVBE; any x86 CPU since 2013) when the CPU has them, nothing otherwise.
# Results stay bit-identical: Swift never fuses a multiply and an add into an FMA on its own, and the
# tests and parity checks pass with and without these flags. Used by the Makefile and Benchmarks/.
set -euo pipefail
flags=$(grep -m1 '^flags' /proc/cpuinfo 2>/dev/null || true)
for feature in avx2 fma bmi2 movbe; do
  [[ " $flags " == *" $feature "* ]] || exit 0
done
echo "-Xswiftc -target-cpu -Xswiftc haswell"
