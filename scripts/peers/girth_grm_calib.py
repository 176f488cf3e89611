"""GRM calibration of the shared Likert file by girth (PyPI), as a user
would run it: girth.grm_mml on all 60 items (values 1-5), default options
(41 Gauss-Legendre points on [-4.5, 4.5], at most 25 cycles). Reads
likert_16000x60.csv in the working folder; writes wp_out_girth_grm.csv."""
import numpy as np, pandas as pd, girth
Y = pd.read_csv("likert_16000x60.csv")
r = girth.grm_mml(Y.iloc[:, 1:].to_numpy().T)
b = np.asarray(r["Difficulty"])
out = pd.DataFrame({"a": r["Discrimination"]})
for k in range(b.shape[1]):
    out[f"b{k + 1}"] = b[:, k]
out.to_csv("wp_out_girth_grm.csv", index=False)
