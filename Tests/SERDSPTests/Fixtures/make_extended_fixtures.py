"""Golden values for the extended set's statistics and delta MFCCs (extended.json).

    . ../shared/reference/setup-refenv.sh && "$REFENV"/bin/python \
        Tests/SERDSPTests/Fixtures/make_extended_fixtures.py > Tests/SERDSPTests/Fixtures/extended.json

Rows are seeded random values (normal, skewed, with ties, short); for each: numpy's mean, std (ddof=0),
percentiles 20/50/80 (linear), the least-squares slope against the frame index (np.polyfit), scipy's
skew and kurtosis (biased, Fisher). Delta: librosa.feature.delta(width=9, mode="interp") of a seeded 3 × 40
random-walk matrix.
"""
import json
import sys

import librosa
import numpy as np
import scipy
import scipy.stats

rng = np.random.default_rng(13)
rows = {
    "normal": rng.normal(0, 1, 50),
    "skewed": rng.exponential(2.0, 37),
    "ties": np.array([1, 1, 1, 2, 2, 3, 10, 10, 0, -4], dtype=float),
    "short": np.array([0.5, -1.5, 3.0]),
}
statistics = {}
for name, x in rows.items():
    statistics[name] = {
        "values": x.tolist(),
        "mean": float(np.mean(x)),
        "std": float(np.std(x)),
        "p20": float(np.percentile(x, 20)),
        "p50": float(np.percentile(x, 50)),
        "p80": float(np.percentile(x, 80)),
        "slope": float(np.polyfit(np.arange(len(x)), x, 1)[0]),
        "skewness": float(scipy.stats.skew(x)),
        "kurtosis": float(scipy.stats.kurtosis(x)),
    }
matrix = rng.normal(0, 1, (3, 40)).cumsum(axis=1)
out = {
    "meta": {"versions": {"librosa": librosa.__version__, "numpy": np.__version__, "scipy": scipy.__version__}},
    "statistics": statistics,
    "delta": {"input": matrix.tolist(), "delta": librosa.feature.delta(matrix).tolist()},
}
json.dump(out, sys.stdout)
