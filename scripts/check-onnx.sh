#!/usr/bin/env bash
# The deep models' ONNX exports, checked outside serreport: builds a report with the gru and cnn models on
# EmoDB (../shared/data/emodb-2s, or $ONNX_CORPUS), then scripts/check_onnx.py runs PyPI's onnx checker on
# models/gru.onnx and models/cnn.onnx and compares onnxruntime's class probabilities with `serreport predict
# --model gru|cnn` on 20 clips (largest absolute difference at most 1e-4). Python lives in a venv under
# .build-onnx/.
set -euo pipefail
cd "$(dirname "$0")/.."
serreport=.build/release/serreport
corpus=${ONNX_CORPUS:-../shared/data/emodb-2s}
work=.build-onnx
if [[ ! -x $work/venv/bin/python ]]; then
  python3 -m venv "$work/venv"
  "$work/venv/bin/pip" install -q --disable-pip-version-check onnx onnxruntime numpy
fi
mkdir -p "$work/project"
# Few epochs: what is checked is that the export computes what serreport computes, not how well it learned.
"$serreport" build --quiet --data "$corpus" --out "$work/report" \
  --set 'train.models=[gru,cnn]' --set train.gru.epochs=4 --set train.cnn.epochs=3 >/dev/null
clips=$(find "$corpus" -name '*.wav' | sort | awk 'NR % 25 == 1' | head -20)
# shellcheck disable=SC2086
"$serreport" features --json --report "$work/report" $clips > "$work/features.jsonl"
for model in gru cnn; do
  # shellcheck disable=SC2086
  "$serreport" predict --report "$work/report" --model $model --json $clips > "$work/predict-$model.jsonl"
  "$work/venv/bin/python" scripts/check_onnx.py "$work/report/models/$model.onnx" "$work/predict-$model.jsonl" \
    "$work/features.jsonl"
done
