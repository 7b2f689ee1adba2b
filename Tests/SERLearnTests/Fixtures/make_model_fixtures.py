"""Writes models.json, scikit-learn's answers for SERLearnTests' fold, score and SVM tests.

- folds: StratifiedGroupKFold(n_splits=5) test indices on 120 rows of 4 classes and 9 groups
  with uneven class mixes per group;
- scores: accuracy, balanced accuracy, macro F1, per-class precision/recall/F1/support and the
  confusion matrix for a fixed truth and prediction (zero_division=0);
- svm: SVC(C=1, gamma="scale", class_weight="balanced") fitted on 90 standardised rows of 3
  classes (deterministic blobs), its predictions on 30 test rows and its gamma.

Regenerate from the package root with the reference environment:

    /tmp/serreport-refenv/bin/python Tests/SERLearnTests/Fixtures/make_model_fixtures.py
"""
import json
import pathlib

import numpy as np
import sklearn
from sklearn.metrics import (accuracy_score, balanced_accuracy_score, confusion_matrix, f1_score,
                             precision_recall_fscore_support)
from sklearn.model_selection import StratifiedGroupKFold
from sklearn.svm import SVC

rng = np.random.default_rng(3)
labels = rng.integers(0, 4, 120)
groups = np.array([f"g{(i * 7 + labels[i]) % 9}" for i in range(120)])
folds = [test.tolist() for _, test in StratifiedGroupKFold(5).split(np.zeros(120), labels, groups)]

truth = rng.integers(0, 5, 60)
predicted = np.where(rng.random(60) < 0.6, truth, rng.integers(0, 5, 60))
predicted[predicted == 4] = 3  # class 4 never predicted: precision has nothing to divide by
p, r, f, s = precision_recall_fscore_support(truth, predicted, labels=range(5), zero_division=0)

centres = np.array([[0, 0, 0, 0], [2, 1, 0, -1], [-1, 2, 1, 1]], dtype=float)
train_y = np.repeat([0, 1, 2], [40, 30, 20])
train_x = centres[train_y] + rng.normal(0, 1.1, (90, 4))
test_y = np.repeat([0, 1, 2], 10)
test_x = centres[test_y] + rng.normal(0, 1.1, (30, 4))
svm = SVC(C=1.0, gamma="scale", class_weight="balanced").fit(train_x, train_y)

out = {
    "sklearn": sklearn.__version__,
    "fold_labels": labels.tolist(), "fold_groups": groups.tolist(), "folds": folds,
    "truth": truth.tolist(), "predicted": predicted.tolist(),
    "accuracy": accuracy_score(truth, predicted), "uar": balanced_accuracy_score(truth, predicted),
    "macro_f1": f1_score(truth, predicted, average="macro", labels=sorted(set(truth) | set(predicted)), zero_division=0),
    "precision": p.tolist(), "recall": r.tolist(), "f1": f.tolist(), "support": s.tolist(),
    "confusion": confusion_matrix(truth, predicted, labels=range(5)).tolist(),
    "svm_train_x": train_x.tolist(), "svm_train_y": train_y.tolist(),
    "svm_test_x": test_x.tolist(), "svm_predicted": svm.predict(test_x).tolist(),
    "svm_gamma": 1 / (4 * train_x.var()),
}
path = pathlib.Path(__file__).with_name("models.json")
path.write_text(json.dumps(out) + "\n")
print(f"wrote {path}")
