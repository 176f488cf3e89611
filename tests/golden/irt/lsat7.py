#!/usr/bin/env python3
"""Independent high-precision reference for the LSAT7 golden IRT test.

Writes `lsat7.json` next to this script: for each of the 32 response
patterns of the LSAT7 2PL model, EAP and posterior SD on a declared grid
(N(0, 1) prior), MAP and its SE, ML and its SE (finite patterns only), and
WLE (Warm 1989) and its SE, all with mpmath at 50 significant digits.

Model: R mirt's LSAT7 2PL in slope–intercept form, from mirt's tests
(`mirt(expand.table(LSAT7), 1)`; docs/psychometrics.md, "Item response theory"): P = 1/(1 + exp(-(a·θ + d))).

Run:  python3 tests/golden/irt/lsat7.py    (needs `mpmath`, `pip install mpmath`)
`cargo test` reads the committed JSON and needs no Python.
"""
import json
import os

import mpmath as mp

mp.mp.dps = 50

A = ["0.988", "1.081", "1.706", "0.765", "0.736"]
D = ["1.856", "0.808", "1.804", "0.486", "1.854"]
a = [mp.mpf(x) for x in A]
d = [mp.mpf(x) for x in D]


def p1(i, t):
    return 1 / (1 + mp.e ** (-(a[i] * t + d[i])))


def loglik(pat, t):
    return mp.fsum(mp.log(p1(i, t)) if x else mp.log(1 - p1(i, t)) for i, x in enumerate(pat))


def score(pat, t):
    return mp.fsum(a[i] * (x - p1(i, t)) for i, x in enumerate(pat))


def info(t):
    return mp.fsum(a[i] ** 2 * p1(i, t) * (1 - p1(i, t)) for i in range(5))


def j_warm(t):
    # J = Σ P'·P''/(P·Q) = Σ a³·P·Q·(1 − 2P) for the 2PL.
    return mp.fsum(a[i] ** 3 * p1(i, t) * (1 - p1(i, t)) * (1 - 2 * p1(i, t)) for i in range(5))


def eap(pat, n, lo, hi):
    lo, hi = mp.mpf(lo), mp.mpf(hi)
    grid = [lo + (hi - lo) * k / (n - 1) for k in range(n)]
    w = [mp.e ** (loglik(pat, t) - t * t / 2) for t in grid]
    s = mp.fsum(w)
    m = mp.fsum(t * x for t, x in zip(grid, w)) / s
    v = mp.fsum((t - m) ** 2 * x for t, x in zip(grid, w)) / s
    return m, mp.sqrt(v)


def fmt(x):
    return float(mp.nstr(x, 20))


cases = []
for bits in range(32):
    pat = [(bits >> (4 - i)) & 1 for i in range(5)]
    case = {"pattern": pat}
    for name, (n, lo, hi) in {"eap61_4": (61, -4, 4), "eap61_6": (61, -6, 6)}.items():
        m, sd = eap(pat, n, lo, hi)
        case[name] = [fmt(m), fmt(sd)]
    t = mp.findroot(lambda t: score(pat, t) - t, 0)
    case["map"] = [fmt(t), fmt(1 / mp.sqrt(info(t) + 1))]
    if 0 < sum(pat) < 5:
        t = mp.findroot(lambda t: score(pat, t), 0)
        case["ml"] = [fmt(t), fmt(1 / mp.sqrt(info(t)))]
    t = mp.findroot(lambda t: score(pat, t) + j_warm(t) / (2 * info(t)), 0)
    case["wle"] = [fmt(t), fmt(1 / mp.sqrt(info(t)))]
    cases.append(case)

out = {
    "source": "tests/golden/irt/lsat7.py (mpmath, 50 digits); LSAT7 2PL slope-intercept parameters from R mirt's tests",
    "a": [float(x) for x in A],
    "d": [float(x) for x in D],
    "prior": [0.0, 1.0],
    "grids": {"eap61_4": [61, -4.0, 4.0], "eap61_6": [61, -6.0, 6.0]},
    "cases": cases,
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "lsat7.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
print(path)
