"""Golden values for SERPlot's statistics, from numpy and matplotlib.

Run from the repository root with the reference environment (../shared/reference/setup-refenv.sh):

    /tmp/serreport-refenv/bin/python Tests/SERPlotTests/Fixtures/make_fixtures.py

Writes Tests/SERPlotTests/Fixtures/statistics.json: for a few deterministic samples, numpy's
`histogram_bin_edges(bins="auto")` and `histogram` counts, and matplotlib's `cbook.boxplot_stats`
(whis=1.5) quartiles, whiskers and outliers.
"""
import json
import pathlib

import matplotlib
import numpy as np
from matplotlib import cbook

rng = np.random.default_rng(7)
samples = {
    "normal_200": rng.normal(3.0, 0.6, 200),
    "skewed_57": np.concatenate([rng.exponential(1.0, 50), [9.5, 11.0, -2.0, 14.0, 0.0, 0.0, 0.0]]),
    "small_5": np.array([2.0, 4.0, 4.0, 5.0, 40.0]),
    "durations_720": rng.uniform(2.9, 5.3, 720).round(3),
}
cases = []
for name, values in samples.items():
    edges = np.histogram_bin_edges(values, bins="auto")
    counts, _ = np.histogram(values, bins=edges)
    stats = cbook.boxplot_stats(values, whis=1.5)[0]
    cases.append({
        "name": name,
        "values": values.tolist(),
        "edges": edges.tolist(),
        "counts": counts.tolist(),
        "q1": float(stats["q1"]),
        "median": float(stats["med"]),
        "q3": float(stats["q3"]),
        "whislo": float(stats["whislo"]),
        "whishi": float(stats["whishi"]),
        "fliers": sorted(float(v) for v in stats["fliers"]),
    })
out = pathlib.Path(__file__).with_name("statistics.json")
out.write_text(json.dumps({"numpy": np.__version__, "matplotlib": matplotlib.__version__, "cases": cases}, indent=1) + "\n")
print(f"wrote {out}")
