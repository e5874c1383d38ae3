#!/usr/bin/python3
"""Peers for the GBDT benchmark: XGBoost (tree_method=hist, depth-wise, nthread=1) and scikit-learn's
HistGradientBoosting (one OpenMP thread), trained and evaluated on the CSVs written by bench/gbdt/gen.ts.

  OMP_NUM_THREADS=1 /usr/bin/python3 bench/gbdt/peers.py <train.csv> <test.csv> <regression|binary> \
      --trees 200 --depth 6 --lr 0.1 --bins 256 --lambda 1

Prints one JSON object: per engine, train seconds (fit only, data already in memory; wall and process CPU),
predict seconds (best of 3 on the test matrix already in memory) and the test error (RMSE or log loss).
"""
import argparse
import json
import os
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
import numpy as np  # noqa: E402


def load(path):
    with open(path) as fh:
        header = fh.readline().strip().split(",")
    data = np.loadtxt(path, delimiter=",", skiprows=1, dtype=np.float64)
    return header, data


def best_of(fn, setup=lambda: None, k=3):
    """Best wall and best CPU time of k calls of fn(setup()); setup (untimed) gives each call fresh input."""
    best = float("inf")
    best_cpu = float("inf")
    out = None
    for _ in range(k):
        arg = setup()
        t, c = time.perf_counter(), time.process_time()
        out = fn(arg)
        best = min(best, time.perf_counter() - t)
        best_cpu = min(best_cpu, time.process_time() - c)
    return (best, best_cpu), out


def timed(fn):
    """(wall seconds, CPU seconds of this process, result) of one call."""
    w, c = time.perf_counter(), time.process_time()
    out = fn()
    return time.perf_counter() - w, time.process_time() - c, out


def error(task, y, p):
    if task == "regression":
        return float(np.sqrt(np.mean((p - y) ** 2)))
    p = np.clip(p, 1e-15, 1 - 1e-15)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("train")
    ap.add_argument("test")
    ap.add_argument("task", choices=["regression", "binary"])
    ap.add_argument("--trees", type=int, default=200)
    ap.add_argument("--depth", type=int, default=6)
    ap.add_argument("--lr", type=float, default=0.1)
    ap.add_argument("--bins", type=int, default=256)
    ap.add_argument("--lambda", dest="lam", type=float, default=1.0)
    ap.add_argument("--min-child-weight", type=float, default=1.0)
    a = ap.parse_args()
    _, tr = load(a.train)
    _, te = load(a.test)
    Xtr, ytr = tr[:, :-1], tr[:, -1]
    Xte, yte = te[:, :-1], te[:, -1]
    out = {"rows": int(len(ytr)), "testRows": int(len(yte)), "features": int(Xtr.shape[1])}

    import xgboost as xgb
    dtr = xgb.DMatrix(Xtr, label=ytr, nthread=1)
    params = {
        "tree_method": "hist", "grow_policy": "depthwise", "nthread": 1, "max_depth": a.depth, "eta": a.lr,
        "max_bin": a.bins, "lambda": a.lam, "min_child_weight": a.min_child_weight,
        "objective": "reg:squarederror" if a.task == "regression" else "binary:logistic",
    }
    train_s, train_cpu, bst = timed(lambda: xgb.train(params, dtr, num_boost_round=a.trees))
    # A fresh DMatrix per call: XGBoost caches predictions per DMatrix, so a repeated call would time a cache hit.
    pred_s, p = best_of(lambda d: bst.predict(d), lambda: xgb.DMatrix(Xte, nthread=1))
    out["xgboost"] = {"version": xgb.__version__, "trainSec": train_s, "trainCpuSec": train_cpu, "predictSec": pred_s[0], "predictCpuSec": pred_s[1], "error": error(a.task, yte, p)}

    from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
    import sklearn
    common = dict(max_iter=a.trees, max_depth=a.depth, learning_rate=a.lr, max_bins=min(a.bins, 255),
                  l2_regularization=a.lam, max_leaf_nodes=None, early_stopping=False, min_samples_leaf=20)
    model = HistGradientBoostingRegressor(**common) if a.task == "regression" else HistGradientBoostingClassifier(**common)
    train_s, train_cpu, _ = timed(lambda: model.fit(Xtr, ytr))
    if a.task == "regression":
        pred_s, p = best_of(lambda _: model.predict(Xte))
    else:
        pred_s, p = best_of(lambda _: model.predict_proba(Xte)[:, 1])
    out["sklearn"] = {"version": sklearn.__version__, "trainSec": train_s, "trainCpuSec": train_cpu, "predictSec": pred_s[0], "predictCpuSec": pred_s[1], "error": error(a.task, yte, p)}
    json.dump(out, sys.stdout)
    print()


if __name__ == "__main__":
    main()
