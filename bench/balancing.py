"""Benchmark: classify every ATOP 4.01 alignment decision (vectorised) against the per-decision loop.

The timed fast path is the whole ``classify``: the threat rule and the seven-way alignment step;
the reference is two per-decision loops (``reference_classify`` for the rule,
``reference_alignment`` for the alignment step); labels, targets, alignments and their threats are
compared.

Both paths read the same cached threat and alliance cubes (built once, timed separately), so the
figures compare the rule itself. Run: .venv/bin/python bench/balancing.py
"""

import time

import numpy as np

from alliancelab.theory.empirical import balancing
from alliancelab.theory.empirical.balancing._reference import reference_alignment


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
    slow_alignment = reference_alignment(fast)
    slow_s = time.perf_counter() - start
    agree_label = float(np.mean(fast["label"].to_numpy() == slow["label"].to_numpy()))
    agree_target = float(np.mean(fast["target"].fillna(-1).to_numpy() == slow["target"].to_numpy()))
    agree_alignment = float(np.mean(fast["alignment"].to_numpy() == slow_alignment["alignment"].to_numpy()))
    agree_threat = float(np.mean(fast["alignment_threat"].fillna(-1).to_numpy() == slow_alignment["threat"].to_numpy()))
    if min(agree_label, agree_target, agree_alignment, agree_threat) < 1:
        raise SystemExit(
            f"paths disagree: labels {agree_label:.4f}, targets {agree_target:.4f}, "
            f"alignments {agree_alignment:.4f}, alignment threats {agree_threat:.4f}"
        )
    print(f"cold start (threat, ally and hostility cubes + first classification): {build:.2f} s")
    print(f"labels: {fast['label'].value_counts().to_dict()}; agreement with reference 100%")
    print(f"alignments: {fast['alignment'].value_counts().to_dict()}; agreement with reference 100%")
    print(
        f"bench balancing: {fast_s:.2f} s for {len(table):,} decisions with alignments "
        f"({slow_s / fast_s:.1f}x vs reference per-decision loops, {slow_s:.2f} s)"
    )


if __name__ == "__main__":
    main()
