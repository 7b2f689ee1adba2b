"""Writes logreg.json, scikit-learn's answers for SERLearnTests' logistic regression tests.

scikit-learn 1.9's LogisticRegression(solver="liblinear") fits two classes only; for more it
must be wrapped in OneVsRestClassifier, which fits one binary LogisticRegression per class (that
class against the rest, class_weight computed on each binary problem) and divides each row of the
per-class sigmoids by its sum. serreport's `logreg` does exactly that, so each case is:

- multiclass: OneVsRestClassifier(LogisticRegression(solver="liblinear", C=1.0)) on 90 rows of 3
  classes (deterministic blobs, 4 features), uneven class sizes;
- balanced: the same with C=0.5 and class_weight="balanced";
- binary: LogisticRegression(solver="liblinear", C=1.0) on the rows of classes 0 and 1.

For each: coef (one row per binary problem), intercept, and predict_proba and predict on 30
held-out rows. tol=1e-4 and max_iter=100 are scikit-learn's defaults, written out. Each case is
also fitted with tol=1e-10 ("<case>_converged"): scikit-learn vendors an older liblinear whose
trust-region Newton solver has no preconditioner in its conjugate-gradient steps (Debian's 2.3 has
one), so at tol=1e-4 the two stop at slightly different points near the optimum, while at 1e-10
both reach it.

Regenerate from the package root with the reference environment:

    /tmp/serreport-refenv/bin/python Tests/SERLearnTests/Fixtures/make_logreg_fixtures.py
"""
import json
import pathlib

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier

rng = np.random.default_rng(11)
centres = np.array([[0, 0, 0, 0], [2, 1, 0, -1], [-1, 2, 1, 1]], dtype=float)
train_y = np.repeat([0, 1, 2], [40, 30, 20])
train_x = centres[train_y] + rng.normal(0, 1.3, (90, 4))
test_y = np.repeat([0, 1, 2], 10)
test_x = centres[test_y] + rng.normal(0, 1.3, (30, 4))


def logreg(C, class_weight, tol=1e-4):
    return LogisticRegression(solver="liblinear", C=C, class_weight=class_weight, tol=tol, max_iter=100)


def case(model, x, y, tx, C, class_weight):
    model.fit(x, y)
    if isinstance(model, OneVsRestClassifier):
        coef = np.vstack([e.coef_ for e in model.estimators_])
        intercept = np.concatenate([e.intercept_ for e in model.estimators_])
    else:
        coef, intercept = model.coef_, model.intercept_
    tol = (model.estimator if isinstance(model, OneVsRestClassifier) else model).tol
    return {"C": C, "class_weight": class_weight or "none", "tol": tol, "classes": int(len(np.unique(y))),
            "train_x": x.tolist(), "train_y": y.tolist(), "test_x": tx.tolist(),
            "coef": coef.tolist(), "intercept": intercept.tolist(),
            "probabilities": model.predict_proba(tx).tolist(), "predicted": model.predict(tx).tolist()}


binary = train_y < 2
out = {
    "sklearn": sklearn.__version__,
    "multiclass": case(OneVsRestClassifier(logreg(1.0, None)), train_x, train_y, test_x, 1.0, None),
    "balanced": case(OneVsRestClassifier(logreg(0.5, "balanced")), train_x, train_y, test_x, 0.5, "balanced"),
    "binary": case(logreg(1.0, None), train_x[binary], train_y[binary], test_x[test_y < 2], 1.0, None),
}
out |= {
    "multiclass_converged": case(OneVsRestClassifier(logreg(1.0, None, 1e-10)), train_x, train_y, test_x, 1.0, None),
    "balanced_converged": case(
        OneVsRestClassifier(logreg(0.5, "balanced", 1e-10)), train_x, train_y, test_x, 0.5, "balanced"),
    "binary_converged": case(
        logreg(1.0, None, 1e-10), train_x[binary], train_y[binary], test_x[test_y < 2], 1.0, None),
}
path = pathlib.Path(__file__).with_name("logreg.json")
path.write_text(json.dumps(out) + "\n")
print(f"wrote {path}")
