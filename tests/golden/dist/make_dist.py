#!/usr/bin/env python3
"""Reference values of the distribution functions of
crates/assess-core/src/analysis/dist.rs (and math::normal_cdf), computed
with mpmath at 50 significant digits and rounded once to the nearest double.

Checked by crates/assess-core/src/analysis/dist/reference_tests.rs; the
tolerances and their reasons are in docs/distributions.md.

Regenerate (the output is deterministic; review the diff):

    pip install mpmath==1.3.0
    python3 tests/golden/dist/make_dist.py > tests/golden/dist/mpmath.json

Every input is a double (a Python float), so mpmath computes the function
of exactly the number the Rust test passes.
"""

import json
import sys

import mpmath
from mpmath import mp, mpf

mp.dps = 50


def f64(x):
    """The double nearest to the mpf x, written as the shortest repr."""
    return float(x)


def normal_cdf(z):
    return mp.ncdf(mpf(z))


def normal_quantile(p):
    # Φ⁻¹(p) = −√2·erfc⁻¹(2p); solved as Φ(x) = p on the log scale of the
    # nearer tail, so that p = 1e-300 needs no 300-digit arithmetic.
    p = mpf(p)
    lower = p <= mpf(1) / 2
    tail = p if lower else 1 - p
    guess = -mp.sqrt(-2 * mp.log(tail)) if tail < mpf("0.1") else mpf(0) if tail == mpf(1) / 2 else -mpf("0.5")
    x = mp.findroot(lambda t: mp.log(mp.ncdf(t)) - mp.log(tail), guess, tol=mpf(10) ** -45)
    return x if lower else -x


def chi2_1_upper(x):
    # P(χ²₁ ≥ x) = Γ(1/2, x/2)/Γ(1/2) = erfc(√(x/2)).
    return mp.gammainc(mpf(1) / 2, mpf(x) / 2, mp.inf, regularized=True)


def _beta_inc(a, b, x):
    # I_x(a, b) = x^a·(1 − x)^b / (a·B(a, b)) · 2F1(a + b, 1; a + 1; x)
    # (DLMF 8.17.8), a series of positive terms, below the mean; above it
    # by I_x(a, b) = 1 − I_{1−x}(b, a) (DLMF 8.17.4). mpmath's own betainc
    # sums a series with cancellation and gives up for a, b in the
    # thousands.
    if x == 0:
        return mpf(0)
    if x == 1:
        return mpf(1)
    if x > a / (a + b):
        return 1 - _beta_inc(b, a, 1 - x)
    log_front = a * mp.log(x) + b * mp.log1p(-x) - mp.log(a) - mp.log(mp.beta(a, b))
    return mp.exp(log_front) * mp.hyp2f1(a + b, 1, a + 1, x)


def beta_inc(a, b, x):
    a, b, x = mpf(a), mpf(b), mpf(x)
    v = _beta_inc(a, b, x)
    # The same value at 70 digits, as a check that the series converged.
    with mp.workdps(70):
        w = _beta_inc(a, b, x)
    assert abs(v - w) <= abs(w) * mpf(10) ** -40, (a, b, x)
    return v


def f_quantile(p, d1, d2):
    a, b, p = mpf(d1) / 2, mpf(d2) / 2, mpf(p)
    # Solve I_x(a, b) = p for x: 40 bisection steps bracket the root, the
    # Illinois method (a safeguarded secant) finishes it; then
    # q = d2·x/(d1·(1 − x)).
    lo, hi = mpf(0), mpf(1)
    for _ in range(40):
        mid = (lo + hi) / 2
        if _beta_inc(a, b, mid) < p:
            lo = mid
        else:
            hi = mid
    x = mp.findroot(lambda t: _beta_inc(a, b, t) - p, (lo, hi), solver="illinois", tol=mpf(10) ** -80)
    assert abs(beta_inc(a, b, x) - p) <= p * mpf(10) ** -30, (p, d1, d2)
    return mpf(d2) * x / (mpf(d1) * (1 - x))


def main():
    out = {
        "generator": "tests/golden/dist/make_dist.py",
        "mpmath": mpmath.__version__,
        "digits": mp.dps,
    }
    # Φ(z) from deep in the lower tail (Φ(−37) ≈ 5.7e-300) to where it
    # rounds to 1.
    zs = [-37 + 0.25 * i for i in range(181)]  # −37 … 8
    out["normal_cdf"] = [[z, f64(normal_cdf(z))] for z in zs]

    ps = []
    for e in range(1, 301, 7):  # 1e-1 … 1e-295: the lower tail
        ps.append(float("1e-%d" % e))
    ps += [0.0125, 0.02425, 0.025, 0.05, 0.1, 0.15865525393145707, 0.2, 0.3, 0.4, 0.45, 0.49, 0.5]
    ps += [1 - p for p in [0.49, 0.45, 0.4, 0.3, 0.2, 0.1, 0.05, 0.025, 0.02425, 0.0125]]
    for e in range(2, 17):  # the upper tail, down to 1 − 1e-16
        ps.append(1 - float("1e-%d" % e))
    out["normal_quantile"] = [[p, f64(normal_quantile(p))] for p in ps]

    xs = [0.0, 1e-12, 1e-6, 1e-3, 0.01, 0.1, 0.5, 1.0, 2.0, 2.705543454095404,
          3.841458820694124, 5.023886187314888, 6.634896601021214, 10.0,
          10.827566170662733, 15.0, 20.0, 30.0, 50.0, 75.0, 100.0, 150.0,
          200.0, 300.0, 400.0, 500.0, 700.0, 900.0, 1100.0, 1300.0, 1400.0]
    out["chi2_1_upper"] = [[x, f64(chi2_1_upper(x))] for x in xs]

    cases = []
    ab = [0.5, 1.0, 1.5, 2.5, 5.0, 12.0, 49.5, 139.5, 558.0, 5000.0]
    for a in ab:
        for b in ab:
            m = a / (a + b)  # the mean, where the mass is
            for x in sorted({0.001, 0.05, 0.3, 0.7, 0.95, 0.999, m}):
                cases.append([a, b, x, f64(beta_inc(a, b, x))])
    out["beta_inc"] = cases

    fq = []
    dfs = [(1, 1), (1, 10), (3, 10), (5, 2), (10, 30), (29, 87), (99, 1881),
           (279, 1116), (999, 9990), (4999, 94981)]
    for d1, d2 in dfs:
        for p in [0.001, 0.025, 0.05, 0.5, 0.95, 0.975, 0.999]:
            fq.append([p, float(d1), float(d2), f64(f_quantile(p, d1, d2))])
    out["f_quantile"] = fq

    # One case a line: [inputs…, value], the value the double nearest to
    # the exact result.
    lines = []
    for key, value in out.items():
        if isinstance(value, list):
            rows = ",\n".join("    " + json.dumps(row) for row in value)
            lines.append("  %s: [\n%s\n  ]" % (json.dumps(key), rows))
        else:
            lines.append("  %s: %s" % (json.dumps(key), json.dumps(value)))
    sys.stdout.write("{\n" + ",\n".join(lines) + "\n}\n")


if __name__ == "__main__":
    main()
