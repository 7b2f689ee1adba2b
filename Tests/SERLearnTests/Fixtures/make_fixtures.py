"""Writes pca.json, the golden fixture for SERLearnTests.

A deterministic 60 x 8 matrix (numpy default_rng(0)) with correlated columns, unequal scales and
one constant column is standardised with scikit-learn's StandardScaler, and PCA(n_components=2,
svd_solver="full") is fitted on the standardised matrix, as a report does. The JSON holds the
input, the scaler's mean_/scale_ and transformed rows, and the PCA's components_, mean_,
explained_variance_(ratio_) and transform() rows, all as round-trip float reprs.

Regenerate from the package root with the reference environment:

    /tmp/serreport-refenv/bin/python Tests/SERLearnTests/Fixtures/make_fixtures.py

(if that interpreter is missing: . /work/shared/reference/setup-refenv.sh)
"""

import json
import pathlib

import numpy as np
import sklearn
from sklearn.decomposition import PCA
from sklearn.preprocessing import StandardScaler

ROWS = 60
COMPONENTS = 2


def make_input():
    rng = np.random.default_rng(0)
    noise = rng.standard_normal((ROWS, 8))
    x = np.empty((ROWS, 8))
    x[:, 0] = 2.0 * noise[:, 0] + 10.0
    x[:, 1] = 0.8 * x[:, 0] + 0.5 * noise[:, 1]  # strongly correlated with column 0
    x[:, 2] = 100.0 * noise[:, 2] - 40.0  # large scale
    x[:, 3] = -0.03 * x[:, 2] + 0.7 * noise[:, 3]  # anti-correlated with column 2
    x[:, 4] = 0.01 * noise[:, 4]  # small scale
    x[:, 5] = 3.5  # constant: StandardScaler gives it scale 1
    x[:, 6] = noise[:, 6] + 0.4 * noise[:, 0]
    x[:, 7] = 5.0 * noise[:, 7]
    return x


def rows(matrix):
    return [[float(v) for v in row] for row in np.asarray(matrix)]


def dump(obj):
    """JSON with one matrix row per line, so diffs stay readable."""
    lines = ["{"]
    items = list(obj.items())
    for index, (key, value) in enumerate(items):
        comma = "," if index < len(items) - 1 else ""
        if isinstance(value, list) and value and isinstance(value[0], list):
            inner = ",\n".join("    " + json.dumps(row) for row in value)
            lines.append(f"  {json.dumps(key)}: [\n{inner}\n  ]{comma}")
        else:
            lines.append(f"  {json.dumps(key)}: {json.dumps(value)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main():
    x = make_input()
    scaler = StandardScaler().fit(x)
    z = scaler.transform(x)
    pca = PCA(n_components=COMPONENTS, svd_solver="full").fit(z)
    fixture = {
        "generator": f"make_fixtures.py, scikit-learn {sklearn.__version__}, numpy {np.__version__}",
        "componentCount": COMPONENTS,
        "input": rows(x),
        "scalerMean": [float(v) for v in scaler.mean_],
        "scalerScale": [float(v) for v in scaler.scale_],
        "standardized": rows(z),
        "pcaMean": [float(v) for v in pca.mean_],
        "components": rows(pca.components_),
        "explainedVariance": [float(v) for v in pca.explained_variance_],
        "explainedVarianceRatio": [float(v) for v in pca.explained_variance_ratio_],
        "transformed": rows(pca.transform(z)),
    }
    out = pathlib.Path(__file__).with_name("pca.json")
    out.write_text(dump(fixture))
    print(f"wrote {out} ({out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
