#!/usr/bin/env python3
"""Reference calibrations by the Python package girth (PyPI), for
tests/calibration.rs: writes girth.json next to this script.

- 2PL: girth.twopl_mml on the first 2,000 respondents of
  ../shared/bench/dich_2pl_16000x60.csv (all 60 items);
- GRM: girth.grm_mml on the first 2,000 respondents of
  ../shared/bench/likert_16000x60.csv, the ten items of scale R
  (R01..R10, values 1-5 as categories 0-4).

girth's defaults: 41 Gauss-Legendre points on [-4.5, 4.5] with the N(0, 1)
density, at most 25 iterations, converged when no discrimination moves
1e-3. Its estimates are therefore as precise as that rule, which the test
states as its tolerance.

Run:  python3 tests/golden/calibration/girth_ref.py   (needs numpy, girth)
`cargo test` reads the committed JSON and needs no Python.
"""
import json
import os

import numpy as np
import girth

here = os.path.dirname(os.path.abspath(__file__))
bench = os.path.join(here, "..", "..", "..", "..", "shared", "bench")
rows = 2000


def read(name):
    with open(os.path.join(bench, name)) as f:
        header = f.readline().strip().split(",")
        data = [line.strip().split(",") for _, line in zip(range(rows), f)]
    return header, data


h, d = read("dich_2pl_16000x60.csv")
x = np.array([[int(v) for v in r[1:]] for r in d]).T
two = girth.twopl_mml(x)
h2, d2 = read("likert_16000x60.csv")
cols = [i for i, name in enumerate(h2) if name.startswith("R")]
y = np.array([[int(r[i]) for i in cols] for r in d2]).T
grm = girth.grm_mml(y)
out = {
    "source": "girth 0.8.0 (PyPI): twopl_mml and grm_mml with default options, on the first 2000 rows",
    "twopl": {
        "items": h[1:],
        "a": [round(float(v), 10) for v in two["Discrimination"]],
        "b": [round(float(v), 10) for v in np.ravel(two["Difficulty"])],
    },
    "grm": {
        "items": [h2[i] for i in cols],
        "a": [round(float(v), 10) for v in grm["Discrimination"]],
        "b": [[round(float(v), 10) for v in row if not np.isnan(v)] for row in grm["Difficulty"]],
    },
}
with open(os.path.join(here, "girth.json"), "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
