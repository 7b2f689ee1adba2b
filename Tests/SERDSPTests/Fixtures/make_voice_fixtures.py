#!/usr/bin/env python3
"""Golden values for SERDSP's voice descriptors: librosa.pyin and the spectral shape descriptors.

Writes glide_22050.wav (synthetic, deterministic) and f1_happy_s1.flac (a copy of Samples/clips/f1/happy_s1.flac)
and, for them and fox.wav,
<name>_voice.json with librosa 0.11.0's
  pyin(y, sr=sr, fmin=note_to_hz('C2'), fmax=note_to_hz('C6'), frame_length=2048, hop_length=512)
  -> f0 (null where unvoiced), voiced_flag, voiced_prob
  spectral_centroid / spectral_bandwidth / spectral_rolloff / spectral_flatness (y=y, sr=sr, defaults)
each clip read at its own rate (librosa.load(sr=None)); floats to 10 significant digits.

Usage, from the repository root, in the reference environment (../shared/reference/setup-refenv.sh):
  "$REFENV"/bin/python Tests/SERDSPTests/Fixtures/make_voice_fixtures.py
"""
import json
import os
import shutil

import librosa
import numpy as np
import soundfile as sf

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(os.path.dirname(here)))


def glide(path, sr=22050):
    """0.8 s harmonic glide 110 -> 330 Hz, 0.2 s silence, 0.3 s noise, 0.4 s 200 Hz with 5 Hz vibrato."""
    def voiced(f0):
        phase = 2 * np.pi * np.cumsum(f0) / sr
        return 0.3 * sum(np.sin(k * phase) / k for k in range(1, 11)) / 2
    t1 = np.arange(int(0.8 * sr)) / sr
    t2 = np.arange(int(0.4 * sr)) / sr
    noise = np.random.default_rng(13).normal(0, 0.05, int(0.3 * sr))
    y = np.concatenate([voiced(110 * 3 ** (t1 / 0.8)), np.zeros(int(0.2 * sr)), noise,
                        voiced(200 * 2 ** (0.5 / 12 * np.sin(2 * np.pi * 5 * t2)))])
    sf.write(path, y, sr, subtype="PCM_16")


def digits(values):
    return [None if not np.isfinite(v) else float(f"{v:.10g}") for v in np.asarray(values, dtype=np.float64)]


glide(os.path.join(here, "glide_22050.wav"))
shutil.copyfile(os.path.join(root, "Samples/clips/f1/happy_s1.flac"), os.path.join(here, "f1_happy_s1.flac"))
clips = {
    "fox": os.path.join(here, "fox.wav"),
    "glide": os.path.join(here, "glide_22050.wav"),
    "f1_happy_s1": os.path.join(here, "f1_happy_s1.flac"),
}
fmin, fmax = librosa.note_to_hz("C2"), librosa.note_to_hz("C6")
for name, path in clips.items():
    y, sr = librosa.load(path, sr=None)
    f0, flag, prob = librosa.pyin(y, sr=sr, fmin=fmin, fmax=fmax, frame_length=2048, hop_length=512)
    centroid = librosa.feature.spectral_centroid(y=y, sr=sr)[0]
    out = {
        "meta": {
            "clip": os.path.relpath(path, root), "sample_rate": sr, "samples": len(y),
            "versions": {"librosa": librosa.__version__, "numpy": np.__version__},
            "pyin": {"fmin": fmin, "fmax": fmax, "frame_length": 2048, "hop_length": 512},
        },
        "f0": digits(f0),
        "voiced_flag": [bool(v) for v in flag],
        "voiced_prob": digits(prob),
        "spectral": {
            "centroid": digits(centroid),
            "bandwidth": digits(librosa.feature.spectral_bandwidth(y=y, sr=sr)[0]),
            "rolloff": digits(librosa.feature.spectral_rolloff(y=y, sr=sr)[0]),
            "flatness": digits(librosa.feature.spectral_flatness(y=y)[0]),
        },
    }
    with open(os.path.join(here, f"{name}_voice.json"), "w") as f:
        json.dump(out, f, separators=(",", ":"))
    print(name, sr, len(y), "frames", len(f0), "voiced", int(flag.sum()))
