#!/usr/bin/env bash
# Figure rendering on a 1440-clip corpus (the size of the full RAVDESS speech set): every figure type
# of the report in PNG, SVG and PDF, timed by `serreport figures --gallery`, on all cores and on one.
#
# The corpus is the developers' RAVDESS half (720 clips, actors 01–12) listed twice under two folder
# names, so it has 1440 clips and 24 speakers. Only the figure drawing is timed (the analysis before
# it is not); the command prints "… drawn in X s".
#
# Usage: bash Benchmarks/figures.sh [path/to/ravdess-actors-01-12]
set -euo pipefail
cd "$(dirname "$0")/.."
ravdess=$(cd "${1:-../shared/data/ravdess-actors-01-12}" && pwd)
work=.build-bench/figures
corpus=$work/corpus1440
rm -rf "$work"
mkdir -p "$corpus"
ln -s "$ravdess" "$corpus/a"
ln -s "$ravdess" "$corpus/b"
{
  echo "path,emotion,speaker,gender"
  for copy in a b; do
    tail -n +2 "$ravdess/LABELS.csv" | awk -F, -v c=$copy 'BEGIN{OFS=","} {print c"/"$1, $2, c"-"$3, $4}'
  done
} > "$corpus/manifest.csv"
echo "corpus: $(($(wc -l < "$corpus/manifest.csv") - 1)) clips"

make -s release >/dev/null
serreport=.build/release/serreport
for jobs in "$(nproc)" 1; do
  rm -rf "$work/gallery"
  line=$("$serreport" figures --gallery "$work/gallery" --data "$corpus" --jobs "$jobs" 2>&1 >/dev/null | tail -1)
  echo "jobs=$jobs: $line"
done
echo "files: $(ls "$work/gallery/figures" | wc -l) in $work/gallery/figures ($(du -sh "$work/gallery/figures" | cut -f1))"
