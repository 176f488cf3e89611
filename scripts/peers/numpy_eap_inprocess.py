"""In-process time of the vectorised numpy EAP of peers/numpy_eap.py (same
formulas: 61 points on [-4, 4], N(0, 1) prior), data already loaded: the
fair counterpart of `eap_dichotomous_batch`'s time. Median of 20 runs."""
import statistics
import time

import numpy as np

Y = np.loadtxt("dich_2pl_16000x60.csv", delimiter=",", skiprows=1)[:, 1:]
p = np.loadtxt("dich_2pl_true_params.csv", delimiter=",", skiprows=1, usecols=(1, 2))
a, b = p[:, 0], p[:, 1]


def eap():
    q = np.linspace(-4, 4, 61)
    eta = np.outer(q, a) - a * b
    lp1 = -np.logaddexp(0, -eta); lp0 = -np.logaddexp(0, eta)
    L = Y @ (lp1 - lp0).T + lp0.sum(axis=1) - 0.5 * q**2
    L -= L.max(axis=1, keepdims=True); W = np.exp(L); s = W.sum(axis=1)
    m = W @ q / s; sd = np.sqrt(W @ q**2 / s - m**2)
    return m, sd


times = []
for _ in range(20):
    t = time.perf_counter(); m, sd = eap(); times.append(time.perf_counter() - t)
np.savetxt("wp_out_numpy_inprocess.csv", np.column_stack([m, sd]), delimiter=",", fmt="%.17g")
print(f"numpy EAP in process: median {statistics.median(times) * 1e3:.2f} ms")
