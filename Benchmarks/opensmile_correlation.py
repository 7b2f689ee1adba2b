"""How closely serreport's voice descriptors track openSMILE's eGeMAPS (v02) on the same clips.

For every N-th clip of each corpus (sorted by path), computes openSMILE's eGeMAPSv02 functionals
(PyPI `opensmile`, on the file as it is) and serreport's extended summary (`serreport features --json
--summary`, default settings: normalise, resample to 22050 Hz, trim; no padding or noise reduction), and
prints the Pearson correlation over clips of each pair of corresponding values as a Markdown table.

serreport's descriptors follow eGeMAPS' definitions (F0 in semitones above 27.5 Hz, alpha ratio,
Hammarberg index, spectral slopes, voiced segment statistics, HNR from the autocorrelation, jitter and
shimmer by waveform matching, loudness from the auditory spectrum, LPC formants from the 11 kHz spectrum
of 20 ms frames, H1–H2 and H1–A3 as cHarmonics finds the harmonics; the formants and harmonic_differences
groups, off by default, are switched on here) but on its own frames (93 ms Hann at the
defaults, not eGeMAPS' 25/60 ms) and, for the spectral balance, over all frames (eGeMAPS splits voiced
and unvoiced); serreport's F0 is pYIN, openSMILE's SHS. Rows marked "proxy" pair related, not equal,
quantities.

    "$REFENV"/bin/python Benchmarks/opensmile_correlation.py .build/release/serreport ../shared/data 4
    "$REFENV"/bin/python Benchmarks/opensmile_correlation.py .build/release/serreport ../shared/data 4 \
        process.normalize.enabled=false
"""
import csv
import json
import os
import subprocess
import sys

import numpy as np
import opensmile

binary, data = sys.argv[1], sys.argv[2]
step = int(sys.argv[3]) if len(sys.argv) > 3 else 4
# Extra `--set` overrides after the step, e.g. process.normalize.enabled=false to keep each file's level.
overrides = [argument for setting in sys.argv[4:] for argument in ("--set", setting)]
# Every group, the formants and harmonic differences (off by default) included.
overrides += ["--set", "features.groups=[rms,zcr,mfcc,chroma,contrast,mfcc_delta,spectral_shape,spectral_balance,"
              "pitch,voice_quality,loudness,formants,harmonic_differences]"]

PAIRS = [
    ("F0 mean (semitones)", "f0_mean_0", "F0semitoneFrom27.5Hz_sma3nz_amean", ""),
    ("F0 20th percentile", "f0_p20_0", "F0semitoneFrom27.5Hz_sma3nz_percentile20.0", ""),
    ("F0 median", "f0_p50_0", "F0semitoneFrom27.5Hz_sma3nz_percentile50.0", ""),
    ("F0 80th percentile", "f0_p80_0", "F0semitoneFrom27.5Hz_sma3nz_percentile80.0", ""),
    ("F0 range 20–80", "f0_range_20_80_0", "F0semitoneFrom27.5Hz_sma3nz_pctlrange0-2", ""),
    ("alpha ratio mean", "alpha_ratio_mean_0", "alphaRatioV_sma3nz_amean", "voiced frames in eGeMAPS"),
    ("Hammarberg index mean", "hammarberg_mean_0", "hammarbergIndexV_sma3nz_amean", "voiced frames in eGeMAPS"),
    ("slope 0–500 Hz mean", "slope_0_500_mean_0", "slopeV0-500_sma3nz_amean", "voiced frames in eGeMAPS"),
    ("slope 500–1500 Hz mean", "slope_500_1500_mean_0", "slopeV500-1500_sma3nz_amean", "voiced frames in eGeMAPS"),
    ("HNR mean (dB)", "hnr_mean_0", "HNRdBACF_sma3nz_amean", "pYIN's F0 vs SHS; unsmoothed"),
    ("jitter mean", "jitter_mean_0", "jitterLocal_sma3nz_amean", "pYIN's F0 vs SHS; unsmoothed"),
    ("shimmer mean (dB)", "shimmer_mean_0", "shimmerLocaldB_sma3nz_amean", "pYIN's F0 vs SHS; unsmoothed"),
    ("F1 mean (Hz)", "formant_frequency_mean_0", "F1frequency_sma3nz_amean", "pYIN's voicing vs SHS's; 20 ms frames"),
    ("F2 mean (Hz)", "formant_frequency_mean_1", "F2frequency_sma3nz_amean", "pYIN's voicing vs SHS's; 20 ms frames"),
    ("F3 mean (Hz)", "formant_frequency_mean_2", "F3frequency_sma3nz_amean", "pYIN's voicing vs SHS's; 20 ms frames"),
    ("F1 bandwidth mean (Hz)", "formant_bandwidth_mean_0", "F1bandwidth_sma3nz_amean", "pYIN's voicing vs SHS's"),
    ("F2 bandwidth mean (Hz)", "formant_bandwidth_mean_1", "F2bandwidth_sma3nz_amean", "pYIN's voicing vs SHS's"),
    ("F3 bandwidth mean (Hz)", "formant_bandwidth_mean_2", "F3bandwidth_sma3nz_amean", "pYIN's voicing vs SHS's"),
    ("H1–H2 mean (dB)", "h1_h2_mean_0", "logRelF0-H1-H2_sma3nz_amean", "pYIN's F0 vs SHS; unsmoothed"),
    ("H1–A3 mean (dB)", "h1_a3_mean_0", "logRelF0-H1-A3_sma3nz_amean", "pYIN's F0 vs SHS; serreport's F3"),
    ("voiced segments per second", "voiced_segments_per_second", "VoicedSegmentsPerSec", ""),
    ("mean voiced segment length", "voiced_length_mean", "MeanVoicedSegmentLengthSec", ""),
    ("mean unvoiced segment length", "unvoiced_length_mean", "MeanUnvoicedSegmentLength", ""),
    ("MFCC 1 mean", "mfcc_mean_1", "mfcc1_sma3_amean", "26 vs 128 mel bands"),
    ("MFCC 2 mean", "mfcc_mean_2", "mfcc2_sma3_amean", "26 vs 128 mel bands"),
    ("MFCC 3 mean", "mfcc_mean_3", "mfcc3_sma3_amean", "26 vs 128 mel bands"),
    ("MFCC 4 mean", "mfcc_mean_4", "mfcc4_sma3_amean", "26 vs 128 mel bands"),
    ("loudness mean", "loudness_mean_0", "loudness_sma3_amean", "level: see below"),
    ("loudness median", "loudness_p50_0", "loudness_sma3_percentile50.0", "level: see below"),
    ("loudness range 20–80", "loudness_range_20_80_0", "loudness_sma3_pctlrange0-2", "level: see below"),
    ("RMS mean ~ loudness mean", "rms_mean_0", "loudness_sma3_amean", "proxy"),
]


def clips(corpus):
    labels = os.path.join(data, corpus, "LABELS.csv")
    with open(labels) as f:
        rows = list(csv.DictReader(f))
    column = "path" if "path" in rows[0] else list(rows[0])[0]
    paths = sorted(os.path.join(data, corpus, r[column]) for r in rows)
    return paths[::step]


smile = opensmile.Smile(feature_set=opensmile.FeatureSet.eGeMAPSv02, feature_level=opensmile.FeatureLevel.Functionals)
results = {}
counts = {}
for corpus in ["ravdess-actors-01-12", "emodb-2s"]:
    paths = clips(corpus)
    ours = {}
    lines = subprocess.run([binary, "features", "--json", "--summary", *overrides, *paths], capture_output=True, text=True,
                           check=True).stdout.splitlines()
    for path, line in zip(paths, lines):
        record = json.loads(line)
        ours[path] = dict(zip(record["summary"]["names"], record["summary"]["values"]))
    theirs = {path: smile.process_file(path).iloc[0].to_dict() for path in paths}
    counts[corpus] = len(paths)
    for label, mine, other, _ in PAIRS:
        a = np.array([ours[p][mine] for p in paths])
        b = np.array([theirs[p][other] for p in paths])
        results[(label, corpus)] = float(np.corrcoef(a, b)[0, 1])

print(f"| descriptor | serreport | eGeMAPS v02 | r, RAVDESS ({counts['ravdess-actors-01-12']} clips) "
      f"| r, EmoDB ({counts['emodb-2s']} clips) | note |")
print("|---|---|---|---|---|---|")
for label, mine, other, note in PAIRS:
    print(f"| {label} | `{mine}` | `{other}` | {results[(label, 'ravdess-actors-01-12')]:.2f} "
          f"| {results[(label, 'emodb-2s')]:.2f} | {note} |")
