#!/usr/bin/env python3
"""Independent high-precision reference for the polytomous and 3PL/4PL IRT
golden test (`tests/irt.rs`). Writes `models.json` next to this script.

Every value is computed with mpmath at 50 significant digits straight from
the model definitions, with derivatives by mpmath's numerical
differentiation (`mp.diff`), so the engine's analytic derivatives,
information and Warm's J are checked against something they do not share:

- category probabilities and item information Σ_k P_k'² / P_k at θ ∈ {−2, 0, 1.5};
- for each response pattern: EAP and posterior SD (61 points on [−4, 4],
  N(0, 1) prior), MAP and SE 1/√(I + 1), ML and SE 1/√I when finite, WLE
  (root of ℓ' + J/(2I), J = Σ P'P''/P; Warm 1989) and SE 1/√I.

Models (logit a·θ + d): 3PL P = c + (1 − c)·L (Birnbaum 1968), 4PL with an
upper asymptote u, graded response P*_k = L(a·θ + d_k) (Samejima 1969),
generalised partial credit P_k ∝ exp(Σ_{v≤k} (a·θ + d_v)) (Muraki 1992).
The item parameters are made up for this check (they are not calibrated
values of any instrument), except the 3PL items, which are the first five
items of instruments/aptitude.toml (provisional; a/b form, d = −a·b).

Run:  python3 tests/golden/irt/models.py   (needs mpmath)
"""
import json
import os

import mpmath as mp

mp.mp.dps = 50
L = lambda z: 1 / (1 + mp.e ** (-z))

ITEMS = {
    "3pl": [{"model": "3pl", "a": a, "d": -a * b, "c": 0.2}
            for a, b in [(1.0, -2.0), (1.1, -1.6), (1.2, -1.3), (1.3, -0.7), (1.4, -0.2)]],
    "4pl": [{"model": "4pl", "a": 1.5, "d": 0.5, "c": 0.1, "u": 0.95},
            {"model": "4pl", "a": 0.9, "d": -0.8, "c": 0.0, "u": 0.9},
            {"model": "2pl", "a": 1.2, "d": 0.3}],
    "grm": [{"model": "grm", "a": 1.7, "d": [2.5, 0.4, -1.8]},
            {"model": "grm", "a": 0.8, "d": [1.0, -1.0]},
            {"model": "grm", "a": 2.2, "d": [3.0, 1.5, 0.0, -2.0]}],
    "gpcm": [{"model": "gpcm", "a": 1.3, "d": [1.0, -0.5, -1.2]},
             {"model": "gpcm", "a": 0.7, "d": [-0.5, 0.8]},
             {"model": "gpcm", "a": 1.9, "d": [2.0, 0.0, 0.5, -2.5]}],
}
PATTERNS = {
    "3pl": [[0, 0, 0, 0, 0], [1, 1, 1, 1, 1], [1, 1, 0, 1, 0], [0, 1, 0, 0, 1], [1, 0, 0, 0, 0]],
    "4pl": [[0, 0, 0], [1, 1, 1], [1, 0, 1], [0, 1, 0]],
    "grm": [[0, 0, 0], [3, 2, 4], [1, 1, 2], [3, 0, 1], [2, 1, 0]],
    "gpcm": [[0, 0, 0], [3, 2, 4], [1, 1, 2], [0, 2, 4], [2, 0, 1]],
}


def probs(it, t):
    a = mp.mpf(it["a"])
    if it["model"] in ("2pl", "3pl", "4pl"):
        c, u = mp.mpf(it.get("c", 0)), mp.mpf(it.get("u", 1))
        p = c + (u - c) * L(a * t + mp.mpf(it["d"]))
        return [1 - p, p]
    d = [mp.mpf(x) for x in it["d"]]
    if it["model"] == "grm":
        s = [mp.mpf(1)] + [L(a * t + dk) for dk in d] + [mp.mpf(0)]
        return [s[k] - s[k + 1] for k in range(len(d) + 1)]
    z = [mp.mpf(0)]
    for dv in d:
        z.append(z[-1] + a * t + dv)
    e = [mp.e ** zk for zk in z]
    s = mp.fsum(e)
    return [x / s for x in e]


def loglik(items, pat, t):
    return mp.fsum(mp.log(probs(it, t)[k]) for it, k in zip(items, pat))


def info(items, t):
    tot = 0
    for it in items:
        for k in range(len(probs(it, t))):
            p = probs(it, t)[k]
            d1 = mp.diff(lambda x: probs(it, x)[k], t)
            tot += d1 * d1 / p
    return tot


def j_warm(items, t):
    tot = 0
    for it in items:
        for k in range(len(probs(it, t))):
            p = probs(it, t)[k]
            d1 = mp.diff(lambda x: probs(it, x)[k], t)
            d2 = mp.diff(lambda x: probs(it, x)[k], t, 2)
            tot += d1 * d2 / p
    return tot


def score(items, pat, t):
    return mp.diff(lambda x: loglik(items, pat, x), t)


def f(x):
    return float(mp.nstr(x, 20))


def root(g, lo=-9.5, hi=9.5):
    a, b = mp.mpf(lo), mp.mpf(hi)
    if not (g(a) > 0 and g(b) < 0):
        return None
    # Bisection to 1e-30: slow but sure with numerically differentiated g.
    for _ in range(110):
        mid = (a + b) / 2
        if g(mid) > 0:
            a = mid
        else:
            b = mid
    return (a + b) / 2


out = {"source": "tests/golden/irt/models.py (mpmath, 50 digits, numerical derivatives)", "sets": {}}
for name, items in ITEMS.items():
    grid = [mp.mpf(-4) + mp.mpf(8) * k / 60 for k in range(61)]
    curves = [{"theta": th, "probs": [[f(p) for p in probs(it, mp.mpf(th))] for it in items],
               "info": [f(info([it], mp.mpf(th))) for it in items]} for th in (-2, 0, 1.5)]
    cases = []
    for pat in PATTERNS[name]:
        case = {"pattern": pat}
        w = [mp.e ** (loglik(items, pat, t) - t * t / 2) for t in grid]
        s = mp.fsum(w)
        m = mp.fsum(t * x for t, x in zip(grid, w)) / s
        case["eap"] = [f(m), f(mp.sqrt(mp.fsum((t - m) ** 2 * x for t, x in zip(grid, w)) / s))]
        t = root(lambda x: score(items, pat, x) - x)
        case["map"] = [f(t), f(1 / mp.sqrt(info(items, t) + 1))]
        top = [len(probs(it, 0)) - 1 for it in items]
        if any(k > 0 for k in pat) and any(k < tk for k, tk in zip(pat, top)):
            t = root(lambda x: score(items, pat, x))
            if t is not None:
                case["ml"] = [f(t), f(1 / mp.sqrt(info(items, t)))]
        t = root(lambda x: score(items, pat, x) + j_warm(items, x) / (2 * info(items, x)))
        if t is not None:
            case["wle"] = [f(t), f(1 / mp.sqrt(info(items, t)))]
        cases.append(case)
    out["sets"][name] = {"items": items, "curves": curves, "cases": cases}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "models.json")
with open(path, "w") as fh:
    json.dump(out, fh, indent=1)
    fh.write("\n")
print(path)
