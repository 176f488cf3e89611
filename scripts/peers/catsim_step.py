"""One adaptive step (estimate + select) with catsim, on a 500-item 2PL bank,
timed in process: the Python CAT package users know, for the side-by-side
run in scripts/bench-irt.

The bank: catsim's own generator (`ItemBank.generate_item_bank(500, "2PL",
seed=2026)`, catsim 0.21),
a session after 10 answers (alternately wrong and right); the step is
`NumericalSearchEstimator.estimate` then `MaxInfoSelector.select`, as in
catsim's simulation loop. Prints the median of 200 steps in microseconds.
"""
import statistics
import time

from catsim.estimation import NumericalSearchEstimator
from catsim.item_bank import ItemBank
from catsim.selection import MaxInfoSelector

bank = ItemBank.generate_item_bank(500, "2PL", seed=2026)
est = NumericalSearchEstimator()
sel = MaxInfoSelector()
administered = list(range(0, 500, 50))
responses = [bool(i % 2) for i in range(10)]
theta = 0.0
times = []
for _ in range(200):
    t = time.perf_counter()
    theta = est.estimate(item_bank=bank, administered_items=administered, response_vector=responses, est_theta=theta)
    nxt = sel.select(item_bank=bank, administered_items=administered, est_theta=theta)
    times.append(time.perf_counter() - t)
print(f"catsim step (estimate + select, 500 items): median {statistics.median(times) * 1e6:.1f} µs; theta {theta:.4f}, next {nxt}")
