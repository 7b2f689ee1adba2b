"""Checks models/gru.onnx against serreport (run by scripts/check-onnx.sh).

usage: check_onnx.py MODEL.onnx PREDICT_JSONL FEATURES_JSONL

- onnx.checker.check_model (full check, with shape inference) passes on the model (gru.onnx or cnn.onnx);
- for every clip, the frames `serreport features --json --report` printed, stacked as MODEL.onnx.json's
  frame_vector says, run through onnxruntime give class probabilities within 1e-4 of `serreport predict`.
"""

import json
import sys

import numpy as np
import onnx
import onnxruntime

TOLERANCE = 1e-4


def main(model_path, predict_path, features_path):
    onnx.checker.check_model(onnx.load(model_path), full_check=True)
    inputs = json.load(open(f"{model_path}.json"))
    labels = inputs["labels"]
    session = onnxruntime.InferenceSession(model_path, providers=["CPUExecutionProvider"])
    predictions = {}
    for line in open(predict_path):
        row = json.loads(line)
        predictions[row["file"]] = [row["probabilities"][label] for label in labels]
    worst = 0.0
    checked = 0
    for line in open(features_path):
        clip = json.loads(line)
        path = clip["meta"]["path"]
        rows = []
        for descriptor in inputs["frame_vector"]:
            matrix = clip["frames"][descriptor["name"]]
            assert len(matrix) == descriptor["rows"], (path, descriptor)
            rows.extend(matrix)
        # float32, as serreport keeps frame vectors; null (an undefined value, F0 unvoiced) becomes NaN.
        frames = np.array(
            [[np.nan if v is None else float(v) for v in row] for row in rows], dtype=np.float32
        ).T[np.newaxis]
        assert frames.shape[2] == int(inputs["input_shape"][2]), frames.shape
        (probabilities,) = session.run(["probabilities"], {inputs["input"]: frames})
        expected = np.array(predictions[path])
        difference = float(np.max(np.abs(probabilities[0].astype(np.float64) - expected)))
        worst = max(worst, difference)
        checked += 1
        if difference > TOLERANCE:
            print(f"check-onnx: {path}: onnxruntime differs from serreport by {difference:.3g}", file=sys.stderr)
    if checked != len(predictions) or checked == 0:
        print(f"check-onnx: {checked} clips with frames, {len(predictions)} predicted", file=sys.stderr)
        return 1
    print(f"check-onnx: {inputs['model']}: onnx checker passed; {checked} clips, largest probability difference {worst:.2g}")
    return 0 if worst <= TOLERANCE else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
