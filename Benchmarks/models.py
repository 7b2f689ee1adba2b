"""serreport's models against scikit-learn's on exactly the same data and folds.

Reads a report built by `serreport build` (features.csv, predictions.csv, metrics.json, run.json),
takes its folds from predictions.csv, applies the same preparation (speaker normalisation when
metrics.json says so, then a StandardScaler fitted on each training fold), trains scikit-learn's
RandomForestClassifier, SVC and MLPClassifier with the settings serreport mirrors, and prints both
UARs and fit times (CPU seconds summed over folds, one thread) per model.

    "$REFENV"/bin/python Benchmarks/models.py reports/ravdess

Run by Benchmarks/models.sh on ../shared/data/ravdess-actors-01-12 and ../shared/data/emodb-2s.
"""
import csv
import json
import os
import sys
import time
import warnings

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy as np  # noqa: E402
from sklearn.ensemble import RandomForestClassifier  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.multiclass import OneVsRestClassifier  # noqa: E402
from sklearn.metrics import balanced_accuracy_score  # noqa: E402
from sklearn.neural_network import MLPClassifier  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402
from sklearn.svm import SVC  # noqa: E402

warnings.filterwarnings("ignore")
forest_seeds = sys.argv[1] == "--forest-seeds"
if forest_seeds:
    sys.argv.pop(1)
# --markdown LABEL: one table row per model instead (Benchmarks/feature-sets.sh).
markdown = None
if sys.argv[1] == "--markdown":
    markdown = sys.argv[2]
    del sys.argv[1:3]
report = sys.argv[1]
metrics = json.load(open(os.path.join(report, "metrics.json")))
run = json.load(open(os.path.join(report, "run.json")))["fit"]  # fit times: run.json's "fit" block
rows = list(csv.reader(open(os.path.join(report, "features.csv"))))
header, rows = rows[0], rows[1:]
paths = [r[0] for r in rows]
X = np.array([[float(v) for v in r[4:]] for r in rows])
y = np.array([r[1] for r in rows])
speakers = np.array([r[2] for r in rows])

fold_of = {}
for r in csv.DictReader(open(os.path.join(report, "predictions.csv"))):
    fold_of[r["path"]] = int(r["fold"])
keep = np.array([p in fold_of for p in paths])
X, y, speakers = X[keep], y[keep], speakers[keep]
folds = np.array([fold_of[p] for p in np.array(paths)[keep]])

# Speaker normalisation as serreport applied it: per fold with `auto` (speaker_normalization_folds),
# else everywhere or nowhere (on/off, or true/false before 0.3).
setting = metrics["protocol"]["speaker_normalization"]
applied = [f["applied"] for f in metrics["protocol"].get("speaker_normalization_folds", [])]
if not applied:
    applied = [setting in (True, "on")] * (folds.max() + 1)
normalized = X.copy()
for s in sorted(set(speakers)):
    if not s:
        continue
    idx = speakers == s
    mu, sd = X[idx].mean(0), X[idx].std(0)
    sd[sd < 10 * np.finfo(float).eps * np.maximum(1, np.abs(mu))] = 1
    normalized[idx] = (X[idx] - mu) / sd


def fold_data(fold):
    return normalized if applied[fold] else X


models = {
    "rf": lambda seed: RandomForestClassifier(n_estimators=100, random_state=seed),
    "svm": lambda seed: SVC(C=1.0, gamma="scale", class_weight="balanced", probability=True, random_state=seed),
    "mlp": lambda seed: MLPClassifier(hidden_layer_sizes=(100,), alpha=1e-4, learning_rate_init=1e-3,
                                      batch_size=200, max_iter=200, early_stopping=True,
                                      validation_fraction=0.1, n_iter_no_change=10, random_state=seed),
    "logreg": lambda seed: OneVsRestClassifier(LogisticRegression(solver="liblinear", C=1.0, tol=1e-4)),
}
if forest_seeds:
    # The random forest with five seeds on each side: serreport's from the seed reports, scikit-learn's here.
    ours = [json.load(open(os.path.join(r, "metrics.json")))["models"]["rf"]["uar"] for r in sys.argv[2:]]
    theirs = []
    for seed in range(1, 6):
        predicted = np.empty(len(y), dtype=object)
        for fold in range(folds.max() + 1):
            train, test = folds != fold, folds == fold
            data = fold_data(fold)
            scaler = StandardScaler().fit(data[train])
            model = RandomForestClassifier(n_estimators=100, random_state=seed * 100 + fold)
            model.fit(scaler.transform(data[train]), y[train])
            predicted[test] = model.predict(scaler.transform(data[test]))
        theirs.append(balanced_accuracy_score(y, predicted))
    print(f"rf over 5 seeds: sklearn UAR {np.mean(theirs):.3f} ± {np.std(theirs):.3f}, "
          f"serreport {np.mean(ours):.3f} ± {np.std(ours):.3f} ({100 * (np.mean(ours) - np.mean(theirs)):+.1f} points)")
    sys.exit(0)
if markdown is None:
    print(f"{report}: {len(y)} clips, {len(set(y))} classes, {folds.max() + 1} folds "
          f"({metrics['protocol']['used']}, speaker normalisation {setting}: applied in {sum(applied)} folds)")
    print(f"{'model':6} {'sklearn UAR':>12} {'serreport UAR':>14} {'Δ (points)':>11} {'sklearn fit s':>14} {'serreport fit s':>16} {'ratio':>6}")


def spread(values):
    return f"{np.mean(values):.3f} ± {np.std(values):.3f}"


for name in metrics["models"]:
    ours = metrics["models"][name]
    our_fit = run["fit_seconds"][name]
    our_folds = spread([f["uar"] for f in ours["folds"]]) if "folds" in ours else "–"
    if name not in models:
        if markdown:
            print(f"| {markdown} | {name} | {ours['uar']:.3f} | {our_folds} | – | – |")
        else:
            print(f"{name:6} {'–':>12} {ours['uar']:14.3f} {'':>11} {'–':>14} {our_fit:16.2f}")
        continue
    predicted = np.empty(len(y), dtype=object)
    fold_uars = []
    fit = 0.0
    for fold in range(folds.max() + 1):
        train, test = folds != fold, folds == fold
        data = fold_data(fold)
        scaler = StandardScaler().fit(data[train])
        model = models[name](fold)
        start = time.process_time()
        model.fit(scaler.transform(data[train]), y[train])
        fit += time.process_time() - start
        predicted[test] = model.predict(scaler.transform(data[test]))
        fold_uars.append(balanced_accuracy_score(y[test], predicted[test]))
    uar = balanced_accuracy_score(y, predicted)
    if markdown:
        print(f"| {markdown} | {name} | {ours['uar']:.3f} | {our_folds} | {uar:.3f} | {spread(fold_uars)} |")
    else:
        print(f"{name:6} {uar:12.3f} {ours['uar']:14.3f} {100 * (ours['uar'] - uar):+11.1f} {fit:14.2f} {our_fit:16.2f} {fit / our_fit:6.1f}")
