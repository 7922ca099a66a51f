"""``landscape``: the one entry point that picks the search."""

from __future__ import annotations

import numpy as np

from alliancelab.errors import check_choice
from alliancelab.theory.landscape._enumeration import exact_many_camps, exact_two_camps
from alliancelab.theory.landscape._heuristics import heuristic
from alliancelab.theory.landscape._inputs import AUTO_EXACT_N, MAX_EXACT_MANY_CAMPS, METHODS


def landscape(sizes, propensity, camps=2, names=None, method="auto", rule="steepest", **options):
    """Every local minimum of the energy landscape (exact when feasible, else the heuristic).

    ``method="auto"`` searches exactly for two camps up to ``AUTO_EXACT_N`` actors and for k camps
    when k^(n-1) <= ``MAX_EXACT_MANY_CAMPS``, and uses the multi-start heuristic above that.
    Options go to ``exact_two_camps`` / ``exact_many_camps`` / ``heuristic``.
    """
    check_choice("method", method, METHODS)
    n = np.asarray(sizes).size
    k = int(camps)
    if method == "auto":
        if k == 2:
            method = "exact" if n <= AUTO_EXACT_N else "heuristic"
        else:
            method = "exact" if k ** (n - 1) <= MAX_EXACT_MANY_CAMPS else "heuristic"
    if method == "heuristic":
        allowed = {"n_starts", "seed", "anneal", "anneal_sweeps", "tolerance"}
        return heuristic(sizes, propensity, camps=k, names=names, rule=rule,
                         **{a: v for a, v in options.items() if a in allowed})
    if k == 2:
        allowed = {"keep_energies", "tolerance", "progress"}
        return exact_two_camps(sizes, propensity, names=names, rule=rule,
                               **{a: v for a, v in options.items() if a in allowed})
    allowed = {"tolerance"}
    return exact_many_camps(sizes, propensity, k, names=names, rule=rule,
                            **{a: v for a, v in options.items() if a in allowed})
