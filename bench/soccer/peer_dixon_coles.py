#!/usr/bin/python3
"""
Independent Dixon-Coles peer for Fairline's benchmarks and golden values.

Written for Fairline (not copied) with numpy + scipy from Debian's python3-scipy. Parametrisation deliberately
differs from the TypeScript model: no intercept, attack sum-to-zero by reparametrisation, free defence,
    log lam = home + attack[h] + defence[a],   log mu = attack[a] + defence[h],
with the Dixon & Coles (1997) tau correction and exponential time-decay weights. The objective is the mean
weighted negative log-likelihood (including ln x! terms); the analytic gradient is supplied to scipy's
L-BFGS-B (rho bounded to [-0.5, 0.5]; infeasible tau gives a huge finite value so the line search backtracks).

Usage as a module: fit(home_idx, away_idx, hg, ag, weights, n_teams, gtol=1e-6) -> dict.
Usage as a script (benchmark):
  peer_dixon_coles.py fit <matches.json> <repeats>
    reads {"teams": [...], "home": [...], "away": [...], "hg": [...], "ag": [...], "w": [...]},
    fits `repeats` times and prints JSON with the median/min wall time in ms and the fitted NLL.
  peer_dixon_coles.py walkforward <matches.json>
    reads {"xi", "window", "matches": [[home, away, hg, ag, day, isTest], ...]} (sorted by day); before each
    test match date refits (cold start) on matches strictly before that date within the window and predicts
    1X2 from a 0..10 goal grid; a team absent from the window gets rating 0 (league average).
    Prints JSON {"probs": [[pH, pD, pA], ...] in test-match order, "fits", "seconds"}.
"""
import json
import sys
import time

try:
    import numpy as np
    from scipy.optimize import minimize
    from scipy.special import gammaln
except ImportError:  # fresh machine: install the Debian packages, then retry
    import subprocess
    subprocess.run(["apt-get", "install", "-y", "python3-numpy", "python3-scipy"], check=True)
    import numpy as np
    from scipy.optimize import minimize
    from scipy.special import gammaln


def make_objective(h, a, x, y, w, n):
    wsum = w.sum()
    const = float(np.sum(w * (gammaln(x + 1) + gammaln(y + 1))))
    m00 = (x == 0) & (y == 0)
    m01 = (x == 0) & (y == 1)
    m10 = (x == 1) & (y == 0)
    m11 = (x == 1) & (y == 1)

    def unpack(p):
        att = np.empty(n)
        att[:-1] = p[: n - 1]
        att[-1] = -p[: n - 1].sum()
        dfn = p[n - 1: 2 * n - 1]
        return att, dfn, p[2 * n - 1], p[2 * n]

    def f(p):
        att, dfn, home, rho = unpack(p)
        eta1 = home + att[h] + dfn[a]
        eta2 = att[a] + dfn[h]
        lam = np.exp(eta1)
        mu = np.exp(eta2)
        tau = np.ones_like(lam)
        tau[m00] = 1 - lam[m00] * mu[m00] * rho
        tau[m01] = 1 + lam[m01] * rho
        tau[m10] = 1 + mu[m10] * rho
        tau[m11] = 1 - rho
        if np.any(tau <= 0):
            # Infeasible rho for these rates. A finite penalty (not inf, on which scipy's line search gives up
            # with ABNORMAL_TERMINATION) makes L-BFGS-B backtrack into the feasible region.
            return 1e10, np.zeros_like(p)
        ll = np.sum(w * (x * eta1 - lam + y * eta2 - mu + np.log(tau))) - const
        # d ll / d eta1, d eta2, d rho
        d1 = x - lam
        d2 = y - mu
        q = np.zeros_like(lam)
        q[m00] = -lam[m00] * mu[m00] * rho / tau[m00]
        d1 = d1 + q
        d2 = d2 + q
        d1[m01] += lam[m01] * rho / tau[m01]
        d2[m10] += mu[m10] * rho / tau[m10]
        drho = np.sum(w[m00] * (-lam[m00] * mu[m00]) / tau[m00]) + np.sum(w[m01] * lam[m01] / tau[m01]) \
            + np.sum(w[m10] * mu[m10] / tau[m10]) - np.sum(w[m11] / tau[m11])
        d1 *= w
        d2 *= w
        g_att = np.bincount(h, d1, n) + np.bincount(a, d2, n)
        g_def = np.bincount(a, d1, n) + np.bincount(h, d2, n)
        grad = np.concatenate([g_att[:-1] - g_att[-1], g_def, [d1.sum(), drho]])
        return -ll / wsum, -grad / wsum

    return f, unpack, wsum


def fit(h, a, x, y, w, n, gtol=1e-6):
    f, unpack, wsum = make_objective(h, a, x, y, w, n)
    p0 = np.zeros(2 * n + 1)
    p0[n - 1: 2 * n - 1] = np.log(max((x.sum() + y.sum()) / (2 * len(x)), 0.1))
    p0[2 * n - 1] = 0.25
    bounds = [(None, None)] * (2 * n - 1) + [(None, None), (-0.5, 0.5)]
    res = minimize(f, p0, jac=True, method="L-BFGS-B", bounds=bounds, options={"gtol": gtol, "ftol": 1e-15 if gtol < 1e-6 else 2.2e-9, "maxiter": 5000})
    att, dfn, home, rho = unpack(res.x)
    return {
        "nll": float(res.fun * wsum),
        "attack": att.tolist(),
        "defence": dfn.tolist(),
        "home": float(home),
        "rho": float(rho),
        "iterations": int(res.nit),
        "evaluations": int(res.nfev),
        "success": bool(res.success),
        "message": str(res.message),
    }


def walkforward(spec):
    xi = spec["xi"]
    window = spec["window"]
    ms = spec["matches"]
    days = np.array([m[4] for m in ms], dtype=float)
    probs = []
    failures = []
    fits = 0
    t0 = time.perf_counter()
    test_days = sorted({m[4] for m in ms if m[5]})
    by_day = {}
    for i, m in enumerate(ms):
        if m[5]:
            by_day.setdefault(m[4], []).append(i)
    for d in test_days:
        keep = [i for i in range(len(ms)) if 0 < d - days[i] <= window]
        teams = sorted({ms[i][0] for i in keep} | {ms[i][1] for i in keep})
        idx = {t: k for k, t in enumerate(teams)}
        h = np.array([idx[ms[i][0]] for i in keep])
        a = np.array([idx[ms[i][1]] for i in keep])
        x = np.array([ms[i][2] for i in keep], dtype=float)
        y = np.array([ms[i][3] for i in keep], dtype=float)
        w = np.exp(-xi * (d - days[keep]))
        res = fit(h, a, x, y, w, len(teams))
        fits += 1
        if not res["success"]:
            failures.append({"day": d, "message": res.get("message", "")})
        att = np.array(res["attack"])
        dfn = np.array(res["defence"])
        mean_def = dfn.mean()
        for i in by_day[d]:
            hi, ai = idx.get(ms[i][0]), idx.get(ms[i][1])
            ah, dh = (att[hi], dfn[hi]) if hi is not None else (0.0, mean_def)
            aa, da = (att[ai], dfn[ai]) if ai is not None else (0.0, mean_def)
            lam = np.exp(res["home"] + ah + da)
            mu = np.exp(aa + dh)
            k = np.arange(11)
            px = np.exp(k * np.log(lam) - lam - gammaln(k + 1))
            py = np.exp(k * np.log(mu) - mu - gammaln(k + 1))
            g = np.outer(px, py)
            rho = res["rho"]
            g[0, 0] *= 1 - lam * mu * rho
            g[0, 1] *= 1 + lam * rho
            g[1, 0] *= 1 + mu * rho
            g[1, 1] *= 1 - rho
            g /= g.sum()
            probs.append([float(np.tril(g, -1).sum()), float(np.trace(g)), float(np.triu(g, 1).sum())])
    return {"probs": probs, "fits": fits, "failures": failures, "seconds": time.perf_counter() - t0}


def main():
    mode = sys.argv[1]
    if mode == "walkforward":
        print(json.dumps(walkforward(json.load(open(sys.argv[2])))))
        return
    data = json.load(open(sys.argv[2]))
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    h = np.asarray(data["home"], dtype=np.int64)
    a = np.asarray(data["away"], dtype=np.int64)
    x = np.asarray(data["hg"], dtype=np.float64)
    y = np.asarray(data["ag"], dtype=np.float64)
    w = np.asarray(data["w"], dtype=np.float64)
    n = len(data["teams"])
    times = []
    out = None
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = fit(h, a, x, y, w, n)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    out["medianMs"] = times[len(times) // 2]
    out["minMs"] = times[0]
    out["repeats"] = repeats
    out["scipy"] = __import__("scipy").__version__
    out["numpy"] = np.__version__
    print(json.dumps(out))


if __name__ == "__main__":
    main()
