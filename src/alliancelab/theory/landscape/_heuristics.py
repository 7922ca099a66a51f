"""Beyond exact reach: multi-start descent and simulated annealing."""

from __future__ import annotations

import numpy as np

from alliancelab.errors import check_choice, check_range
from alliancelab.theory.landscape._inputs import RULES, TOLERANCE, _tol, canonical, check_inputs, weight_matrix
from alliancelab.theory.landscape._kernels import _multistart
from alliancelab.theory.landscape._result import _finish


def heuristic(sizes, propensity, camps=2, names=None, rule="steepest", n_starts=None, seed=0,
              anneal=False, anneal_sweeps=50, tolerance=TOLERANCE):
    """Multi-start local search: steepest (or ordered) descent from ``n_starts`` uniform random
    configurations; with ``anneal=True`` each start first runs simulated annealing
    (``anneal_sweeps`` x n single-actor Metropolis moves, temperature falling geometrically from
    the typical |dE| to 1/1000 of it) and then descends.

    Without annealing the fraction of starts ending in a minimum is an unbiased estimate of its
    basin share under ``rule``; with annealing it is not a basin share (say so when reporting).
    """
    s, p, names = check_inputs(sizes, propensity, names)
    check_choice("rule", rule, RULES)
    k = int(camps)
    n = s.size
    check_range("camps", k, 2, n)
    if n_starts is None:
        n_starts = 2000 if n <= 100 else max(64, int(200_000 // n))
    check_range("n_starts", n_starts, 1, None)
    rng = np.random.default_rng(seed)
    starts = rng.integers(0, k, size=(int(n_starts), n)).astype(np.int64)
    w = weight_matrix(s, p)
    tol = _tol(w, tolerance)
    seeds = rng.integers(1, 2**63 - 1, size=int(n_starts), dtype=np.int64).astype(np.uint64)
    typical = float(np.abs(w).sum(axis=1).mean()) or 1.0
    ends, _ = _multistart(w, k, starts, tol, 0 if rule == "steepest" else 1,
                          int(anneal_sweeps) if anneal else 0, 2.0 * typical, 2e-3 * typical, seeds)
    canon = np.array([canonical(e) for e in ends])
    uniq, counts = np.unique(canon, axis=0, return_counts=True)
    notes = [f"heuristic: {n_starts} random starts, seed {seed}"
             + (", simulated annealing before descent (shares are not basin shares)" if anneal else
                ", basin shares estimated by the fraction of starts ending in each minimum")]
    return _finish(names, s, p, w, k, rule, "heuristic", int(n_starts), uniq, counts, notes=notes)
