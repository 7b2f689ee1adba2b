#!/usr/bin/env python3
"""Per-emotion acoustic summary of a corpus made by generate.sh (a check, not part of serreport).

    python3 Samples/measure.py [Samples/manifest.csv]

Needs python3 with numpy, and sox to decode. Prints a Markdown table: mean clip duration, mean
speech duration (clip minus the added silence), speech-region RMS, median F0 (autocorrelation
pitch, per gender), F0 spread (10th-90th percentile, semitones), and how far the SNR estimated
from the audio (noise power from the added silence) is from the SNR the manifest records.
"""
import csv
import os
import subprocess
import sys
from collections import defaultdict

import numpy as np


def load(path, sr=16000):
    raw = subprocess.run(
        ["sox", path, "-t", "raw", "-r", str(sr), "-c", "1", "-e", "signed", "-b", "16", "-"],
        capture_output=True, check=True).stdout
    return np.frombuffer(raw, dtype="<i2").astype(np.float64) / 32768.0, sr


def f0_track(x, sr, fmin=60.0, fmax=450.0, frame=0.04, hop=0.01):
    """Voiced-frame F0 by normalised autocorrelation, taking the first peak near the maximum."""
    n, h = int(frame * sr), int(hop * sr)
    lo, hi = int(sr / fmax), int(sr / fmin)
    level = np.sqrt(np.mean(x ** 2))
    taper = 1.0 - np.arange(n) / n
    out = []
    for s in range(0, len(x) - n, h):
        f = x[s:s + n] - np.mean(x[s:s + n])
        if np.sqrt(np.mean(f ** 2)) < 0.5 * level:
            continue
        ac = np.fft.irfft(np.abs(np.fft.rfft(f, 2 * n)) ** 2)[:n]
        ac = ac / (ac[0] + 1e-12) / taper
        seg = ac[lo:hi]
        m = seg.max()
        if m < 0.6:
            continue
        for j in range(1, len(seg) - 1):
            if seg[j] >= 0.85 * m and seg[j] >= seg[j - 1] and seg[j] >= seg[j + 1]:
                out.append(sr / (lo + j))
                break
    return np.array(out)


def db(p):
    return 10.0 * np.log10(max(p, 1e-20))


def main():
    manifest = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "manifest.csv")
    root = os.path.dirname(os.path.abspath(manifest))
    rows = list(csv.DictReader(open(manifest, newline="")))
    acc = defaultdict(lambda: defaultdict(list))
    for r in rows:
        x, sr = load(os.path.join(root, r["path"]))
        lead, trail = int(float(r["lead_s"]) * sr), int(float(r["trail_s"]) * sr)
        speech = x[lead:len(x) - trail]
        noise = np.concatenate([x[:lead], x[len(x) - trail:]])
        p_sn, p_n = np.mean(speech ** 2), np.mean(noise ** 2)
        f0 = f0_track(speech, sr)
        a = acc[r["emotion"]]
        a["dur"].append(len(x) / sr)
        a["speech_dur"].append(len(speech) / sr)
        a["rms_db"].append(db(p_sn))
        a["snr_err"].append(abs(db(p_sn - p_n) - db(p_n) - float(r["snr_db"])) if p_sn > p_n else np.inf)
        if len(f0) >= 5:
            a["f0_" + r["gender"]].append(np.median(f0))
            a["f0_spread"].append(12 * np.log2(np.percentile(f0, 90) / np.percentile(f0, 10)))

    print("| emotion | clips | duration (s) | speech (s) | speech RMS (dBFS) | median F0 male (Hz) | median F0 female (Hz) | F0 spread (st) | SNR check: median abs. error (dB) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    order = ["neutral", "calm", "happy", "sad", "angry", "fearful"]
    for e in sorted(acc, key=lambda e: (order.index(e) if e in order else len(order), e)):
        a = acc[e]
        med = lambda k: f"{np.median(a[k]):.0f}" if a[k] else "–"
        print(f"| {e} | {len(a['dur'])} | {np.mean(a['dur']):.2f} | {np.mean(a['speech_dur']):.2f} | "
              f"{np.mean(a['rms_db']):.1f} | {med('f0_male')} | {med('f0_female')} | "
              f"{np.median(a['f0_spread']):.1f} | {np.median(a['snr_err']):.2f} |")


if __name__ == "__main__":
    main()
