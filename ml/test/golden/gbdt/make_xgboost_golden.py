#!/usr/bin/python3
"""Golden values for ml/test/gbdt: XGBoost models saved with save_model("*.json") and their predictions.

Provenance: run with Debian's python3-xgboost (the version is recorded in expected.json as `xgboost`)
  cd ml/test/golden/gbdt && /usr/bin/python3 make_xgboost_golden.py
Outputs (checked in): reg.model.json, binary.model.json, multi.model.json, poisson.model.json, expected.json.
Everything is seeded (numpy default_rng(20261121)); XGBoost runs with nthread=1 so the files are reproducible.

Contents of expected.json:
  import:  inputs X (NaN encoded as null), and for each model the predictions (`predict`), margins
           (`output_margin=True`), leaf indices (`pred_leaf=True`), SHAP contributions (`pred_contribs=True`)
           and importances (`get_score` for weight / gain / cover).
  more:    multi:softprob (3 classes) and count:poisson models: predictions and pred_contribs on a matrix with NaN.
  parity:  a tiny training problem whose features have < 256 distinct values (so XGBoost's hist cuts and ours
           partition the rows identically), the parameters, and XGBoost's predictions on the training rows.
"""
import json
import numpy as np
import xgboost as xgb

rng = np.random.default_rng(20261121)


def to_list(a):
    return [[None if np.isnan(v) else float(v) for v in row] for row in a]


# --- import models: continuous features with some missing values --------------------------------------
n, F = 400, 5
X = rng.normal(size=(n, F))
X[rng.random(size=(n, F)) < 0.08] = np.nan
yreg = 3 * np.nan_to_num(X[:, 0]) - 2 * np.nan_to_num(X[:, 1]) ** 2 + np.sin(3 * np.nan_to_num(X[:, 2])) + rng.normal(scale=0.3, size=n)
ybin = (np.nan_to_num(X[:, 0]) + np.nan_to_num(X[:, 3]) * np.nan_to_num(X[:, 1]) + rng.logistic(size=n) * 0.5 > 0).astype(float)
names = [f"x{i}" for i in range(F)]

Xtest = rng.normal(size=(60, F))
Xtest[rng.random(size=Xtest.shape) < 0.1] = np.nan

out = {"xgboost": xgb.__version__, "import": {"X": to_list(Xtest), "featureNames": names}}
for name, y, obj in [("reg", yreg, "reg:squarederror"), ("binary", ybin, "binary:logistic")]:
    d = xgb.DMatrix(X, label=y, feature_names=names)
    params = {"objective": obj, "tree_method": "hist", "max_depth": 4, "eta": 0.3, "nthread": 1, "seed": 1}
    bst = xgb.train(params, d, num_boost_round=25)
    bst.save_model(f"{name}.model.json")
    dt = xgb.DMatrix(Xtest, feature_names=names)
    score = {k: bst.get_score(importance_type=k) for k in ["weight", "gain", "cover", "total_gain", "total_cover"]}
    out["import"][name] = {
        "predict": bst.predict(dt).astype(float).tolist(),
        "margin": bst.predict(dt, output_margin=True).astype(float).tolist(),
        "leaf": bst.predict(dt, pred_leaf=True).astype(int).tolist(),
        "contribs": bst.predict(dt, pred_contribs=True).astype(float).tolist(),
        "importance": score,
    }

# --- training parity: few distinct values per feature, squared error -----------------------------------
m = 300
Xp = rng.integers(0, 12, size=(m, 4)).astype(float)
yp = Xp[:, 0] * 0.7 - (Xp[:, 1] - 5) ** 2 * 0.1 + Xp[:, 2] * Xp[:, 3] * 0.05 + rng.normal(scale=0.5, size=m)
base = float(np.mean(yp))
pp = {"objective": "reg:squarederror", "tree_method": "hist", "max_depth": 3, "eta": 0.3, "lambda": 1.0,
      "min_child_weight": 1.0, "max_bin": 256, "nthread": 1, "base_score": base}
bst = xgb.train(pp, xgb.DMatrix(Xp, label=yp), num_boost_round=10)
out["parity"] = {
    "X": Xp.tolist(), "y": yp.tolist(), "baseScore": base,
    "params": {"trees": 10, "maxDepth": 3, "learningRate": 0.3, "lambda": 1.0, "minChildWeight": 1.0, "maxBins": 256},
    "predict": bst.predict(xgb.DMatrix(Xp)).astype(float).tolist(),
}

# --- more objectives: multiclass softprob and count:poisson (own RNG so the sections above stay unchanged) ---
rng2 = np.random.default_rng(7)
Xm = rng2.normal(size=(500, 4))
ym = (np.digitize(Xm[:, 0] + 0.5 * Xm[:, 1] + rng2.normal(scale=0.3, size=500), [-0.5, 0.5])).astype(float)
yc = rng2.poisson(np.exp(0.3 + 0.8 * Xm[:, 2])).astype(float)
Xm_test = rng2.normal(size=(40, 4))
Xm_test[rng2.random(size=Xm_test.shape) < 0.1] = np.nan
out["more"] = {"X": to_list(Xm_test)}
for name, y, params in [
    ("multi", ym, {"objective": "multi:softprob", "num_class": 3}),
    ("poisson", yc, {"objective": "count:poisson"}),
]:
    bst = xgb.train({**params, "tree_method": "hist", "max_depth": 3, "eta": 0.3, "nthread": 1, "seed": 1},
                    xgb.DMatrix(Xm, label=y), num_boost_round=15)
    bst.save_model(f"{name}.model.json")
    dt = xgb.DMatrix(Xm_test)
    out["more"][name] = {"predict": bst.predict(dt).astype(float).reshape(-1).tolist(),
                         "contribs": bst.predict(dt, pred_contribs=True).astype(float).reshape(len(Xm_test), -1).tolist()}

with open("expected.json", "w") as fh:
    json.dump(out, fh)
print("xgboost", xgb.__version__, "wrote the *.model.json files and expected.json")
