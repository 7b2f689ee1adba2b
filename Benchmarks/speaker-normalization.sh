#!/usr/bin/env bash
# UAR with train.speaker_normalization off / on / auto on three corpora: RAVDESS actors 01–12
# (speaker-independent 5-fold), a confounded subset of it (each actor keeps one or two emotions,
# Benchmarks/confounded_manifest.py) and EmoDB (leave-one-speaker-out). Release binary, default
# settings otherwise; the work folder (default .build-bench/speaker-normalization) keeps the
# feature cache, so only the train and evaluate cells run again between modes.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
data=${SHARED_DATA:-$here/../shared/data}
work=${1:-$here/.build-bench/speaker-normalization}
binary=$here/.build/release/serreport
[ -x "$binary" ] || swift build -c release --product serreport --package-path "$here"
mkdir -p "$work"
python3 "$here/Benchmarks/confounded_manifest.py" "$data/ravdess-actors-01-12/LABELS.csv" "$work/ravdess-confounded.csv"

run() { # name data extra-settings...
    local name=$1 corpus=$2
    shift 2
    for mode in off on auto; do
        (cd "$work" && "$binary" build --quiet --data "$corpus" --out "$work/$name-$mode" \
            --set report.formats=html --set report.figure_formats=png \
            --set train.speaker_normalization=$mode "$@") || true
    done
}
run ravdess "$data/ravdess-actors-01-12"
run confounded "$work/ravdess-confounded.csv"
run emodb "$data/emodb-2s" --set train.protocol=leave-one-speaker-out

python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
print("| corpus | model | off | on | auto | auto chose (folds on; final) |")
print("|---|---|---|---|---|---|")
for name in ["ravdess", "confounded", "emodb"]:
    metrics = {m: json.load(open(f"{work}/{name}-{m}/metrics.json")) for m in ["off", "on", "auto"]}
    info = metrics["auto"]["protocol"]
    folds = info["speaker_normalization_folds"]
    chose = f"{sum(f['applied'] for f in folds)} of {len(folds)}; {'on' if info['speaker_normalization_final']['applied'] else 'off'}"
    for model in ["rf", "svm", "mlp", "logreg", "best"]:
        if model == "best":
            cells = [f"{metrics[m]['models'][metrics[m]['best']]['uar']:.3f} ({metrics[m]['best']})" for m in ["off", "on", "auto"]]
        else:
            cells = [f"{metrics[m]['models'][model]['uar']:.3f}" for m in ["off", "on", "auto"]]
        print(f"| {name} | {model} | {' | '.join(cells)} | {chose if model == 'rf' else ''} |")
PY
