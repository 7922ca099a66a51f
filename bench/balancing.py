"""Benchmark: classify every ATOP 4.01 alignment decision (vectorised) against the per-decision loop.

The timed fast path is the whole ``classify``: the threat rule and the seven-way alignment step;
the reference loop implements the threat rule (labels and targets are compared).

Both paths read the same cached threat and alliance cubes (built once, timed separately), so the
figures compare the rule itself. Run: .venv/bin/python bench/balancing.py
"""

import time

import numpy as np

from alliancelab.theory import balancing


def main():
    start = time.perf_counter()
    table = balancing.decisions()
    balancing.classify(table)  # builds and caches the cubes
    build = time.perf_counter() - start
    start = time.perf_counter()
    fast = balancing.classify(table)
    fast_s = time.perf_counter() - start
    start = time.perf_counter()
    slow = balancing.reference_classify(table)
    slow_s = time.perf_counter() - start
    agree_label = float(np.mean(fast["label"].to_numpy() == slow["label"].to_numpy()))
    agree_target = float(np.mean(fast["target"].fillna(-1).to_numpy() == slow["target"].to_numpy()))
    if agree_label < 1 or agree_target < 1:
        raise SystemExit(f"paths disagree: labels {agree_label:.4f}, targets {agree_target:.4f}")
    print(f"cold start (threat, ally and hostility cubes + first classification): {build:.2f} s")
    print(f"labels: {fast['label'].value_counts().to_dict()}; agreement with reference 100%")
    print(f"alignments: {fast['alignment'].value_counts().to_dict()}")
    print(
        f"bench balancing: {fast_s:.2f} s for {len(table):,} decisions with alignments "
        f"({slow_s / fast_s:.1f}x vs reference per-decision loop, {slow_s:.2f} s)"
    )


if __name__ == "__main__":
    main()
