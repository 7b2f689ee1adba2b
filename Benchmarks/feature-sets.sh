#!/usr/bin/env bash
# UAR per feature set × model on the developers' corpora, serreport against scikit-learn on the same
# features, folds and speaker normalisation (Benchmarks/models.py): RAVDESS actors 01–12 with the default
# speaker-independent 5-fold protocol, EmoDB leave-one-speaker-out. Sets:
#   seed         features.set: seed (the notebook's 82 values and chain: 3 s padding, noise reduction)
#   seed+voice   the extended set's statistics over the seed's groups plus pitch and spectral balance
#   all          the default: every group, every statistic (no padding, no noise reduction: auto)
# Prints a Markdown table (serreport pooled UAR and fold mean ± std; the same for scikit-learn).
#
# Usage: bash Benchmarks/feature-sets.sh [../shared/data]
set -euo pipefail
cd "$(dirname "$0")/.."
data=$(cd "${1:-../shared/data}" && pwd)
refenv=${REFENV:-/tmp/serreport-refenv}
[[ -x "$refenv/bin/python" ]] || { . ../shared/reference/setup-refenv.sh >/dev/null; refenv=${REFENV:-/tmp/serreport-refenv}; }
[[ -x .build/release/serreport ]] || make -s release >/dev/null 2>&1
serreport=$PWD/.build/release/serreport
out=$PWD/.build-bench/feature-sets
mkdir -p "$out"
declare -A protocol=([ravdess-actors-01-12]=speaker-independent [emodb-2s]=leave-one-speaker-out)
declare -A sets=(
  [seed]="--set features.set=seed"
  [seed+voice]="--set features.groups=[rms,zcr,mfcc,chroma,contrast,spectral_balance,pitch]"
  [all]=""
)
echo "| corpus, set | model | serreport UAR | fold mean ± std | scikit-learn UAR | fold mean ± std |"
echo "|---|---|---|---|---|---|"
for corpus in ravdess-actors-01-12 emodb-2s; do
  for set in seed seed+voice all; do
    report=$out/$corpus-$set
    # shellcheck disable=SC2086
    (cd "$out" && "$serreport" build --quiet --data "$data/$corpus" --out "$report" \
      --set train.protocol="${protocol[$corpus]}" --set 'train.models=[rf,xgb,svm,mlp,logreg]' \
      --set report.formats=html --set report.figure_formats=png ${sets[$set]} >/dev/null)
    "$refenv/bin/python" Benchmarks/models.py --markdown "${corpus%%-*}, $set" "$report"
  done
done
