#!/usr/bin/env bash
# serreport's models against scikit-learn's on the developers' corpora, same features and folds:
# builds each report with the release binary (RAVDESS with the default speaker-independent 5-fold
# protocol, EmoDB leave-one-speaker-out), then runs Benchmarks/models.py in the reference environment,
# which prints both UARs and fit times per model. The random forest's UAR moves by about ±1.5 points
# with the seed on these corpora, so both forests are also run with five seeds and their means compared.
#
# Usage: bash Benchmarks/models.sh [../shared/data]
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data}
refenv=${REFENV:-/tmp/serreport-refenv}
[[ -x "$refenv/bin/python" ]] || { . ../shared/reference/setup-refenv.sh >/dev/null; refenv=${REFENV:-/tmp/serreport-refenv}; }
make -s release >/dev/null 2>&1
serreport=.build/release/serreport
out=.build-bench/models
mkdir -p "$out"
declare -A protocol=([ravdess-actors-01-12]=speaker-independent [emodb-2s]=leave-one-speaker-out)
for corpus in ravdess-actors-01-12 emodb-2s; do
  report=$out/$corpus
  "$serreport" build --data "$data/$corpus/LABELS.csv" --out "$report" \
    --set train.protocol="${protocol[$corpus]}" >/dev/null 2>&1
  "$refenv/bin/python" Benchmarks/models.py "$report"
  seeds=()
  for seed in 1 2 3 4 5; do
    "$serreport" build --data "$data/$corpus/LABELS.csv" --out "$report-seed$seed" \
      --set train.protocol="${protocol[$corpus]}" --set train.seed=$seed --set 'train.models=[rf]' >/dev/null 2>&1
    seeds+=("$report-seed$seed")
  done
  "$refenv/bin/python" Benchmarks/models.py --forest-seeds "$report" "${seeds[@]}"
  echo
done
