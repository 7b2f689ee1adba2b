#!/usr/bin/env python3
"""Measured parity and cost of serreport's pYIN (SERDSP ProbabilisticYIN) against librosa.pyin.

For each shared corpus it takes N clips spread evenly over LABELS.csv (sorted by path, so every speaker and
emotion is represented), loads each as serreport does (librosa.load at 22050 Hz, float32), writes those
samples as float32 WAV to a temporary folder, and runs
  librosa.pyin(y, sr=22050, fmin=note_to_hz('C2'), fmax=note_to_hz('C6'), frame_length=2048, hop_length=512)
and `serreport-bench pitch` on the same samples. It prints, per corpus, over all frames pooled:
voicing agreement, the median / 90th percentile / max relative F0 error on frames both call voiced, the
share of those frames on the same pitch bin, and the CPU cost of each in ms per second of audio (librosa:
process CPU time, one thread, one run; serreport: thread CPU time, fastest of 7 after a warm-up).

Usage: "$REFENV"/bin/python Benchmarks/pitch_parity.py [--clips 50] [--bench .build/release/serreport-bench]
Build the bench first: swift build -c release --product serreport-bench
"""
import argparse
import csv
import json
import os
import subprocess
import tempfile
import time

import librosa
import numpy as np
import soundfile as sf

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
parser = argparse.ArgumentParser()
parser.add_argument("--clips", type=int, default=50)
parser.add_argument("--bench", default=os.path.join(root, ".build/release/serreport-bench"))
parser.add_argument("--data", default=os.path.join(root, "../shared/data"))
args = parser.parse_args()

fmin, fmax = librosa.note_to_hz("C2"), librosa.note_to_hz("C6")
os.environ.setdefault("OMP_NUM_THREADS", "1")

for corpus in ("ravdess-actors-01-12", "emodb-2s"):
    folder = os.path.join(args.data, corpus)
    rows = sorted(csv.DictReader(open(os.path.join(folder, "LABELS.csv"))), key=lambda r: r["path"])
    picked = [rows[i]["path"] for i in np.linspace(0, len(rows) - 1, args.clips).round().astype(int)]
    with tempfile.TemporaryDirectory() as tmp:
        reference, paths, seconds, librosa_cpu = {}, [], 0.0, 0.0
        for i, rel in enumerate(picked):
            y, sr = librosa.load(os.path.join(folder, rel), sr=22050)
            path = os.path.join(tmp, f"{i:03d}.wav")
            sf.write(path, y, sr, subtype="FLOAT")
            start = time.process_time()
            f0, flag, _ = librosa.pyin(y, sr=sr, fmin=fmin, fmax=fmax, frame_length=2048, hop_length=512)
            librosa_cpu += time.process_time() - start
            reference[path] = (f0, flag)
            paths.append(path)
            seconds += len(y) / sr
        listing = os.path.join(tmp, "list.txt")
        open(listing, "w").write("\n".join(paths) + "\n")
        lines = subprocess.run([args.bench, "pitch", "--list", listing], check=True, capture_output=True,
                               text=True).stdout.splitlines()
    cost = json.loads(lines[-1])["cost"]
    errors, agree, frames, mismatched_counts = [], 0, 0, 0
    for line in lines[:-1]:
        ours = json.loads(line)
        f0, flag = reference[ours["path"]]
        mine = np.array([np.nan if v is None else v for v in ours["f0"]])
        voiced = np.array(ours["voiced"])
        if len(voiced) != len(flag):
            mismatched_counts += 1
            continue
        agree += int(np.sum(voiced == flag))
        frames += len(flag)
        both = voiced & flag
        errors.extend(np.abs(mine[both] - f0[both]) / f0[both])
    errors = np.array(errors)
    print(f"{corpus}: {len(picked)} clips, {seconds:.1f} s, {frames} frames, {len(errors)} voiced in both"
          + (f", {mismatched_counts} frame-count mismatches" if mismatched_counts else ""))
    print(f"  voicing agreement        {agree / frames:.4f}")
    print(f"  F0 rel. error median     {np.median(errors):.2e}   p90 {np.percentile(errors, 90):.2e}"
          f"   max {errors.max():.2e}   same bin {np.mean(errors < 1e-6):.4f}   >1%: {np.mean(errors > 0.01):.4f}")
    print(f"  cost, ms CPU per s audio librosa {1e3 * librosa_cpu / seconds:.1f}   serreport "
          f"{cost['pyin_ms_per_s']:.3f} (observations {cost['observations_ms_per_s']:.3f}, "
          f"viterbi {cost['viterbi_ms_per_s']:.3f})")
