#!/usr/bin/env python3
"""Measured parity of serreport with the Python reference on the committed golden fixtures.

For each of the 12 Samples clips in Tests/serreportTests/Fixtures/reference it runs
`serreport features --json` (plain: --raw; full: the default chain, with --dump-wave) and prints
the worst case over the clips of: each feature's max abs error relative to that matrix's max |value|,
the summary's relative error (absolute 1e-5 near zero), tuning, frame counts, trim indices and the
processed waveform's max abs error relative to its peak.

Usage: "$REFENV"/bin/python Benchmarks/parity.py [path/to/serreport]   (numpy and soundfile needed)
"""
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import soundfile as sf

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, ".build/release/serreport")
fixtures = os.path.join(root, "Tests/serreportTests/Fixtures/reference")
names = sorted({f.split(".")[0] for f in os.listdir(fixtures) if f.endswith(".json")})
worst = {}


def note(key, value):
    worst[key] = max(worst.get(key, 0.0), float(value))


with tempfile.TemporaryDirectory() as tmp:
    for name in names:
        for variant in ("plain", "full"):
            ref = json.load(open(os.path.join(fixtures, f"{name}.{variant}.json")))
            args = [binary, "features", os.path.join(root, ref["meta"]["clip"]), "--json"]
            dump = os.path.join(tmp, f"{name}.wav")
            args += ["--raw"] if variant == "plain" else ["--dump-wave", dump]
            ours = json.loads(subprocess.run(args, check=True, capture_output=True, text=True).stdout)
            for feature, rows in ref["frames"].items():
                expected, actual = np.array(rows), np.array(ours["frames"][feature])
                note(f"{variant}: {feature} frames, max abs err / max", np.max(np.abs(actual - expected))
                     / max(np.max(np.abs(expected)), 1e-12))
            a, b = np.array(ours["summary"]["seed"]), np.array(ref["summary"]["seed"])
            note(f"{variant}: summary, max rel err", np.max(np.abs(a - b) / np.maximum(np.abs(b), 1e-2)))
            note(f"{variant}: tuning, max |diff|", abs(ours["meta"]["chroma_tuning"] - ref["meta"]["chroma_tuning"]))
            note(f"{variant}: frame count mismatches", ours["meta"]["n_frames"] != ref["meta"]["n_frames"])
            if variant == "full":
                s, r = ours["meta"]["stages"], ref["meta"]["stages"]
                note("full: trim index mismatches", (s["trim"]["start"], s["trim"]["end"])
                     != (r["trim"]["start"], r["trim"]["end"]))
                y = sf.read(dump, dtype="float64")[0]
                y_ref = 2 * sf.read(os.path.join(fixtures, f"{name}.full.flac"), dtype="float64")[0]
                note("full: processed waveform, max abs err / peak", np.max(np.abs(y - y_ref)) / np.max(np.abs(y_ref)))
print(f"{len(names)} clips, plain (load only) and full chain (normalise, trim, fix length, denoise):")
for key in sorted(worst):
    print(f"  {key:50s} {worst[key]:.3g}")
