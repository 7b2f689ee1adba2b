#!/usr/bin/env bash
# Fuzzes every parser serreport owns with libFuzzer and AddressSanitizer: each target in Fuzz/Sources
# runs for FUZZ_SECONDS (default 60) from its committed seeds in Fuzz/Corpus/<target>, then prints its
# executions and findings. A finding (a crash, a memory error, a trap, a hang over 10 s, memory past
# 4 GB, an error that is not one line) is saved under Fuzz/findings/ and makes the script exit 1; replay it with
#   .build-fuzz/<target>/release/<target> Fuzz/findings/<file>
# Usage: scripts/fuzz.sh [target ...]     (FUZZ_SECONDS=600 scripts/fuzz.sh fuzz-settings)
#        FUZZ_RUNS=1000000 scripts/fuzz.sh   (each target until that many executions instead)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-60}
runs=${FUZZ_RUNS:-}
if [[ -n "$runs" ]]; then budget=(-runs="$runs"); else budget=(-max_total_time="$seconds"); fi
if (($#)); then targets=("$@"); else mapfile -t targets < <(ls Fuzz/Sources | grep '^fuzz-'); fi
scratch=.build-fuzz
# Each target is built in a scratch folder of its own. `-sanitize-coverage` is spelled out: SwiftPM's
# release builds compile each module with multi-threaded whole-module optimisation (`-num-threads`), and
# swiftc 6.3 then leaves the fuzzer's coverage counters out of Swift code (only C targets had them;
# measured on a two-function module: 0 counters with `-num-threads 2`, 1 per file with the flag).
flags=(-c release --sanitize fuzzer --sanitize address -Xswiftc -DFUZZING
  -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table)
build() {
  # The driver's incremental records do not notice a changed flag: objects built without counters would
  # stay. A scratch folder built with other flags is started afresh.
  if [[ "$(cat "$scratch/$1/.fuzz-flags" 2>/dev/null)" != "${flags[*]}" ]]; then
    rm -rf "${scratch:?}/$1"
    mkdir -p "$scratch/$1"
    echo "${flags[*]}" >"$scratch/$1/.fuzz-flags"
  fi
  swift build "${flags[@]}" --scratch-path "$scratch/$1" --product "$1" 2>&1 | grep -E "error|warning: unre|Compiling|Build" | grep -v '^\[' || true
  [[ -x "$scratch/$1/release/$1" ]] || { echo "fuzz: $1 did not build" >&2; exit 1; }
}
# Whether the Swift code a target fuzzes carries coverage counters: the target's own objects and the
# serreport modules it links must each have a `__sancov_cntrs` section. Without them libFuzzer runs
# blind (its status line may still show `cov:` from C code such as libyaml).
instrumented() {
  local module=${1//-/_} objects=0 counted=0 object
  for object in "$scratch/$1/release/$module.build"/*.o "$scratch/$1"/release/SER*.build/*.o; do
    [[ -f "$object" ]] || continue
    objects=$((objects + 1))
    # Not `objdump | grep -q`: grep stopping early gives objdump SIGPIPE, which pipefail counts as no match.
    [[ "$(objdump -h "$object" 2>/dev/null)" == *__sancov_cntrs* ]] && counted=$((counted + 1))
  done
  echo "fuzz: $1: $counted of $objects Swift objects carry coverage counters" >&2
  ((objects > 0 && counted * 2 > objects))
}
for target in "${targets[@]}"; do
  build "$target"
  instrumented "$target" || { echo "fuzz: $target: built without coverage counters; refusing to fuzz blind" >&2; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p Fuzz/findings
status=0
for target in "${targets[@]}"; do
  mkdir -p "$work/$target"
  log="$work/$target.log"
  started=$(date +%s)
  set +e
  # -detect_leaks=0: LeakSanitizer cannot see pointers Swift keeps in an enum's spare bits, so every
  # lazily made global `indirect enum` value reads as a leak; memory that really grows hits -rss_limit_mb.
  ASAN_OPTIONS=detect_leaks=0 "$scratch/$target/release/$target" "$work/$target" "Fuzz/Corpus/$target" "${budget[@]}" -timeout=10 \
    -rss_limit_mb=4096 -max_len=65536 -detect_leaks=0 -print_final_stats=1 \
    -artifact_prefix="Fuzz/findings/$target-" >"$log" 2>&1
  code=$?
  set -e
  executed=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | tail -1 | grep -oE '[0-9]+$' || echo 0)
  took=$(($(date +%s) - started))
  corpus=$(ls "$work/$target" | wc -l)
  if ((code == 0)); then
    note="$corpus new inputs, $(grep -oE 'cov: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+') edges covered"
    echo "fuzz: $target: $executed executions in $took s, 0 findings ($note)"
  else
    echo "fuzz: $target: FINDING after $executed executions (exit $code):" >&2
    grep -E "ERROR|Fatal error|SUMMARY|Test unit written|==[0-9]+==" "$log" | head -20 >&2
    status=1
  fi
done
exit "$status"
